import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { transactItem, writeOnce, type TransactItem } from '../shared/data/dynamo.ts';
import { counterCodec, workPlanItem } from './workplan.items.ts';
import { workPlanCounterKey, workPlanInitialisedKey } from './workplan.keys.ts';
import type { WorkPlanItem } from './workplan.types.ts';

/**
 * Writes work-plan items once (sample data), with the counter; false when they were already
 * written. Never a request's work, so apart from the repository and out of the bundle.
 */
export function seedWorkPlan(
  client: DynamoDBDocumentClient,
  table: string,
  at: string,
  items: readonly WorkPlanItem[],
  /** The audit trail of this starting state (audit.seed.ts), written in the same transaction. */
  trail: readonly TransactItem[] = [],
): Promise<boolean> {
  const puts = [
    { ...workPlanCounterKey, ...counterCodec.fields({ lastNumber: Math.max(0, ...items.map((item) => item.number)) }) },
    ...items.map(workPlanItem),
  ].map((Item) => transactItem({ Put: { TableName: table, Item } }));
  return writeOnce(client, table, workPlanInitialisedKey, at, [...puts, ...trail]);
}
