import { DynamoDBClient, type AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  QueryCommand,
  TransactWriteCommand,
  type QueryCommandInput,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError, ForbiddenError } from '../domain/errors.ts';
import { boundedRequests, localEndpoint } from '../runtime/aws-requests.ts';
import type { Item } from './item-codec.ts';
import type { KeySchema } from './tables.ts';
import type { TransactionGuard } from './transaction-guard.ts';

export interface DynamoOptions {
  /** DynamoDB Local or another endpoint; unset on AWS. */
  readonly endpoint?: string;
}

/** A DynamoDB client whose calls are cut off and retried a bounded number of times. */
export function createDynamoClient(options: DynamoOptions = {}): DynamoDBClient {
  return new DynamoDBClient({
    ...boundedRequests(),
    ...(options.endpoint ? localEndpoint(options.endpoint) : {}),
  });
}

/** One Document Client per container; undefined attributes are left out rather than refused. */
export function createDocumentClient(options: DynamoOptions = {}): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(createDynamoClient(options), { marshallOptions: { removeUndefinedValues: true } });
}

type TransactPart = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
declare const built: unique symbol;

/**
 * One part of a TransactWriteItems. Only `transactItem` makes one, and only repositories call it:
 * services hand parts on (a `TransactionGuard`) without seeing or forging what is inside.
 */
export type TransactItem = TransactPart & { readonly [built]: true };

export function transactItem(part: TransactPart): TransactItem {
  return part as TransactItem;
}

/** Why DynamoDB cancelled a transaction, for one of its items. */
interface CancellationReason {
  readonly Code?: string;
  /** The item as it was, when the failed condition asked for it (ALL_OLD), as DynamoDB stores it. */
  readonly Item?: Record<string, AttributeValue>;
}

function reasonsOf(error: unknown): readonly CancellationReason[] {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return [];
  return (error as Error & { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? [];
}

/** The reasons DynamoDB gives for a cancelled transaction, one per item ('None' where fine). */
export function cancellationReasons(error: unknown): string[] {
  return reasonsOf(error).map((reason) => reason.Code ?? 'None');
}

/**
 * The refusal of the first guard of the caller's power whose condition failed, if any: DynamoDB
 * gives one reason per item, in the order of the items.
 */
function lostPower(parts: readonly (TransactItem | TransactionGuard)[], error: unknown): string | undefined {
  const reasons = reasonsOf(error);
  for (const [index, part] of parts.entries()) {
    const refusal = 'condition' in part ? part.refusal : undefined;
    const reason = reasons[index];
    if (!refusal || reason?.Code !== 'ConditionalCheckFailed') continue;
    if (!refusal.lost || refusal.lost(reason.Item)) return refusal.message;
  }
  return undefined;
}

const attempts = 3;
/** Cancellation reasons that mean nothing was written or checked: the same request may be sent again. */
const retryableReasons = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded']);

/**
 * Writes all items or none. Items are the transaction's own parts and the guards other domains
 * lent it. A failed condition means the state moved under the caller: that is a `ConflictError`,
 * with DynamoDB's reasons kept as the cause for the log and out of the answer; unless a guard of
 * the caller's power failed (the caller lost it before the write committed): then it is the
 * guard's `ForbiddenError`, whatever else failed, as the check before the write would have said.
 * A cancellation only because another transaction held an item, or for throttling, wrote nothing
 * and checked nothing, so it is tried again a few times; then another transaction's hold is a
 * lost race (ConflictError) and throttling is unexpected (rethrown).
 * Each attempt carries its own ClientRequestToken, which makes the SDK's own retries of one
 * attempt (after a timeout, say) idempotent. Anything else is unexpected and rethrown.
 */
export async function transactWrite(
  client: DynamoDBDocumentClient,
  items: readonly (TransactItem | TransactionGuard)[],
  conflictMessage: string,
): Promise<void> {
  const parts = items.map((item) => ('condition' in item ? item.condition : item));
  for (let attempt = 1; ; attempt += 1) {
    try {
      await client.send(new TransactWriteCommand({ TransactItems: parts, ClientRequestToken: crypto.randomUUID() }));
      return;
    } catch (error) {
      const refusal = lostPower(items, error);
      if (refusal !== undefined) throw new ForbiddenError(refusal, { cause: error });
      const reasons = cancellationReasons(error).filter((reason) => reason !== 'None');
      if (reasons.includes('ConditionalCheckFailed')) throw new ConflictError(conflictMessage, { cause: error });
      const retryable = reasons.length > 0 && reasons.every((reason) => retryableReasons.has(reason));
      if (!retryable) throw error;
      if (attempt === attempts) {
        if (reasons.every((reason) => reason === 'TransactionConflict'))
          throw new ConflictError(conflictMessage, { cause: error });
        throw error;
      }
      await delay(20 * 2 ** attempt + Math.random() * 40);
    }
  }
}

/** The key of an item: every table has a string partition key `pk` and sort key `sk`. */
export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

/** One partition of a table, or of one of its indexes, read in key order. */
export interface PartitionRead {
  readonly table: string;
  /** The table's own keys, or an index (which carries its name). */
  readonly keys: KeySchema & { readonly name?: string };
  readonly partition: string;
  /** Only sort keys that begin with this. */
  readonly beginsWith?: string;
  /** Only sort keys strictly past this one, in the order read. */
  readonly after?: string | null;
  /** Newest (largest sort key) first. */
  readonly descending?: boolean;
  /** Strongly consistent: only a table's own keys can be read so. */
  readonly consistentRead?: boolean;
}

/** The Query of a partition, its key attributes named from the table's definition. */
export function partitionQuery(read: PartitionRead): QueryCommandInput {
  const { keys, beginsWith, after, descending } = read;
  const sortCondition =
    beginsWith !== undefined ? 'begins_with(#s, :s)' : after ? `#s ${descending ? '<' : '>'} :s` : undefined;
  return {
    TableName: read.table,
    ...(keys.name ? { IndexName: keys.name } : {}),
    KeyConditionExpression: sortCondition ? `#p = :p AND ${sortCondition}` : '#p = :p',
    ExpressionAttributeNames: { '#p': keys.partitionKey, ...(sortCondition ? { '#s': keys.sortKey } : {}) },
    ExpressionAttributeValues: { ':p': read.partition, ...(sortCondition ? { ':s': beginsWith ?? after } : {}) },
    ...(descending ? { ScanIndexForward: false } : {}),
    ...(read.consistentRead ? { ConsistentRead: true } : {}),
  };
}

/**
 * At most `wanted` items of a Query, in key order: a page of a list reads no more than it shows
 * (plus the one that tells whether there is a next page). More than one call only where DynamoDB
 * stops a call at its 1 MB limit.
 */
export async function queryUpTo(
  client: DynamoDBDocumentClient,
  input: QueryCommandInput,
  wanted: number,
): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const output = await client.send(
      new QueryCommand({ ...input, Limit: wanted - items.length, ExclusiveStartKey: startKey }),
    );
    items.push(...(output.Items ?? []));
    startKey = output.LastEvaluatedKey;
  } while (startKey && items.length < wanted);
  return items;
}

