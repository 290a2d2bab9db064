/** The meetings domain's records, as services and resolvers see them (no DynamoDB keys). */

export const meetingKinds = ['WORKING_GROUP', 'CONFERENCE', 'WORKSHOP', 'TRAINING'] as const;
export type MeetingKind = (typeof meetingKinds)[number];
export const meetingFormats = ['IN_PERSON', 'VIRTUAL', 'HYBRID'] as const;
export type MeetingFormat = (typeof meetingFormats)[number];

/** One item of a meeting's agenda; `presenter` is a member country of any status. */
export interface AgendaItem {
  readonly title: string;
  readonly presenter: string | null;
}

/** How many delegates an ACTIVE member country sent. */
export interface AttendanceEntry {
  readonly country: string;
  readonly delegates: number;
}

/**
 * A meeting of the group: a working-group meeting, a conference, a workshop or a training. Its
 * minutes are apart (MeetingService.minutes), read only when asked for.
 */
export interface Meeting {
  readonly number: number;
  readonly title: string;
  readonly kind: MeetingKind;
  readonly format: MeetingFormat;
  readonly startsOn: string;
  /** Not before `startsOn`: a meeting may end the day it starts. */
  readonly endsOn: string;
  readonly city: string | null;
  /** The host member country, of any status. */
  readonly host: string | null;
  readonly jpaNumber: number | null;
  readonly agenda: readonly AgendaItem[];
  /** Replaced whole by each `recordAttendance`; [] for callers who may not read it (observers). */
  readonly attendance: readonly AttendanceEntry[];
  readonly revision: number;
}
