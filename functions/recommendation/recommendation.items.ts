/** How the work table holds recommendations and their progress notes (keys in recommendation.keys.ts). */

import * as v from 'valibot';
import { itemCodec, listOf, orNull, type Item, type ItemCodec } from '../shared/data/item-codec.ts';
import { tables } from '../shared/data/tables.ts';
import {
  addedDates,
  closedDates,
  closedKey,
  listOrder,
  madeAtKey,
  madeAtList,
  noteKey,
  ownerKey,
  ownerList,
  recommendationKey,
  recommendationsList,
  statusList,
} from './recommendation.keys.ts';
import { recommendationStatuses, type ProgressNote, type Recommendation } from './recommendation.types.ts';

const { workByList, workByStatus, workByDate } = tables.work.indexes;

/**
 * A recommendation's fields. The main item holds them, and so does each copy a list reads (one per
 * owner, one for the meeting it was made at), so that every list is one Query with no lookup after.
 */
export const recommendationCodec: ItemCodec<Recommendation> = itemCodec({
  number: v.number(),
  text: v.string(),
  owners: listOf(v.string()),
  status: v.picklist(recommendationStatuses),
  dueOn: orNull(v.string()),
  jpaNumber: orNull(v.number()),
  meetingNumber: orNull(v.number()),
  addedOn: v.string(),
  closedOn: orNull(v.string()),
  revision: v.number(),
  createdAt: v.string(),
  updatedAt: v.string(),
});

export const noteCodec: ItemCodec<ProgressNote> = itemCodec({
  id: v.string(),
  at: v.string(),
  author: v.string(),
  country: orNull(v.string()),
  text: v.string(),
});

/** The last number given out; none before the first recommendation. */
export const counterCodec = itemCodec({ lastNumber: v.optional(v.number(), 0) });

/** The main item: in the list of all recommendations (and by status), and dated by the day it was added. */
export function recommendationItem(recommendation: Recommendation): Item {
  return {
    ...recommendationKey(recommendation.number),
    [workByList.partitionKey]: recommendationsList,
    [workByStatus.partitionKey]: statusList(recommendationsList, recommendation.status),
    [workByList.sortKey]: listOrder(recommendation.number),
    [workByDate.partitionKey]: addedDates,
    [workByDate.sortKey]: recommendation.addedOn,
    ...recommendationCodec.fields(recommendation),
  };
}

/** The copy in one owner's list (and by status); no date, so the annual report counts each recommendation once. */
export function ownerItem(recommendation: Recommendation, country: string): Item {
  const list = ownerList(country);
  return {
    ...ownerKey(recommendation.number, country),
    [workByList.partitionKey]: list,
    [workByStatus.partitionKey]: statusList(list, recommendation.status),
    [workByList.sortKey]: listOrder(recommendation.number),
    ...recommendationCodec.fields(recommendation),
  };
}

/** The copy in the list of the meeting it was made at. */
export function madeAtItem(recommendation: Recommendation, meeting: number): Item {
  return {
    ...madeAtKey(recommendation.number),
    [workByList.partitionKey]: madeAtList(meeting),
    [workByList.sortKey]: listOrder(recommendation.number),
    ...recommendationCodec.fields(recommendation),
  };
}

/** Dated by the day it became final, under its final status: the annual report counts these. */
export function closedItem(number: number, status: 'IMPLEMENTED' | 'DROPPED', closedOn: string): Item {
  return {
    ...closedKey(number),
    [workByDate.partitionKey]: closedDates(status),
    [workByDate.sortKey]: closedOn,
    number,
  };
}

export function noteItem(number: number, note: ProgressNote): Item {
  return { ...noteKey(number, note.at, note.id), ...noteCodec.fields(note) };
}

/** Every item that holds the recommendation's fields: the main item, an owner's copy each, the meeting's. */
export function recommendationItems(recommendation: Recommendation): Item[] {
  return [
    recommendationItem(recommendation),
    ...recommendation.owners.map((country) => ownerItem(recommendation, country)),
    ...(recommendation.meetingNumber === null ? [] : [madeAtItem(recommendation, recommendation.meetingNumber)]),
  ];
}
