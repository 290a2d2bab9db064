import { describe, expect, it } from 'vitest';
import * as keys from '../../functions/meeting/meeting.keys.ts';
import { meetingItem, minutesItem } from '../../functions/meeting/meeting.items.ts';
import type { Meeting } from '../../functions/meeting/meeting.types.ts';
import {
  maxAgendaItems,
  maxAttendance,
  maxDelegates,
  presenters,
  requireNotBefore,
  validMeetingNumber,
  validRecordAttendance,
  validScheduleMeeting,
  validUpdateMeeting,
  validYear,
  type ScheduleMeetingInput,
} from '../../functions/meeting/meeting.validation.ts';
import { BadInputError } from '../../functions/shared/domain/errors.ts';
import { isCountryCode } from '../../functions/shared/domain/country-codes.ts';

/** The BadInputError `run` throws, as the API shows it: message and field. */
function refusal(run: () => unknown): { message: string; field: string | undefined } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BadInputError);
    return { message: (error as BadInputError).message, field: (error as BadInputError).field };
  }
  throw new Error('the input was accepted');
}

const refused = (message: string, field: string) => ({ message, field });

/** `count` distinct assigned country codes, in alphabetical order. */
function countries(count: number): string[] {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const codes = [...letters].flatMap((first) => [...letters].map((second) => first + second)).filter(isCountryCode);
  return codes.slice(0, count);
}

const schedule: ScheduleMeetingInput = {
  title: ' Working group meeting ',
  kind: 'WORKING_GROUP',
  format: 'HYBRID',
  startsOn: '2026-03-10',
  endsOn: '2026-03-11',
};

describe('the limits of meetings', () => {
  it('are those of docs/api.md, and 50 countries an attendance', () => {
    expect([maxAgendaItems, maxDelegates, maxAttendance]).toEqual([50, 100, 50]);
  });
});

