import { describe, expect, it } from 'vitest';
import type { CallerAuthority } from '../../functions/membership/membership.repository.ts';
import type { Member } from '../../functions/membership/membership.types.ts';
import type {
  RecommendationChange,
  RecommendationFilter,
  RecommendationStore,
} from '../../functions/recommendation/recommendation.repository.ts';
import { RecommendationService } from '../../functions/recommendation/recommendation.service.ts';
import type { ProgressNote, Recommendation } from '../../functions/recommendation/recommendation.types.ts';
import type { OwnerPower } from '../../functions/shared/data/owner-condition.ts';
import type { TransactionGuard } from '../../functions/shared/data/transaction-guard.ts';
import { Access } from '../../functions/shared/domain/access.ts';
import type { AuditEvent, ChainedEvent } from '../../functions/shared/domain/audit-events.ts';
import { BadInputError, ConflictError, ForbiddenError } from '../../functions/shared/domain/errors.ts';
import { InMemoryTrail, RecordingLoader, thrown } from '../support/service-doubles.ts';

/**
 * The recommendation rules against an in-memory table that keeps the repository's write
 * conditions (the counter, the revision, the owner); test/integration/recommendations.test.ts and
 * work-races.test.ts run the same rules on DynamoDB Local. Fast enough for Stryker per mutant.
 */
class InMemoryRecommendations implements RecommendationStore {
  readonly items = new Map<number, Recommendation>();
  readonly notes = new Map<number, ProgressNote[]>();
  readonly meetings = new Set<number>([9]);
  readonly events: AuditEvent[] = [];
  /** What each write carried: its guards, and the owner power it was conditioned on. */
  readonly writes: { guards: readonly TransactionGuard[]; owner: OwnerPower | null }[] = [];
  /** Recommendations read by number, and notes read by number, in order. */
  readonly reads: number[] = [];
  readonly noteReads: number[] = [];
  readonly lists: (RecommendationFilter | number)[] = [];
  last = 0;
  /** Adds that win the race before the next one is written: each takes the number first. */
  racingAdds = 0;
  /** Changes that commit before the next replace: each bumps the revision first. */
  racingChanges = 0;

  reader() {
    return {
      recommendation: async (number: number) => {
        this.reads.push(number);
        return this.items.get(number) ?? null;
      },
      lastNumber: async () => this.last,
      meetingExists: async (number: number) => this.meetings.has(number),
    };
  }

  async listRecommendations(filter: RecommendationFilter) {
    this.lists.push(filter);
    return [...this.items.values()].filter(
      (item) =>
        (filter.status === undefined || item.status === filter.status) &&
        (filter.owner === undefined || item.owners.includes(filter.owner)),
    );
  }

  async madeAt(meeting: number) {
    this.lists.push(meeting);
    return [...this.items.values()].filter((item) => item.meetingNumber === meeting);
  }

  async progress(number: number) {
    this.noteReads.push(number);
    return [...(this.notes.get(number) ?? [])].reverse();
  }

  async add(
    recommendation: Recommendation,
    last: number,
    guards: readonly TransactionGuard[],
    { event }: ChainedEvent,
  ) {
    if (this.racingAdds > 0) {
      this.racingAdds -= 1;
      this.last += 1;
      this.items.set(this.last, { ...recommendation, number: this.last, text: 'another' });
    }
    if (this.last !== last) throw new ConflictError('another recommendation took this number');
    this.last = recommendation.number;
    this.items.set(recommendation.number, recommendation);
    this.writes.push({ guards, owner: null });
    this.events.push(event);
  }

  async replace(
    { recommendation, previous, note }: RecommendationChange,
    owner: OwnerPower | null,
    guards: readonly TransactionGuard[],
    { event }: ChainedEvent,
  ) {
    if (this.racingChanges > 0) {
      this.racingChanges -= 1;
      this.items.set(previous.number, { ...previous, revision: previous.revision + 1 });
    }
    const current = this.items.get(recommendation.number);
    if (owner && !current?.owners.includes(owner.country)) throw new ForbiddenError(owner.refusal);
    if (current?.revision !== previous.revision) throw new ConflictError('changed meanwhile');
    this.items.set(recommendation.number, recommendation);
    if (note) this.notes.set(recommendation.number, [...(this.notes.get(recommendation.number) ?? []), note]);
    this.writes.push({ guards, owner });
    this.events.push(event);
  }

