import { BadInputError } from '../shared/domain/errors.ts';
import * as valid from '../shared/domain/validation.ts';
import {
  meetingFormats,
  meetingKinds,
  type AgendaItem,
  type AttendanceEntry,
  type MeetingFormat,
  type MeetingKind,
} from './meeting.types.ts';

export interface AgendaItemInput {
  readonly title: string;
  readonly presenter?: string | null;
}
export interface ScheduleMeetingInput {
  readonly title: string;
  readonly kind: MeetingKind;
  readonly format: MeetingFormat;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly city?: string | null;
  readonly host?: string | null;
  readonly jpaNumber?: number | null;
  readonly agenda?: readonly AgendaItemInput[] | null;
}
export interface UpdateMeetingInput {
  readonly number: number;
  readonly expectedRevision: number;
  readonly title?: string | null;
  readonly kind?: MeetingKind | null;
  readonly format?: MeetingFormat | null;
  readonly startsOn?: string | null;
  readonly endsOn?: string | null;
  readonly city?: string | null;
  readonly agenda?: readonly AgendaItemInput[] | null;
  readonly minutes?: string | null;
}
export interface AttendanceInput {
  readonly country: string;
  readonly delegates: number;
}
export interface RecordAttendanceInput {
  readonly number: number;
  readonly expectedRevision: number;
  readonly attendance: readonly AttendanceInput[];
}

/** docs/api.md: at most 50 agenda items. */
export const maxAgendaItems = 50;
/** docs/api.md: each attendance names 1 to 100 delegates. */
export const maxDelegates = 100;
/**
 * Countries in one attendance: more than every member country, as for a JPA's participants. Each
 * is checked ACTIVE in the write's one transaction, which DynamoDB caps at 100 items.
 */
export const maxAttendance = 50;
/** Six digits, as the keys pad them (functions/shared/data/work-keys.ts). */
export const maxMeetingNumber = 999_999;
/** The years `meetings(year)` takes: the group's start to the end of the century, as the annual report. */
export const firstYear = 2014;
export const lastYear = 2100;

export function validMeetingNumber(number: number): number {
  return valid.integer(number, 'number', 1, maxMeetingNumber);
}

export function validYear(year: number): number {
  return valid.integer(year, 'year', firstYear, lastYear);
}

/**
 * docs/api.md: a meeting may end on the day it starts, never before. `field` is the date the
 * caller gave (of an update that gives one, against the other as stored).
 */
export function requireNotBefore(startsOn: string, endsOn: string, field: 'startsOn' | 'endsOn'): void {
  if (endsOn >= startsOn) return;
  const message = field === 'endsOn' ? 'endsOn must not be before startsOn' : 'startsOn must not be after endsOn';
  throw new BadInputError(message, field);
}

function validKind(kind: MeetingKind): MeetingKind {
  if (!meetingKinds.includes(kind)) throw new BadInputError(`kind must be one of ${meetingKinds.join(', ')}`, 'kind');
  return kind;
}

function validFormat(format: MeetingFormat): MeetingFormat {
  if (!meetingFormats.includes(format))
    throw new BadInputError(`format must be one of ${meetingFormats.join(', ')}`, 'format');
  return format;
}

function validAgenda(agenda: readonly AgendaItemInput[]): AgendaItem[] {
  if (agenda.length > maxAgendaItems) throw new BadInputError(`at most ${maxAgendaItems} agenda items`, 'agenda');
  return agenda.map((item) => ({
    title: valid.text(item.title, 'agenda.title', valid.limits.name),
    presenter: item.presenter == null ? null : valid.countryCode(item.presenter, 'agenda.presenter'),
  }));
}

/** The countries an agenda names as presenters, each once, in the order they first present. */
export function presenters(agenda: readonly AgendaItem[]): string[] {
  return [...new Set(agenda.flatMap((item) => (item.presenter === null ? [] : [item.presenter])))];
}

export function validScheduleMeeting(input: ScheduleMeetingInput) {
  const startsOn = valid.date(input.startsOn, 'startsOn');
  const endsOn = valid.date(input.endsOn, 'endsOn');
  requireNotBefore(startsOn, endsOn, 'endsOn');
  return {
    title: valid.text(input.title, 'title', valid.limits.name),
    kind: validKind(input.kind),
    format: validFormat(input.format),
    startsOn,
    endsOn,
    city: valid.optionalText(input.city, 'city', valid.limits.name) ?? null,
    host: input.host == null ? null : valid.countryCode(input.host, 'host'),
    jpaNumber: input.jpaNumber == null ? null : valid.integer(input.jpaNumber, 'jpaNumber', 1, 9999),
    agenda: validAgenda(input.agenda ?? []),
  };
}

const updatable = ['title', 'kind', 'format', 'startsOn', 'endsOn', 'city', 'agenda', 'minutes'] as const;

export function validUpdateMeeting(input: UpdateMeetingInput) {
  const changes = {
    number: validMeetingNumber(input.number),
    expectedRevision: valid.revision(input.expectedRevision),
    title: valid.optionalText(input.title, 'title', valid.limits.name),
    kind: input.kind == null ? undefined : validKind(input.kind),
    format: input.format == null ? undefined : validFormat(input.format),
    startsOn: input.startsOn == null ? undefined : valid.date(input.startsOn, 'startsOn'),
    endsOn: input.endsOn == null ? undefined : valid.date(input.endsOn, 'endsOn'),
    city: valid.optionalText(input.city, 'city', valid.limits.name),
    agenda: input.agenda == null ? undefined : validAgenda(input.agenda),
    minutes: valid.optionalText(input.minutes, 'minutes', valid.limits.text, { multiline: true }),
  };
  // Both dates given: their order is the input's own fault, whatever is stored.
  if (changes.startsOn !== undefined && changes.endsOn !== undefined)
    requireNotBefore(changes.startsOn, changes.endsOn, 'endsOn');
  const changed = updatable.filter((field) => changes[field] !== undefined);
  if (changed.length === 0) valid.requireSome(updatable.join(', '));
  return { ...changes, changed };
}

export function validRecordAttendance(input: RecordAttendanceInput) {
  const number = validMeetingNumber(input.number);
  const expectedRevision = valid.revision(input.expectedRevision);
  if (input.attendance.length > maxAttendance)
    throw new BadInputError(`at most ${maxAttendance} countries attend`, 'attendance');
  valid.countryCodes(
    input.attendance.map((entry) => entry.country),
    'attendance.country',
  );
  const attendance: AttendanceEntry[] = input.attendance.map(({ country, delegates }) => ({
    country,
    delegates: valid.integer(delegates, 'attendance.delegates', 1, maxDelegates),
  }));
  return { number, expectedRevision, attendance };
}
