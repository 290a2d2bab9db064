import { describe, expect, it } from 'vitest';
import type { MeetingStore } from '../../functions/meeting/meeting.repository.ts';
import { scheduleAttempts, MeetingService } from '../../functions/meeting/meeting.service.ts';
import type { Meeting, MeetingKind } from '../../functions/meeting/meeting.types.ts';
import type { CallerAuthority } from '../../functions/membership/membership.repository.ts';
import type { Member } from '../../functions/membership/membership.types.ts';
import type { TransactionGuard } from '../../functions/shared/data/transaction-guard.ts';
import { Access } from '../../functions/shared/domain/access.ts';
import type { AuditEvent, ChainedEvent } from '../../functions/shared/domain/audit-events.ts';
import type { Claims } from '../../functions/shared/domain/claims.ts';
import { BadInputError, ConflictError, ForbiddenError, NotFoundError } from '../../functions/shared/domain/errors.ts';
import { InMemoryTrail, RecordingLoader, thrown } from '../support/service-doubles.ts';

/**
 * The meeting rules against an in-memory table with the repository's conditions (the counter,
 * the revision), fast enough for Stryker to run per mutant. The rules' conditions in DynamoDB
 * itself are held by test/integration/meetings.test.ts and meeting-races.test.ts.
 */

/** A guard named by what it checks, as the fakes lend them: compared by that name. */
const guard = (name: string, refusal?: string): TransactionGuard => ({
  condition: { check: name } as unknown as TransactionGuard['condition'],
  ...(refusal ? { refusal: { message: refusal } } : {}),
});

class InMemoryMeetings implements MeetingStore {
  readonly meetings = new Map<number, Meeting>();
  /** Each meeting's minutes, with the meeting's revision that wrote them. */
  readonly minutes = new Map<number, { minutes: string; revision: number }>();
  readonly events: AuditEvent[] = [];
  /** The guards each write carried. */
  readonly guards: (readonly TransactionGuard[])[] = [];
  /** The lists and counts asked for, in order. */
  readonly asked: string[] = [];
  /** The meetings read by number, in order. */
  readonly reads: number[] = [];
  last = 0;
  /** Schedules by others that take the number just before this one's write, one per write. */
  racingSchedules = 0;
  /** A condition of the write other than the counter fails (what the meeting names is gone). */
  referencesGone = false;

  reader() {
    return {
      meeting: async (number: number) => {
        this.reads.push(number);
        return this.meetings.get(number) ?? null;
      },
      lastNumber: async () => this.last,
      minutes: async (number: number) => this.minutes.get(number)?.minutes ?? null,
    };
  }

  async listMeetings(year: number | null) {
    this.asked.push(`list ${year}`);
    return [...this.meetings.values()]
      .filter((meeting) => year === null || meeting.startsOn.startsWith(`${year}-`))
      .sort((a, b) => b.startsOn.localeCompare(a.startsOn) || b.number - a.number);
  }

  async countMeetings(year: number, kind?: MeetingKind) {
    this.asked.push(`count ${year} ${kind}`);
    return (await this.listMeetings(year)).filter((meeting) => !kind || meeting.kind === kind).length;
  }

  async schedule(meeting: Meeting, last: number, guards: readonly TransactionGuard[], { event }: ChainedEvent) {
    if (this.racingSchedules > 0) {
      this.racingSchedules -= 1;
      this.put({ ...meeting, title: 'another meeting' });
      this.last = meeting.number;
    }
    if (this.last !== last || this.referencesGone)
      throw new ConflictError('another meeting took this number, or what the meeting names changed meanwhile');
    this.last = meeting.number;
    this.put(meeting);
    this.guards.push(guards);
    this.events.push(event);
  }

  async replace(meeting: Meeting, guards: readonly TransactionGuard[], { event }: ChainedEvent, minutes?: string) {
    if (this.meetings.get(meeting.number)?.revision !== meeting.revision - 1 || this.referencesGone)
      throw new ConflictError(`meeting ${meeting.number} changed meanwhile, or what it names changed`);
    this.put(meeting);
    if (minutes !== undefined) this.minutes.set(meeting.number, { minutes, revision: meeting.revision });
    this.guards.push(guards);
    this.events.push(event);
  }

