/** Keys of the membership table, built here and nowhere else. */

import type { ItemKey } from '../shared/data/dynamo.ts';

export type { ItemKey };

export const membersPartition = 'MEMBERS';
export const coChairsPartition = 'COCHAIRS';
export const termPrefix = 'TERM#';

export const memberKey = (country: string): ItemKey => ({ pk: membersPartition, sk: country });
export const memberStatusKey = (status: string): string => `STATUS#${status}`;
export const profileKey: ItemKey = { pk: 'GROUP', sk: 'PROFILE' };
/** The active-member count, kept in the same transaction as every change of a member's status. */
export const countersKey: ItemKey = { pk: 'GROUP', sk: 'COUNTERS' };
/** The guard every rotation conditions on: the open terms and their revision. */
export const coChairGuardKey: ItemKey = { pk: coChairsPartition, sk: 'OPEN' };
/** Marks that the table holds its starting state, so it is never written twice. */
export const initialisedKey: ItemKey = { pk: 'GROUP', sk: 'INITIALISED' };

/**
 * A term's sort key: start date first so a descending Query is newest first; the rotation's
 * guard revision last so a country can hold two terms starting on the same day.
 */
export const termKey = (startsOn: string, country: string, rotation: number): ItemKey => ({
  pk: coChairsPartition,
  sk: `${termPrefix}${startsOn}#${country}#${String(rotation).padStart(6, '0')}`,
});
