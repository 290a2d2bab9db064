import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { transactItem, writeOnce, type TransactItem } from '../shared/data/dynamo.ts';
import { closedItem, counterCodec, noteItem, recommendationItems } from './recommendation.items.ts';
import { recommendationCounterKey, recommendationsInitialisedKey } from './recommendation.keys.ts';
import type { ProgressNote, Recommendation } from './recommendation.types.ts';

/** A recommendation as it stands, with its progress notes. */
export interface SeededRecommendation {
  readonly recommendation: Recommendation;
  readonly notes: readonly ProgressNote[];
}

/**
 * Writes recommendations once (sample data): each with its copies, its notes and, once final, its
 * CLOSED item, and the counter; false when they were already written. Never a request's work,
 * so apart from the repository and out of the bundle.
 */
export function seedRecommendations(
  client: DynamoDBDocumentClient,
  table: string,
  at: string,
  seeded: readonly SeededRecommendation[],
  /** The audit trail of this starting state (audit.seed.ts), written in the same transaction. */
  trail: readonly TransactItem[] = [],
): Promise<boolean> {
  const numbers = seeded.map(({ recommendation }) => recommendation.number);
  const items = [
    { ...recommendationCounterKey, ...counterCodec.fields({ lastNumber: Math.max(0, ...numbers) }) },
    ...seeded.flatMap(({ recommendation, notes }) => {
      const { number, status, closedOn } = recommendation;
      const final = (status === 'IMPLEMENTED' || status === 'DROPPED') && closedOn !== null;
      return [
        ...recommendationItems(recommendation),
        ...(final ? [closedItem(number, status, closedOn)] : []),
        ...notes.map((note) => noteItem(number, note)),
      ];
    }),
  ].map((Item) => transactItem({ Put: { TableName: table, Item } }));
  return writeOnce(client, table, recommendationsInitialisedKey, at, [...items, ...trail]);
}
