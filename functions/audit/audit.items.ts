/** How the audit table's events are stored (keys in audit.keys.ts). */

import * as v from 'valibot';
import { transactItem, type TransactItem } from '../shared/data/dynamo.ts';
import { itemCodec, type ItemCodec } from '../shared/data/item-codec.ts';
import { tables } from '../shared/data/tables.ts';
import type { AuditEvent } from '../shared/domain/audit-events.ts';
import { allEventsStream, eventKey } from './audit.keys.ts';

/** How an audit event is stored: under its entity, and on the stream of all events. */
export const auditEventCodec: ItemCodec<AuditEvent> = itemCodec({
  id: v.string(),
  at: v.string(),
  actor: v.string(),
  // Stored as null when the actor has no country (the stream shows it so); absent reads as null too.
  actorCountry: v.nullish(v.string(), null),
  action: v.string(),
  entity: v.string(),
  summary: v.string(),
});

/**
 * The item every domain's repository adds to the transaction of the change it records, so there
 * is no change without its event and no event without its change.
 */
export function auditEventItem(tableName: string, event: AuditEvent): TransactItem {
  return transactItem({
    Put: {
      TableName: tableName,
      Item: {
        ...eventKey(event),
        [tables.audit.indexes.eventsByTime.partitionKey]: allEventsStream,
        ...auditEventCodec.fields(event),
      },
      // An event is only ever added: never overwrite one.
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  });
}
