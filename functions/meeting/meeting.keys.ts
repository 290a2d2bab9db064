/**
 * Keys of meetings in the work table, built here and nowhere else.
 *
 * | item              | pk           | sk          | index attributes                                                 |
 * | ----------------- | ------------ | ----------- | ---------------------------------------------------------------- |
 * | meeting           | MTG#<000009> | MTG         | listKey=MTG, statusKey=MTG#<kind>, listOrder=<startsOn>#<000009> |
 * | its minutes       | MTG#<000009> | MINUTES     | none (read by key, only when asked for)                          |
 * | the last number   | MTG          | COUNTER     | none                                                             |
 * | the sample's mark | MTG          | INITIALISED | none (sample data: meetings are loaded once)                     |
 *
 * `meetings(year)` is one Query on `workByList` for `MTG`, descending, with
 * `begins_with(listOrder, "<year>-")` for a year; the annual report counts the same range, and
 * `workByStatus` for `MTG#TRAINING` counts a year's trainings.
 *
 * Minutes (up to 100,000 characters, 400 KB in the worst UTF-8) live in an item of their own, out
 * of every index: the indexes project whole items, so minutes on the meeting would make each list
 * and each count of the annual report read them, and 100 meetings of long minutes would pass the
 * request's read budget; on the same item, with a full agenda, they could pass DynamoDB's 400 KB.
 */

import type { ItemKey } from '../shared/data/dynamo.ts';
import { padNumber } from '../shared/data/work-keys.ts';

export const meetingsList = 'MTG';
export const meetingKey = (number: number): ItemKey => ({ pk: `MTG#${padNumber(number)}`, sk: 'MTG' });
export const minutesKey = (number: number): ItemKey => ({ pk: `MTG#${padNumber(number)}`, sk: 'MINUTES' });
export const meetingCounterKey: ItemKey = { pk: 'MTG', sk: 'COUNTER' };
export const meetingsInitialisedKey: ItemKey = { pk: 'MTG', sk: 'INITIALISED' };
export const meetingKindList = (kind: string): string => `MTG#${kind}`;
export const meetingOrder = (startsOn: string, number: number): string => `${startsOn}#${padNumber(number)}`;
/** The `listOrder` prefix of the meetings that start in a year: the year, then the date's dash. */
export const meetingYearPrefix = (year: number): string => `${year}-`;
