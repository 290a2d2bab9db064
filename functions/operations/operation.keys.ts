/** Keys of the operations and idempotency tables, built here and nowhere else. */

import type { ItemKey } from '../shared/dynamo.ts';

export type { ItemKey };

export const operationKey = (id: string): ItemKey => ({ pk: `OP#${id}`, sk: 'OP' });
export const initialisedKey: ItemKey = { pk: 'OPERATIONS', sk: 'INITIALISED' };

/**
 * An audience is who may read an operation: `ALL` (handling MEMBERS: every official and the
 * secretariat) or `C#<country>` (handling PARTICIPANTS: that participating country's officials).
 */
export const everyone = 'ALL';
export const countryAudience = (country: string): string => `C#${country}`;
export const audienceKey = (id: string, audience: string): ItemKey => ({ pk: `OP#${id}`, sk: `AUD#${audience}` });

/** The partition of each visibility index for an audience, JPA and status. */
export const visibility = {
  all: (audience: string) => audience,
  jpa: (audience: string, jpaNumber: number) => `${audience}#J#${jpaNumber}`,
  status: (audience: string, status: string) => `${audience}#S#${status}`,
  jpaStatus: (audience: string, jpaNumber: number, status: string) => `${audience}#J#${jpaNumber}#S#${status}`,
};

/**
 * The sort key of every visibility index: startsOn descending (as the complement of YYYYMMDD),
 * then id ascending; API.md's order of operations, and a stable, unique position for cursors.
 */
export function listKey(startsOn: string, id: string): string {
  const inverted = 99_999_999 - Number(startsOn.replaceAll('-', ''));
  return `${String(inverted).padStart(8, '0')}#${id}`;
}

export const listKeyPattern = /^\d{8}#[0-9a-f-]{36}$/;

export const idempotencyKey = (subject: string, key: string): ItemKey => ({ pk: `IDEM#${subject}#${key}`, sk: 'createOperation' });
