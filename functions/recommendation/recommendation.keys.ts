/**
 * Keys of recommendations in the work table, built here and nowhere else.
 *
 * | item                 | pk                | sk              | index attributes                                                                 |
 * | -------------------- | ----------------- | --------------- | -------------------------------------------------------------------------------- |
 * | recommendation       | REC#<000004>      | REC             | listKey=REC, statusKey=REC#<status>, listOrder=<000004>; dateKey=REC#ADDED, dateOn=<addedOn> |
 * | one per owner        | REC#<000004>      | OWNER#<CC>      | listKey=REC#OWNER#<CC>, statusKey=REC#OWNER#<CC>#<status>, listOrder=<000004>     |
 * | where it was made    | REC#<000004>      | MEETING         | listKey=REC#MEETING#<000009>, listOrder=<000004>                                 |
 * | once final           | REC#<000004>      | CLOSED          | dateKey=REC#<IMPLEMENTED or DROPPED>, dateOn=<the day it became so>             |
 * | progress note        | REC#<000004>      | NOTE#<at>#<id>  | none (read with the recommendation, newest first)                                |
 * | the last number      | REC               | COUNTER         | none                                                                             |
 * | sample data written  | REC               | INITIALISED     | none                                                                             |
 *
 * `recommendations(status, owner)` is one Query whichever arguments are given: `workByList` for
 * `REC` or `REC#OWNER#<CC>`, `workByStatus` for `REC#<status>` or `REC#OWNER#<CC>#<status>`. The
 * annual report counts `workByDate` ranges: added in a year, implemented in a year, and open at a
 * year's end as added by then minus closed by then.
 */

import type { ItemKey } from '../shared/data/dynamo.ts';
import { padNumber } from '../shared/data/work-keys.ts';

export const recommendationsList = 'REC';
export const recommendationKey = (number: number): ItemKey => ({ pk: `REC#${padNumber(number)}`, sk: 'REC' });
export const ownerKey = (number: number, country: string): ItemKey => ({
  pk: `REC#${padNumber(number)}`,
  sk: `OWNER#${country}`,
});
export const madeAtKey = (number: number): ItemKey => ({ pk: `REC#${padNumber(number)}`, sk: 'MEETING' });
export const closedKey = (number: number): ItemKey => ({ pk: `REC#${padNumber(number)}`, sk: 'CLOSED' });
export const notePrefix = 'NOTE#';
export const noteKey = (number: number, at: string, id: string): ItemKey => ({
  pk: `REC#${padNumber(number)}`,
  sk: `${notePrefix}${at}#${id}`,
});
export const recommendationCounterKey: ItemKey = { pk: 'REC', sk: 'COUNTER' };
/** Marks the sample data written (recommendation.seed.ts), so that it is written once. */
export const recommendationsInitialisedKey: ItemKey = { pk: 'REC', sk: 'INITIALISED' };

/** The list a recommendation is in: all of them, or one owner's; and the same by status. */
export const ownerList = (country: string): string => `REC#OWNER#${country}`;
export const statusList = (list: string, status: string): string => `${list}#${status}`;
export const madeAtList = (meeting: number): string => `REC#MEETING#${padNumber(meeting)}`;
export const listOrder = (number: number): string => padNumber(number);

/** `workByDate` partitions: the day each recommendation was added, and the day each became final. */
export const addedDates = 'REC#ADDED';
export const closedDates = (status: 'IMPLEMENTED' | 'DROPPED'): string => `REC#${status}`;
