/** Keys of the JPA table, built here and nowhere else. */

import type { ItemKey } from '../shared/data/dynamo.ts';

export type { ItemKey };

export const jpasPartition = 'JPA';
export const jpaPrefix = 'JPA#';

/** Zero-padded so that the sort key orders JPAs by number. */
export const jpaKey = (number: number): ItemKey => ({
  pk: jpasPartition,
  sk: `${jpaPrefix}${String(number).padStart(4, '0')}`,
});
export const jpaStatusKey = (status: string): string => `STATUS#${status}`;
/** The outcome totals of a JPA: kept apart so that recording outcomes does not change the JPA's revision. */
export const totalsKey = (number: number): ItemKey => ({
  pk: jpasPartition,
  sk: `TOTALS#${String(number).padStart(4, '0')}`,
});
/** The guard that holds the number of the one ACTIVE JPA, if any. */
export const activeJpaKey: ItemKey = { pk: jpasPartition, sk: 'ACTIVE' };
export const initialisedKey: ItemKey = { pk: jpasPartition, sk: 'INITIALISED' };
