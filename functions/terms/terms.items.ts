/** How the terms table's records are stored (keys in terms.keys.ts). */

import * as v from 'valibot';
import { itemCodec, orNull, type Item, type ItemCodec } from '../shared/data/item-codec.ts';
import { tables } from '../shared/data/tables.ts';
import { publishedPartition, versionKey } from './terms.keys.ts';
import { torStatuses, type TermsVersion } from './terms.types.ts';

export const versionCodec: ItemCodec<TermsVersion> = itemCodec({
  version: v.number(),
  title: v.string(),
  text: v.string(),
  changeSummary: orNull(v.string()),
  status: v.picklist(torStatuses),
  adoptedOn: orNull(v.string()),
  supersededOn: orNull(v.string()),
  revision: v.number(),
});

/** The guard naming the ADOPTED version. */
export const adoptedCodec = itemCodec({ version: v.number() });

/** The last version number given out; none before the first draft. */
export const counterCodec = itemCodec({ lastVersion: v.optional(v.number(), 0) });

export function versionItem(version: TermsVersion): Item {
  return {
    ...versionKey(version.version),
    // Superseding rewrites the status with an Update, so the sparse key is set from adoption on.
    ...(version.status === 'DRAFT'
      ? {}
      : { [tables.terms.indexes.publishedVersions.partitionKey]: publishedPartition }),
    ...versionCodec.fields(version),
  };
}
