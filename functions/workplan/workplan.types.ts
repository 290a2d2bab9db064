/** The work plan's records, as services and resolvers see them (no DynamoDB keys). */

/** In the order an item moves along (CANCELLED apart: it leaves the line). */
export const workPlanStatuses = ['PLANNED', 'UNDERWAY', 'DONE', 'CANCELLED'] as const;
export type WorkPlanStatus = (typeof workPlanStatuses)[number];

/** An item of the group's forward work plan: what is to be done, by whom and when, for which recommendations. */
export interface WorkPlanItem {
  readonly number: number;
  readonly title: string;
  readonly description: string | null;
  /** The member countries that carry it out, 1 to 20, in the order given. */
  readonly owners: readonly string[];
  readonly dueOn: string;
  readonly status: WorkPlanStatus;
  /** The recommendations it carries out, in any status, in the order given. */
  readonly recommendationNumbers: readonly number[];
  readonly revision: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}
