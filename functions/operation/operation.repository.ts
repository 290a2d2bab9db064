import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { auditItems } from '../audit/audit.items.ts';
import type { ChainedEvent } from '../shared/domain/audit-events.ts';
import { partitionQuery, queryUpTo, transactItem, transactWrite, type TransactItem } from '../shared/data/dynamo.ts';
import type { Item } from '../shared/data/item-codec.ts';
import type { ItemLoader } from '../shared/data/item-loader.ts';
import { tables, type IndexDefinition } from '../shared/data/tables.ts';
import type { TransactionGuard } from '../shared/data/transaction-guard.ts';
import { firstPage, type Page } from '../shared/runtime/cursors.ts';
import { idempotencyCodec, listedCodec, listingItem, operationCodec, operationItem } from './operation.items.ts';
import { idempotencyKey, listingKey, operationKey, visibility } from './operation.keys.ts';
import type { IdempotencyRecord, Operation, OperationFilter } from './operation.types.ts';
import { listingsOf, type Listing } from './operation.visibility.ts';

/*
 * Access patterns of the operations table (keys in operation.keys.ts, listings in
 * operation.visibility.ts). Every list reads at most `first + 1` items from each partition it
 * reads, whatever the data; a caller reads at most two partitions per list.
 *
 * | pattern                                          | key / index                                        | call               | reads at most          |
 * | ------------------------------------------------ | -------------------------------------------------- | ------------------ | ---------------------- |
 * | operation by id (many per request)               | pk=OP#<id>, sk=OP                                  | BatchGetItem       | the ids asked          |
 * | visible to a listing, newest first               | visibleOperations: visAll=<listing>                | Query              | first + 1 per listing  |
 * | … in one JPA (also each JPA of `jpas`, together)  | visibleOperationsInJpa: visJpa=<listing>#J#<n>     | Query per JPA      | first + 1 per listing  |
 * | … with a status                                  | visibleOperationsByStatus: <listing>#S#<s>         | Query              | first + 1 per listing  |
 * | … in one JPA with a status                       | visibleOperationsInJpaByStatus: <listing>#J#<n>#S#<s> | Query           | first + 1 per listing  |
 * | … with a country taking part                     | the same indexes, listing ALL#P#<country> or C#<own> | Query            | first + 1 per listing  |
 * | own PARTICIPANTS operations with another country | the same indexes, listing C#<own>, Limit first + 1, FilterExpression on participants | Query | first + 1: a short page may end early |
 * | create / update / record outcomes                | operation + listing items + JPA guard + totals + audit | TransactWriteItems | –                   |
 *
 * Every write also carries the guards of the caller's power that membership lends: the lead
 * country's member must still be ACTIVE when it commits.
 *
 * Visibility is a key: an operation has one item per listing, each carrying a full copy of the
 * operation (so a list is one Query) and the partition keys of the four indexes. A change of
 * participants, handling or status rewrites them in the same transaction. At 20 participants an
 * operation has at most 21 listing items, so its transactions stay far inside DynamoDB's 100.
 *
 * The one filter: an official's own PARTICIPANTS operations narrowed to another country. Its
 * Query evaluates at most `first + 1` items; when it stops there, the page ends at the last item
 * it evaluated (`hasNextPage` true, the cursor resumes after it), so a page may be shorter than
 * `first` but a request never reads more than it asks.
 *
 * Idempotency records live in their own table: pk=IDEM#<sub>#<key>, expiring after 48 hours.
 */

/** The filters that are parts of an index key; the country filter is a listing. */
type ListFilter = Omit<OperationFilter, 'country'>;

const { indexes } = tables.operations;
/** Every visibility index sorts by the same attribute: an item's position in its listing's lists. */
const position = indexes.visibleOperations.sortKey;

/** A listing item read from a visibility index: the operation, at its position in the list. */
const listed = (item: Item) => {
  const { [position]: at, ...operation } = listedCodec.decode(item);
  return { operation, at };
};
type Listed = ReturnType<typeof listed>;

export interface OperationTables {
  readonly operations: string;
  readonly idempotency: string;
  readonly audit: string;
}

/** What the operations service asks of its table: a type-only seam, so unit tests can keep the table in memory. */
export type OperationStore = Pick<OperationRepository, keyof OperationRepository>;

export class OperationRepository {
  private readonly client: DynamoDBDocumentClient;
  private readonly tables: OperationTables;

  constructor(client: DynamoDBDocumentClient, tableNames: OperationTables) {
    this.client = client;
    this.tables = tableNames;
  }

  async operation(loader: ItemLoader, id: string): Promise<Operation | null> {
    const item = await loader.load({ table: this.tables.operations, ...operationKey(id) });
    return item ? operationCodec.decode(item) : null;
  }

  /**
   * A page of the operations in these listings after `after` (a list key), merged in list order:
   * one Query per listing, each reading at most `limit + 1` items.
   */
  async listVisible(
    listings: readonly Listing[],
    filter: ListFilter,
    after: string | null,
    limit: number,
  ): Promise<Page<Operation>> {
    const reads = await Promise.all(listings.map((listing) => this.queryListing(listing, filter, after, limit + 1)));
    // A filtered read that stopped at its limit has looked no further than `evaluatedTo`: what the
    // other listings hold past that point waits for the next page, or the merge could skip items.
    const cut = reads.flatMap((read) => (read.evaluatedTo ? [read.evaluatedTo] : [])).sort()[0];
    const merged = reads
      .flatMap((read) => read.items)
      .filter((item) => cut === undefined || item.at <= cut)
      .sort((a, b) => (a.at < b.at ? -1 : 1));
    const page = firstPage(merged, limit, (item) => ({ node: item.operation, position: item.at }));
    return page.hasNextPage || cut === undefined ? page : { ...page, hasNextPage: true, end: cut };
  }

