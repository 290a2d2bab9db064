/**
 * Keys of the audit table, built here and nowhere else. Three kinds of item:
 *
 * - chain events, `CHAIN#<entity>` / `<sequence>`: every event of an entity in order, the evidence
 *   that `verify-audit` walks and the archive keeps;
 * - chain heads, `CHAINS` / `<entity>`: each entity's last sequence and hash, moved in the
 *   transaction of every change and conditioned on where it was, so two writers never fork a
 *   chain; the one partition also lists every chain without a Scan;
 * - views, `VIEW#<audience>#<entity>` / `<sequence>`: a copy of the event under each key a reader
 *   may read it by (`*` for everyone who may read the entity, or one participating country of a
 *   need-to-know operation), so that visibility is a key and never a filter. Views of `*` also
 *   carry the `eventsByTime` key over all entities, for the secretariat's whole trail.
 *
 * Every item of an event (its chain event and its views) carries the event's `id`, and
 * `eventsById` (partition `id`, sort `pk`) finds them: the one whose `pk` begins with `CHAIN#` is
 * the chain event, which alone carries the event's `audience` (node ids, functions/node/).
 *
 * The write volume is a few secretariat and co-chair mutations a day, so neither the `CHAINS`
 * partition nor the `ALL` stream is anywhere near hot.
 */

import type { ItemKey } from '../shared/data/dynamo.ts';

/** The audience of a view that everyone who may read its entity reads (secretariat and officials). */
export const everyone = '*';

/** The one stream every view of `*` belongs to, for "all events, newest first". */
export const allEventsStream = 'ALL';

/** Sequences as fixed-width sort keys, so that key order is sequence order (up to 10^10 events). */
export const sequenceKey = (sequence: number): string => String(sequence).padStart(10, '0');

export const sequenceKeyPattern = /^\d{10}$/;

export const chainPrefix = 'CHAIN#';

export const chainPartition = (entity: string): string => `${chainPrefix}${entity}`;

export const chainEventKey = (entity: string, sequence: number): ItemKey => ({
  pk: chainPartition(entity),
  sk: sequenceKey(sequence),
});

export const chainsPartition = 'CHAINS';

export const chainHeadKey = (entity: string): ItemKey => ({ pk: chainsPartition, sk: entity });

export const viewPartition = (audience: string, entity: string): string => `VIEW#${audience}#${entity}`;

export const viewKey = (audience: string, entity: string, sequence: number): ItemKey => ({
  pk: viewPartition(audience, entity),
  sk: sequenceKey(sequence),
});

/** The sort key of `eventsByTime`: time, then id, so that events of one millisecond keep an order. */
export const timeKey = (event: { readonly at: string; readonly id: string }): string => `${event.at}#${event.id}`;

export const timeKeyPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#[0-9a-f-]{36}$/;
