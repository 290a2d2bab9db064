/** How the work table holds the work plan (keys in workplan.keys.ts). */

import * as v from 'valibot';
import { itemCodec, listOf, orNull, type Item, type ItemCodec } from '../shared/data/item-codec.ts';
import { tables } from '../shared/data/tables.ts';
import { workPlanItemKey, workPlanList, workPlanOrder, workPlanStatusList } from './workplan.keys.ts';
import { workPlanStatuses, type WorkPlanItem } from './workplan.types.ts';

const { workByList, workByStatus } = tables.work.indexes;

export const workPlanItemCodec: ItemCodec<WorkPlanItem> = itemCodec({
  number: v.number(),
  title: v.string(),
  description: orNull(v.string()),
  owners: listOf(v.string()),
  dueOn: v.string(),
  status: v.picklist(workPlanStatuses),
  recommendationNumbers: listOf(v.number()),
  revision: v.number(),
  createdAt: v.string(),
  updatedAt: v.string(),
});

/** The last number given out; none before the first item. */
export const counterCodec = itemCodec({ lastNumber: v.optional(v.number(), 0) });

/** In the work plan, and in its status's list, both by due date then number: a change of either moves it. */
export function workPlanItem(item: WorkPlanItem): Item {
  return {
    ...workPlanItemKey(item.number),
    [workByList.partitionKey]: workPlanList,
    [workByStatus.partitionKey]: workPlanStatusList(item.status),
    [workByList.sortKey]: workPlanOrder(item.dueOn, item.number),
    ...workPlanItemCodec.fields(item),
  };
}
