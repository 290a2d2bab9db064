/**
 * Keys of the work plan in the work table, built here and nowhere else.
 *
 * | item           | pk          | sk      | index attributes                                                         |
 * | -------------- | ----------- | ------- | ------------------------------------------------------------------------ |
 * | work-plan item | WP#<000002> | WP      | listKey=WP, statusKey=WP#<status>, listOrder=<dueOn>#<000002>             |
 * | the last number| WP          | COUNTER | none                                                                     |
 * | sample written | WP          | INITIALISED | none                                                                 |
 *
 * `workPlan(status)` is one Query, by due date then number: `workByList` for `WP`,
 * `workByStatus` for `WP#<status>`. A changed `dueOn` or `status` changes the index attributes
 * of the same item.
 */

import type { ItemKey } from '../shared/data/dynamo.ts';
import { padNumber } from '../shared/data/work-keys.ts';

export const workPlanList = 'WP';
export const workPlanItemKey = (number: number): ItemKey => ({ pk: `WP#${padNumber(number)}`, sk: 'WP' });
export const workPlanCounterKey: ItemKey = { pk: 'WP', sk: 'COUNTER' };
/** Marks the sample data written (workplan.seed.ts), so that it is written once. */
export const workPlanInitialisedKey: ItemKey = { pk: 'WP', sk: 'INITIALISED' };
export const workPlanStatusList = (status: string): string => `WP#${status}`;
export const workPlanOrder = (dueOn: string, number: number): string => `${dueOn}#${padNumber(number)}`;