  existsGuards(numbers: readonly number[]) {
    return numbers.map((number) => guard(`recommendation ${number}`));
  }
}

/** A guard named by what it checks (the real ones are TransactItems no test needs to read). */
const guard = (what: string, refusal?: string): TransactionGuard => ({
  condition: { checks: what } as unknown as TransactionGuard['condition'],
  ...(refusal ? { refusal: { message: refusal } } : {}),
});

const callers = {
  secretariat: { subject: 'sec-1', groups: ['secretariat'], country: null },
  coChair: { subject: 'nz-1', groups: [], country: 'NZ' },
  official: { subject: 'th-1', groups: [], country: 'TH' },
  observer: { subject: 'obs-1', groups: ['observer'], country: null },
  /** A country that is no member: no role at all. */
  stranger: { subject: 'fr-1', groups: [], country: 'FR' },
};
type Caller = keyof typeof callers;

/** ACTIVE members; LA a SUSPENDED one; anything else no member. */
const memberStatus: Record<string, string> = {
  NZ: 'ACTIVE',
  TH: 'ACTIVE',
  AU: 'ACTIVE',
  PH: 'ACTIVE',
  LA: 'SUSPENDED',
};
const now = '2026-03-15T08:30:00.000Z';

function service(caller: Caller, table = new InMemoryRecommendations(), loader = new RecordingLoader()) {
  const access = new Access(callers[caller], async (country) => ({
    memberStatus: memberStatus[country] ?? null,
    holdsCoChairTerm: country === 'NZ',
  }));
  let ids = 0;
  const asked: string[] = [];
  const recommendations = new RecommendationService({
    repository: table,
    loader,
    clock: { now: () => now },
    newId: () => {
      ids += 1;
      return `id-${ids}`;
    },
    access,
    audit: new InMemoryTrail(),
    membership: {
      member: async (country) => {
        asked.push(`member ${country}`);
        return memberStatus[country] ? ({ country } as Member) : null;
      },
      requireActiveMembers: async (countries, field) => {
        const inactive = countries.find((country) => memberStatus[country] !== 'ACTIVE');
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
        asked.push(`jpa ${number}`);
        return number <= 8 ? ({ number } as never) : null;
      },
    },
  });
  return { recommendations, table, loader, asked };
}

const recommendation = (number: number, fields: Partial<Recommendation> = {}): Recommendation => ({
  number,
  text: `Recommendation ${number}`,
  owners: ['TH', 'AU'],
  status: 'OPEN',
  dueOn: null,
  jpaNumber: null,
  meetingNumber: null,
  addedOn: '2024-07-25',
  closedOn: null,
  revision: 1,
  createdAt: '2024-07-25T00:00:00.000Z',
  updatedAt: '2024-07-25T00:00:00.000Z',
  ...fields,
});

/** 1 OPEN (TH, AU), 2 IN_PROGRESS (PH), 3 IMPLEMENTED (TH); the last number 3. */
function sample(): InMemoryRecommendations {
  const table = new InMemoryRecommendations();
  table.items.set(1, recommendation(1));
  table.items.set(2, recommendation(2, { owners: ['PH'], status: 'IN_PROGRESS', revision: 2 }));
  table.items.set(3, recommendation(3, { owners: ['TH'], status: 'IMPLEMENTED', closedOn: '2025-11-28', revision: 3 }));
  table.last = 3;
  return table;
}

const failure = async (promise: Promise<unknown>) => {
  const error = await thrown(promise);
  return [error.constructor.name, error.message, error instanceof BadInputError ? error.field : undefined];
};

