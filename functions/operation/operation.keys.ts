/** Keys of the operations, reads and idempotency tables, built here and nowhere else. */

import type { ItemKey } from '../shared/data/dynamo.ts';

export type { ItemKey };

export const operationKey = (id: string): ItemKey => ({ pk: `OP#${id}`, sk: 'OP' });
export const initialisedKey: ItemKey = { pk: 'OPERATIONS', sk: 'INITIALISED' };

/** One item per listing of an operation (operation.visibility.ts says which listings it has). */
export const listingKey = (id: string, listing: string): ItemKey => ({ pk: `OP#${id}`, sk: `AUD#${listing}` });

/** The partition of each visibility index for a listing, JPA and status. */
export const visibility = {
  all: (listing: string) => listing,
  jpa: (listing: string, jpaNumber: number) => `${listing}#J#${jpaNumber}`,
  status: (listing: string, status: string) => `${listing}#S#${status}`,
  jpaStatus: (listing: string, jpaNumber: number, status: string) => `${listing}#J#${jpaNumber}#S#${status}`,
};

/**
 * The sort key of every visibility index: startsOn descending (as the complement of YYYYMMDD),
 * then id ascending; docs/api.md's order of operations, and a stable, unique position for cursors.
 */
export function listKey(startsOn: string, id: string): string {
  const inverted = 99_999_999 - Number(startsOn.replaceAll('-', ''));
  return `${String(inverted).padStart(8, '0')}#${id}`;
}

export const listKeyPattern = /^\d{8}#[0-9a-f-]{36}$/;

/** The reads table: an operation's read records, newest first (`at` is ISO 8601; the request id keeps one millisecond's apart). */
export const readPartition = (operationId: string): string => `OP#${operationId}`;
export const readSortKey = (record: { readonly at: string; readonly requestId: string }): string =>
  `${record.at}#${record.requestId}`;
/** What a position in a list of read records looks like: refused before it reaches a Query. */
export const readPositionPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#[^#]+$/;

export const idempotencyKey = (subject: string, key: string): ItemKey => ({
  pk: `IDEM#${subject}#${key}`,
  sk: 'createOperation',
});