describe('a new meeting', () => {
  it('is taken trimmed, with what it leaves out as null or empty', () => {
    expect(validScheduleMeeting(schedule)).toEqual({
      title: 'Working group meeting',
      kind: 'WORKING_GROUP',
      format: 'HYBRID',
      startsOn: '2026-03-10',
      endsOn: '2026-03-11',
      city: null,
      host: null,
      jpaNumber: null,
      agenda: [],
    });
    expect(
      validScheduleMeeting({
        ...schedule,
        city: ' Ha Noi ',
        host: 'VN',
        jpaNumber: 7,
        agenda: [{ title: ' Opening ', presenter: 'VN' }, { title: 'Close', presenter: null }, { title: 'Lunch' }],
      }),
    ).toMatchObject({
      city: 'Ha Noi',
      host: 'VN',
      jpaNumber: 7,
      agenda: [
        { title: 'Opening', presenter: 'VN' },
        { title: 'Close', presenter: null },
        { title: 'Lunch', presenter: null },
      ],
    });
  });

  it('may end on the day it starts, never before', () => {
    expect(validScheduleMeeting({ ...schedule, endsOn: '2026-03-10' }).endsOn).toBe('2026-03-10');
    expect(refusal(() => validScheduleMeeting({ ...schedule, endsOn: '2026-03-09' }))).toEqual(
      refused('endsOn must not be before startsOn', 'endsOn'),
    );
  });

  it('takes 50 agenda items and no more', () => {
    const agenda = (count: number) => Array.from({ length: count }, (_, index) => ({ title: `Item ${index}` }));
    expect(validScheduleMeeting({ ...schedule, agenda: agenda(50) }).agenda).toHaveLength(50);
    expect(refusal(() => validScheduleMeeting({ ...schedule, agenda: agenda(51) }))).toEqual(
      refused('at most 50 agenda items', 'agenda'),
    );
  });

  it.each([
    ['a blank title', { title: ' ' }, refused('title must not be blank', 'title')],
    ['a title over 200', { title: 'x'.repeat(201) }, refused('title must be at most 200 characters', 'title')],
    ['a title on two lines', { title: 'a\nb' }, refused('title must not contain control characters', 'title')],
    ['a blank city', { city: '' }, refused('city must not be blank', 'city')],
    ['a city over 200', { city: 'x'.repeat(201) }, refused('city must be at most 200 characters', 'city')],
    ['a blank agenda title', { agenda: [{ title: '\t' }] }, refused('agenda.title must not be blank', 'agenda.title')],
    [
      'an agenda title over 200',
      { agenda: [{ title: 'x'.repeat(201) }] },
      refused('agenda.title must be at most 200 characters', 'agenda.title'),
    ],
    [
      'a presenter that is no country code',
      { agenda: [{ title: 'T', presenter: 'ZZ' }] },
      refused(
        'agenda.presenter must be an officially assigned ISO 3166-1 alpha-2 code in upper case',
        'agenda.presenter',
      ),
    ],
    [
      'a host that is no country code',
      { host: 'vn' },
      refused('host must be an officially assigned ISO 3166-1 alpha-2 code in upper case', 'host'),
    ],
    ['a JPA number of 0', { jpaNumber: 0 }, refused('jpaNumber must be a whole number from 1 to 9999', 'jpaNumber')],
    [
      'a JPA number of 10000',
      { jpaNumber: 10_000 },
      refused('jpaNumber must be a whole number from 1 to 9999', 'jpaNumber'),
    ],
    [
      'a start that is no date',
      { startsOn: '2026-02-30' },
      refused('startsOn must be a calendar date written YYYY-MM-DD', 'startsOn'),
    ],
    [
      'an end that is no date',
      { endsOn: '11/03/2026' },
      refused('endsOn must be a calendar date written YYYY-MM-DD', 'endsOn'),
    ],
    [
      'a kind that is none',
      { kind: 'PARTY' },
      refused('kind must be one of WORKING_GROUP, CONFERENCE, WORKSHOP, TRAINING', 'kind'),
    ],
    [
      'a format that is none',
      { format: 'BY_LETTER' },
      refused('format must be one of IN_PERSON, VIRTUAL, HYBRID', 'format'),
    ],
  ])('refuses %s', (_, change, expected) => {
    expect(refusal(() => validScheduleMeeting({ ...schedule, ...change } as ScheduleMeetingInput))).toEqual(expected);
  });

  it('takes titles, cities and agenda titles of 200 characters, and JPA numbers 1 and 9999', () => {
    const long = 'é'.repeat(200);
    expect(
      validScheduleMeeting({ ...schedule, title: long, city: long, agenda: [{ title: long }], jpaNumber: 1 }),
    ).toMatchObject({ title: long, city: long, agenda: [{ title: long, presenter: null }], jpaNumber: 1 });
    expect(validScheduleMeeting({ ...schedule, jpaNumber: 9999 }).jpaNumber).toBe(9999);
  });

  it('names each presenter once, in the order they first present', () => {
    expect(
      presenters([
        { title: 'a', presenter: 'NZ' },
        { title: 'b', presenter: null },
        { title: 'c', presenter: 'VN' },
        { title: 'd', presenter: 'NZ' },
      ]),
    ).toEqual(['NZ', 'VN']);
    expect(presenters([])).toEqual([]);
  });
});

