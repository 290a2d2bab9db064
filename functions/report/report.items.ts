/**
 * How the work table's items are read and written by the annual report: the published report's
 * item (keys in report.keys.ts), and what the report reads of the main items of recommendations
 * and meetings, whose domains write them.
 */

import * as v from 'valibot';
import { itemCodec, listOf, orNull, type Item, type ItemCodec } from '../shared/data/item-codec.ts';
import { jpaStatuses } from '../jpa/jpa.types.ts';
import { reportKey } from './report.keys.ts';
import {
  meetingFormats,
  meetingKinds,
  recommendationStatuses,
  reportStatuses,
  type AnnualReport,
  type ReportMeeting,
  type ReportRecommendation,
} from './report.types.ts';

const outcomeTotals = v.object({
  operations: v.number(),
  arrests: v.number(),
  prosecutions: v.number(),
  victimsIdentified: v.number(),
  networksDisrupted: v.number(),
});

/** A published report: every figure and the html, frozen in one item. */
export const reportCodec: ItemCodec<AnnualReport> = itemCodec({
  year: v.number(),
  status: v.picklist(reportStatuses),
  publishedOn: orNull(v.string()),
  computedAt: v.string(),
  memberCount: v.number(),
  membersJoined: listOf(v.string()),
  coChairs: listOf(v.string()),
  jpas: listOf(
    v.object({
      number: v.number(),
      title: v.string(),
      status: v.picklist(jpaStatuses),
      startsOn: v.string(),
      endsOn: v.string(),
      participants: listOf(v.string()),
      outcomes: outcomeTotals,
    }),
  ),
  outcomes: outcomeTotals,
  meetings: v.number(),
  trainings: v.number(),
  recommendationsMade: v.number(),
  recommendationsImplemented: v.number(),
  recommendationsOpen: v.number(),
  termsOfReferenceAdopted: listOf(v.number()),
  html: v.string(),
});

export function reportItem(report: AnnualReport): Item {
  return { ...reportKey(report.year), ...reportCodec.fields(report) };
}

/** The attributes of a recommendation's main item that the report lists. */
export const recommendationCodec: ItemCodec<ReportRecommendation> = itemCodec({
  number: v.number(),
  text: v.string(),
  owners: listOf(v.string()),
  status: v.picklist(recommendationStatuses),
  dueOn: orNull(v.string()),
  addedOn: v.string(),
  closedOn: orNull(v.string()),
});

/** The attributes of a meeting's main item that the report lists (never attendance or minutes). */
export const meetingCodec: ItemCodec<ReportMeeting> = itemCodec({
  number: v.number(),
  title: v.string(),
  kind: v.picklist(meetingKinds),
  format: v.picklist(meetingFormats),
  startsOn: v.string(),
  endsOn: v.string(),
  city: orNull(v.string()),
  host: orNull(v.string()),
});