/**
 * Every item of a Query, page after page (DynamoDB stops each at 1 MB). For what must see a whole
 * partition, an audit chain for the archive, never a request's list: those read `queryUpTo`.
 */
export async function queryAll(client: DynamoDBDocumentClient, input: QueryCommandInput): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const output = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    items.push(...(output.Items ?? []));
    startKey = output.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/**
 * Writes a starting state (sample data, a deployment's bootstrap) once: the items go in one
 * transaction with a marker conditioned on being absent, so a second or concurrent call writes
 * nothing. Answers false when the state was already written.
 */
export async function writeOnce(
  client: DynamoDBDocumentClient,
  table: string,
  marker: ItemKey,
  at: string,
  items: readonly TransactItem[],
): Promise<boolean> {
  const put = transactItem({
    Put: { TableName: table, Item: { ...marker, at }, ConditionExpression: 'attribute_not_exists(pk)' },
  });
  try {
    await transactWrite(client, [put, ...items], 'already written');
    return true;
  } catch (error) {
    if (error instanceof ConflictError) return false;
    throw error;
  }
}

/**
 * Reads items of one or several tables by key in one BatchGetItem (up to 100 keys), retrying what
 * DynamoDB leaves unprocessed. Strongly consistent, so a read right after a write sees it.
 * Answers in the order of `keys`, undefined where absent.
 */
export async function batchGetAcrossTables(
  client: DynamoDBDocumentClient,
  keys: readonly { table: string; pk: string; sk: string }[],
): Promise<(Item | undefined)[]> {
  const id = (table: string, pk: unknown, sk: unknown) => `${table}\u0000${String(pk)}\u0000${String(sk)}`;
  const found = new Map<string, Item>();
  for (let start = 0; start < keys.length; start += 100) {
    let pending: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead: boolean }> = {};
    for (const { table, pk, sk } of keys.slice(start, start + 100)) {
      const request = pending[table] ?? { Keys: [], ConsistentRead: true };
      request.Keys.push({ pk, sk });
      pending[table] = request;
    }
    for (let attempt = 0; Object.keys(pending).length > 0; attempt += 1) {
      if (attempt > 0) await delay(Math.min(1000, 25 * 2 ** attempt));
      const output = await client.send(new BatchGetCommand({ RequestItems: pending }));
      for (const [table, items] of Object.entries(output.Responses ?? {})) {
        for (const item of items) found.set(id(table, item.pk, item.sk), item);
      }
      pending = Object.fromEntries(
        Object.entries(output.UnprocessedKeys ?? {}).map(([table, request]) => [
          table,
          { Keys: request.Keys ?? [], ConsistentRead: true },
        ]),
      );
    }
  }
  return keys.map(({ table, pk, sk }) => found.get(id(table, pk, sk)));
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