  jpaGuard(number: number) {
    return guard(`jpa ${number}`);
  }

  put(meeting: Meeting): void {
    this.meetings.set(meeting.number, meeting);
  }
}

const callers: Record<string, Claims> = {
  secretariat: { subject: 'sec-1', groups: ['secretariat'], country: null },
  coChair: { subject: 'cc-1', groups: [], country: 'VN' },
  official: { subject: 'off-1', groups: [], country: 'TH' },
  observer: { subject: 'obs-1', groups: ['observer'], country: null },
  stranger: { subject: 'fr-1', groups: [], country: 'FR' },
};

/** Members of the fake membership: MM SUSPENDED, the others ACTIVE; FR and DE are none. */
const statuses: Record<string, Member['status']> = {
  VN: 'ACTIVE',
  NZ: 'ACTIVE',
  TH: 'ACTIVE',
  AU: 'ACTIVE',
  MM: 'SUSPENDED',
};
const member = (country: string): Member | null =>
  statuses[country]
    ? {
        country,
        name: `Member ${country}`,
        status: statuses[country],
        joinedOn: '2014-01-01',
        agencies: [],
        focalPoint: null,
        revision: 1,
      }
    : null;

function service(caller: string, table = new InMemoryMeetings(), loader = new RecordingLoader()) {
  const access = new Access(callers[caller]!, async (country) => ({
    memberStatus: member(country)?.status ?? null,
    holdsCoChairTerm: country === 'VN',
  }));
  let ids = 0;
  const membershipReads: string[] = [];
  const jpaReads: number[] = [];
  const meetings = new MeetingService({
    repository: table,
    loader,
    clock: { now: () => '2026-11-30T09:00:00.000Z' },
    newId: () => {
      ids += 1;
      return `event-${ids}`;
    },
    access,
    audit: new InMemoryTrail(),
    membership: {
      member: async (country) => {
        membershipReads.push(country);
        return member(country);
      },
      requireMembers: async (countries, field) => {
        const unknown = countries.find((country) => !member(country));
        if (unknown) throw new BadInputError(`${unknown} is not a member`, field);
        return countries.map((country) => guard(`member ${country}`));
      },
      requireActiveMembers: async (countries, field) => {
        const inactive = countries.find((country) => member(country)?.status !== 'ACTIVE');
        if (inactive) throw new BadInputError(`${inactive} is not an ACTIVE member`, field);
        return countries.map((country) => guard(`active ${country}`));
      },
      // Lent for every caller here, the secretariat too (the real membership lends none for it).
      authorityGuards: ({ authority, refusal }: CallerAuthority) => [
        guard(authority.kind === 'secretariat' ? 'secretariat' : `${authority.kind} ${authority.country}`, refusal),
      ],
    },
    jpas: {
      jpa: async (number) => {
        jpaReads.push(number);
        return number === 7 ? ({ number: 7 } as never) : null;
      },
    },
  });
  return { meetings, table, loader, membershipReads, jpaReads };
}

const meeting = (number: number, fields: Partial<Meeting> = {}): Meeting => ({
  number,
  title: `Meeting ${number}`,
  kind: 'WORKING_GROUP',
  format: 'IN_PERSON',
  startsOn: '2025-03-12',
  endsOn: '2025-03-13',
  city: 'Suva',
  host: 'NZ',
  jpaNumber: null,
  agenda: [{ title: 'Item', presenter: 'AU' }],
  attendance: [{ country: 'TH', delegates: 2 }],
  revision: 2,
  ...fields,
});

