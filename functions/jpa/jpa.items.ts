/** How the JPA table's records are stored (keys in jpa.keys.ts). */

import * as v from 'valibot';
import { itemCodec, listOf, orNull, type Item, type ItemCodec } from '../shared/data/item-codec.ts';
import { tables } from '../shared/data/tables.ts';
import { jpaKey, jpaStatusKey, totalsKey } from './jpa.keys.ts';
import { jpaStatuses, noOutcomes, type Jpa, type OutcomeTotals } from './jpa.types.ts';

export const jpaCodec: ItemCodec<Jpa> = itemCodec({
  number: v.number(),
  title: v.string(),
  startsOn: v.string(),
  endsOn: v.string(),
  status: v.picklist(jpaStatuses),
  participants: listOf(v.string()),
  conference: orNull(
    v.object({
      city: v.string(),
      country: v.string(),
      startsOn: v.string(),
      endsOn: v.string(),
      theme: v.nullish(v.string(), null),
      recommendations: listOf(v.string()),
    }),
  ),
  revision: v.number(),
});

const count = v.optional(v.number(), 0);

/** A JPA's totals; absent, all zero. */
export const totalsCodec: ItemCodec<OutcomeTotals> = itemCodec({
  operations: count,
  arrests: count,
  prosecutions: count,
  victimsIdentified: count,
  networksDisrupted: count,
});

/** The guard naming the one ACTIVE JPA. */
export const activeJpaCodec = itemCodec({ number: v.number() });

export function jpaItem(jpa: Jpa): Item {
  return {
    ...jpaKey(jpa.number),
    [tables.jpas.indexes.jpasByStatus.partitionKey]: jpaStatusKey(jpa.status),
    ...jpaCodec.fields(jpa),
  };
}

export const zeroTotals: OutcomeTotals = { operations: 0, ...noOutcomes };

export function totalsItem(number: number, totals: OutcomeTotals): Item {
  return { ...totalsKey(number), ...totalsCodec.fields(totals) };
}
