import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as v from 'valibot';
import { partitionQuery, queryUpTo, transactItem, transactWrite } from '../shared/data/dynamo.ts';
import { itemCodec, orNull } from '../shared/data/item-codec.ts';
import { tables } from '../shared/data/tables.ts';
import { firstPage, type Page } from '../shared/runtime/cursors.ts';
import { readPartition, readSortKey } from './operation.keys.ts';
import type { ReadRecord } from './operation.reads.ts';

/*
 * Access patterns of the reads table (keys in operation.keys.ts; append-only: the function may only Put; the table's
 * resource policy denies every change and removal, and DynamoDB's TTL alone removes a record once
 * `expiresAt` has passed):
 *
 * | pattern                                   | key                                               | call               | reads / writes at most |
 * | ----------------------------------------- | ------------------------------------------------- | ------------------ | ---------------------- |
 * | read records of one operation, newest first | pk=OP#<operationId>, sk=<at>#<requestId> descending | Query              | first + 1 (≤ 101)      |
 * | the records of one response               | one Put per record, attribute_not_exists(pk)      | TransactWriteItems | 100 per call           |
 *
 * `at` is an ISO-8601 instant, so sort keys order by time; the request id after it keeps two
 * requests of one millisecond apart, and a request writes one record per operation, so no two
 * records share a key. A record is about 300 bytes, so 101 fit in a 1 MB page: one call answers.
 */

const { reads } = tables;

/** Past this many records, a response's records go in several transactions (DynamoDB's limit). */
const transactionLimit = 100;

const readRecordCodec = itemCodec({
  operationId: v.string(),
  at: v.string(),
  reader: v.string(),
  readerCountry: orNull(v.string()),
  via: v.string(),
  requestId: v.string(),
  expiresAt: v.number(),
});

/** What the service asks of the reads table, without its client (the unit tests give a double). */
export type ReadStore = Pick<ReadsRepository, keyof ReadsRepository>;

export class ReadsRepository {
  private readonly client: DynamoDBDocumentClient;
  private readonly table: string;

  constructor(client: DynamoDBDocumentClient, tableNames: { readonly reads: string }) {
    this.client = client;
    this.table = tableNames.reads;
  }

  /**
   * Writes a response's read records. TransactWriteItems rather than BatchWriteItem, which the
   * table's append-only policy denies (a batch's puts could overwrite), and rather than a PutItem
   * per record: a page of twenty operations is one call, not twenty, so the write adds one round
   * trip to the response whatever the page's size and takes one slot of the request's calls in
   * flight. Each Put is conditioned on the key being new, so a record is never overwritten; the
   * transaction's ClientRequestToken (transactWrite) makes the SDK's own retry of a call that did
   * land answer success rather than fail that condition. Past 100 records the chunks are sent
   * together: each is all or nothing, and any failure fails the response.
   */
  async write(records: readonly ReadRecord[]): Promise<void> {
    const chunks: ReadRecord[][] = [];
    for (let start = 0; start < records.length; start += transactionLimit)
      chunks.push(records.slice(start, start + transactionLimit));
    await Promise.all(
      chunks.map((chunk) =>
        transactWrite(
          this.client,
          chunk.map((record) =>
            transactItem({
              Put: {
                TableName: this.table,
                Item: {
                  [reads.partitionKey]: readPartition(record.operationId),
                  [reads.sortKey]: readSortKey(record),
                  ...readRecordCodec.fields(record),
                },
                ConditionExpression: 'attribute_not_exists(#pk)',
                ExpressionAttributeNames: { '#pk': reads.partitionKey },
              },
            }),
          ),
          'a read record with this key exists',
        ),
      ),
    );
  }

  /** One page of an operation's read records, newest first, strictly after `after`. */
  async list(operationId: string, after: string | null, limit: number): Promise<Page<ReadRecord>> {
    const items = await queryUpTo(
      this.client,
      partitionQuery({
        table: this.table,
        keys: reads,
        partition: readPartition(operationId),
        after,
        descending: true,
        consistentRead: true,
      }),
      limit + 1,
    );
    return firstPage(items, limit, (item) => ({
      node: readRecordCodec.decode(item),
      position: String(item[reads.sortKey]),
    }));
  }
}