/** Meetings 1 (July 2024 conference), 2 (a 2025 training), 3 (a 2025 working-group meeting). */
function sample(): InMemoryMeetings {
  const table = new InMemoryMeetings();
  table.put(meeting(1, { kind: 'CONFERENCE', startsOn: '2024-07-23', endsOn: '2024-07-25', jpaNumber: 7 }));
  table.put(meeting(2, { kind: 'TRAINING', startsOn: '2025-09-16', endsOn: '2025-09-18' }));
  table.put(meeting(3, { startsOn: '2025-03-12' }));
  for (const number of [1, 2, 3]) table.minutes.set(number, { minutes: 'Notes', revision: 2 });
  table.last = 3;
  return table;
}

const newMeeting = {
  title: ' Workshop ',
  kind: 'WORKSHOP',
  format: 'VIRTUAL',
  startsOn: '2026-03-10',
  endsOn: '2026-03-10',
  city: 'Manila',
  host: 'NZ',
  jpaNumber: 7,
  agenda: [
    { title: 'A', presenter: 'AU' },
    { title: 'B', presenter: 'NZ' },
    { title: 'C', presenter: 'AU' },
    { title: 'D' },
  ],
} as const;

describe('reading meetings', () => {
  it('answers a meeting by number, null for none, and reads no number none can have', async () => {
    const { meetings, table } = service('official', sample());
    expect(await meetings.meeting(2)).toEqual(table.meetings.get(2));
    expect(await meetings.meeting(4)).toBeNull();
    for (const number of [0, -1, 1.5, 1_000_000, Number.NaN]) expect(await meetings.meeting(number)).toBeNull();
    expect(await meetings.meeting(999_999)).toBeNull();
    expect(table.reads).toEqual([2, 4, 999_999]);
  });

  it('lists by startsOn descending, all or a year, and counts a year, its trainings apart', async () => {
    const { meetings, table } = service('official', sample());
    expect((await meetings.meetings()).map((m) => m.number)).toEqual([2, 3, 1]);
    expect((await meetings.meetings(null)).map((m) => m.number)).toEqual([2, 3, 1]);
    expect((await meetings.meetings(2025)).map((m) => m.number)).toEqual([2, 3]);
    expect(await meetings.meetingCount(2025)).toBe(2);
    expect(await meetings.trainingCount(2025)).toBe(1);
    expect(await meetings.trainingCount(2024)).toBe(0);
    expect(table.asked).toEqual([
      'list null',
      'list null',
      'list 2025',
      'count 2025 undefined',
      'list 2025',
      'count 2025 TRAINING',
      'list 2025',
      'count 2024 TRAINING',
      'list 2024',
    ]);
  });

  it.each([2013, 2101, 2020.5])('refuses the year %s in lists and counts, before reading', async (year) => {
    const { meetings, table } = service('secretariat', sample());
    for (const read of [meetings.meetings(year), meetings.meetingCount(year), meetings.trainingCount(year)]) {
      const error = await thrown(read);
      expect(error).toBeInstanceOf(BadInputError);
      expect(error.message).toBe('year must be a whole number from 2014 to 2100');
    }
    expect(table.asked).toEqual([]);
  });

  it('shows observers neither attendance nor minutes, by number and in lists', async () => {
    const { meetings } = service('observer', sample());
    const second = await meetings.meeting(2);
    expect(second).toEqual(
      meeting(2, { kind: 'TRAINING', startsOn: '2025-09-16', endsOn: '2025-09-18', attendance: [] }),
    );
    expect(await meetings.minutes(second!)).toBeNull();
    for (const listed of await meetings.meetings(2025))
      expect([listed.attendance, await meetings.minutes(listed)]).toEqual([[], null]);
  });

  it.each(['secretariat', 'coChair', 'official'])('shows the %s attendance and minutes', async (caller) => {
    const { meetings } = service(caller, sample());
    const first = await meetings.meeting(1);
    expect(first).toMatchObject({ attendance: [{ country: 'TH', delegates: 2 }] });
    expect(await meetings.minutes(first!)).toBe('Notes');
    expect(await meetings.minutes((await meetings.meetings(2024))[0]!)).toBe('Notes');
    expect(await meetings.minutes(meeting(4))).toBeNull();
  });

  it('is FORBIDDEN to a caller with no role, before reading', async () => {
    const { meetings, table } = service('stranger', sample());
    for (const read of [
      meetings.meeting(1),
      meetings.meetings(2025),
      meetings.meetingCount(2025),
      meetings.trainingCount(2025),
    ])
      expect(await thrown(read)).toBeInstanceOf(ForbiddenError);
    expect([table.reads, table.asked]).toEqual([[], []]);
  });

  it('answers the meeting a recommendation was made at as the caller may see it, none where none is named', async () => {
    const { meetings, table } = service('observer', sample());
    expect(await meetings.madeAt(2)).toEqual({ ...table.meetings.get(2), attendance: [] });
    expect(await meetings.madeAt(null)).toBeNull();
    expect(await meetings.madeAt(9)).toBeNull();
    expect(table.reads).toEqual([2, 9]);
  });

  it('reads the host, presenters, attendees and JPA through their domains, null where none is named', async () => {
    const { meetings, membershipReads, jpaReads } = service('official', sample());
    const first = meeting(1, { jpaNumber: 7 });
    expect(await meetings.host(first)).toMatchObject({ country: 'NZ' });
    expect(await meetings.host({ ...first, host: null })).toBeNull();
    expect(await meetings.presenter({ title: 'x', presenter: 'AU' })).toMatchObject({ country: 'AU' });
    expect(await meetings.presenter({ title: 'x', presenter: null })).toBeNull();
    expect(await meetings.attendee({ country: 'TH', delegates: 1 })).toMatchObject({ country: 'TH' });
    expect(await meetings.jpa(first)).toEqual({ number: 7 });
    expect(await meetings.jpa({ ...first, jpaNumber: null })).toBeNull();
    expect(membershipReads).toEqual(['NZ', 'AU', 'TH']);
    expect(jpaReads).toEqual([7]);
    const error = await thrown(meetings.attendee({ country: 'FR', delegates: 1 }));
    expect(error.message).toBe('attendance names FR, which is no member');
  });
});

