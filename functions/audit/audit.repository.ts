import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { partitionQuery, queryUpTo } from '../shared/data/dynamo.ts';
import { tables } from '../shared/data/tables.ts';
import type { AuditEvent } from '../shared/domain/audit-events.ts';
import { firstPage, type Page } from '../shared/runtime/cursors.ts';
import { allEventsStream, entityPartition } from './audit.keys.ts';
import { auditEventCodec } from './audit.items.ts';

/*
 * Access patterns of the audit table (keys in audit.keys.ts; written by every domain through
 * auditEventItem in audit.items.ts, in the transaction of the change; this repository only reads):
 *
 * | pattern                            | key / index                                         | call  | reads at most       |
 * | ---------------------------------- | --------------------------------------------------- | ----- | ------------------- |
 * | events of one entity, newest first | pk=ENTITY#<entity>, sk=<at>#<id> descending          | Query | first + 1 (≤ 101)   |
 * | all events, newest first           | eventsByTime: streamKey=ALL, sk=<at>#<id> descending | Query | first + 1 (≤ 101)   |
 *
 * A page starts strictly after a position (the sort key of the last event of the previous page).
 * Each page is one Query of one key with `Limit: first + 1` (`first` is 1–100, checked by the
 * service), the extra event telling whether there is a next page. An event is at most about
 * 8.5 KB (a 2,000-character summary at 4 bytes a character, and short keys and names), so 101
 * fit in DynamoDB's 1 MB page and one call answers, with the extra event when there is one.
 */

const { audit } = tables;

/**
 * What the service asks of the audit table: the repository's methods, without its DynamoDB client,
 * so that the rules can be run (and mutation-tested) against an in-memory table in seconds.
 */
export type AuditStore = Pick<AuditRepository, keyof AuditRepository>;

export class AuditRepository {
  private readonly client: DynamoDBDocumentClient;
  private readonly table: string;

  constructor(client: DynamoDBDocumentClient, tableNames: { readonly audit: string }) {
    this.client = client;
    this.table = tableNames.audit;
  }

  async listEvents(entity: string | null, after: string | null, limit: number): Promise<Page<AuditEvent>> {
    const read = entity
      ? { keys: audit, partition: entityPartition(entity), consistentRead: true }
      : { keys: audit.indexes.eventsByTime, partition: allEventsStream };
    const items = await queryUpTo(
      this.client,
      partitionQuery({ table: this.table, ...read, after, descending: true }),
      limit + 1,
    );
    return firstPage(items, limit, (item) => ({
      node: auditEventCodec.decode(item),
      position: String(item[audit.sortKey]),
    }));
  }
}
