import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { transactItem, writeOnce, type TransactItem } from '../shared/data/dynamo.ts';
import type { Item } from '../shared/data/item-codec.ts';
import type { TransactionGuard } from '../shared/data/transaction-guard.ts';
import { listingItem, operationItem } from './operation.items.ts';
import { initialisedKey } from './operation.keys.ts';
import type { Operation } from './operation.types.ts';
import { listingsOf } from './operation.visibility.ts';

/**
 * Every item an operation is stored as: itself and one per listing. For writing operations
 * outside the API (the sample data, the benchmark's 20,000); the API writes them in transactions.
 */
export function operationItems(operation: Operation): Item[] {
  return [operationItem(operation), ...listingsOf(operation).map((listing) => listingItem(operation, listing))];
}

/**
 * Writes operations once (sample data), with the JPA totals they add up to; false when the table
 * was already initialised. Never a request's work, so apart from the repository and out of the bundle.
 */
export function seedOperations(
  client: DynamoDBDocumentClient,
  table: string,
  at: string,
  operations: readonly Operation[],
  totals: readonly TransactionGuard[],
  /** The audit trail of this starting state (audit.seed.ts), written in the same transaction. */
  trail: readonly TransactItem[] = [],
): Promise<boolean> {
  const items = [
    ...operations.flatMap(operationItems).map((Item) => transactItem({ Put: { TableName: table, Item } })),
    ...totals.map((guard) => guard.condition),
  ];
  return writeOnce(client, table, initialisedKey, at, [...items, ...trail]);
}
