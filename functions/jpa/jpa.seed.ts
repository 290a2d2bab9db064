import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { transactItem, writeOnce, type TransactItem } from '../shared/data/dynamo.ts';
import { activeJpaCodec, jpaItem, totalsItem, zeroTotals } from './jpa.items.ts';
import { activeJpaKey, initialisedKey } from './jpa.keys.ts';
import type { Jpa } from './jpa.types.ts';

/**
 * Writes JPAs once (sample data), with zero totals and the ACTIVE guard; false when the table was
 * already initialised. Never a request's work, so apart from the repository and out of the bundle.
 */
export function seedJpas(
  client: DynamoDBDocumentClient,
  table: string,
  at: string,
  jpas: readonly Jpa[],
  /** The audit trail of this starting state (audit.seed.ts), written in the same transaction. */
  trail: readonly TransactItem[] = [],
): Promise<boolean> {
  const active = jpas.find((jpa) => jpa.status === 'ACTIVE');
  const items = [
    ...jpas.flatMap((jpa) => [jpaItem(jpa), totalsItem(jpa.number, zeroTotals)]),
    ...(active ? [{ ...activeJpaKey, ...activeJpaCodec.fields(active) }] : []),
  ].map((Item) => transactItem({ Put: { TableName: table, Item } }));
  return writeOnce(client, table, initialisedKey, at, [...items, ...trail]);
}
