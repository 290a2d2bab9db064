/** The recommendations domain's records, as services and resolvers see them (no DynamoDB keys). */

/** In the order a recommendation moves along (DROPPED apart: it leaves the line). */
export const recommendationStatuses = ['OPEN', 'IN_PROGRESS', 'IMPLEMENTED', 'DROPPED'] as const;
export type RecommendationStatus = (typeof recommendationStatuses)[number];

/** A recommendation of the group (made at a conference or meeting), carried out by its owner countries. */
export interface Recommendation {
  readonly number: number;
  readonly text: string;
  /** The member countries that carry it out, 1 to 20, in the order given. */
  readonly owners: readonly string[];
  readonly status: RecommendationStatus;
  readonly dueOn: string | null;
  /** The JPA it was made in, if recorded. */
  readonly jpaNumber: number | null;
  /** The meeting it was made at, if recorded. */
  readonly meetingNumber: number | null;
  /** The UTC day it was added (the annual report counts recommendations made in a year by it). */
  readonly addedOn: string;
  /** The UTC day it became IMPLEMENTED or DROPPED; null while OPEN or IN_PROGRESS. */
  readonly closedOn: string | null;
  readonly revision: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A note on how a recommendation is getting on. Never changed once written. */
export interface ProgressNote {
  readonly id: string;
  readonly at: string;
  /** The writer's `sub`. */
  readonly author: string;
  /** The writer's country claim, if any. */
  readonly country: string | null;
  readonly text: string;
}