describe('an update of a meeting', () => {
  const base = { number: 3, expectedRevision: 2 };

  it('names what it changes, in the order of the input', () => {
    const changes = validUpdateMeeting({
      ...base,
      minutes: ' Notes\n\tindented ',
      title: ' T ',
      kind: 'TRAINING',
      format: 'VIRTUAL',
      startsOn: '2026-01-01',
      endsOn: '2026-01-01',
      city: ' Suva ',
      agenda: [{ title: 'Only', presenter: 'FJ' }],
    });
    expect(changes).toEqual({
      number: 3,
      expectedRevision: 2,
      title: 'T',
      kind: 'TRAINING',
      format: 'VIRTUAL',
      startsOn: '2026-01-01',
      endsOn: '2026-01-01',
      city: 'Suva',
      agenda: [{ title: 'Only', presenter: 'FJ' }],
      minutes: 'Notes\n\tindented',
      changed: ['title', 'kind', 'format', 'startsOn', 'endsOn', 'city', 'agenda', 'minutes'],
    });
    expect(validUpdateMeeting({ ...base, minutes: 'm', title: null }).changed).toEqual(['minutes']);
    expect(validUpdateMeeting({ ...base, agenda: [] })).toMatchObject({ agenda: [], changed: ['agenda'] });
  });

  it('names at least one change', () => {
    expect(refusal(() => validUpdateMeeting(base))).toEqual(
      refused('an update names at least one of title, kind, format, startsOn, endsOn, city, agenda, minutes', 'input'),
    );
    expect(refusal(() => validUpdateMeeting({ ...base, title: null, agenda: null }))).toMatchObject({
      field: 'input',
    });
  });

  it('refuses two dates out of order in the input, and takes one date alone whatever it is', () => {
    expect(refusal(() => validUpdateMeeting({ ...base, startsOn: '2026-01-02', endsOn: '2026-01-01' }))).toEqual(
      refused('endsOn must not be before startsOn', 'endsOn'),
    );
    expect(validUpdateMeeting({ ...base, endsOn: '2000-01-01' }).endsOn).toBe('2000-01-01');
    expect(validUpdateMeeting({ ...base, startsOn: '2100-01-01' }).startsOn).toBe('2100-01-01');
  });

  it('takes minutes of up to 100,000 characters, not blank, on several lines', () => {
    expect(validUpdateMeeting({ ...base, minutes: 'x'.repeat(100_000) }).minutes).toHaveLength(100_000);
    expect(refusal(() => validUpdateMeeting({ ...base, minutes: 'x'.repeat(100_001) }))).toEqual(
      refused('minutes must be at most 100000 characters', 'minutes'),
    );
    expect(refusal(() => validUpdateMeeting({ ...base, minutes: ' \n' }))).toEqual(
      refused('minutes must not be blank', 'minutes'),
    );
    expect(refusal(() => validUpdateMeeting({ ...base, minutes: 'a\u0000b' }))).toEqual(
      refused('minutes must not contain control characters', 'minutes'),
    );
  });

  it.each([
    ['number 0', { number: 0 }, refused('number must be a whole number from 1 to 999999', 'number')],
    ['number 1,000,000', { number: 1_000_000 }, refused('number must be a whole number from 1 to 999999', 'number')],
    [
      'revision 0',
      { expectedRevision: 0 },
      refused('expectedRevision must be a whole number from 1 to 9007199254740991', 'expectedRevision'),
    ],
    ['a blank title', { title: '' }, refused('title must not be blank', 'title')],
    ['a blank city', { city: ' ' }, refused('city must not be blank', 'city')],
    ['an agenda of 51', { agenda: Array(51).fill({ title: 'x' }) }, refused('at most 50 agenda items', 'agenda')],
    [
      'a start that is no date',
      { startsOn: 'soon' },
      refused('startsOn must be a calendar date written YYYY-MM-DD', 'startsOn'),
    ],
    ['an end that is no date', { endsOn: '' }, refused('endsOn must be a calendar date written YYYY-MM-DD', 'endsOn')],
    [
      'a kind that is none',
      { kind: 'x' },
      refused('kind must be one of WORKING_GROUP, CONFERENCE, WORKSHOP, TRAINING', 'kind'),
    ],
    ['a format that is none', { format: 'x' }, refused('format must be one of IN_PERSON, VIRTUAL, HYBRID', 'format')],
  ])('refuses %s', (_, change, expected) => {
    expect(refusal(() => validUpdateMeeting({ ...base, title: 'T', ...change } as never))).toEqual(expected);
  });

  it('takes numbers 1 and 999,999', () => {
    expect(validMeetingNumber(1)).toBe(1);
    expect(validMeetingNumber(999_999)).toBe(999_999);
    expect(refusal(() => validMeetingNumber(1.5))).toMatchObject({ field: 'number' });
  });
});

