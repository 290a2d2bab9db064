import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { transactItem, writeOnce, type TransactItem } from '../shared/data/dynamo.ts';
import { adoptedCodec, counterCodec, versionItem } from './terms.items.ts';
import { adoptedKey, counterKey, initialisedKey } from './terms.keys.ts';
import type { TermsVersion } from './terms.types.ts';

/**
 * Writes versions once (sample data), with the counter and the ADOPTED guard; false when the table
 * was already initialised. Never a request's work, so apart from the repository and out of the bundle.
 */
export function seedTerms(
  client: DynamoDBDocumentClient,
  table: string,
  at: string,
  versions: readonly TermsVersion[],
  /** The audit trail of this starting state (audit.seed.ts), written in the same transaction. */
  trail: readonly TransactItem[] = [],
): Promise<boolean> {
  const adopted = versions.find((version) => version.status === 'ADOPTED');
  const items = [
    {
      ...counterKey,
      ...counterCodec.fields({ lastVersion: Math.max(0, ...versions.map((version) => version.version)) }),
    },
    ...(adopted ? [{ ...adoptedKey, ...adoptedCodec.fields(adopted) }] : []),
    ...versions.map(versionItem),
  ].map((Item) => transactItem({ Put: { TableName: table, Item } }));
  return writeOnce(client, table, initialisedKey, at, [...items, ...trail]);
}