describe('reading recommendations', () => {
  it('answers one by number, and null for a number none can have, without reading', async () => {
    const { recommendations, table } = service('observer', sample());
    expect(await recommendations.recommendation(1)).toEqual(table.items.get(1));
    expect(await recommendations.recommendation(2)).toEqual(table.items.get(2));
    expect(await recommendations.recommendation(4)).toBeNull();
    for (const number of [0, -1, 1.5, 1_000_000]) expect(await recommendations.recommendation(number)).toBeNull();
    expect(await recommendations.recommendation(999_999)).toBeNull();
    expect(table.reads).toEqual([1, 2, 4, 999_999]);
  });

  it('lists through the filters given, an absent one as none', async () => {
    const { recommendations, table } = service('observer', sample());
    expect((await recommendations.recommendations(null, null)).map((item) => item.number)).toEqual([1, 2, 3]);
    expect((await recommendations.recommendations('OPEN', 'TH')).map((item) => item.number)).toEqual([1]);
    expect(table.lists).toEqual([
      { status: undefined, owner: undefined },
      { status: 'OPEN', owner: 'TH' },
    ]);
  });

  it('lists those made at a meeting, and none for a number no meeting can have, without reading', async () => {
    const table = sample();
    table.items.set(4, recommendation(4, { meetingNumber: 9 }));
    table.items.set(5, recommendation(5, { meetingNumber: 1 }));
    const { recommendations } = service('observer', table);
    expect((await recommendations.madeAt(9)).map((item) => item.number)).toEqual([4]);
    expect((await recommendations.madeAt(1)).map((item) => item.number)).toEqual([5]);
    expect(await recommendations.madeAt(999_999)).toEqual([]);
    for (const number of [0, -3, 2.5, 1_000_000]) expect(await recommendations.madeAt(number)).toEqual([]);
    expect(table.lists).toEqual([9, 1, 999_999]);
  });

  it('answers recommendations by number in the order asked, leaving out the missing', async () => {
    const { recommendations } = service('observer', sample());
    expect((await recommendations.byNumbers([3, 7, 1])).map((item) => item.number)).toEqual([3, 1]);
  });

  it('reads progress notes once a recommendation and request, newest first, and none for observers', async () => {
    const table = sample();
    table.notes.set(1, [
      { id: 'a', at: '2025-01-01T00:00:00.000Z', author: 'x', country: 'TH', text: 'older' },
      { id: 'b', at: '2025-02-01T00:00:00.000Z', author: 'x', country: 'TH', text: 'newer' },
    ]);
    const { recommendations } = service('official', table);
    const item = table.items.get(1)!;
    expect((await recommendations.progress(item)).map((note) => note.text)).toEqual(['newer', 'older']);
    await recommendations.progress(item);
    expect(table.noteReads).toEqual([1]);
    const observed = service('observer', table);
    expect(await observed.recommendations.progress(item)).toEqual([]);
    expect(table.noteReads).toEqual([1]);
  });

  it('reads the notes again after a write of the same request', async () => {
    const table = sample();
    const { recommendations } = service('official', table);
    expect(await recommendations.progress(table.items.get(1)!)).toEqual([]);
    await recommendations.addProgressNote({ recommendationNumber: 1, text: 'Started' });
    expect((await recommendations.progress(table.items.get(1)!)).map((note) => note.text)).toEqual(['Started']);
    expect(table.noteReads).toEqual([1, 1]);
  });

  it('answers owners as members in order, and the JPA only when one is named', async () => {
    const { recommendations, asked } = service('observer', sample());
    expect(await recommendations.owners(recommendation(5, { owners: ['AU', 'FR', 'TH'] }))).toEqual([
      { country: 'AU' },
      { country: 'TH' },
    ]);
    expect(await recommendations.jpa(recommendation(5))).toBeNull();
    expect(await recommendations.jpa(recommendation(5, { jpaNumber: 7 }))).toEqual({ number: 7 });
    expect(asked).toEqual(['member AU', 'member FR', 'member TH', 'jpa 7']);
  });

  it('is FORBIDDEN to a caller with no role, before reading', async () => {
    const { recommendations, table } = service('stranger', sample());
    const reads = [
      recommendations.recommendation(1),
      recommendations.recommendations(),
      recommendations.madeAt(1),
      recommendations.byNumbers([1]),
      recommendations.progress(recommendation(1)),
    ];
    for (const read of reads) expect((await failure(read))[0]).toBe('ForbiddenError');
    expect([table.reads, table.lists, table.noteReads]).toEqual([[], [], []]);
  });
});

