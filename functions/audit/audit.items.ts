/** How the audit table's items are stored (keys in audit.keys.ts). */

import * as v from 'valibot';
import { transactItem, type TransactItem } from '../shared/data/dynamo.ts';
import { itemCodec, type ItemCodec } from '../shared/data/item-codec.ts';
import { tables } from '../shared/data/tables.ts';
import type { AuditEvent, ChainedEvent, ChainHead } from '../shared/domain/audit-events.ts';
import { allEventsStream, chainEventKey, chainHeadKey, everyone, timeKey, viewKey } from './audit.keys.ts';

const { audit } = tables;

/** An event as stored: in its chain, and in each of its views. */
export const auditEventCodec: ItemCodec<AuditEvent> = itemCodec({
  id: v.string(),
  at: v.string(),
  actor: v.string(),
  // Stored as null when the actor has no country (the stream shows it so); absent reads as null too.
  actorCountry: v.nullish(v.string(), null),
  action: v.string(),
  entity: v.string(),
  summary: v.string(),
  sequence: v.pipe(v.number(), v.integer(), v.minValue(1)),
  previousHash: v.nullish(v.string(), null),
  hash: v.string(),
});

/** An event as its chain stores it: with the audiences it was written for. */
export interface StoredEvent {
  readonly event: AuditEvent;
  readonly audience: readonly string[];
}

const audienceCodec = itemCodec({ audience: v.array(v.string()) });

/** A chain event: the event's fields and its `audience`. */
export const chainEventCodec: ItemCodec<StoredEvent> = {
  decode: (item) => ({ event: auditEventCodec.decode(item), audience: audienceCodec.decode(item).audience }),
  fields: ({ event, audience }) => ({ ...auditEventCodec.fields(event), audience: [...audience] }),
};

export const chainHeadCodec: ItemCodec<ChainHead> = itemCodec({
  entity: v.string(),
  sequence: v.pipe(v.number(), v.integer(), v.minValue(1)),
  hash: v.string(),
});

// An event or a view is only ever added, never overwritten; a head is added once, then only
// moved on from where it was read.
const absent = 'attribute_not_exists(pk)';

/**
 * The items every domain's repository adds to the transaction of the change an event records, so
 * there is no change without its event and no event without its change, in this order (the sample
 * data's seed, audit.seed.ts, relies on it):
 * - the event in its entity's chain, with who may read it (`audience`, for `verify-audit`);
 * - the chain's head moved onto it, conditioned on still being where the event was chained, so of
 *   two writers chained onto the same head only one commits: a chain never forks;
 * - one view per audience, the keys readers list by (audit.keys.ts).
 */
export function auditItems(tableName: string, chained: ChainedEvent): TransactItem[] {
  const { event, audience, head } = chained;
  const fields = auditEventCodec.fields(event);
  const put = (Item: Record<string, unknown>, condition: Partial<TransactPut> = { ConditionExpression: absent }) =>
    transactItem({ Put: { TableName: tableName, Item, ...condition } });
  return [
    put({ ...chainEventKey(event.entity, event.sequence), ...chainEventCodec.fields({ event, audience }) }),
    put(
      {
        ...chainHeadKey(event.entity),
        ...chainHeadCodec.fields({ entity: event.entity, sequence: event.sequence, hash: event.hash }),
      },
      head === null
        ? { ConditionExpression: absent }
        : {
            ConditionExpression: '#sequence = :previous AND #hash = :previousHash',
            ExpressionAttributeNames: { '#sequence': 'sequence', '#hash': 'hash' },
            ExpressionAttributeValues: { ':previous': head.sequence, ':previousHash': head.hash },
          },
    ),
    ...audience.map((reader) =>
      put({
        ...viewKey(reader, event.entity, event.sequence),
        ...fields,
        ...(reader === everyone
          ? {
              [audit.indexes.eventsByTime.partitionKey]: allEventsStream,
              [audit.indexes.eventsByTime.sortKey]: timeKey(event),
            }
          : {}),
      }),
    ),
  ];
}

/** The condition part of a transaction's Put. */
type TransactPut = {
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
};
