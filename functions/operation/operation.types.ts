import type { Outcomes } from '../jpa/jpa.types.ts';

/** The operations domain's records, as services and resolvers see them (no DynamoDB keys). */

export const crimeTypes = ['PEOPLE_SMUGGLING', 'TRAFFICKING_IN_PERSONS'] as const;
export type CrimeType = (typeof crimeTypes)[number];
export const operationStatuses = ['PLANNED', 'ACTIVE', 'CLOSED'] as const;
export type OperationStatus = (typeof operationStatuses)[number];
/** Who may read an operation: its participating countries' officials, or every official and the secretariat. */
export const handlings = ['PARTICIPANTS', 'MEMBERS'] as const;
export type Handling = (typeof handlings)[number];

export interface Operation {
  readonly id: string;
  readonly jpaNumber: number;
  readonly codeName: string;
  /** The country that created it; always a participant. */
  readonly lead: string;
  readonly participants: readonly string[];
  readonly crimeTypes: readonly CrimeType[];
  readonly status: OperationStatus;
  readonly startsOn: string;
  readonly endsOn: string | null;
  readonly summary: string | null;
  readonly handling: Handling;
  readonly outcomes: Outcomes;
  readonly revision: number;
}

/** A createOperation remembered under its idempotency key. */
export interface IdempotencyRecord {
  readonly subject: string;
  readonly key: string;
  readonly inputHash: string;
  readonly operationId: string;
  /** Epoch seconds; DynamoDB's TTL removes the record some time after. */
  readonly expiresAt: number;
}

/** The arguments that narrow a list of operations. */
export interface OperationFilter {
  readonly jpaNumber?: number;
  readonly country?: string;
  readonly status?: OperationStatus;
}
