/** How the membership table's records are stored (keys in membership.keys.ts). */

import * as v from 'valibot';
import { itemCodec, listOf, orNull, type Item, type ItemCodec } from '../shared/data/item-codec.ts';
import { tables } from '../shared/data/tables.ts';
import { coChairGuardKey, coChairsPartition, memberKey, memberStatusKey } from './membership.keys.ts';
import {
  agencyKinds,
  memberStatuses,
  type CoChairState,
  type CoChairTerm,
  type Member,
  type OpenTerm,
  type WorkingGroupProfile,
} from './membership.types.ts';

export const memberCodec: ItemCodec<Member> = itemCodec({
  country: v.string(),
  name: v.string(),
  status: v.picklist(memberStatuses),
  joinedOn: v.string(),
  agencies: listOf(v.object({ name: v.string(), kind: v.picklist(agencyKinds) })),
  focalPoint: orNull(v.object({ name: v.string(), email: v.string(), phone: v.nullish(v.string()) })),
  revision: v.number(),
});

export const coChairTermCodec: ItemCodec<CoChairTerm> = itemCodec({
  country: v.string(),
  startsOn: v.string(),
  endsOn: orNull(v.string()),
});

const openTerm = v.object({ country: v.string(), startsOn: v.string(), termId: v.string() });

/** The co-chair guard; before the first rotation there is none, and no open term. */
export const coChairStateCodec: ItemCodec<CoChairState> = itemCodec({
  open: listOf(openTerm),
  revision: v.optional(v.number(), 0),
});

export const profileCodec: ItemCodec<WorkingGroupProfile> = itemCodec({
  name: v.string(),
  // Written as given (a bootstrap's profile), so a null may be stored.
  description: v.nullish(v.string(), null),
  established: v.number(),
  reportsTo: v.string(),
});

export const countersCodec = itemCodec({ activeMembers: v.optional(v.number(), 0) });

export function memberItem(member: Member): Item {
  return {
    ...memberKey(member.country),
    [tables.membership.indexes.membersByStatus.partitionKey]: memberStatusKey(member.status),
    ...memberCodec.fields(member),
  };
}

export function coChairGuardItem(open: readonly OpenTerm[], revision: number): Item {
  return { ...coChairGuardKey, open, openCountries: open.map((term) => term.country), revision };
}

/** A new term's item: open until a rotation sets its `endsOn`. */
export function termItem(term: OpenTerm): Item {
  return { pk: coChairsPartition, sk: term.termId, country: term.country, startsOn: term.startsOn };
}
