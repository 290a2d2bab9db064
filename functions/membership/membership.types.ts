/** The membership domain's records, as services and resolvers see them (no DynamoDB keys). */

export const memberStatuses = ['ACTIVE', 'SUSPENDED', 'WITHDRAWN'] as const;
export type MemberStatus = (typeof memberStatuses)[number];

export const agencyKinds = ['POLICE', 'IMMIGRATION', 'BORDER', 'CUSTOMS', 'PROSECUTION', 'OTHER'] as const;
export type AgencyKind = (typeof agencyKinds)[number];

export interface Agency {
  readonly name: string;
  readonly kind: AgencyKind;
}

export interface Contact {
  readonly name: string;
  readonly email: string;
  readonly phone?: string | null;
}

export interface Member {
  readonly country: string;
  readonly name: string;
  readonly status: MemberStatus;
  readonly joinedOn: string;
  readonly agencies: readonly Agency[];
  /** Null for callers who may not read it (observers). */
  readonly focalPoint: Contact | null;
  readonly revision: number;
}

export interface CoChairTerm {
  readonly country: string;
  readonly startsOn: string;
  /** Null while the term is open. */
  readonly endsOn: string | null;
}

/** The open co-chair terms, with the revision every rotation is conditioned on. */
export interface CoChairState {
  readonly open: readonly OpenTerm[];
  readonly revision: number;
}

/** An open term, with the key of its term record so a rotation can close it. */
export interface OpenTerm {
  readonly country: string;
  readonly startsOn: string;
  readonly termId: string;
}

export interface WorkingGroupProfile {
  readonly name: string;
  readonly description: string | null;
  readonly established: number;
  readonly reportsTo: string;
}
