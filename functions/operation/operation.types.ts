import type { Outcomes } from '../jpa/jpa.types.ts';

/** The operations domain's records, as services and resolvers see them (no DynamoDB keys). */

export type CrimeType = 'PEOPLE_SMUGGLING' | 'TRAFFICKING_IN_PERSONS';
export type OperationStatus = 'PLANNED' | 'ACTIVE' | 'CLOSED';
/** Who may read an operation: its participating countries' officials, or every official and the secretariat. */
export type Handling = 'PARTICIPANTS' | 'MEMBERS';

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

/** A page of a list, and whether another follows. */
export interface Page<T> {
  readonly items: readonly { node: T; position: string }[];
  readonly hasNextPage: boolean;
  /** Where the next page starts, when that is past the last item (a page cut short by a bounded read). */
  readonly end?: string;
}

/** The arguments that narrow a list of operations. */
export interface OperationFilter {
  readonly jpaNumber?: number;
  readonly country?: string;
  readonly status?: OperationStatus;
}