describe('scheduling a meeting', () => {
  it('numbers it one past the last, as revision 1 without attendance or minutes, and records who did', async () => {
    const loader = new RecordingLoader();
    const { meetings, table } = service('coChair', sample(), loader);
    const scheduled = await meetings.scheduleMeeting(newMeeting);
    expect(scheduled).toEqual({
      number: 4,
      title: 'Workshop',
      kind: 'WORKSHOP',
      format: 'VIRTUAL',
      startsOn: '2026-03-10',
      endsOn: '2026-03-10',
      city: 'Manila',
      host: 'NZ',
      jpaNumber: 7,
      agenda: [
        { title: 'A', presenter: 'AU' },
        { title: 'B', presenter: 'NZ' },
        { title: 'C', presenter: 'AU' },
        { title: 'D', presenter: null },
      ],
      attendance: [],
      revision: 1,
    });
    expect(table.meetings.get(4)).toEqual(scheduled);
    expect(table.last).toBe(4);
    expect(loader.forgotten).toBe(1);
    expect(table.events).toMatchObject([
      {
        id: 'event-1',
        at: '2026-11-30T09:00:00.000Z',
        actor: 'cc-1',
        actorCountry: 'VN',
        action: 'scheduleMeeting',
        entity: 'meeting/4',
        summary: 'scheduled "Workshop" (WORKSHOP, 2026-03-10)',
      },
    ]);
  });

  it("carries the caller's power, the host, each other presenter once and the JPA as guards", async () => {
    const { meetings, table, jpaReads } = service('coChair', sample());
    await meetings.scheduleMeeting(newMeeting);
    await meetings.scheduleMeeting({ ...newMeeting, host: null, jpaNumber: null, agenda: [] });
    // The JPA is read only when one is named.
    expect(jpaReads).toEqual([7]);
    expect(table.guards).toEqual([
      [
        guard('coChair VN', 'your role may not schedule meeting'),
        guard('member NZ'),
        guard('member AU'),
        guard('jpa 7'),
      ],
      [guard('coChair VN', 'your role may not schedule meeting')],
    ]);
  });

  it('takes a host and presenters of any status', async () => {
    const { meetings } = service('secretariat', sample());
    const scheduled = await meetings.scheduleMeeting({
      ...newMeeting,
      host: 'MM',
      agenda: [{ title: 'x', presenter: 'MM' }],
    });
    expect(scheduled).toMatchObject({ host: 'MM', agenda: [{ presenter: 'MM' }] });
  });

  it.each([
    ['a host that is no member', { host: 'FR' }, 'FR is not a member', 'host'],
    [
      'a presenter that is no member',
      { agenda: [{ title: 'x', presenter: 'DE' }] },
      'DE is not a member',
      'agenda.presenter',
    ],
    ['both, the host first', { host: 'FR', agenda: [{ title: 'x', presenter: 'DE' }] }, 'FR is not a member', 'host'],
    [
      'a presenter and a JPA, the presenter first',
      { jpaNumber: 9, agenda: [{ title: 'x', presenter: 'DE' }] },
      'DE is not a member',
      'agenda.presenter',
    ],
    ['a JPA that does not exist', { jpaNumber: 9 }, 'JPA 9 does not exist', 'jpaNumber'],
    ['an end before the start', { endsOn: '2026-03-09' }, 'endsOn must not be before startsOn', 'endsOn'],
  ])('refuses %s, writing nothing', async (_, change, message, field) => {
    const { meetings, table } = service('secretariat', sample());
    const error = await thrown(meetings.scheduleMeeting({ ...newMeeting, ...change }));
    expect(error).toBeInstanceOf(BadInputError);
    expect([error.message, (error as BadInputError).field]).toEqual([message, field]);
    expect([table.events, table.last]).toEqual([[], 3]);
  });

  it.each(['official', 'observer', 'stranger'])('is FORBIDDEN to the %s before the input is read', async (caller) => {
    const { meetings, table } = service(caller, sample());
    const error = await thrown(meetings.scheduleMeeting({ ...newMeeting, title: '', host: 'FR' }));
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(table.events).toEqual([]);
  });

  it('takes the next number when others took this one, trying again on the new last number', async () => {
    const table = sample();
    table.racingSchedules = scheduleAttempts - 1;
    const loader = new RecordingLoader();
    const { meetings } = service('secretariat', table, loader);
    const scheduled = await meetings.scheduleMeeting(newMeeting);
    expect(scheduled.number).toBe(3 + scheduleAttempts);
    expect(table.meetings.get(scheduled.number)?.title).toBe('Workshop');
    expect(table.events.map((event) => event.entity)).toEqual([`meeting/${3 + scheduleAttempts}`]);
    // Each lost race forgets the counter it read, so the next attempt reads the new one; then the write.
    expect(loader.forgotten).toBe(scheduleAttempts);
  });

  it('gives up after ten lost races with the conflict', async () => {
    expect(scheduleAttempts).toBe(10);
    const table = sample();
    table.racingSchedules = scheduleAttempts;
    const { meetings } = service('secretariat', table);
    const error = await thrown(meetings.scheduleMeeting(newMeeting));
    expect(error).toBeInstanceOf(ConflictError);
    expect(table.events).toEqual([]);
  });

  it('answers CONFLICT at once when what it names is gone but its number was not taken', async () => {
    const table = sample();
    table.referencesGone = true;
    let attempts = 0;
    const schedule = table.schedule.bind(table);
    table.schedule = (...args) => {
      attempts += 1;
      return schedule(...args);
    };
    const { meetings } = service('secretariat', table);
    expect(await thrown(meetings.scheduleMeeting(newMeeting))).toBeInstanceOf(ConflictError);
    expect(attempts).toBe(1);
  });

  it('passes on any other failure at once', async () => {
    const table = sample();
    let attempts = 0;
    table.schedule = async () => {
      attempts += 1;
      throw new Error('DynamoDB is down');
    };
    const { meetings } = service('secretariat', table);
    expect((await thrown(meetings.scheduleMeeting(newMeeting))).message).toBe('DynamoDB is down');
    expect(attempts).toBe(1);
  });
});