  async idempotencyRecord(subject: string, key: string): Promise<IdempotencyRecord | null> {
    const output = await this.client.send(
      new GetCommand({ TableName: this.tables.idempotency, Key: idempotencyKey(subject, key), ConsistentRead: true }),
    );
    return output.Item ? idempotencyCodec.decode(output.Item) : null;
  }

  /**
   * Writes a new operation, its listing items, the JPA's guard and totals, the idempotency
   * record (only if none is live) and the audit event, all or nothing, while the caller's power
   * holds (the guards lent by membership).
   */
  createOperation(
    operation: Operation,
    guards: readonly TransactionGuard[],
    idempotency: IdempotencyRecord | null,
    event: ChainedEvent,
    nowSeconds: number,
  ): Promise<void> {
    const items: (TransactItem | TransactionGuard)[] = [
      transactItem({
        Put: {
          TableName: this.tables.operations,
          Item: operationItem(operation),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      }),
      ...listingsOf(operation).map((listing) => this.putListing(operation, listing)),
      ...guards,
      ...auditItems(this.tables.audit, event),
    ];
    if (idempotency) {
      items.push(
        transactItem({
          Put: {
            TableName: this.tables.idempotency,
            Item: { ...idempotencyKey(idempotency.subject, idempotency.key), ...idempotencyCodec.fields(idempotency) },
            // A record past its expiry may still be there (TTL deletes lazily): it no longer counts.
            ConditionExpression: 'attribute_not_exists(pk) OR #expires < :now',
            ExpressionAttributeNames: { '#expires': tables.idempotency.timeToLiveAttribute },
            ExpressionAttributeValues: { ':now': nowSeconds },
          },
        }),
      );
    }
    return transactWrite(this.client, items, 'the JPA changed meanwhile, or this idempotency key was used');
  }

  /**
   * Replaces an operation whose stored revision is `previous.revision`, moving its listing
   * items with it: removed listings lose theirs, the others are rewritten with the new copy.
   */
  replaceOperation(
    operation: Operation,
    previous: Operation,
    guards: readonly TransactionGuard[],
    event: ChainedEvent,
  ): Promise<void> {
    const now = new Set(listingsOf(operation));
    const items: (TransactItem | TransactionGuard)[] = [
      transactItem({
        Put: {
          TableName: this.tables.operations,
          Item: operationItem(operation),
          ConditionExpression: 'revision = :expected',
          ExpressionAttributeValues: { ':expected': previous.revision },
        },
      }),
      ...[...now].map((listing) => this.putListing(operation, listing)),
      ...listingsOf(previous)
        .filter((listing) => !now.has(listing))
        .map((listing) =>
          transactItem({ Delete: { TableName: this.tables.operations, Key: listingKey(operation.id, listing) } }),
        ),
      ...guards,
      ...auditItems(this.tables.audit, event),
    ];
    return transactWrite(this.client, items, `operation ${operation.id} changed meanwhile`);
  }

  private putListing(operation: Operation, listing: string): TransactItem {
    return transactItem({ Put: { TableName: this.tables.operations, Item: listingItem(operation, listing) } });
  }

  /**
   * Up to `wanted` items of one listing after `after`. A listing with a participant to narrow to
   * evaluates at most `wanted` items and says how far it got when it stopped early.
   */
  private async queryListing(
    { listing, participant }: Listing,
    filter: ListFilter,
    after: string | null,
    wanted: number,
  ): Promise<{ items: Listed[]; evaluatedTo?: string }> {
    const [index, partition] = indexFor(listing, filter);
    const input = {
      ...partitionQuery({ table: this.tables.operations, keys: index, partition, after }),
      Limit: wanted,
    };
    if (participant) {
      const output = await this.client.send(
        new QueryCommand({
          ...input,
          FilterExpression: 'contains(participants, :country)',
          ExpressionAttributeValues: { ...input.ExpressionAttributeValues, ':country': participant },
        }),
      );
      const lastKey = output.LastEvaluatedKey?.[position];
      return {
        items: (output.Items ?? []).map(listed),
        ...(typeof lastKey === 'string' ? { evaluatedTo: lastKey } : {}),
      };
    }
    return { items: (await queryUpTo(this.client, input, wanted)).map(listed) };
  }
}

/** The index that serves a listing with these filters, and its partition. */
function indexFor(listing: string, { jpaNumber, status }: ListFilter): [IndexDefinition, string] {
  if (jpaNumber !== undefined && status)
    return [indexes.visibleOperationsInJpaByStatus, visibility.jpaStatus(listing, jpaNumber, status)];
  if (jpaNumber !== undefined) return [indexes.visibleOperationsInJpa, visibility.jpa(listing, jpaNumber)];
  if (status) return [indexes.visibleOperationsByStatus, visibility.status(listing, status)];
  return [indexes.visibleOperations, visibility.all(listing)];
}
