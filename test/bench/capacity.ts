import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { CapturedCall } from '../support/fault-proxy.ts';

/**
 * Read capacity, as DynamoDB counts it, for the calls a request made: what they consumed (as
 * DynamoDB reported it) and the least that reading the items the answer needs would cost.
 */

type Item = Record<string, AttributeValue>;

/** An item's size by DynamoDB's rules: names and values in bytes, numbers by their digits, 3 + 1 per element for lists and maps. */
export function itemBytes(item: Item): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + valueBytes(value), 0);
}

function valueBytes(value: AttributeValue): number {
  if (value.S !== undefined) return Buffer.byteLength(value.S);
  if (value.N !== undefined) return Math.ceil(value.N.replace(/^-|\.|^0+/g, '').length / 2) + 1;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.L !== undefined) return 3 + value.L.reduce((sum, element) => sum + 1 + valueBytes(element), 0);
  if (value.M !== undefined)
    return (
      3 +
      Object.entries(value.M).reduce(
        (sum, [name, element]) => sum + 1 + Buffer.byteLength(name) + valueBytes(element),
        0,
      )
    );
  if (value.SS !== undefined) return value.SS.reduce((sum, element) => sum + Buffer.byteLength(element), 0);
  throw new Error(`no size for ${JSON.stringify(value)}`);
}

const units = (bytes: number, consistent: boolean) => Math.ceil(bytes / 4096) * (consistent ? 1 : 0.5);

interface Consumed {
  readonly CapacityUnits?: number;
}

/** Capacity units the calls consumed, as DynamoDB answered them. */
export function consumedCapacity(calls: readonly CapturedCall[]): number {
  return calls.reduce((sum, call) => {
    const answer = JSON.parse(call.answer || '{}') as { ConsumedCapacity?: Consumed | Consumed[] };
    return sum + [answer.ConsumedCapacity ?? []].flat().reduce((units, part) => units + (part.CapacityUnits ?? 0), 0);
  }, 0);
}

/**
 * The least capacity that reading what the answer needs costs: each Query's items but the one it
 * read past its page to know there is a next (eventually consistent, rounded up once per call, as
 * DynamoDB rounds a Query), each batch item strongly consistent and rounded up on its own. A
 * COUNT (the annual report's figures) returns no items, yet nothing gives the count without
 * reading the items of its range: what it consumed is its least.
 */
export function minimumCapacity(calls: readonly CapturedCall[]): number {
  let total = 0;
  for (const call of calls) {
    const request = JSON.parse(call.body) as { Limit?: number; ConsistentRead?: boolean; Select?: string };
    const answer = JSON.parse(call.answer || '{}') as {
      Items?: Item[];
      LastEvaluatedKey?: Item;
      Responses?: Record<string, Item[]>;
    };
    if (call.operation === 'Query' && request.Select === 'COUNT') {
      total += consumedCapacity([call]);
    } else if (call.operation === 'Query') {
      const items = answer.Items ?? [];
      const lookahead = answer.LastEvaluatedKey && items.length === request.Limit ? 1 : 0;
      const bytes = items.slice(0, items.length - lookahead).reduce((sum, item) => sum + itemBytes(item), 0);
      total += bytes === 0 ? 0 : units(bytes, request.ConsistentRead === true);
    } else if (call.operation === 'BatchGetItem') {
      for (const items of Object.values(answer.Responses ?? {}))
        total += items.reduce((sum, item) => sum + units(itemBytes(item), true), 0);
    }
  }
  return total;
}

/** How many rounds the calls went out in: calls sent before any of them was answered share one. */
export function roundsOf(calls: readonly CapturedCall[]): number {
  return new Set(calls.map((call) => call.round)).size;
}
