/** How meetings are stored in the work table (keys in meeting.keys.ts). */

import * as v from 'valibot';
import { itemCodec, listOf, orNull, type Item, type ItemCodec } from '../shared/data/item-codec.ts';
import { tables } from '../shared/data/tables.ts';
import { meetingKey, meetingKindList, meetingOrder, meetingsList, minutesKey } from './meeting.keys.ts';
import { meetingFormats, meetingKinds, type Meeting } from './meeting.types.ts';

const { workByList, workByStatus } = tables.work.indexes;

export const meetingCodec: ItemCodec<Meeting> = itemCodec({
  number: v.number(),
  title: v.string(),
  kind: v.picklist(meetingKinds),
  format: v.picklist(meetingFormats),
  startsOn: v.string(),
  endsOn: v.string(),
  city: orNull(v.string()),
  host: orNull(v.string()),
  jpaNumber: orNull(v.number()),
  agenda: listOf(v.object({ title: v.string(), presenter: v.nullish(v.string(), null) })),
  attendance: listOf(v.object({ country: v.string(), delegates: v.number() })),
  revision: v.number(),
});

/** A meeting's minutes, as of the meeting's revision that last set them. */
export const minutesCodec = itemCodec({ minutes: v.string(), revision: v.number() });

/** The last meeting number given out; none before the first meeting. */
export const counterCodec = itemCodec({ lastNumber: v.optional(v.number(), 0) });

/**
 * A meeting with its index attributes: in the list of all meetings and its kind's, ordered by
 * start date then number. Every write puts the whole item, so a changed `startsOn` or `kind`
 * moves it within and between those lists in the same write.
 */
export function meetingItem(meeting: Meeting): Item {
  const order = meetingOrder(meeting.startsOn, meeting.number);
  return {
    ...meetingKey(meeting.number),
    [workByList.partitionKey]: meetingsList,
    [workByStatus.partitionKey]: meetingKindList(meeting.kind),
    // Both indexes sort by the same attribute.
    [workByList.sortKey]: order,
    ...meetingCodec.fields(meeting),
  };
}

/** A meeting's minutes, apart from the meeting and out of every index (meeting.keys.ts says why). */
export function minutesItem(number: number, minutes: string, revision: number): Item {
  return { ...minutesKey(number), ...minutesCodec.fields({ minutes, revision }) };
}
