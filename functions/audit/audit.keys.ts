/**
 * Keys of the audit table, built here and nowhere else: per entity (`ENTITY#member/VN`), sorted
 * by time then id, and the same sort key on the `eventsByTime` index over all entities. The write
 * volume is a few secretariat and co-chair mutations a day, so one stream partition is far from hot.
 */

import type { ItemKey } from '../shared/data/dynamo.ts';

/** The one stream every event also belongs to, for "all events, newest first". */
export const allEventsStream = 'ALL';

export const entityPartition = (entity: string): string => `ENTITY#${entity}`;

export const eventKey = (event: { readonly entity: string; readonly at: string; readonly id: string }): ItemKey => ({
  pk: entityPartition(event.entity),
  sk: `${event.at}#${event.id}`,
});
