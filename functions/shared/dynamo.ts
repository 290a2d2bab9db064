import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError } from './errors.ts';

export interface DynamoOptions {
  /** DynamoDB Local or another endpoint; unset on AWS. */
  readonly endpoint?: string;
}

/**
 * Against a local endpoint the client signs with fixed credentials, which DynamoDB Local (run
 * with a shared database) accepts whatever they are; on AWS the SDK finds region and role.
 */
export function createDynamoClient(options: DynamoOptions = {}): DynamoDBClient {
  return options.endpoint
    ? new DynamoDBClient({
        endpoint: options.endpoint,
        region: process.env.AWS_REGION ?? 'local',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      })
    : new DynamoDBClient({});
}

/** One Document Client per container; undefined attributes are left out rather than refused. */
export function createDocumentClient(options: DynamoOptions = {}): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(createDynamoClient(options), { marshallOptions: { removeUndefinedValues: true } });
}

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

interface CancellationReason {
  readonly Code?: string;
}

/** The reasons DynamoDB gives for a cancelled transaction, one per item ('None' where fine). */
export function cancellationReasons(error: unknown): string[] {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return [];
  const reasons = (error as Error & { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? [];
  return reasons.map((reason) => reason.Code ?? 'None');
}

const conflictAttempts = 3;

/**
 * Writes all items or none. A failed condition means the state moved under the caller: that is
 * a `ConflictError`, with DynamoDB's reasons kept as the cause for the log and out of the answer.
 * A cancellation only because another transaction held an item wrote nothing and checked
 * nothing, so it is tried again a few times before it too becomes a lost race.
 * Each attempt carries its own ClientRequestToken, which makes the SDK's own retries of one
 * attempt (after a timeout, say) idempotent. Anything else is unexpected and rethrown.
 */
export async function transactWrite(
  client: DynamoDBDocumentClient,
  items: TransactItem[],
  conflictMessage: string,
): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await client.send(new TransactWriteCommand({ TransactItems: items, ClientRequestToken: crypto.randomUUID() }));
      return;
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (reasons.includes('ConditionalCheckFailed')) throw new ConflictError(conflictMessage, { cause: error });
      if (!reasons.includes('TransactionConflict')) throw error;
      if (attempt === conflictAttempts) throw new ConflictError(conflictMessage, { cause: error });
      await delay(10 * attempt + Math.random() * 40);
    }
  }
}

type Item = Record<string, unknown>;

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
      (pending[table] ??= { Keys: [], ConsistentRead: true }).Keys.push({ pk, sk });
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