describe('the references a work-plan item names', () => {
  it('answers a guard for each recommendation that exists, BAD_USER_INPUT naming the first that does not', async () => {
    const { recommendations } = service('coChair', sample());
    expect(await recommendations.requireRecommendations([3, 1], 'recommendationNumbers')).toEqual([
      guard('recommendation 3'),
      guard('recommendation 1'),
    ]);
    expect(await recommendations.requireRecommendations([], 'recommendationNumbers')).toEqual([]);
    expect(await failure(recommendations.requireRecommendations([1, 5, 6], 'numbers'))).toEqual([
      'BadInputError',
      'there is no recommendation 5',
      'numbers',
    ]);
  });
});

describe('addRecommendation', () => {
  it('numbers one past the last, OPEN at revision 1, added on the day, its references and power guarded', async () => {
    const { recommendations, table, loader } = service('coChair', sample());
    const added = await recommendations.addRecommendation({
      text: ' Act ',
      owners: ['AU', 'TH'],
      jpaNumber: 7,
      meetingNumber: 9,
      dueOn: '2027-01-31',
    });
    expect(added).toEqual({
      number: 4,
      text: 'Act',
      owners: ['AU', 'TH'],
      status: 'OPEN',
      dueOn: '2027-01-31',
      jpaNumber: 7,
      meetingNumber: 9,
      addedOn: '2026-03-15',
      closedOn: null,
      revision: 1,
      createdAt: now,
      updatedAt: now,
    });
    expect(table.items.get(4)).toEqual(added);
    expect(table.writes).toEqual([
      {
        guards: [guard('coChair NZ', 'your role may not add recommendation'), guard('active AU'), guard('active TH')],
        owner: null,
      },
    ]);
    expect(table.events).toMatchObject([
      {
        id: 'id-1',
        at: now,
        actor: 'nz-1',
        actorCountry: 'NZ',
        action: 'addRecommendation',
        entity: 'recommendation/4',
        summary: 'added "Act"',
        sequence: 1,
      },
    ]);
    expect(loader.forgotten).toBe(1);
  });

  it('numbers the first recommendation 1, with nothing optional, reading no JPA when none is named', async () => {
    const { recommendations, asked } = service('secretariat');
    expect(await recommendations.addRecommendation({ text: 'First', owners: ['PH'] })).toMatchObject({
      number: 1,
      dueOn: null,
      jpaNumber: null,
      meetingNumber: null,
    });
    expect(asked).toEqual([]);
  });

  it('takes the next number when other adds took this one, up to the eighth attempt, reading again each time', async () => {
    const table = sample();
    table.racingAdds = 7;
    const loader = new RecordingLoader();
    const { recommendations, asked } = service('coChair', table, loader);
    expect((await recommendations.addRecommendation({ text: 'Mine', owners: ['TH'], jpaNumber: 7 })).number).toBe(11);
    expect(table.items.get(11)?.text).toBe('Mine');
    expect(loader.forgotten).toBe(8);
    expect(asked.filter((what) => what === 'jpa 7')).toHaveLength(8);
  });

  it('gives up after eight lost races with the conflict, and passes any other failure on at once', async () => {
    const table = sample();
    table.racingAdds = 8;
    const { recommendations } = service('coChair', table);
    expect(await failure(recommendations.addRecommendation({ text: 'Mine', owners: ['TH'] }))).toEqual([
      'ConflictError',
      'another recommendation took this number',
      undefined,
    ]);
    const broken = sample();
    let attempts = 0;
    broken.add = async () => {
      attempts += 1;
      throw new ForbiddenError('power lost');
    };
    expect(
      await failure(service('coChair', broken).recommendations.addRecommendation({ text: 'x', owners: ['TH'] })),
    ).toEqual(['ForbiddenError', 'power lost', undefined]);
    expect(attempts).toBe(1);
  });

  const refusals: [string, Caller, Parameters<RecommendationService['addRecommendation']>[0], unknown[]][] = [
    [
      'an official',
      'official',
      { text: ' ', owners: [] },
      ['ForbiddenError', 'your role may not add recommendation', undefined],
    ],
    [
      'an observer',
      'observer',
      { text: 'x', owners: ['TH'] },
      ['ForbiddenError', 'your role may not add recommendation', undefined],
    ],
    ['a blank text', 'coChair', { text: ' \t', owners: ['TH'] }, ['BadInputError', 'text must not be blank', 'text']],
    [
      'no owner',
      'coChair',
      { text: 'x', owners: [] },
      ['BadInputError', 'owners names 1 to 20 countries, not 0', 'owners'],
    ],
    [
      'an owner not ACTIVE',
      'coChair',
      { text: 'x', owners: ['TH', 'LA'] },
      ['BadInputError', 'LA is not an ACTIVE member', 'owners'],
    ],
    [
      'a JPA that does not exist',
      'coChair',
      { text: 'x', owners: ['TH'], jpaNumber: 9 },
      ['BadInputError', 'there is no JPA 9', 'jpaNumber'],
    ],
    [
      'a meeting that does not exist',
      'coChair',
      { text: 'x', owners: ['TH'], meetingNumber: 8 },
      ['BadInputError', 'there is no meeting 8', 'meetingNumber'],
    ],
    // The owners are checked first, then the JPA, then the meeting.
    [
      'everything missing',
      'coChair',
      { text: 'x', owners: ['LA'], jpaNumber: 9, meetingNumber: 8 },
      ['BadInputError', 'LA is not an ACTIVE member', 'owners'],
    ],
    [
      'a missing JPA and meeting',
      'coChair',
      { text: 'x', owners: ['TH'], jpaNumber: 9, meetingNumber: 8 },
      ['BadInputError', 'there is no JPA 9', 'jpaNumber'],
    ],
  ];
  for (const [name, caller, input, expected] of refusals) {
    it(`refuses ${name}, writing nothing`, async () => {
      const { recommendations, table } = service(caller, sample());
      expect(await failure(recommendations.addRecommendation(input))).toEqual(expected);
      expect(table.writes).toEqual([]);
    });
  }
});