describe("a meeting's attendance", () => {
  const base = { number: 1, expectedRevision: 3 };

  it('is taken whole, each country once with 1 to 100 delegates, or empty', () => {
    const attendance = [
      { country: 'VN', delegates: 100 },
      { country: 'NZ', delegates: 1 },
    ];
    expect(validRecordAttendance({ ...base, attendance })).toEqual({ ...base, attendance });
    expect(validRecordAttendance({ ...base, attendance: [] })).toEqual({ ...base, attendance: [] });
  });

  it('names at most 50 countries', () => {
    const many = (count: number) => countries(count).map((country) => ({ country, delegates: 1 }));
    expect(validRecordAttendance({ ...base, attendance: many(50) }).attendance).toHaveLength(50);
    expect(refusal(() => validRecordAttendance({ ...base, attendance: many(51) }))).toEqual(
      refused('at most 50 countries attend', 'attendance'),
    );
  });

  it.each([
    [
      '0 delegates',
      [{ country: 'NZ', delegates: 0 }],
      refused('attendance.delegates must be a whole number from 1 to 100', 'attendance.delegates'),
    ],
    [
      '101 delegates',
      [{ country: 'NZ', delegates: 101 }],
      refused('attendance.delegates must be a whole number from 1 to 100', 'attendance.delegates'),
    ],
    [
      '2.5 delegates',
      [{ country: 'NZ', delegates: 2.5 }],
      refused('attendance.delegates must be a whole number from 1 to 100', 'attendance.delegates'),
    ],
    [
      'a country twice',
      [
        { country: 'NZ', delegates: 1 },
        { country: 'NZ', delegates: 2 },
      ],
      refused('attendance.country names NZ twice', 'attendance.country'),
    ],
    [
      'no country code',
      [{ country: 'XX', delegates: 1 }],
      refused(
        'attendance.country must be an officially assigned ISO 3166-1 alpha-2 code in upper case',
        'attendance.country',
      ),
    ],
  ])('refuses %s', (_, attendance, expected) => {
    expect(refusal(() => validRecordAttendance({ ...base, attendance }))).toEqual(expected);
  });

  it('checks the meeting and the revision first', () => {
    const attendance = [{ country: 'XX', delegates: 0 }];
    expect(refusal(() => validRecordAttendance({ number: 0, expectedRevision: 1, attendance }))).toMatchObject({
      field: 'number',
    });
    expect(refusal(() => validRecordAttendance({ number: 1, expectedRevision: 0, attendance }))).toMatchObject({
      field: 'expectedRevision',
    });
  });
});

describe('years and dates of meetings', () => {
  it('takes the years 2014 to 2100', () => {
    expect([validYear(2014), validYear(2100)]).toEqual([2014, 2100]);
    for (const year of [2013, 2101, 2024.5])
      expect(refusal(() => validYear(year))).toEqual(refused('year must be a whole number from 2014 to 2100', 'year'));
  });

  it('lets a meeting end the day it starts', () => {
    expect(() => requireNotBefore('2026-01-01', '2026-01-01', 'endsOn')).not.toThrow();
    expect(refusal(() => requireNotBefore('2026-01-02', '2026-01-01', 'startsOn'))).toEqual(
      refused('startsOn must not be after endsOn', 'startsOn'),
    );
    expect(refusal(() => requireNotBefore('2026-01-02', '2026-01-01', 'endsOn'))).toEqual(
      refused('endsOn must not be before startsOn', 'endsOn'),
    );
  });
});

// The keys are the stored data's layout: changing one strands every item written under the old one.
describe('stored keys of meetings', () => {
  it('in the work table', () => {
    expect(keys.meetingKey(9)).toEqual({ pk: 'MTG#000009', sk: 'MTG' });
    expect([keys.meetingCounterKey, keys.meetingsInitialisedKey]).toEqual([
      { pk: 'MTG', sk: 'COUNTER' },
      { pk: 'MTG', sk: 'INITIALISED' },
    ]);
    expect([keys.meetingsList, keys.meetingKindList('TRAINING')]).toEqual(['MTG', 'MTG#TRAINING']);
    expect(keys.meetingOrder('2024-07-23', 1)).toBe('2024-07-23#000001');
    expect(keys.meetingYearPrefix(2024)).toBe('2024-');
  });

  it("carry a meeting's lists and order in its item, from its kind and start", () => {
    const meeting: Meeting = {
      number: 12,
      title: 'T',
      kind: 'TRAINING',
      format: 'VIRTUAL',
      startsOn: '2025-09-16',
      endsOn: '2025-09-18',
      city: null,
      host: 'TH',
      jpaNumber: null,
      agenda: [{ title: 'A', presenter: null }],
      attendance: [{ country: 'TH', delegates: 6 }],
      revision: 2,
    };
    expect(meetingItem(meeting)).toEqual({
      pk: 'MTG#000012',
      sk: 'MTG',
      listKey: 'MTG',
      statusKey: 'MTG#TRAINING',
      listOrder: '2025-09-16#000012',
      number: 12,
      title: 'T',
      kind: 'TRAINING',
      format: 'VIRTUAL',
      startsOn: '2025-09-16',
      endsOn: '2025-09-18',
      city: undefined,
      host: 'TH',
      jpaNumber: undefined,
      agenda: [{ title: 'A', presenter: null }],
      attendance: [{ country: 'TH', delegates: 6 }],
      revision: 2,
    });
    // Minutes apart, in no index, with the revision that wrote them.
    expect(minutesItem(12, 'Notes', 3)).toEqual({ pk: 'MTG#000012', sk: 'MINUTES', minutes: 'Notes', revision: 3 });
  });
});
