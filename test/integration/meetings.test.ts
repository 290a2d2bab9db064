import { BatchWriteCommand, DeleteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import * as doc from '../../schema/generated/documents.ts';
import { jpaKey } from '../../functions/jpa/jpa.keys.ts';
import { meetingItem, minutesItem } from '../../functions/meeting/meeting.items.ts';
import { meetingListBound, MeetingRepository } from '../../functions/meeting/meeting.repository.ts';
import type { Meeting } from '../../functions/meeting/meeting.types.ts';
import { MeetingService } from '../../functions/meeting/meeting.service.ts';
import { countryFacts } from '../../functions/membership/membership.access.ts';
import { memberKey } from '../../functions/membership/membership.keys.ts';
import { MembershipRepository } from '../../functions/membership/membership.repository.ts';
import { MembershipService } from '../../functions/membership/membership.service.ts';
import { JpaRepository } from '../../functions/jpa/jpa.repository.ts';
import { JpaService } from '../../functions/jpa/jpa.service.ts';
import { AuditRepository } from '../../functions/audit/audit.repository.ts';
import { AuditService } from '../../functions/audit/audit.service.ts';
import { Access } from '../../functions/shared/domain/access.ts';
import type { Claims } from '../../functions/shared/domain/claims.ts';
import { BadInputError } from '../../functions/shared/domain/errors.ts';
import { createDocumentClient, createDynamoClient } from '../../functions/shared/data/dynamo.ts';
import { ItemLoader } from '../../functions/shared/data/item-loader.ts';
import type { TableNames } from '../../functions/shared/data/tables.ts';
import { randomId, systemClock } from '../../functions/shared/runtime/clock.ts';
import { Cursors } from '../../functions/shared/runtime/cursors.ts';
import {
  callers,
  codes,
  countingClient,
  createTestApi,
  dataOf,
  type CallAs,
  type Identity,
  type TestApi,
} from '../support/api.ts';
import { sampleMeetings } from '../../infra/local/sample-data/meetings.ts';
import { auditEvents } from '../support/tables.ts';
import { thrown } from '../support/service-doubles.ts';

/**
 * Meetings through the Lambda handler on DynamoDB Local, against the sample data (meetings 1–3:
 * the July 2024 Ha Noi conference, a 2025 working-group meeting and a 2025 training; NZ and VN
 * co-chair; every sample member ACTIVE). Every rule of docs/api.md for meetings and every error
 * code each mutation answers; a refused change writes nothing (no audit event, which every
 * change has). Races are in meeting-races.test.ts, the permission cells in permission-table.test.ts.
 */
let api: TestApi;
beforeEach(async () => {
  api = await createTestApi();
});

const asSecretariat: CallAs = (document, ...variables) => api.call(callers.secretariat, document, ...variables);
const events = () => auditEvents(api.endpoint, api.tableNames);
/** A meeting's fields as the mutations answer them; its recommendations are work-links.test.ts's. */
const meeting = async (number: number, caller: Identity = callers.secretariat) => {
  const found = dataOf(await api.call(caller, doc.MeetingDocument, { number })).meeting;
  if (!found) return found;
  const { recommendations, ...fields } = found;
  return fields;
};
const numbers = async (year?: number) =>
  dataOf(await asSecretariat(doc.MeetingsDocument, year === undefined ? {} : { year })).meetings.map((m) => m.number);
const schedule = (input: doc.ScheduleMeetingInput, caller: Identity = callers.secretariat) =>
  api.call(caller, doc.ScheduleMeetingDocument, { input });
const update = (input: doc.UpdateMeetingInput, caller: Identity = callers.secretariat) =>
  api.call(caller, doc.UpdateMeetingDocument, { input });
const attend = (input: doc.RecordAttendanceInput, caller: Identity = callers.secretariat) =>
  api.call(caller, doc.RecordAttendanceDocument, { input });
const suspend = async (country: string) =>
  dataOf(
    await asSecretariat(doc.SetMemberStatusDocument, {
      input: { country, expectedRevision: 1, status: 'SUSPENDED', reason: 'illustrative' },
    }),
  );

const workshop: doc.ScheduleMeetingInput = {
  title: 'Workshop on document fraud',
  kind: 'WORKSHOP',
  format: 'IN_PERSON',
  startsOn: '2026-03-10',
  endsOn: '2026-03-11',
  city: 'Manila',
  host: 'PH',
  agenda: [{ title: 'Indicators at regional ports', presenter: 'AU' }, { title: 'Open discussion' }],
};

/** Sends a refused change: answers its one error's code and field; nothing may have been written. */
async function refused(send: () => Promise<{ errors?: { extensions: { code: string; field?: string } }[] }>) {
  const before = await events();
  const response = await send();
  expect(await events()).toEqual(before);
  expect(response.errors).toHaveLength(1);
  const [error] = response.errors!;
  return { code: error!.extensions.code, field: error!.extensions.field };
}

describe('the sample meetings', () => {
  it('serve the July 2024 Ha Noi conference as meeting 1: a CONFERENCE of JPA 7, hosted by Vietnam', async () => {
    const hanoi = await meeting(1);
    expect(hanoi).toMatchObject({
      id: 'meeting/1',
      number: 1,
      kind: 'CONFERENCE',
      format: 'IN_PERSON',
      startsOn: '2024-07-23',
      endsOn: '2024-07-25',
      city: 'Ha Noi',
      host: { id: 'member/VN', country: 'VN' },
      jpa: { id: 'jpa/7', number: 7 },
      revision: 3,
    });
    expect(hanoi?.title).toContain('Review, Reflect and Reset');
    expect(hanoi?.agenda.map((item) => item.title)).toContain('Forward work plan discussions');
    expect(hanoi?.attendance.map((entry) => entry.member.country)).toEqual([
      'AU',
      'KH',
      'ID',
      'LA',
      'MY',
      'NZ',
      'PH',
      'LK',
      'TH',
      'VN',
    ]);
    expect(hanoi?.minutes).toContain('Recommendations');
  });

  it('list meetings by startsOn descending: all of them, or those of a year', async () => {
    expect(await numbers()).toEqual([3, 2, 1]);
    expect(await numbers(2025)).toEqual([3, 2]);
    expect(await numbers(2024)).toEqual([1]);
    expect(await numbers(2023)).toEqual([]);
    expect((await meeting(2))?.kind).toBe('WORKING_GROUP');
    expect((await meeting(3))?.kind).toBe('TRAINING');
  });

  it('answer null for a meeting that does not exist, or a number no meeting can have', async () => {
    for (const number of [4, 0, -1, 1_000_000]) expect(await meeting(number)).toBeNull();
  });
});

describe('meetings(year)', () => {
  it('takes the years 2014 to 2100, BAD_USER_INPUT outside', async () => {
    for (const year of [2014, 2100]) expect(await numbers(year)).toEqual([]);
    for (const year of [2013, 2101, -2024]) {
      const response = await asSecretariat(doc.MeetingsDocument, { year });
      expect(codes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors?.[0]?.extensions.field).toBe('year');
    }
  });

  it('orders meetings of the same day by number, highest first', async () => {
    for (const title of ['A', 'B']) dataOf(await schedule({ ...workshop, title, startsOn: '2025-03-12' }));
    expect(await numbers(2025)).toEqual([3, 5, 4, 2]);
  });
});

describe('scheduleMeeting', () => {
  it('numbers meetings in order past the last, with no attendance or minutes yet, and records it', async () => {
    const first = dataOf(await schedule(workshop)).scheduleMeeting;
    expect(first).toEqual({
      __typename: 'Meeting',
      id: 'meeting/4',
      number: 4,
      title: 'Workshop on document fraud',
      kind: 'WORKSHOP',
      format: 'IN_PERSON',
      startsOn: '2026-03-10',
      endsOn: '2026-03-11',
      city: 'Manila',
      host: { __typename: 'Member', id: 'member/PH', country: 'PH', name: 'Philippines' },
      jpa: null,
      agenda: [
        {
          __typename: 'AgendaItem',
          title: 'Indicators at regional ports',
          presenter: { __typename: 'Member', id: 'member/AU', country: 'AU', name: 'Australia' },
        },
        { __typename: 'AgendaItem', title: 'Open discussion', presenter: null },
      ],
      attendance: [],
      minutes: null,
      revision: 1,
    });
    expect(await meeting(4)).toEqual(first);
    const second = dataOf(await schedule({ ...workshop, title: 'Second' }, callers.coChair)).scheduleMeeting;
    expect(second.number).toBe(5);
    expect((await events()).map(({ action, entity, summary, actor }) => ({ action, entity, summary, actor }))).toEqual([
      {
        action: 'scheduleMeeting',
        entity: 'meeting/5',
        summary: 'scheduled "Second" (WORKSHOP, 2026-03-10)',
        actor: 'nz-official',
      },
      {
        action: 'scheduleMeeting',
        entity: 'meeting/4',
        summary: 'scheduled "Workshop on document fraud" (WORKSHOP, 2026-03-10)',
        actor: 'secretariat-1',
      },
    ]);
  });

  it('takes a meeting that ends on the day it starts, without city, host, JPA or agenda; trims its texts', async () => {
    const input = {
      title: ' Call ',
      kind: 'WORKING_GROUP',
      format: 'VIRTUAL',
      startsOn: '2026-05-05',
      endsOn: '2026-05-05',
    } as const;
    expect(dataOf(await schedule(input)).scheduleMeeting).toMatchObject({
      title: 'Call',
      city: null,
      host: null,
      jpa: null,
      agenda: [],
    });
  });

  it('refuses an end before the start, writing nothing', async () => {
    expect(await refused(() => schedule({ ...workshop, endsOn: '2026-03-09' }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'endsOn',
    });
    expect(await numbers(2026)).toEqual([]);
  });

  it('takes at most 50 agenda items', async () => {
    const agenda = (count: number) => Array.from({ length: count }, (_, index) => ({ title: `Item ${index + 1}` }));
    expect(await refused(() => schedule({ ...workshop, agenda: agenda(51) }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'agenda',
    });
    expect(dataOf(await schedule({ ...workshop, agenda: agenda(50) })).scheduleMeeting.agenda).toHaveLength(50);
  });

  it('takes a host and presenters that are members of any status, and refuses any other country', async () => {
    await suspend('MM');
    const input = {
      ...workshop,
      host: 'MM',
      agenda: [
        { title: 'Host', presenter: 'MM' },
        { title: 'X', presenter: 'MM' },
      ],
    };
    const scheduled = dataOf(await schedule(input)).scheduleMeeting;
    expect(scheduled.host?.country).toBe('MM');
    expect(scheduled.agenda.map((item) => item.presenter?.country)).toEqual(['MM', 'MM']);
    expect(await refused(() => schedule({ ...workshop, host: 'FR' }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'host',
    });
    expect(await refused(() => schedule({ ...workshop, agenda: [{ title: 'X', presenter: 'FR' }] }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'agenda.presenter',
    });
    // Both wrong: the host, first in the input, answers.
    expect(
      await refused(() => schedule({ ...workshop, host: 'DE', agenda: [{ title: 'X', presenter: 'FR' }] })),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'host' });
    expect(await refused(() => schedule({ ...workshop, host: 'ZZ' }))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('takes a JPA that exists and refuses one that does not', async () => {
    expect(dataOf(await schedule({ ...workshop, jpaNumber: 8 })).scheduleMeeting.jpa).toMatchObject({ number: 8 });
    for (const jpaNumber of [9, 0, 10_000])
      expect(await refused(() => schedule({ ...workshop, jpaNumber }))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'jpaNumber',
      });
  });

  it.each([
    ['a blank title', { title: '  ' }, 'title'],
    ['a title over 200 characters', { title: 'x'.repeat(201) }, 'title'],
    ['a blank city', { city: '' }, 'city'],
    ['a city over 200 characters', { city: 'x'.repeat(201) }, 'city'],
    ['a blank agenda title', { agenda: [{ title: ' ' }] }, 'agenda.title'],
    ['an agenda title over 200 characters', { agenda: [{ title: 'x'.repeat(201) }] }, 'agenda.title'],
  ])('refuses %s, writing nothing', async (_, change, field) => {
    expect(await refused(() => schedule({ ...workshop, ...change }))).toEqual({ code: 'BAD_USER_INPUT', field });
  });

  it('takes texts of 200 characters', async () => {
    const long = 'x'.repeat(200);
    const scheduled = dataOf(await schedule({ ...workshop, title: long, city: long, agenda: [{ title: long }] }));
    expect(scheduled.scheduleMeeting).toMatchObject({ title: long, city: long, agenda: [{ title: long }] });
  });

  it('answers FORBIDDEN to an official before looking at its input', async () => {
    expect(await refused(() => schedule({ ...workshop, title: '', host: 'FR' }, callers.official))).toEqual({
      code: 'FORBIDDEN',
      field: undefined,
    });
  });
});

describe('updateMeeting', () => {
  it('changes what it names, bumps the revision and records it', async () => {
    const updated = dataOf(
      await update(
        {
          number: 2,
          expectedRevision: 3,
          title: 'Renamed',
          format: 'HYBRID',
          city: 'Wellington',
          agenda: [{ title: 'Only item', presenter: 'NZ' }],
          minutes: 'Line one\n\tLine two',
        },
        callers.coChair,
      ),
    ).updateMeeting;
    expect(updated).toMatchObject({
      number: 2,
      title: 'Renamed',
      kind: 'WORKING_GROUP',
      format: 'HYBRID',
      startsOn: '2025-03-12',
      city: 'Wellington',
      host: { country: 'NZ' },
      agenda: [{ title: 'Only item', presenter: { country: 'NZ' } }],
      minutes: 'Line one\n\tLine two',
      revision: 4,
    });
    expect(updated.attendance).toHaveLength(7);
    expect(await meeting(2)).toEqual(updated);
    expect((await events()).map(({ action, entity, summary }) => ({ action, entity, summary }))).toEqual([
      { action: 'updateMeeting', entity: 'meeting/2', summary: 'updated title, format, city, agenda, minutes' },
    ]);
  });

  it('moves a meeting between years when its start moves, and between kinds when its kind changes', async () => {
    dataOf(await update({ number: 1, expectedRevision: 3, startsOn: '2023-07-23', kind: 'WORKSHOP' }));
    expect(await numbers(2024)).toEqual([]);
    expect(await numbers(2023)).toEqual([1]);
    expect(await numbers()).toEqual([3, 2, 1]);
    expect((await meeting(1))?.kind).toBe('WORKSHOP');
  });

  it('refuses a stale expectedRevision with CONFLICT, changing nothing', async () => {
    const before = await meeting(1);
    expect(await refused(() => update({ number: 1, expectedRevision: 2, title: 'Late' }))).toEqual({
      code: 'CONFLICT',
      field: undefined,
    });
    expect(await meeting(1)).toEqual(before);
  });

  it('answers NOT_FOUND for a meeting that does not exist, and BAD_USER_INPUT for a number none can have', async () => {
    expect(await refused(() => update({ number: 99, expectedRevision: 1, title: 'X' }))).toEqual({
      code: 'NOT_FOUND',
      field: undefined,
    });
    expect(await refused(() => update({ number: 0, expectedRevision: 1, title: 'X' }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'number',
    });
  });

  it('checks new dates against the stored ones after NOT_FOUND: a meeting may end the day it starts', async () => {
    expect(await refused(() => update({ number: 1, expectedRevision: 3, endsOn: '2024-07-22' }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'endsOn',
    });
    expect(await refused(() => update({ number: 1, expectedRevision: 3, startsOn: '2024-07-26' }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'startsOn',
    });
    // Against stored dates, a meeting that does not exist is NOT_FOUND first; and so before a stale revision.
    expect(await refused(() => update({ number: 99, expectedRevision: 1, endsOn: '2000-01-01' }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await refused(() => update({ number: 1, expectedRevision: 1, endsOn: '2024-07-22' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    // Two dates out of order in the input are its own fault, whatever is stored.
    expect(
      await refused(() => update({ number: 99, expectedRevision: 1, startsOn: '2026-01-02', endsOn: '2026-01-01' })),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'endsOn' });
    expect(dataOf(await update({ number: 1, expectedRevision: 3, endsOn: '2024-07-23' })).updateMeeting).toMatchObject({
      startsOn: '2024-07-23',
      endsOn: '2024-07-23',
      revision: 4,
    });
  });

  it('takes minutes of up to 100,000 characters, and no blank ones', async () => {
    expect(await refused(() => update({ number: 3, expectedRevision: 2, minutes: 'x'.repeat(100_001) }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'minutes',
    });
    expect(await refused(() => update({ number: 3, expectedRevision: 2, minutes: ' \n ' }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'minutes',
    });
    const minutes = 'x'.repeat(100_000);
    expect(dataOf(await update({ number: 3, expectedRevision: 2, minutes })).updateMeeting.minutes).toBe(minutes);
  });

  it('keeps the longest minutes in four-byte characters beside a full agenda of the longest titles', async () => {
    // 400,000 bytes of minutes and 40,000 of agenda: more than DynamoDB's 400 KB for one item, so
    // the minutes must be an item of their own; and the meeting item stays small for lists.
    const minutes = '\u{1F30F}'.repeat(100_000);
    const agenda = Array.from({ length: 50 }, () => ({ title: '\u{1F4CB}'.repeat(200) }));
    const updated = dataOf(await update({ number: 3, expectedRevision: 2, agenda, minutes })).updateMeeting;
    expect([updated.minutes === minutes, updated.agenda.length, updated.revision]).toEqual([true, 50, 3]);
    const read = await api.call(callers.official, '{ meeting(number: 3) { minutes } }');
    expect((read.data as { meeting: { minutes: string } }).meeting.minutes === minutes).toBe(true);
  });

  it('refuses an agenda over 50 items, an unknown presenter, and an update naming nothing', async () => {
    const agenda = Array.from({ length: 51 }, (_, index) => ({ title: `Item ${index}` }));
    expect(await refused(() => update({ number: 1, expectedRevision: 3, agenda }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'agenda',
    });
    expect(
      await refused(() => update({ number: 1, expectedRevision: 3, agenda: [{ title: 'X', presenter: 'FR' }] })),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'agenda.presenter' });
    // Input before existence: an unknown presenter on a meeting that does not exist is BAD_USER_INPUT.
    expect(
      await refused(() => update({ number: 99, expectedRevision: 1, agenda: [{ title: 'X', presenter: 'FR' }] })),
    ).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await refused(() => update({ number: 1, expectedRevision: 3 }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input',
    });
    expect(await refused(() => update({ number: 1, expectedRevision: 3, title: ' ' }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'title',
    });
  });

  it('answers FORBIDDEN to an official before NOT_FOUND', async () => {
    expect(await refused(() => update({ number: 99, expectedRevision: 1, title: 'X' }, callers.official))).toEqual({
      code: 'FORBIDDEN',
      field: undefined,
    });
  });
});

describe('recordAttendance', () => {
  it('replaces the whole list, bumps the revision and records it', async () => {
    const recorded = dataOf(
      await attend(
        {
          number: 1,
          expectedRevision: 3,
          attendance: [
            { country: 'NZ', delegates: 1 },
            { country: 'VN', delegates: 100 },
          ],
        },
        callers.coChair,
      ),
    ).recordAttendance;
    expect(recorded.attendance).toEqual([
      {
        __typename: 'Attendance',
        member: { __typename: 'Member', id: 'member/NZ', country: 'NZ', name: 'New Zealand' },
        delegates: 1,
      },
      {
        __typename: 'Attendance',
        member: { __typename: 'Member', id: 'member/VN', country: 'VN', name: 'Viet Nam' },
        delegates: 100,
      },
    ]);
    expect(recorded.revision).toBe(4);
    expect((await meeting(1))?.attendance).toEqual(recorded.attendance);
    expect((await events()).map(({ action, entity, summary }) => ({ action, entity, summary }))).toEqual([
      { action: 'recordAttendance', entity: 'meeting/1', summary: 'recorded attendance: 2 countries, 101 delegates' },
    ]);
    const cleared = dataOf(await attend({ number: 1, expectedRevision: 4, attendance: [] })).recordAttendance;
    expect(cleared).toMatchObject({ attendance: [], revision: 5 });
  });

  it('takes only ACTIVE members, each once, with 1 to 100 delegates and at most 50 countries', async () => {
    await suspend('MM');
    const one = (country: string, delegates = 2) => ({
      number: 1,
      expectedRevision: 3,
      attendance: [{ country, delegates }],
    });
    expect(await refused(() => attend(one('MM')))).toEqual({ code: 'BAD_USER_INPUT', field: 'attendance.country' });
    expect(await refused(() => attend(one('FR')))).toEqual({ code: 'BAD_USER_INPUT', field: 'attendance.country' });
    for (const delegates of [0, 101, -1])
      expect(await refused(() => attend(one('NZ', delegates)))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'attendance.delegates',
      });
    const twice = {
      ...one('NZ'),
      attendance: [
        { country: 'NZ', delegates: 1 },
        { country: 'NZ', delegates: 2 },
      ],
    };
    expect(await refused(() => attend(twice))).toEqual({ code: 'BAD_USER_INPUT', field: 'attendance.country' });
    const codesOf51 = [
      'AD',
      'AE',
      'AF',
      'AG',
      'AI',
      'AL',
      'AM',
      'AO',
      'AQ',
      'AR',
      'AS',
      'AT',
      'AU',
      'AW',
      'AX',
      'AZ',
      'BA',
      'BB',
      'BD',
      'BE',
      'BF',
      'BG',
      'BH',
      'BI',
      'BJ',
      'BL',
      'BM',
      'BN',
      'BO',
      'BQ',
      'BR',
      'BS',
      'BT',
      'BV',
      'BW',
      'BY',
      'BZ',
      'CA',
      'CC',
      'CD',
      'CF',
      'CG',
      'CH',
      'CI',
      'CK',
      'CL',
      'CM',
      'CN',
      'CO',
      'CR',
      'CU',
    ];
    const many = { ...one('NZ'), attendance: codesOf51.map((country) => ({ country, delegates: 1 })) };
    expect(await refused(() => attend(many))).toEqual({ code: 'BAD_USER_INPUT', field: 'attendance' });
  });

  it('answers BAD_USER_INPUT before NOT_FOUND, NOT_FOUND before CONFLICT', async () => {
    const input = (number: number, expectedRevision: number, country = 'NZ') => ({
      number,
      expectedRevision,
      attendance: [{ country, delegates: 1 }],
    });
    expect(await refused(() => attend(input(99, 1, 'FR')))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await refused(() => attend(input(99, 1)))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refused(() => attend(input(1, 2)))).toMatchObject({ code: 'CONFLICT' });
  });
});

describe('what observers read of meetings', () => {
  const observer = callers.observer;

  it('everything but attendance and minutes, by number, in lists and by global id', async () => {
    const full = await meeting(1, callers.official);
    expect(full?.attendance).toHaveLength(10);
    expect(full?.minutes).not.toBeNull();
    const seen = await meeting(1, observer);
    expect(seen).toEqual({ ...full, attendance: [], minutes: null });
    const listed = dataOf(await api.call(observer, doc.MeetingsDocument, { year: 2024 })).meetings;
    expect(listed.map((m) => m.number)).toEqual([1]);
    const probe =
      '{ meetings { number attendance { delegates } minutes } node(id: "meeting/2") { ... on Meeting { attendance { delegates } minutes } } }';
    const answered = await api.call<{ meetings: { attendance: unknown[]; minutes: string | null }[]; node: unknown }>(
      observer,
      probe,
    );
    expect(answered.errors).toBeUndefined();
    expect(answered.data?.meetings.every((m) => m.attendance.length === 0 && m.minutes === null)).toBe(true);
    expect(answered.data?.node).toEqual({ attendance: [], minutes: null });
  });
});

describe('meetings by global id', () => {
  it('answers meeting/<n> through node and nodes, null for one that does not exist or a malformed id', async () => {
    for (const caller of [callers.secretariat, callers.official, callers.observer]) {
      expect(dataOf(await api.call(caller, doc.NodeDocument, { id: 'meeting/1' })).node).toEqual({
        __typename: 'Meeting',
        id: 'meeting/1',
      });
      const nodes = dataOf(
        await api.call(caller, doc.NodesDocument, { ids: ['meeting/3', 'meeting/4', 'meeting/01', 'meeting/1'] }),
      ).nodes;
      expect(nodes.map((node) => node?.id ?? null)).toEqual(['meeting/3', null, null, 'meeting/1']);
    }
    expect(codes(await api.call(callers.stranger, doc.NodeDocument, { id: 'meeting/1' }))).toEqual(['FORBIDDEN']);
  });
});

describe('what each write checks again as it commits', () => {
  /**
   * A repository whose writes first take away what the request checked when it read: the item a
   * guard checks is deleted just before the transaction is sent. Members and JPAs are never
   * deleted through the API, so this is the only way to show that the write itself checks them;
   * without the guard, the write would commit.
   */
  class Vanishing extends MeetingRepository {
    vanish: { table: 'membership' | 'jpas'; key: { pk: string; sk: string } } | null = null;
    private async remove() {
      if (!this.vanish) return;
      const client = createDocumentClient({ endpoint: api.endpoint });
      await client.send(new DeleteCommand({ TableName: api.tableNames[this.vanish.table], Key: this.vanish.key }));
    }
    override async schedule(...args: Parameters<MeetingRepository['schedule']>) {
      await this.remove();
      return super.schedule(...args);
    }
    override async replace(...args: Parameters<MeetingRepository['replace']>) {
      await this.remove();
      return super.replace(...args);
    }
  }
  let repository: Vanishing;
  beforeEach(async () => {
    api = await createTestApi((tableNames, endpoint) => {
      repository = new Vanishing(createDocumentClient({ endpoint }), tableNames);
      return { meetings: repository };
    });
  });

  it.each([
    ['the host', { table: 'membership', key: memberKey('PH') }, workshop],
    ['a presenter', { table: 'membership', key: memberKey('AU') }, workshop],
    ['the JPA', { table: 'jpas', key: jpaKey(8) }, { ...workshop, jpaNumber: 8 }],
  ] as const)('scheduleMeeting: %s gone meanwhile is CONFLICT, nothing written', async (_, vanish, input) => {
    repository.vanish = vanish;
    expect(await refused(() => schedule(input))).toEqual({ code: 'CONFLICT', field: undefined });
    expect(await numbers(2026)).toEqual([]);
  });

  it('updateMeeting: a presenter gone meanwhile is CONFLICT, nothing written', async () => {
    // Japan: a member that meeting 1 names nowhere else (it did not attend), so the meeting still reads whole.
    repository.vanish = { table: 'membership', key: memberKey('JP') };
    const input = { number: 1, expectedRevision: 3, agenda: [{ title: 'X', presenter: 'JP' }] };
    expect(await refused(() => update(input))).toEqual({ code: 'CONFLICT', field: undefined });
    expect((await meeting(1))?.revision).toBe(3);
  });

  it('recordAttendance: an attending country gone meanwhile is CONFLICT, nothing written', async () => {
    repository.vanish = { table: 'membership', key: memberKey('JP') };
    const input = { number: 1, expectedRevision: 3, attendance: [{ country: 'JP', delegates: 1 }] };
    expect(await refused(() => attend(input))).toEqual({ code: 'CONFLICT', field: undefined });
    expect((await meeting(1))?.revision).toBe(3);
  });
});

describe('the DynamoDB calls of a list of meetings', () => {
  it('are its data levels: the Query, then one batch of every member and JPA the meetings name', async () => {
    const counter = countingClient(inject('dynamoEndpoint'));
    const counted = await createTestApi({ client: counter.client });
    counter.reset();
    const query =
      '{ meetings { host { name } jpa { title } agenda { presenter { name } } attendance { member { name } } } }';
    const response = await counted.call(callers.secretariat, query);
    expect(response.errors).toBeUndefined();
    expect(counter.calls).toEqual(['QueryCommand', 'BatchGetItemCommand']);
  });
});

describe("the write's own conditions, when its reads were stale", () => {
  /**
   * A repository whose reader answers what was true before the last change: the counter, or a
   * meeting, as they were. The audit chain is read fresh, so its head's condition lets the write
   * through, and only the write's own conditions (the counter, the meeting's revision) stop it.
   */
  class StaleReads extends MeetingRepository {
    staleLast: number | null = null;
    staleMeeting: Meeting | null = null;
    override reader(loader: ItemLoader) {
      const reader = super.reader(loader);
      return {
        meeting: async (number: number) => {
          const stale = this.staleMeeting;
          this.staleMeeting = null;
          return stale?.number === number ? stale : reader.meeting(number);
        },
        lastNumber: async () => {
          const stale = this.staleLast;
          this.staleLast = null;
          return stale ?? reader.lastNumber();
        },
        minutes: reader.minutes.bind(reader),
      };
    }
  }
  let repository: StaleReads;
  beforeEach(async () => {
    api = await createTestApi((tableNames, endpoint) => {
      repository = new StaleReads(createDocumentClient({ endpoint }), tableNames);
      return { meetings: repository };
    });
  });

  it('never gives out a number twice: a schedule that read an old counter takes the next one', async () => {
    dataOf(await schedule({ ...workshop, title: 'First' }));
    repository.staleLast = 3;
    const second = dataOf(await schedule({ ...workshop, title: 'Second' })).scheduleMeeting;
    expect(second.number).toBe(5);
    expect((await meeting(4))?.title).toBe('First');
    expect((await meeting(5))?.title).toBe('Second');
  });

  it('never writes over a change it did not read: a stale revision is CONFLICT', async () => {
    dataOf(await update({ number: 1, expectedRevision: 3, title: 'Changed meanwhile' }));
    // Meeting 1 as the sample data stores it, at revision 3: as it was before that change.
    repository.staleMeeting = sampleMeetings[0]!;
    expect(await refused(() => update({ number: 1, expectedRevision: 3, title: 'Late' }))).toEqual({
      code: 'CONFLICT',
      field: undefined,
    });
    expect(await meeting(1)).toMatchObject({ title: 'Changed meanwhile', revision: 4 });
  });
});

describe('the bound of a list of meetings', () => {
  /** A client that records each Query's Limit and how many items DynamoDB read for it. */
  const recorded: { limit: number | undefined; read: number; select: string | undefined }[] = [];
  const base = createDynamoClient({ endpoint: inject('dynamoEndpoint') });
  base.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === 'QueryCommand') {
        const input = args.input as { Limit?: number; Select?: string };
        const output = result.output as { ScannedCount?: number };
        recorded.push({ limit: input.Limit, read: output.ScannedCount ?? 0, select: input.Select });
      }
      return result;
    },
    { step: 'initialize', name: 'recordQueries' },
  );
  const client = DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } });
  let large: TestApi;
  const extra = 105;

  beforeAll(async () => {
    large = await createTestApi({ client });
    // Meetings 4–108, all starting in 2030 (day by number), written as the repository writes them.
    const meetings: Meeting[] = Array.from({ length: extra }, (_, index) => ({
      number: 4 + index,
      title: `Meeting ${4 + index}`,
      kind: index % 5 === 0 ? 'TRAINING' : 'WORKING_GROUP',
      format: 'VIRTUAL',
      startsOn: new Date(Date.UTC(2030, 0, 1 + index)).toISOString().slice(0, 10),
      endsOn: new Date(Date.UTC(2030, 0, 1 + index)).toISOString().slice(0, 10),
      city: null,
      host: null,
      jpaNumber: null,
      agenda: [],
      attendance: [],
      revision: 1,
    }));
    // Each with the longest minutes: neither the list nor the counts may read them.
    const items = meetings.flatMap((m) => [meetingItem(m), minutesItem(m.number, 'x'.repeat(100_000), 1)]);
    for (let start = 0; start < items.length; start += 25) {
      const batch = items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
      await client.send(new BatchWriteCommand({ RequestItems: { [large.tableNames.work]: batch } }));
    }
  });

  it('counts past the bound of the list, for the annual report, in one Query of counts', async () => {
    const reads = meetingService(client, large.tableNames, { subject: 's', groups: ['secretariat'], country: null });
    recorded.length = 0;
    expect(await reads.meetingCount(2030)).toBe(extra);
    expect(await reads.trainingCount(2030)).toBe(21);
    expect(recorded).toEqual([
      { limit: 1000, read: extra, select: 'COUNT' },
      { limit: 1000, read: 21, select: 'COUNT' },
    ]);
  });

  it('answers the newest 100 of a year, one Query with the bound as its Limit, reading no more', async () => {
    expect(meetingListBound).toBe(100);
    for (const variables of [{ year: 2030 }, {}]) {
      recorded.length = 0;
      const listed = dataOf(await large.call(callers.secretariat, doc.MeetingsDocument, variables)).meetings;
      expect(listed.map((m) => m.number)).toEqual(Array.from({ length: 100 }, (_, index) => 4 + extra - 1 - index));
      expect(recorded).toEqual([{ limit: 100, read: 100, select: undefined }]);
    }
  });

  it("answers the year's draft annual report within the read budget, whatever the minutes", async () => {
    const report = await large.call(callers.secretariat, '{ annualReport(year: 2030) { status meetings trainings } }');
    expect([report.errors, report.data]).toEqual([
      undefined,
      { annualReport: { status: 'DRAFT', meetings: extra, trainings: 21 } },
    ]);
  });
});

/**
 * The service as one request of this caller builds it (functions/graphql/context.ts), over these
 * tables: what the annual report calls for its meeting figures and its table of a year's meetings.
 */
function meetingService(client: DynamoDBDocumentClient, tableNames: TableNames, claims: Claims): MeetingService {
  const loader = new ItemLoader(client);
  const membershipRepository = new MembershipRepository(client, tableNames);
  const access = new Access(claims, countryFacts(membershipRepository.reader(loader)));
  const cursors = new Cursors(async () => new Uint8Array(32).fill(7));
  const audit = new AuditService({ repository: new AuditRepository(client, tableNames), cursors, access });
  const common = { loader, clock: systemClock, newId: randomId, access, audit };
  const membership = new MembershipService({ repository: membershipRepository, ...common });
  const jpas = new JpaService({ repository: new JpaRepository(client, tableNames), ...common, membership });
  return new MeetingService({ repository: new MeetingRepository(client, tableNames), ...common, membership, jpas });
}

describe("the annual report's reads of meetings", () => {
  const secretariat: Claims = { subject: 'secretariat-1', groups: ['secretariat'], country: null };
  const observer: Claims = { subject: 'observer-1', groups: ['observer'], country: null };
  const service = (claims = secretariat) =>
    meetingService(createDocumentClient({ endpoint: api.endpoint }), api.tableNames, claims);

  it('counts the meetings of every kind and the trainings whose startsOn is in the year', async () => {
    const reads = service();
    expect([await reads.meetingCount(2024), await reads.trainingCount(2024)]).toEqual([1, 0]);
    expect([await reads.meetingCount(2025), await reads.trainingCount(2025)]).toEqual([2, 1]);
    expect([await reads.meetingCount(2026), await reads.trainingCount(2026)]).toEqual([0, 0]);
    // A training ending in the next year counts in the year it starts; one moved out of its year leaves it.
    dataOf(await schedule({ ...workshop, kind: 'TRAINING', startsOn: '2026-12-31', endsOn: '2027-01-02' }));
    dataOf(
      await update({ number: 2, expectedRevision: 3, startsOn: '2026-01-05', endsOn: '2026-01-05', kind: 'TRAINING' }),
    );
    const after = service();
    expect([await after.meetingCount(2025), await after.trainingCount(2025)]).toEqual([1, 1]);
    expect([await after.meetingCount(2026), await after.trainingCount(2026)]).toEqual([2, 2]);
    expect([await after.meetingCount(2027), await after.trainingCount(2027)]).toEqual([0, 0]);
  });

  it("lists a year's meetings for the report's table, startsOn descending, as the caller may see them", async () => {
    expect((await service().meetings(2025)).map((m) => [m.number, m.attendance.length])).toEqual([
      [3, 7],
      [2, 7],
    ]);
    const observing = service(observer);
    const listed = await observing.meetings(2025);
    expect(await Promise.all(listed.map(async (m) => [m.number, m.attendance, await observing.minutes(m)]))).toEqual([
      [3, [], null],
      [2, [], null],
    ]);
  });

  it('takes the years 2014 to 2100 only', async () => {
    const reads = service();
    for (const read of [reads.meetingCount(2013), reads.trainingCount(2101), reads.meetings(1999)])
      expect(await thrown(read)).toBeInstanceOf(BadInputError);
  });
});