describe('updateRecommendation', () => {
  it('changes what is given, bumps the revision, and records what changed', async () => {
    const { recommendations, table } = service('coChair', sample());
    const updated = await recommendations.updateRecommendation({
      number: 1,
      expectedRevision: 1,
      text: 'New',
      owners: ['PH'],
      dueOn: '2027-06-30',
      status: 'IN_PROGRESS',
    });
    expect(updated).toEqual({
      ...recommendation(1),
      text: 'New',
      owners: ['PH'],
      dueOn: '2027-06-30',
      status: 'IN_PROGRESS',
      revision: 2,
      updatedAt: now,
    });
    expect(table.writes).toEqual([
      { guards: [guard('coChair NZ', 'your role may not update recommendation'), guard('active PH')], owner: null },
    ]);
    expect(table.events[0]).toMatchObject({
      action: 'updateRecommendation',
      entity: 'recommendation/1',
      summary: 'updated text, owners, status, dueOn (OPEN → IN_PROGRESS)',
    });
  });

  it('keeps what is not given, and names no status move when the status stays', async () => {
    const { recommendations, table } = service('secretariat', sample());
    expect(await recommendations.updateRecommendation({ number: 2, expectedRevision: 2, dueOn: '2027-01-01' })).toEqual(
      {
        ...table.items.get(2),
      },
    );
    expect(table.items.get(2)).toMatchObject({
      owners: ['PH'],
      status: 'IN_PROGRESS',
      dueOn: '2027-01-01',
      revision: 3,
    });
    expect(table.events[0]?.summary).toBe('updated dueOn');
  });

  it('closes a recommendation on the day it becomes final, and keeps that day through later edits', async () => {
    const { recommendations, table } = service('secretariat', sample());
    expect(
      await recommendations.updateRecommendation({ number: 2, expectedRevision: 2, status: 'DROPPED' }),
    ).toMatchObject({
      status: 'DROPPED',
      closedOn: '2026-03-15',
    });
    expect(
      await recommendations.updateRecommendation({ number: 1, expectedRevision: 1, status: 'IN_PROGRESS' }),
    ).toMatchObject({ closedOn: null });
    expect(
      await recommendations.updateRecommendation({ number: 3, expectedRevision: 3, text: 'Reworded' }),
    ).toMatchObject({
      status: 'IMPLEMENTED',
      closedOn: '2025-11-28',
    });
    expect(table.events.map((event) => event.summary)).toEqual([
      'updated status (IN_PROGRESS → DROPPED)',
      'updated status (OPEN → IN_PROGRESS)',
      'updated text',
    ]);
  });

  it('lets an owner official move the status, relying on its member and on its country owning the item', async () => {
    const { recommendations, table } = service('official', sample());
    await recommendations.updateRecommendation({ number: 1, expectedRevision: 1, status: 'IMPLEMENTED' });
    expect(table.writes).toEqual([
      {
        guards: [guard('activeMember TH', 'your role may not update recommendation')],
        owner: { country: 'TH', refusal: 'officials may change only the recommendations their country owns' },
      },
    ]);
    expect(table.items.get(1)).toMatchObject({ status: 'IMPLEMENTED', closedOn: '2026-03-15' });
  });

  it("relies on a co-chair's term for what its country does not own, and on its member for what it does", async () => {
    const table = sample();
    table.items.set(4, recommendation(4, { owners: ['NZ'] }));
    const { recommendations } = service('coChair', table);
    await recommendations.updateRecommendation({ number: 4, expectedRevision: 1, status: 'IN_PROGRESS' });
    await recommendations.updateRecommendation({ number: 4, expectedRevision: 2, status: 'DROPPED' });
    await recommendations.updateRecommendation({ number: 1, expectedRevision: 1, status: 'IN_PROGRESS' });
    expect(table.writes.map((write) => [write.guards, write.owner])).toEqual([
      [
        [guard('activeMember NZ', 'your role may not update recommendation')],
        { country: 'NZ', refusal: 'officials may change only the recommendations their country owns' },
      ],
      [[guard('coChair NZ', 'your role may not update recommendation')], null],
      [[guard('coChair NZ', 'your role may not update recommendation')], null],
    ]);
  });

  const ownerLimit = 'officials of an owner country may change only the status, and not to DROPPED';
  const refusals: [string, Caller, Parameters<RecommendationService['updateRecommendation']>[0], unknown[]][] = [
    [
      'an observer',
      'observer',
      { number: 9, expectedRevision: 0 },
      ['ForbiddenError', 'your role may not update recommendation', undefined],
    ],
    [
      'naming nothing to change',
      'official',
      { number: 9, expectedRevision: 1 },
      ['BadInputError', 'an update names at least one of text, owners, status, dueOn', 'input'],
    ],
    [
      'an owner not ACTIVE',
      'official',
      { number: 9, expectedRevision: 1, owners: ['LA'] },
      ['BadInputError', 'LA is not an ACTIVE member', 'owners'],
    ],
    [
      'no such recommendation',
      'official',
      { number: 9, expectedRevision: 1, text: 'x' },
      ['NotFoundError', 'recommendation 9 does not exist', undefined],
    ],
    [
      'another country’s',
      'official',
      { number: 2, expectedRevision: 1, status: 'IMPLEMENTED' },
      ['ForbiddenError', 'officials may change only the recommendations their country owns', undefined],
    ],
    [
      'another country’s text',
      'official',
      { number: 2, expectedRevision: 2, text: 'x' },
      ['ForbiddenError', 'officials may change only the recommendations their country owns', undefined],
    ],
    [
      'an owner official’s text',
      'official',
      { number: 1, expectedRevision: 1, text: 'x' },
      ['ForbiddenError', ownerLimit, undefined],
    ],
    [
      'an owner official’s status and due day',
      'official',
      { number: 1, expectedRevision: 1, status: 'IN_PROGRESS', dueOn: '2027-01-01' },
      ['ForbiddenError', ownerLimit, undefined],
    ],
    [
      'an owner official’s DROPPED',
      'official',
      { number: 1, expectedRevision: 9, status: 'DROPPED' },
      ['ForbiddenError', ownerLimit, undefined],
    ],
    [
      'a move back',
      'official',
      { number: 3, expectedRevision: 9, status: 'OPEN' },
      ['ConflictError', 'recommendation 3 is IMPLEMENTED, which is final', undefined],
    ],
    [
      'a stale revision',
      'official',
      { number: 1, expectedRevision: 2, status: 'IN_PROGRESS' },
      ['ConflictError', 'recommendation 1 is at revision 1, not 2', undefined],
    ],
    [
      'the same status',
      'secretariat',
      { number: 1, expectedRevision: 1, status: 'OPEN' },
      ['ConflictError', 'recommendation 1 is already OPEN', undefined],
    ],
  ];
  for (const [name, caller, input, expected] of refusals) {
    it(`refuses ${name}, writing nothing`, async () => {
      const { recommendations, table } = service(caller, sample());
      expect(await failure(recommendations.updateRecommendation(input))).toEqual(expected);
      expect(table.writes).toEqual([]);
    });
  }
});

