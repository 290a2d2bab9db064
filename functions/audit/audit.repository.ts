import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { partitionQuery, queryUpTo } from '../shared/data/dynamo.ts';
import { tables } from '../shared/data/tables.ts';
import type { AuditEvent, ChainHead } from '../shared/domain/audit-events.ts';
import { firstPage, type Page } from '../shared/runtime/cursors.ts';
import { allEventsStream, chainHeadKey, chainPrefix, viewPartition } from './audit.keys.ts';
import { auditEventCodec, chainEventCodec, chainHeadCodec, type StoredEvent } from './audit.items.ts';

/*
 * Access patterns of the audit table (keys in audit.keys.ts; written by every domain through
 * auditItems in audit.items.ts, in the transaction of the change; this repository only reads):
 *
 * | pattern                                    | key / index                                                  | call    | reads at most             |
 * | ------------------------------------------ | ------------------------------------------------------------ | ------- | ------------------------- |
 * | an entity's chain head, before a change    | pk=CHAINS, sk=<entity>                                       | GetItem | 1                         |
 * | events of an entity one audience may read  | pk=VIEW#<audience>#<entity>, sk=<sequence> descending         | Query   | first + 1 per audience    |
 * | all events everyone may read, newest first | eventsByTime: streamKey=ALL, timeKey=<at>#<id> descending     | Query   | first + 1 (≤ 101)         |
 * | an event by id, with its audience (node)   | eventsById: id=<id>, pk begins_with CHAIN#                   | Query   | 1                         |
 *
 * Chains (`CHAIN#<entity>`) are written for `verify-audit` and the archive; requests read only
 * single chain events, by id, for the audience they carry.
 * A page starts strictly after a position (the sort key of the last event of the previous page).
 * Each page is one Query per audience with `Limit: first + 1` (`first` is 1–100, checked by the
 * service), the extra event telling whether there is a next page. An event is at most about
 * 9 KB (a 2,000-character summary at 4 bytes a character, two hashes, short keys and names), so
 * 101 fit in DynamoDB's 1 MB page and one call answers, with the extra event when there is one.
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

  /** Where an entity's chain ends now, or null before its first event. Consistent: the next event chains onto it. */
  async head(entity: string): Promise<ChainHead | null> {
    const output = await this.client.send(
      new GetCommand({ TableName: this.table, Key: chainHeadKey(entity), ConsistentRead: true }),
    );
    return output.Item ? chainHeadCodec.decode(output.Item) : null;
  }

  /**
   * The events of an entity that any of `audiences` may read, newest first (by sequence). An event
   * has one view per audience it was written for, and a reader's audiences never share an event
   * (an event is either for everyone or for participating countries), so the merge has no duplicate.
   */
  async entityEvents(
    entity: string,
    audiences: readonly string[],
    after: string | null,
    limit: number,
  ): Promise<Page<AuditEvent>> {
    const reads = await Promise.all(
      audiences.map((audience) =>
        queryUpTo(
          this.client,
          partitionQuery({
            table: this.table,
            keys: audit,
            partition: viewPartition(audience, entity),
            after,
            descending: true,
            consistentRead: true,
          }),
          limit + 1,
        ),
      ),
    );
    const items = reads.flat().sort((a, b) => String(b[audit.sortKey]).localeCompare(String(a[audit.sortKey])));
    return firstPage(items, limit, (item) => ({
      node: auditEventCodec.decode(item),
      position: String(item[audit.sortKey]),
    }));
  }

  /**
   * The event with this id as its chain stores it, with the audiences it was written for; null if
   * there is none. Eventually consistent, as every index: an event written a moment ago may answer
   * null for that moment.
   */
  async eventById(id: string): Promise<StoredEvent | null> {
    const [item] = await queryUpTo(
      this.client,
      partitionQuery({ table: this.table, keys: audit.indexes.eventsById, partition: id, beginsWith: chainPrefix }),
      1,
    );
    return item ? chainEventCodec.decode(item) : null;
  }

  /** Events everyone who may read their entity may read, of every entity, newest first. */
  async allEvents(after: string | null, limit: number): Promise<Page<AuditEvent>> {
    const { eventsByTime } = audit.indexes;
    const items = await queryUpTo(
      this.client,
      partitionQuery({ table: this.table, keys: eventsByTime, partition: allEventsStream, after, descending: true }),
      limit + 1,
    );
    return firstPage(items, limit, (item) => ({
      node: auditEventCodec.decode(item),
      position: String(item[eventsByTime.sortKey]),
    }));
  }
}