describe('updating a meeting', () => {
  it('changes what it names, keeps the rest, bumps the revision and records it', async () => {
    const loader = new RecordingLoader();
    const { meetings, table } = service('secretariat', sample(), loader);
    const updated = await meetings.updateMeeting({
      number: 3,
      expectedRevision: 2,
      title: ' Renamed ',
      kind: 'TRAINING',
      format: 'HYBRID',
      startsOn: '2025-03-13',
      endsOn: '2025-03-14',
      city: 'Apia',
      agenda: [{ title: 'New', presenter: 'MM' }],
      minutes: 'New notes',
    });
    expect(updated).toEqual(
      meeting(3, {
        title: 'Renamed',
        kind: 'TRAINING',
        format: 'HYBRID',
        startsOn: '2025-03-13',
        endsOn: '2025-03-14',
        city: 'Apia',
        agenda: [{ title: 'New', presenter: 'MM' }],
        revision: 3,
      }),
    );
    expect(table.meetings.get(3)).toEqual(updated);
    expect(table.minutes.get(3)).toEqual({ minutes: 'New notes', revision: 3 });
    expect(loader.forgotten).toBe(1);
    expect(table.guards).toEqual([[guard('secretariat', 'your role may not update meeting'), guard('member MM')]]);
    expect(table.events.map((event) => [event.action, event.entity, event.summary])).toEqual([
      ['updateMeeting', 'meeting/3', 'updated title, kind, format, startsOn, endsOn, city, agenda, minutes'],
    ]);
    const one = await meetings.updateMeeting({ number: 3, expectedRevision: 3, minutes: 'Later' });
    expect(one).toEqual({ ...updated, revision: 4 });
    expect(table.minutes.get(3)).toEqual({ minutes: 'Later', revision: 4 });
    await meetings.updateMeeting({ number: 3, expectedRevision: 4, title: 'Again' });
    expect(table.minutes.get(3)).toEqual({ minutes: 'Later', revision: 4 });
    expect(table.guards[1]).toEqual([guard('secretariat', 'your role may not update meeting')]);
  });

  it.each([
    [{ endsOn: '2025-03-11' }, 'endsOn must not be before startsOn', 'endsOn'],
    [{ startsOn: '2025-03-14' }, 'startsOn must not be after endsOn', 'startsOn'],
  ])('checks %j against the stored dates', async (change, message, field) => {
    const { meetings, table } = service('secretariat', sample());
    const error = await thrown(meetings.updateMeeting({ number: 3, expectedRevision: 2, ...change }));
    expect(error).toBeInstanceOf(BadInputError);
    expect([error.message, (error as BadInputError).field]).toEqual([message, field]);
    expect(table.events).toEqual([]);
  });

  it('lets a meeting end on the day it starts', async () => {
    const { meetings } = service('secretariat', sample());
    expect(await meetings.updateMeeting({ number: 3, expectedRevision: 2, endsOn: '2025-03-12' })).toMatchObject({
      startsOn: '2025-03-12',
      endsOn: '2025-03-12',
    });
  });

  it.each([
    [
      'an unknown presenter on a meeting that does not exist',
      { number: 9, agenda: [{ title: 'x', presenter: 'FR' }] },
      BadInputError,
      'FR is not a member',
      'agenda.presenter',
    ],
    [
      'a meeting that does not exist, dates against nothing stored',
      { number: 9, endsOn: '2000-01-01' },
      NotFoundError,
      'meeting 9 does not exist',
      undefined,
    ],
    [
      'dates against stored ones before a stale revision',
      { expectedRevision: 1, endsOn: '2000-01-01' },
      BadInputError,
      'endsOn must not be before startsOn',
      'endsOn',
    ],
    [
      'a stale revision',
      { expectedRevision: 1, title: 'x' },
      ConflictError,
      'meeting 3 is at revision 2, not 1',
      undefined,
    ],
  ])('answers %s', async (_, change, kind, message, field) => {
    const { meetings, table } = service('coChair', sample());
    const error = await thrown(meetings.updateMeeting({ number: 3, expectedRevision: 2, ...change }));
    expect(error).toBeInstanceOf(kind);
    expect([error.message, error instanceof BadInputError ? error.field : undefined]).toEqual([message, field]);
    expect(table.events).toEqual([]);
  });

  it('is FORBIDDEN to an official before anything is read', async () => {
    const { meetings, table } = service('official', sample());
    expect(await thrown(meetings.updateMeeting({ number: 9, expectedRevision: 0 }))).toBeInstanceOf(ForbiddenError);
    expect(table.reads).toEqual([]);
  });

  it('answers CONFLICT when the meeting changed after it was read', async () => {
    const table = sample();
    table.referencesGone = true;
    const { meetings } = service('secretariat', table);
    expect(await thrown(meetings.updateMeeting({ number: 3, expectedRevision: 2, title: 'x' }))).toBeInstanceOf(
      ConflictError,
    );
  });
});

