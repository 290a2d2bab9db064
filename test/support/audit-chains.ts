import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  allEventsStream,
  chainEventKey,
  chainHeadKey,
  everyone,
  timeKey,
  viewKey,
} from '../../functions/audit/audit.keys.ts';
import type { Item } from '../../functions/shared/data/item-codec.ts';
import { tables } from '../../functions/shared/data/tables.ts';
import { chainOnto, type ChainHead } from '../../functions/shared/domain/audit-events.ts';

/** One chain to write: its entity, and for each event who may read it (`['*']` or countries). */
export interface ChainPlan {
  readonly entity: string;
  readonly audiences: readonly (readonly string[])[];
}

/** An event as written: its chain item's attributes, without the keys. */
export type WrittenEvent = ReturnType<typeof chainOnto> & { readonly audience: readonly string[] };

/**
 * Chains, written straight into the audit table in the layout of functions/audit/audit.keys.ts
 * (events, heads and views, as the API's transactions leave them), for `verify-audit` to walk.
 * Answers each chain's events in sequence order.
 */
export async function writeChains(
  client: DynamoDBDocumentClient,
  table: string,
  plans: readonly ChainPlan[],
): Promise<Map<string, WrittenEvent[]>> {
  const chains = new Map<string, WrittenEvent[]>();
  const items: Item[] = [];
  let clock = Date.parse('2026-06-01T08:00:00.000Z');
  for (const { entity, audiences } of plans) {
    const events: WrittenEvent[] = [];
    let head: ChainHead | null = null;
    for (const [index, audience] of audiences.entries()) {
      clock += 60_000;
      const draft = {
        id: crypto.randomUUID(),
        at: new Date(clock).toISOString(),
        actor: `official-${index}`,
        actorCountry: audience[0] === everyone ? null : (audience[0] ?? null),
        action: index === 0 ? 'create' : 'update',
        entity,
        summary: `change ${index + 1} of ${entity}`,
      };
      const event: WrittenEvent = { ...chainOnto(draft, head), audience: [...audience] };
      events.push(event);
      head = { entity, sequence: event.sequence, hash: event.hash };
      items.push(chainItem(event), ...viewItems(event));
    }
    if (head) items.push(headItem(head));
    chains.set(entity, events);
  }
  await putAll(client, table, items);
  return chains;
}

/** The chain item of an event. */
export function chainItem(event: WrittenEvent): Item {
  return { ...chainEventKey(event.entity, event.sequence), ...event };
}

/** The head item of a chain. */
export function headItem(head: ChainHead): Item {
  return { ...chainHeadKey(head.entity), entity: head.entity, sequence: head.sequence, hash: head.hash };
}

/** The view of an event for one audience: a copy without the audience; views of `*` on the whole trail. */
export function viewItem(event: WrittenEvent, audience: string): Item {
  const { audience: _audience, ...copy } = event;
  return {
    ...viewKey(audience, event.entity, event.sequence),
    ...copy,
    ...(audience === everyone
      ? {
          [tables.audit.indexes.eventsByTime.partitionKey]: allEventsStream,
          [tables.audit.indexes.eventsByTime.sortKey]: timeKey(event),
        }
      : {}),
  };
}

function viewItems(event: WrittenEvent): Item[] {
  return event.audience.map((audience) => viewItem(event, audience));
}

/** Writes items 25 at a time, retrying what DynamoDB leaves unprocessed. */
export async function putAll(client: DynamoDBDocumentClient, table: string, items: readonly Item[]): Promise<void> {
  for (let start = 0; start < items.length; start += 25) {
    let requests = items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
    while (requests.length > 0) {
      const output = await client.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
      requests = (output.UnprocessedItems?.[table] ?? []) as typeof requests;
    }
  }
}