describe('addProgressNote', () => {
  it("writes the caller's note, bumping the revision, the owner's power guarded", async () => {
    const { recommendations, table } = service('official', sample());
    const after = await recommendations.addProgressNote({ recommendationNumber: 1, text: ' Started \n today ' });
    expect(after).toEqual({ ...recommendation(1), revision: 2, updatedAt: now });
    expect(table.notes.get(1)).toEqual([
      { id: 'id-1', at: now, author: 'th-1', country: 'TH', text: 'Started \n today' },
    ]);
    expect(table.writes).toEqual([
      {
        guards: [guard('activeMember TH', 'your role may not add progress note')],
        owner: {
          country: 'TH',
          refusal: 'officials may add progress notes only to the recommendations their country owns',
        },
      },
    ]);
    expect(table.events[0]).toMatchObject({
      id: 'id-2',
      action: 'addProgressNote',
      entity: 'recommendation/1',
      summary: 'added a progress note',
    });
  });

  it("takes the secretariat's note without a country, and a co-chair's on what it does not own", async () => {
    const { recommendations, table } = service('secretariat', sample());
    await recommendations.addProgressNote({ recommendationNumber: 3, text: 'Closed well' });
    expect(table.notes.get(3)).toMatchObject([{ author: 'sec-1', country: null }]);
    const coChair = service('coChair', table);
    await coChair.recommendations.addProgressNote({ recommendationNumber: 2, text: 'Seen' });
    expect(table.writes.map((write) => write.owner)).toEqual([null, null]);
  });

  it('writes the note on the new state when another change commits first, up to the fifth attempt', async () => {
    const table = sample();
    table.racingChanges = 4;
    const loader = new RecordingLoader();
    const { recommendations } = service('official', table, loader);
    expect((await recommendations.addProgressNote({ recommendationNumber: 1, text: 'x' })).revision).toBe(6);
    expect(table.notes.get(1)).toHaveLength(1);
    expect(loader.forgotten).toBe(5);
    table.racingChanges = 5;
    expect(await failure(recommendations.addProgressNote({ recommendationNumber: 1, text: 'x' }))).toEqual([
      'ConflictError',
      'changed meanwhile',
      undefined,
    ]);
  });

  it('passes a lost power on at once', async () => {
    const table = sample();
    let attempts = 0;
    table.replace = async () => {
      attempts += 1;
      throw new ForbiddenError('suspended');
    };
    const { recommendations } = service('official', table);
    expect((await failure(recommendations.addProgressNote({ recommendationNumber: 1, text: 'x' })))[0]).toBe(
      'ForbiddenError',
    );
    expect(attempts).toBe(1);
  });

  const refusals: [string, Caller, Parameters<RecommendationService['addProgressNote']>[0], unknown[]][] = [
    [
      'an observer',
      'observer',
      { recommendationNumber: 0, text: '' },
      ['ForbiddenError', 'your role may not add progress note', undefined],
    ],
    [
      'a blank note',
      'official',
      { recommendationNumber: 9, text: ' ' },
      ['BadInputError', 'text must not be blank', 'text'],
    ],
    [
      'a number out of range',
      'official',
      { recommendationNumber: 0, text: 'x' },
      ['BadInputError', 'recommendationNumber must be a whole number from 1 to 999999', 'recommendationNumber'],
    ],
    [
      'no such recommendation',
      'official',
      { recommendationNumber: 9, text: 'x' },
      ['NotFoundError', 'recommendation 9 does not exist', undefined],
    ],
    [
      'another country’s',
      'official',
      { recommendationNumber: 2, text: 'x' },
      ['ForbiddenError', 'officials may add progress notes only to the recommendations their country owns', undefined],
    ],
  ];
  for (const [name, caller, input, expected] of refusals) {
    it(`refuses ${name}, writing nothing`, async () => {
      const { recommendations, table } = service(caller, sample());
      expect(await failure(recommendations.addProgressNote(input))).toEqual(expected);
      expect(table.writes).toEqual([]);
    });
  }
});