describe("recording a meeting's attendance", () => {
  it('replaces the whole list, bumps the revision, guards each country ACTIVE and records it', async () => {
    const loader = new RecordingLoader();
    const { meetings, table } = service('coChair', sample(), loader);
    const attendance = [
      { country: 'AU', delegates: 3 },
      { country: 'VN', delegates: 100 },
    ];
    const recorded = await meetings.recordAttendance({ number: 3, expectedRevision: 2, attendance });
    expect(recorded).toEqual(meeting(3, { attendance, revision: 3 }));
    expect(table.meetings.get(3)).toEqual(recorded);
    expect(loader.forgotten).toBe(1);
    expect(table.guards).toEqual([
      [guard('coChair VN', 'your role may not record attendance'), guard('active AU'), guard('active VN')],
    ]);
    expect(table.events.map((event) => [event.action, event.entity, event.summary])).toEqual([
      ['recordAttendance', 'meeting/3', 'recorded attendance: 2 countries, 103 delegates'],
    ]);
    expect(await meetings.recordAttendance({ number: 3, expectedRevision: 3, attendance: [] })).toMatchObject({
      attendance: [],
      revision: 4,
    });
    expect(table.events[1]?.summary).toBe('recorded attendance: 0 countries, 0 delegates');
  });

  it.each([
    [
      'a SUSPENDED member',
      { attendance: [{ country: 'MM', delegates: 1 }] },
      BadInputError,
      'MM is not an ACTIVE member',
      'attendance.country',
    ],
    [
      'no member, on a meeting that does not exist',
      { number: 9, attendance: [{ country: 'FR', delegates: 1 }] },
      BadInputError,
      'FR is not an ACTIVE member',
      'attendance.country',
    ],
    ['a meeting that does not exist', { number: 9 }, NotFoundError, 'meeting 9 does not exist', undefined],
    ['a stale revision', { expectedRevision: 3 }, ConflictError, 'meeting 3 is at revision 2, not 3', undefined],
  ])('answers %s', async (_, change, kind, message, field) => {
    const { meetings, table } = service('secretariat', sample());
    const input = { number: 3, expectedRevision: 2, attendance: [{ country: 'TH', delegates: 1 }], ...change };
    const error = await thrown(meetings.recordAttendance(input));
    expect(error).toBeInstanceOf(kind);
    expect([error.message, error instanceof BadInputError ? error.field : undefined]).toEqual([message, field]);
    expect(table.events).toEqual([]);
  });

  it('is FORBIDDEN to an observer before the input is read', async () => {
    const { meetings } = service('observer', sample());
    const error = await thrown(meetings.recordAttendance({ number: 0, expectedRevision: 0, attendance: [] }));
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error.message).toBe('your role may not record attendance');
  });
});
