import {
  ExecuteStatementCommand,
  GetCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { auditEventItem, type AuditEvent } from '../shared/audit-events.ts';
import { transactWrite, writeOnce, type TransactItem } from '../shared/dynamo.ts';
import type { ItemLoader } from '../shared/item-loader.ts';
import type { TransactionGuard } from '../shared/transaction-guard.ts';
import {
  audienceKey,
  countryAudience,
  everyone,
  idempotencyKey,
  initialisedKey,
  listKey,
  operationKey,
  visibility,
} from './operation.keys.ts';
import type { Operation, OperationFilter, Page } from './operation.types.ts';

/*
 * Access patterns of the operations table (keys in operation.keys.ts):
 *
 * | pattern                                          | key / index                                      | call               |
 * | ------------------------------------------------ | ------------------------------------------------ | ------------------ |
 * | operation by id (many per request)               | pk=OP#<id>, sk=OP                                | BatchGetItem       |
 * | visible to an audience, newest first             | visibleOperations: visAll=<aud>                  | Query              |
 * | … in one JPA                                     | visibleOperationsInJpa: visJpa=<aud>#J#<n>       | Query              |
 * | … with a status                                  | visibleOperationsByStatus: <aud>#S#<s>           | Query              |
 * | … in one JPA with a status                       | visibleOperationsInJpaByStatus: <aud>#J#<n>#S#<s> | Query              |
 * | first pages of several JPAs at once              | visibleOperationsInJpa, visJpa IN [...]          | ExecuteStatement   |
 * | create / update / record outcomes                | operation + audience items + JPA guard + totals + audit | TransactWriteItems |
 *
 * Visibility is a key: an operation has one audience item per audience that may read it, `ALL`
 * for handling MEMBERS, `C#<country>` per participant for handling PARTICIPANTS. Each carries a
 * full copy of the operation (so a list is one Query) and the partition keys of the four
 * indexes. A change of participants, handling or status rewrites them in the same transaction.
 * The country filter is a FilterExpression within a visible partition: it narrows what the
 * caller may already see and never decides visibility.
 *
 * Idempotency records live in their own table: pk=IDEM#<sub>#<key>, expiring after 48 hours.
 */

type Item = Record<string, unknown>;

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

/** The audiences of an operation, by its handling. */
export function audiencesOf(operation: Pick<Operation, 'handling' | 'participants'>): string[] {
  return operation.handling === 'MEMBERS' ? [everyone] : operation.participants.map(countryAudience);
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
   * A page of the operations these audiences may read, after `after` (a list key), merged in
   * list order: one Query per audience partition (a caller has at most two).
   */
  async listVisible(audiences: readonly string[], filter: OperationFilter, after: string | null, limit: number): Promise<Page<Operation>> {
    const pages = await Promise.all(audiences.map((audience) => this.queryAudience(audience, filter, after, limit + 1)));
    const merged = pages.flat().sort((a, b) => (String(a.listKey) < String(b.listKey) ? -1 : 1));
    return {
      items: merged.slice(0, limit).map((item) => ({ node: toOperation(item), position: item.listKey as string })),
      hasNextPage: merged.length > limit,
    };
  }

  /**
   * The first page of several JPAs for the same audiences in one call: a PartiQL SELECT whose
   * WHERE names the index partitions (a Query, never a Scan). It reads every visible operation of
   * those JPAs, which keeps a level of a query at one call for the JPAs a page of `jpas` shows.
   */
  async firstPagesInJpas(audiences: readonly string[], jpaNumbers: readonly number[], limit: number): Promise<Map<number, Page<Operation>>> {
    const partitions = jpaNumbers.flatMap((jpa) => audiences.map((audience) => visibility.jpa(audience, jpa)));
    const items: Item[] = [];
    for (let start = 0; start < partitions.length; start += 50) {
      const chunk = partitions.slice(start, start + 50);
      let nextToken: string | undefined;
      do {
        const output = await this.client.send(
          new ExecuteStatementCommand({
            Statement: `SELECT * FROM "${this.tables.operations}"."visibleOperationsInJpa" WHERE "visJpa" IN [${chunk.map(() => '?').join(', ')}]`,
            Parameters: chunk,
            NextToken: nextToken,
          }),
        );
        items.push(...(output.Items ?? []));
        nextToken = output.NextToken;
      } while (nextToken);
    }
    items.sort((a, b) => (String(a.listKey) < String(b.listKey) ? -1 : 1));
    return new Map(
      jpaNumbers.map((jpa) => {
        const ofJpa = items.filter((item) => item.jpaNumber === jpa);
        return [
          jpa,
          {
            items: ofJpa.slice(0, limit).map((item) => ({ node: toOperation(item), position: item.listKey as string })),
            hasNextPage: ofJpa.length > limit,
          },
        ];
      }),
    );
  }

  async idempotencyRecord(subject: string, key: string): Promise<IdempotencyRecord | null> {
    const output = await this.client.send(
      new GetCommand({ TableName: this.tables.idempotency, Key: idempotencyKey(subject, key), ConsistentRead: true }),
    );
    return output.Item ? (output.Item as unknown as IdempotencyRecord) : null;
  }

  /**
   * Writes a new operation, its audience items, the JPA's guard and totals, the idempotency
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
      ...audiencesOf(operation).map((audience) => this.putAudience(operation, audience)),
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
   * Replaces an operation whose stored revision is `previous.revision`, moving its audience
   * items with it: removed audiences lose theirs, the others are rewritten with the new copy.
   */
  replaceOperation(operation: Operation, previous: Operation, guards: readonly TransactionGuard[], event: AuditEvent): Promise<void> {
    const now = new Set(audiencesOf(operation));
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.tables.operations,
          Item: operationItem(operation),
          ConditionExpression: 'revision = :expected',
          ExpressionAttributeValues: { ':expected': previous.revision },
        },
      },
      ...[...now].map((audience) => this.putAudience(operation, audience)),
      ...audiencesOf(previous)
        .filter((audience) => !now.has(audience))
        .map((audience): TransactItem => ({ Delete: { TableName: this.tables.operations, Key: audienceKey(operation.id, audience) } })),
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

  private putAudience(operation: Operation, audience: string): TransactItem {
    return { Put: { TableName: this.tables.operations, Item: audienceItem(operation, audience) } };
  }

  /** Up to `wanted` items of one audience's partition after `after`, applying the country filter. */
  private async queryAudience(audience: string, filter: OperationFilter, after: string | null, wanted: number): Promise<Item[]> {
    const [indexName, partitionKey, partition] = indexFor(audience, filter);
    const values: Record<string, unknown> = { ':p': partition };
    if (after) values[':after'] = after;
    if (filter.country) values[':country'] = filter.country;
    const input: QueryCommandInput = {
      TableName: this.tables.operations,
      IndexName: indexName,
      KeyConditionExpression: after ? '#p = :p AND listKey > :after' : '#p = :p',
      ExpressionAttributeNames: { '#p': partitionKey },
      ExpressionAttributeValues: values,
      ...(filter.country ? { FilterExpression: 'contains(participants, :country)' } : {}),
      Limit: wanted,
    };
    const items: Item[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const output = await this.client.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
      items.push(...(output.Items ?? []));
      startKey = output.LastEvaluatedKey;
    } while (startKey && items.length < wanted);
    return items.slice(0, wanted);
  }
}

