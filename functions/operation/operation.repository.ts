import {
  GetCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { auditEventItem, type AuditEvent } from '../shared/domain/audit-events.ts';
import { queryUpTo, transactWrite, writeOnce, type TransactItem } from '../shared/data/dynamo.ts';
import type { ItemLoader } from '../shared/data/item-loader.ts';
import type { TransactionGuard } from '../shared/data/transaction-guard.ts';
import { idempotencyKey, initialisedKey, listingKey, listKey, operationKey, visibility } from './operation.keys.ts';
import type { Operation, OperationFilter, Page } from './operation.types.ts';
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

type Item = Record<string, unknown>;
/** The filters that are parts of an index key; the country filter is a listing. */
type ListFilter = Omit<OperationFilter, 'country'>;
/** An item of a visibility index: a listing item, which carries its position in the list. */
type ListedItem = Item & { readonly listKey: string };

const listed = (items: Item[] | undefined): ListedItem[] =>
  (items ?? []).filter((item): item is ListedItem => typeof item.listKey === 'string');

export interface OperationTables {
  readonly operations: string;
  readonly idempotency: string;
  readonly audit: string;
}

/** A createOperation remembered under its idempotency key. */
export interface IdempotencyRecord {
  readonly subject: string;
  readonly key: string;
  readonly inputHash: string;
  readonly operationId: string;
  /** Epoch seconds; DynamoDB's TTL removes the record some time after. */
  readonly expiresAt: number;
}

export class OperationRepository {
  private readonly client: DynamoDBDocumentClient;
  private readonly tables: OperationTables;

  constructor(client: DynamoDBDocumentClient, tables: OperationTables) {
    this.client = client;
    this.tables = tables;
  }

  async operation(loader: ItemLoader, id: string): Promise<Operation | null> {
    const item = await loader.load({ table: this.tables.operations, ...operationKey(id) });
    return item ? toOperation(item) : null;
  }

  /**
   * A page of the operations in these listings after `after` (a list key), merged in list order:
   * one Query per listing, each reading at most `limit + 1` items.
   */
  async listVisible(listings: readonly Listing[], filter: ListFilter, after: string | null, limit: number): Promise<Page<Operation>> {
    const reads = await Promise.all(listings.map((listing) => this.queryListing(listing, filter, after, limit + 1)));
    // A filtered read that stopped at its limit has looked no further than `evaluatedTo`: what the
    // other listings hold past that point waits for the next page, or the merge could skip items.
    const cut = reads.flatMap((read) => (read.evaluatedTo ? [read.evaluatedTo] : [])).sort()[0];
    const merged = reads
      .flatMap((read) => read.items)
      .filter((item) => cut === undefined || item.listKey <= cut)
      .sort((a, b) => (a.listKey < b.listKey ? -1 : 1));
    const items = merged.slice(0, limit).map((item) => ({ node: toOperation(item), position: item.listKey }));
    if (merged.length > limit) return { items, hasNextPage: true };
    return cut === undefined ? { items, hasNextPage: false } : { items, hasNextPage: true, end: cut };
  }

  async idempotencyRecord(subject: string, key: string): Promise<IdempotencyRecord | null> {
    const output = await this.client.send(
      new GetCommand({ TableName: this.tables.idempotency, Key: idempotencyKey(subject, key), ConsistentRead: true }),
    );
    return output.Item ? (output.Item as unknown as IdempotencyRecord) : null;
  }

  /**
   * Writes a new operation, its listing items, the JPA's guard and totals, the idempotency
   * record (only if none is live) and the audit event, all or nothing.
   */
  createOperation(
    operation: Operation,
    guards: readonly TransactionGuard[],
    idempotency: IdempotencyRecord | null,
    event: AuditEvent,
    nowSeconds: number,
  ): Promise<void> {
    const items: TransactItem[] = [
      { Put: { TableName: this.tables.operations, Item: operationItem(operation), ConditionExpression: 'attribute_not_exists(pk)' } },
      ...listingsOf(operation).map((listing) => this.putListing(operation, listing)),
      ...guards.map((guard) => guard.condition as TransactItem),
      auditEventItem(this.tables.audit, event),
    ];
    if (idempotency) {
      items.push({
        Put: {
          TableName: this.tables.idempotency,
          Item: { ...idempotencyKey(idempotency.subject, idempotency.key), ...idempotency },
          // A record past its expiry may still be there (TTL deletes lazily): it no longer counts.
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
          ExpressionAttributeValues: { ':now': nowSeconds },
        },
      });
    }
    return transactWrite(this.client, items, 'the JPA changed meanwhile, or this idempotency key was used');
  }

  /**
   * Replaces an operation whose stored revision is `previous.revision`, moving its listing
   * items with it: removed listings lose theirs, the others are rewritten with the new copy.
   */
  replaceOperation(operation: Operation, previous: Operation, guards: readonly TransactionGuard[], event: AuditEvent): Promise<void> {
    const now = new Set(listingsOf(operation));
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.tables.operations,
          Item: operationItem(operation),
          ConditionExpression: 'revision = :expected',
          ExpressionAttributeValues: { ':expected': previous.revision },
        },
      },
      ...[...now].map((listing) => this.putListing(operation, listing)),
      ...listingsOf(previous)
        .filter((listing) => !now.has(listing))
        .map((listing): TransactItem => ({ Delete: { TableName: this.tables.operations, Key: listingKey(operation.id, listing) } })),
      ...guards.map((guard) => guard.condition as TransactItem),
      auditEventItem(this.tables.audit, event),
    ];
    return transactWrite(this.client, items, `operation ${operation.id} changed meanwhile`);
  }

  /** Writes operations once (sample data), with the JPA totals they add up to. */
  async initialise(at: string, operations: readonly Operation[], totals: readonly TransactionGuard[]): Promise<boolean> {
    const items: TransactItem[] = [
      ...operations.flatMap(operationItems).map((Item): TransactItem => ({ Put: { TableName: this.tables.operations, Item } })),
      ...totals.map((guard) => guard.condition as TransactItem),
    ];
    return writeOnce(this.client, this.tables.operations, initialisedKey, at, items);
  }

  private putListing(operation: Operation, listing: string): TransactItem {
    return { Put: { TableName: this.tables.operations, Item: listingItem(operation, listing) } };
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
  ): Promise<{ items: ListedItem[]; evaluatedTo?: string }> {
    const [indexName, partitionKey, partition] = indexFor(listing, filter);
    const values: Record<string, unknown> = { ':p': partition };
    if (after) values[':after'] = after;
    if (participant) values[':country'] = participant;
    const input: QueryCommandInput = {
      TableName: this.tables.operations,
      IndexName: indexName,
      KeyConditionExpression: after ? '#p = :p AND listKey > :after' : '#p = :p',
      ExpressionAttributeNames: { '#p': partitionKey },
      ExpressionAttributeValues: values,
      Limit: wanted,
    };
    if (participant) {
      const output = await this.client.send(new QueryCommand({ ...input, FilterExpression: 'contains(participants, :country)' }));
      const lastKey = output.LastEvaluatedKey?.listKey;
      return { items: listed(output.Items), ...(typeof lastKey === 'string' ? { evaluatedTo: lastKey } : {}) };
    }
    return { items: listed(await queryUpTo(this.client, input, wanted)) };
  }
}

