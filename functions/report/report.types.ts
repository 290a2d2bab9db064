/** The annual report's records, as services and resolvers see them (no DynamoDB keys). */

import type { JpaStatus, OutcomeTotals } from '../jpa/jpa.types.ts';

export const reportStatuses = ['DRAFT', 'PUBLISHED'] as const;
export type ReportStatus = (typeof reportStatuses)[number];

/** docs/api.md: the years a report may be asked for, from the group's start (2014) to 2100. */
export const reportYears = { first: 2014, last: 2100 } as const;

/** A JPA as the report of a year names it: its figures as they stood when the report was computed. */
export interface ReportJpa {
  readonly number: number;
  readonly title: string;
  readonly status: JpaStatus;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly participants: readonly string[];
  readonly outcomes: OutcomeTotals;
}

/** Every figure of a year's report (docs/api.md, "Fine print, version 2"), without its html. */
export interface ReportFigures {
  readonly year: number;
  /** Members ACTIVE when computed that joined on or before the year's last day. */
  readonly memberCount: number;
  /** Members of any status that joined during the year, by country code. */
  readonly membersJoined: readonly string[];
  /** Countries whose term [startsOn, endsOn) overlaps the year, by country code. */
  readonly coChairs: readonly string[];
  /** JPAs whose dates (both days included) overlap the year, whatever their status, by number. */
  readonly jpas: readonly ReportJpa[];
  /** The sum over those JPAs. */
  readonly outcomes: OutcomeTotals;
  /** Meetings (trainings included) whose startsOn is in the year. */
  readonly meetings: number;
  /** Of those, kind TRAINING. */
  readonly trainings: number;
  readonly recommendationsMade: number;
  readonly recommendationsImplemented: number;
  /** Added by the end of the year and OPEN or IN_PROGRESS at that time. */
  readonly recommendationsOpen: number;
  /** Versions adopted during the year, ascending. */
  readonly termsOfReferenceAdopted: readonly number[];
}

/** A year's report: a DRAFT computed when asked, or the PUBLISHED snapshot, which never changes. */
export interface AnnualReport extends ReportFigures {
  readonly status: ReportStatus;
  /** The UTC day it was published; null for a DRAFT. */
  readonly publishedOn: string | null;
  /** When its figures were computed: the time of asking for a DRAFT, of publishing for a PUBLISHED one. */
  readonly computedAt: string;
  /** The whole report as one self-contained HTML page (report.html.ts). */
  readonly html: string;
}

/*
 * What the report reads of the recommendations and meetings in the work table: the attributes
 * agreed for their main items (functions/recommendation/recommendation.keys.ts,
 * functions/meeting/meeting.keys.ts), no more.
 */

export const recommendationStatuses = ['OPEN', 'IN_PROGRESS', 'IMPLEMENTED', 'DROPPED'] as const;
export type RecommendationStatus = (typeof recommendationStatuses)[number];

/** A recommendation as the report lists it. */
export interface ReportRecommendation {
  readonly number: number;
  readonly text: string;
  /** Country codes. */
  readonly owners: readonly string[];
  /** As it stands when the report is computed. */
  readonly status: RecommendationStatus;
  readonly dueOn: string | null;
  /** The UTC day it was added. */
  readonly addedOn: string;
  /** The day it became IMPLEMENTED or DROPPED; null while it is neither. */
  readonly closedOn: string | null;
}

export const meetingKinds = ['WORKING_GROUP', 'CONFERENCE', 'WORKSHOP', 'TRAINING'] as const;
export type MeetingKind = (typeof meetingKinds)[number];
export const meetingFormats = ['IN_PERSON', 'VIRTUAL', 'HYBRID'] as const;
export type MeetingFormat = (typeof meetingFormats)[number];

/** A meeting as the report lists it: never its attendance or minutes, which observers may not read. */
export interface ReportMeeting {
  readonly number: number;
  readonly title: string;
  readonly kind: MeetingKind;
  readonly format: MeetingFormat;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly city: string | null;
  /** A country code. */
  readonly host: string | null;
}