function indexFor(audience: string, { jpaNumber, status }: OperationFilter): [string, string, string] {
  if (jpaNumber !== undefined && status) {
    return ['visibleOperationsInJpaByStatus', 'visJpaStatus', visibility.jpaStatus(audience, jpaNumber, status)];
  }
  if (jpaNumber !== undefined) return ['visibleOperationsInJpa', 'visJpa', visibility.jpa(audience, jpaNumber)];
  if (status) return ['visibleOperationsByStatus', 'visStatus', visibility.status(audience, status)];
  return ['visibleOperations', 'visAll', visibility.all(audience)];
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

function audienceItem(operation: Operation, audience: string): Item {
  const { jpaNumber, status } = operation;
  return {
    ...audienceKey(operation.id, audience),
    ...operationFields(operation),
    visAll: visibility.all(audience),
    visJpa: visibility.jpa(audience, jpaNumber),
    visStatus: visibility.status(audience, status),
    visJpaStatus: visibility.jpaStatus(audience, jpaNumber, status),
    listKey: listKey(operation.startsOn, operation.id),
  };
}

/**
 * Every item an operation is stored as: itself and one per audience. For loading many at once
 * outside the API (the benchmark's 20,000 operations); the API writes them in transactions.
 */
export function operationItems(operation: Operation): Item[] {
  return [operationItem(operation), ...audiencesOf(operation).map((audience) => audienceItem(operation, audience))];
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