function indexFor(listing: string, { jpaNumber, status }: ListFilter): [string, string, string] {
  if (jpaNumber !== undefined && status) {
    return ['visibleOperationsInJpaByStatus', 'visJpaStatus', visibility.jpaStatus(listing, jpaNumber, status)];
  }
  if (jpaNumber !== undefined) return ['visibleOperationsInJpa', 'visJpa', visibility.jpa(listing, jpaNumber)];
  if (status) return ['visibleOperationsByStatus', 'visStatus', visibility.status(listing, status)];
  return ['visibleOperations', 'visAll', visibility.all(listing)];
}

function operationFields(operation: Operation): Item {
  return {
    id: operation.id,
    jpaNumber: operation.jpaNumber,
    codeName: operation.codeName,
    lead: operation.lead,
    participants: operation.participants,
    crimeTypes: operation.crimeTypes,
    status: operation.status,
    startsOn: operation.startsOn,
    endsOn: operation.endsOn ?? undefined,
    summary: operation.summary ?? undefined,
    handling: operation.handling,
    outcomes: operation.outcomes,
    revision: operation.revision,
  };
}

function operationItem(operation: Operation): Item {
  return { ...operationKey(operation.id), ...operationFields(operation) };
}

function listingItem(operation: Operation, listing: string): Item {
  const { jpaNumber, status } = operation;
  return {
    ...listingKey(operation.id, listing),
    ...operationFields(operation),
    visAll: visibility.all(listing),
    visJpa: visibility.jpa(listing, jpaNumber),
    visStatus: visibility.status(listing, status),
    visJpaStatus: visibility.jpaStatus(listing, jpaNumber, status),
    listKey: listKey(operation.startsOn, operation.id),
  };
}

/**
 * Every item an operation is stored as: itself and one per listing. For loading many at once
 * outside the API (the benchmark's 20,000 operations); the API writes them in transactions.
 */
export function operationItems(operation: Operation): Item[] {
  return [operationItem(operation), ...listingsOf(operation).map((listing) => listingItem(operation, listing))];
}

function toOperation(item: Item): Operation {
  return {
    id: item.id as string,
    jpaNumber: item.jpaNumber as number,
    codeName: item.codeName as string,
    lead: item.lead as string,
    participants: item.participants as string[],
    crimeTypes: item.crimeTypes as Operation['crimeTypes'],
    status: item.status as Operation['status'],
    startsOn: item.startsOn as string,
    endsOn: (item.endsOn as string | undefined) ?? null,
    summary: (item.summary as string | undefined) ?? null,
    handling: item.handling as Operation['handling'],
    outcomes: item.outcomes as Operation['outcomes'],
    revision: item.revision as number,
  };
}
