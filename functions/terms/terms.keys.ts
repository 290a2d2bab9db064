/** Keys of the terms table, built here and nowhere else. */

import type { ItemKey } from '../shared/data/dynamo.ts';

export type { ItemKey };

export const termsPartition = 'TOR';
export const versionPrefix = 'V#';
/** Zero-padded so that the sort key orders versions by number. */
export const versionKey = (version: number): ItemKey => ({
  pk: termsPartition,
  sk: `${versionPrefix}${String(version).padStart(5, '0')}`,
});
/** Partition of the sparse `publishedVersions` index: set on ADOPTED and SUPERSEDED versions only. */
export const publishedPartition = 'PUBLISHED';
/** The last version number given out; every draft conditions on it, so two drafts never share one. */
export const counterKey: ItemKey = { pk: termsPartition, sk: 'COUNTER' };
/** Names the one ADOPTED version; every adoption conditions on it, so there is never zero or two. */
export const adoptedKey: ItemKey = { pk: termsPartition, sk: 'ADOPTED' };
export const initialisedKey: ItemKey = { pk: termsPartition, sk: 'INITIALISED' };
