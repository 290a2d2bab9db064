/** The JPA domain's records, as services and resolvers see them (no DynamoDB keys). */

export const jpaStatuses = ['PLANNED', 'ACTIVE', 'CONCLUDED'] as const;
export type JpaStatus = (typeof jpaStatuses)[number];

export interface Conference {
  readonly city: string;
  readonly country: string;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly theme: string | null;
  readonly recommendations: readonly string[];
}

/** A Joint Period of Action: a period in which member countries run coordinated operations. */
export interface Jpa {
  readonly number: number;
  readonly title: string;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly status: JpaStatus;
  /** Participating member countries, in the order they joined. */
  readonly participants: readonly string[];
  readonly conference: Conference | null;
  readonly revision: number;
}

export interface Outcomes {
  readonly arrests: number;
  readonly prosecutions: number;
  readonly victimsIdentified: number;
  readonly networksDisrupted: number;
}

/** The sums over all of a JPA's operations, whoever may read them. */
export interface OutcomeTotals extends Outcomes {
  readonly operations: number;
}

export const noOutcomes: Outcomes = { arrests: 0, prosecutions: 0, victimsIdentified: 0, networksDisrupted: 0 };
