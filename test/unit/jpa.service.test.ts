import { describe, expect, it } from 'vitest';
import type { JpaReads, JpaStore } from '../../functions/jpa/jpa.repository.ts';
import { JpaService } from '../../functions/jpa/jpa.service.ts';
import type { Jpa, JpaStatus, OutcomeTotals } from '../../functions/jpa/jpa.types.ts';
import type { CallerAuthority } from '../../functions/membership/membership.repository.ts';
import type { Member } from '../../functions/membership/membership.types.ts';
import type { TransactItem } from '../../functions/shared/data/dynamo.ts';
import type { ItemLoader } from '../../functions/shared/data/item-loader.ts';
import type { TransactionGuard } from '../../functions/shared/data/transaction-guard.ts';
import { Access, type CountryFacts } from '../../functions/shared/domain/access.ts';
import type { AuditEvent, ChainedEvent } from '../../functions/shared/domain/audit-events.ts';
import { BadInputError, ConflictError, ForbiddenError, NotFoundError } from '../../functions/shared/domain/errors.ts';
import type { Viewer } from '../../functions/shared/domain/policy.ts';
import { InMemoryTrail, RecordingLoader, thrown } from '../support/service-doubles.ts';

/** A guard standing for a condition built elsewhere: what it names is all a test compares. */
const guard = (name: string): TransactionGuard => ({ condition: { name } as unknown as TransactItem });

/** The guard membership lends for a caller's power, as the double below names it. */
const power = (holder: string, action: string) => guard(`${holder}, or "your role may not ${action}"`);

const zero: OutcomeTotals = { operations: 0, arrests: 0, prosecutions: 0, victimsIdentified: 0, networksDisrupted: 0 };

/**
 * The JPA table in memory, with the repository's conditions (test/integration/jpas.test.ts runs the
 * same rules against DynamoDB Local): a new JPA's number must be free, a replacement must find the
 * revision it replaces, the ACTIVE guard is put only if absent and deleted only if it names the JPA,
 * and a join lands only while the country takes no part and the JPA is not CONCLUDED.
 */
class InMemoryJpas implements JpaStore {
  readonly jpas = new Map<number, Jpa>();
  readonly totals = new Map<number, OutcomeTotals>();
  active: number | null = null;
  readonly events: AuditEvent[] = [];
  /** The keys read from the table (a read answered by the loader's cache is none), in order. */
  readonly reads: string[] = [];
  /** The guards each write carried. */
  readonly guards: (readonly TransactionGuard[])[] = [];
  readonly listed: (JpaStatus | undefined)[] = [];
  /** Runs just before the next write's conditions are checked: a concurrent writer landing first. */
  meanwhile: (() => void) | undefined;

  reader(loader: ItemLoader): JpaReads {
    const { cache } = loader as RecordingLoader;
    const read = <T>(key: string, value: () => T): T => {
      if (!cache.has(key)) {
        this.reads.push(key);
        cache.set(key, value());
      }
      return cache.get(key) as T;
    };
    return {
      jpa: async (number) => read(`jpa/${number}`, () => this.jpas.get(number) ?? null),
      totals: async (number) => read(`totals/${number}`, () => this.totals.get(number) ?? zero),
      activeNumber: async () => read('active', () => this.active),
    };
  }

  async listJpas(status?: JpaStatus) {
    this.listed.push(status);
    return [...this.jpas.values()]
      .filter((jpa) => !status || jpa.status === status)
      .sort((a, b) => b.number - a.number);
  }

  async createJpa(jpa: Jpa, guards: readonly TransactionGuard[], { event }: ChainedEvent) {
    this.landMeanwhile();
    if (this.jpas.has(jpa.number)) throw new ConflictError(`JPA ${jpa.number} already exists`);
    this.jpas.set(jpa.number, jpa);
    this.totals.set(jpa.number, zero);
    this.guards.push(guards);
    this.events.push(event);
  }

  async replaceJpa(jpa: Jpa, previous: Jpa, guards: readonly TransactionGuard[], { event }: ChainedEvent) {
    this.landMeanwhile();
    const lost = new ConflictError(`JPA ${jpa.number} changed meanwhile, or another JPA is ACTIVE`);
    if (this.jpas.get(jpa.number)?.revision !== previous.revision) throw lost;
    const entering = jpa.status === 'ACTIVE' && previous.status !== 'ACTIVE';
    const leaving = previous.status === 'ACTIVE' && jpa.status !== 'ACTIVE';
    if (entering && this.active !== null) throw lost;
    if (leaving && this.active !== jpa.number) throw lost;
    if (entering) this.active = jpa.number;
    if (leaving) this.active = null;
    this.jpas.set(jpa.number, jpa);
    this.guards.push(guards);
    this.events.push(event);
  }

  async joinJpa(number: number, country: string, guards: readonly TransactionGuard[], { event }: ChainedEvent) {
    this.landMeanwhile();
    const current = this.jpas.get(number);
    if (!current || current.status === 'CONCLUDED' || current.participants.includes(country)) {
      throw new ConflictError(`JPA ${number} changed meanwhile`);
    }
    this.put({ ...current, participants: [...current.participants, country], revision: current.revision + 1 });
    this.guards.push(guards);
    this.events.push(event);
  }

  participantsGuard(number: number, countries: readonly string[], open: boolean) {
    return guard(`participants of ${number}: ${countries.join(' ')}${open ? ', open' : ''}`);
  }

  totalsGuard(number: number, delta: OutcomeTotals) {
    return guard(`totals of ${number}: ${JSON.stringify(delta)}`);
  }

  put(jpa: Jpa): void {
    this.jpas.set(jpa.number, jpa);
  }

  private landMeanwhile(): void {
    const meanwhile = this.meanwhile;
    this.meanwhile = undefined;
    meanwhile?.();
  }
}

const members: Record<string, Member['status']> = { TH: 'ACTIVE', VN: 'ACTIVE', ID: 'ACTIVE', MM: 'SUSPENDED' };

/**
 * The membership domain as the JPA rules use it: members by country, ACTIVE members' guards, and
 * the guards of the caller's power. Those it lends for every caller, the secretariat too (the real
 * one lends none for it), so each test sees that a write carries whatever power it was allowed by.
 */
class Membership {
  readonly asked: string[][] = [];
  readonly statuses = { ...members };

  async member(country: string): Promise<Member | null> {
    const status = this.statuses[country];
    return status ? ({ country, name: `name of ${country}`, status } as unknown as Member) : null;
  }

  async requireActiveMembers(countries: readonly string[], field: string): Promise<TransactionGuard[]> {
    this.asked.push([...countries]);
    const inactive = countries.find((country) => this.statuses[country] !== 'ACTIVE');
    if (inactive) throw new BadInputError(`${inactive} is not an ACTIVE member`, field);
    return countries.map((country) => guard(`${country} is ACTIVE`));
  }

  authorityGuards({ authority, refusal }: CallerAuthority): TransactionGuard[] {
    const holder = authority.kind === 'secretariat' ? authority.kind : `${authority.kind} ${authority.country}`;
    return [guard(`${holder}, or "${refusal}"`)];
  }
}

const facts: Record<string, CountryFacts> = {
  TH: { memberStatus: 'ACTIVE', holdsCoChairTerm: false },
  VN: { memberStatus: 'ACTIVE', holdsCoChairTerm: true },
  MM: { memberStatus: 'SUSPENDED', holdsCoChairTerm: false },
};
const callers = {
  secretariat: { subject: 'sec-1', groups: ['secretariat'], country: null },
  coChair: { subject: 'vn-1', groups: [], country: 'VN' },
  official: { subject: 'th-1', groups: [], country: 'TH' },
  observer: { subject: 'obs-1', groups: ['observer'], country: null },
  suspended: { subject: 'mm-1', groups: [], country: 'MM' },
  nobody: { subject: 'x-1', groups: [], country: null },
};
type Caller = keyof typeof callers;

/** An official whose viewer names no country: the rules' own check, which the claims never reach. */
class CountrylessOfficial extends Access {
  override async viewer(): Promise<Viewer> {
    return { subject: 'odd-1', country: null, roles: ['OFFICIAL'], isCoChair: false };
  }
}

function service(caller: Caller | Access, table = new InMemoryJpas()) {
  const loader = new RecordingLoader();
  const membership = new Membership();
  const access =
    caller instanceof Access
      ? caller
      : new Access(
          callers[caller],
          async (country) => facts[country] ?? { memberStatus: null, holdsCoChairTerm: false },
        );
  let ids = 0;
  const jpas = new JpaService({
    repository: table,
    loader,
    clock: { now: () => '2026-11-30T08:30:00.000Z' },
    newId: () => {
      ids += 1;
      return `event-${ids}`;
    },
    access,
    audit: new InMemoryTrail(),
    membership,
  });
  return { jpas, table, loader, membership };
}

const jpa = (number: number, fields: Partial<Jpa> = {}): Jpa => ({
  number,
  title: `JPA ${number}`,
  startsOn: '2026-01-01',
  endsOn: '2026-12-31',
  status: 'PLANNED',
  participants: ['TH'],
  conference: null,
  revision: 1,
  ...fields,
});

/** JPA 3 CONCLUDED, JPA 5 ACTIVE (holding the guard), JPA 7 PLANNED with TH and VN. */
function threeJpas(): InMemoryJpas {
  const table = new InMemoryJpas();
  table.put(jpa(3, { status: 'CONCLUDED', revision: 4 }));
  table.put(jpa(5, { status: 'ACTIVE', revision: 2 }));
  table.put(jpa(7, { participants: ['TH', 'VN'] }));
  table.active = 5;
  table.totals.set(5, { operations: 2, arrests: 3, prosecutions: 1, victimsIdentified: 4, networksDisrupted: 1 });
  return table;
}

async function refusal(promise: Promise<unknown>) {
  const error = await thrown(promise);
  return { type: error.constructor, message: error.message, field: (error as BadInputError).field };
}

describe('reading', () => {
  it('answers a JPA by number, and null for a number that names none', async () => {
    const { jpas, table } = service('observer', threeJpas());
    expect(await jpas.jpa(7)).toEqual(jpa(7, { participants: ['TH', 'VN'] }));
    expect(await jpas.jpa(8)).toBeNull();
    expect(table.reads).toEqual(['jpa/7', 'jpa/8']);
  });

  it('lists JPAs newest first, with or without a status', async () => {
    const { jpas, table } = service('suspended', threeJpas());
    expect((await jpas.jpas()).map((each) => each.number)).toEqual([7, 5, 3]);
    expect((await jpas.jpas(null)).map((each) => each.number)).toEqual([7, 5, 3]);
    expect((await jpas.jpas('CONCLUDED')).map((each) => each.number)).toEqual([3]);
    expect(table.listed).toEqual([undefined, undefined, 'CONCLUDED']);
  });

  it('answers the ACTIVE JPA, and null without reading a JPA when none is ACTIVE', async () => {
    const { jpas, table } = service('official', threeJpas());
    expect(await jpas.currentJpa()).toEqual(jpa(5, { status: 'ACTIVE', revision: 2 }));
    expect(table.reads).toEqual(['active', 'jpa/5']);
    const none = new InMemoryJpas();
    none.put(jpa(1));
    const idle = service('official', none);
    expect(await idle.jpas.currentJpa()).toBeNull();
    expect(none.reads).toEqual(['active']);
  });

  it('answers the totals of a JPA, zero for one without operations', async () => {
    const { jpas } = service('observer', threeJpas());
    expect(await jpas.outcomes(5)).toEqual({
      operations: 2,
      arrests: 3,
      prosecutions: 1,
      victimsIdentified: 4,
      networksDisrupted: 1,
    });
    expect(await jpas.outcomes(7)).toEqual(zero);
  });

  it.each([
    ['jpa', (jpas: JpaService) => jpas.jpa(7)],
    ['jpas', (jpas: JpaService) => jpas.jpas()],
    ['currentJpa', (jpas: JpaService) => jpas.currentJpa()],
    ['outcomes', (jpas: JpaService) => jpas.outcomes(5)],
  ])('refuses %s to a caller with no role, reading nothing', async (_, read) => {
    const { jpas, table } = service('nobody', threeJpas());
    expect(await refusal(read(jpas))).toEqual({
      type: ForbiddenError,
      message: 'your role may not read this',
      field: undefined,
    });
    expect(table.reads).toEqual([]);
    expect(table.listed).toEqual([]);
  });

  it('answers the participants as members, in the order they joined, leaving out a country that is none', async () => {
    const { jpas } = service('observer');
    const participants = await jpas.participants(jpa(1, { participants: ['VN', 'XX', 'TH'] }));
    expect(participants.map((member) => member.country)).toEqual(['VN', 'TH']);
    expect(await jpas.participants(jpa(1, { participants: [] }))).toEqual([]);
  });
});

describe('creating', () => {
  it('creates a PLANNED JPA at revision 1, with its participants guarded as ACTIVE members', async () => {
    const { jpas, table, loader, membership } = service('secretariat', threeJpas());
    const created = await jpas.createJpa({
      number: 8,
      title: ' Eighth ',
      startsOn: '2027-01-01',
      endsOn: '2027-06-30',
      participants: ['TH', 'ID'],
    });
    const expected = jpa(8, {
      title: 'Eighth',
      startsOn: '2027-01-01',
      endsOn: '2027-06-30',
      participants: ['TH', 'ID'],
    });
    expect(created).toEqual(expected);
    expect(table.jpas.get(8)).toEqual(expected);
    expect(table.totals.get(8)).toEqual(zero);
    expect(membership.asked).toEqual([['TH', 'ID']]);
    expect(table.guards).toEqual([[power('secretariat', 'create jpa'), guard('TH is ACTIVE'), guard('ID is ACTIVE')]]);
    expect(table.events).toMatchObject([
      {
        id: 'event-1',
        at: '2026-11-30T08:30:00.000Z',
        actor: 'sec-1',
        actorCountry: null,
        action: 'createJpa',
        entity: 'jpa/8',
        summary: 'created "Eighth"',
      },
    ]);
    expect(loader.forgotten).toBe(1);
    expect(await jpas.jpa(8)).toEqual(expected);
  });

  it("creates a JPA without participants, by a co-chair, guarded by the co-chair's term", async () => {
    const { jpas, table } = service('coChair', threeJpas());
    const created = await jpas.createJpa({ number: 9, title: 'Ninth', startsOn: '2027-01-01', endsOn: '2027-01-02' });
    expect(created.participants).toEqual([]);
    expect(table.guards).toEqual([[power('coChair VN', 'create jpa')]]);
    expect(table.events.map((event) => [event.actor, event.actorCountry, event.summary])).toEqual([
      ['vn-1', 'VN', 'created "Ninth"'],
    ]);
  });

  const valid = { number: 7, title: 'T', startsOn: '2027-01-01', endsOn: '2027-02-01', participants: ['TH'] };
  it.each([
    [
      'an official',
      'official' as const,
      { ...valid, title: '' },
      ForbiddenError,
      'your role may not create jpa',
      undefined,
    ],
    ['an observer', 'observer' as const, valid, ForbiddenError, 'your role may not create jpa', undefined],
    [
      'dates out of order, before the number is looked up',
      'secretariat' as const,
      { ...valid, endsOn: '2027-01-01' },
      BadInputError,
      'endsOn must be later than startsOn',
      'endsOn',
    ],
    [
      'a participant that is no ACTIVE member, before the number is looked up',
      'secretariat' as const,
      { ...valid, participants: ['TH', 'MM'] },
      BadInputError,
      'MM is not an ACTIVE member',
      'participants',
    ],
    ['a number taken', 'secretariat' as const, valid, ConflictError, 'JPA 7 already exists', undefined],
  ])('refuses %s', async (_, caller, input, type, message, field) => {
    const table = threeJpas();
    const { jpas } = service(caller, table);
    expect(await refusal(jpas.createJpa(input))).toEqual({ type, message, field });
    expect(table.events).toEqual([]);
    expect(table.jpas.get(7)).toEqual(jpa(7, { participants: ['TH', 'VN'] }));
    expect(table.reads).toEqual(type === ConflictError ? ['jpa/7'] : []);
  });

  it('passes on the conflict when the number is taken meanwhile', async () => {
    const table = threeJpas();
    table.meanwhile = () => table.put(jpa(8, { title: 'theirs' }));
    const { jpas } = service('secretariat', table);
    const input = { number: 8, title: 'mine', startsOn: '2027-01-01', endsOn: '2027-02-01' };
    expect(await refusal(jpas.createJpa(input))).toEqual({
      type: ConflictError,
      message: 'JPA 8 already exists',
      field: undefined,
    });
    expect(table.jpas.get(8)?.title).toBe('theirs');
  });
});

describe('updating', () => {
  it('changes the named fields, keeps the rest and bumps the revision', async () => {
    const { jpas, table, loader } = service('secretariat', threeJpas());
    const updated = await jpas.updateJpa({ number: 7, expectedRevision: 1, title: ' Renamed ', endsOn: '2026-06-30' });
    const expected = jpa(7, { title: 'Renamed', endsOn: '2026-06-30', participants: ['TH', 'VN'], revision: 2 });
    expect(updated).toEqual(expected);
    expect(table.jpas.get(7)).toEqual(expected);
    expect(table.guards).toEqual([[power('secretariat', 'update jpa')]]);
    expect(table.events).toMatchObject([
      {
        id: 'event-1',
        at: '2026-11-30T08:30:00.000Z',
        actor: 'sec-1',
        actorCountry: null,
        action: 'updateJpa',
        entity: 'jpa/7',
        summary: 'updated title, endsOn',
      },
    ]);
    // Making 7 no ACTIVE JPA asks nothing of the ACTIVE guard.
    expect(table.reads).toEqual(['jpa/7']);
    expect(loader.forgotten).toBe(1);
    expect(await jpas.jpa(7)).toEqual(expected);
  });

  it('keeps each field not named', async () => {
    const { jpas } = service('coChair', threeJpas());
    const moved = await jpas.updateJpa({ number: 7, expectedRevision: 1, startsOn: '2026-02-01' });
    expect(moved).toEqual(jpa(7, { startsOn: '2026-02-01', participants: ['TH', 'VN'], revision: 2 }));
    const retitled = await jpas.updateJpa({ number: 7, expectedRevision: 2, title: 'Seventh' });
    expect(retitled).toEqual(
      jpa(7, { title: 'Seventh', startsOn: '2026-02-01', participants: ['TH', 'VN'], revision: 3 }),
    );
  });

  it('makes a PLANNED JPA ACTIVE once no other is, and says so in the summary', async () => {
    const table = threeJpas();
    table.put(jpa(5, { status: 'CONCLUDED', revision: 3 }));
    table.active = null;
    const { jpas } = service('secretariat', table);
    const updated = await jpas.updateJpa({ number: 7, expectedRevision: 1, status: 'ACTIVE' });
    expect(updated).toEqual(jpa(7, { status: 'ACTIVE', participants: ['TH', 'VN'], revision: 2 }));
    expect(table.active).toBe(7);
    expect(table.reads).toEqual(['jpa/7', 'active']);
    expect(table.events.map((event) => event.summary)).toEqual(['updated status (PLANNED → ACTIVE)']);
  });

  it('leaves ACTIVE without asking which JPA is ACTIVE, and renames an ACTIVE JPA likewise', async () => {
    const table = threeJpas();
    const { jpas } = service('secretariat', table);
    await jpas.updateJpa({ number: 5, expectedRevision: 2, title: 'Still active', status: 'ACTIVE' });
    expect(await jpas.updateJpa({ number: 5, expectedRevision: 3, status: 'PLANNED' })).toMatchObject({
      title: 'Still active',
      status: 'PLANNED',
      revision: 4,
    });
    expect(table.active).toBeNull();
    expect(table.reads).toEqual(['jpa/5', 'jpa/5']);
    expect(table.events.map((event) => event.summary)).toEqual([
      'updated title, status',
      'updated status (ACTIVE → PLANNED)',
    ]);
  });

  it('renames a CONCLUDED JPA, which stays CONCLUDED', async () => {
    const { jpas, table } = service('secretariat', threeJpas());
    const updated = await jpas.updateJpa({ number: 3, expectedRevision: 4, title: 'Renamed', status: 'CONCLUDED' });
    expect(updated).toEqual(jpa(3, { title: 'Renamed', status: 'CONCLUDED', revision: 5 }));
    expect(table.events.map((event) => event.summary)).toEqual(['updated title, status']);
  });

  it.each([
    [
      'an official',
      'official' as const,
      { number: 0, expectedRevision: 0 },
      ForbiddenError,
      'your role may not update jpa',
      undefined,
    ],
    [
      'an update naming nothing, before the JPA is looked up',
      'secretariat' as const,
      { number: 9, expectedRevision: 1 },
      BadInputError,
      'an update names at least one of title, startsOn, endsOn, status',
      'input',
    ],
    [
      'a JPA that does not exist',
      'secretariat' as const,
      { number: 9, expectedRevision: 1, title: 'T' },
      NotFoundError,
      'JPA 9 does not exist',
      undefined,
    ],
    [
      'an end no later than the start',
      'secretariat' as const,
      { number: 7, expectedRevision: 1, endsOn: '2026-01-01' },
      BadInputError,
      'endsOn must be later than startsOn',
      'endsOn',
    ],
    [
      'a start no earlier than the end, naming the start',
      'secretariat' as const,
      { number: 7, expectedRevision: 1, startsOn: '2026-12-31' },
      BadInputError,
      'startsOn must be later than startsOn',
      'startsOn',
    ],
    [
      'both moved out of order, naming the end',
      'secretariat' as const,
      { number: 7, expectedRevision: 1, startsOn: '2027-02-01', endsOn: '2027-01-01' },
      BadInputError,
      'endsOn must be later than startsOn',
      'endsOn',
    ],
    [
      'reopening a CONCLUDED JPA, before its revision is checked',
      'secretariat' as const,
      { number: 3, expectedRevision: 1, status: 'PLANNED' as const },
      ConflictError,
      'JPA 3 is CONCLUDED and stays so',
      undefined,
    ],
    [
      'a stale revision',
      'secretariat' as const,
      { number: 7, expectedRevision: 2, title: 'T' },
      ConflictError,
      'JPA 7 is at revision 1, not 2',
      undefined,
    ],
    [
      'a second ACTIVE JPA',
      'secretariat' as const,
      { number: 7, expectedRevision: 1, status: 'ACTIVE' as const },
      ConflictError,
      'JPA 5 is ACTIVE; conclude it first',
      undefined,
    ],
  ])('refuses %s', async (_, caller, input, type, message, field) => {
    const table = threeJpas();
    const before = new Map(table.jpas);
    const { jpas } = service(caller, table);
    expect(await refusal(jpas.updateJpa(input))).toEqual({ type, message, field });
    expect(table.events).toEqual([]);
    expect(table.jpas).toEqual(before);
    expect(table.active).toBe(5);
  });

  it('leaves the ACTIVE guard to the write when it names the JPA itself', async () => {
    const table = threeJpas();
    table.active = 7;
    const { jpas } = service('secretariat', table);
    expect(await refusal(jpas.updateJpa({ number: 7, expectedRevision: 1, status: 'ACTIVE' }))).toEqual({
      type: ConflictError,
      message: 'JPA 7 changed meanwhile, or another JPA is ACTIVE',
      field: undefined,
    });
  });

  it('passes on the conflict when the JPA changed meanwhile', async () => {
    const table = threeJpas();
    table.meanwhile = () => table.put(jpa(7, { title: 'theirs', revision: 2 }));
    const { jpas } = service('secretariat', table);
    expect(await refusal(jpas.updateJpa({ number: 7, expectedRevision: 1, title: 'mine' }))).toEqual({
      type: ConflictError,
      message: 'JPA 7 changed meanwhile, or another JPA is ACTIVE',
      field: undefined,
    });
    expect(table.jpas.get(7)?.title).toBe('theirs');
  });
});

describe('joining', () => {
  // The joining country is the caller's, an official's power: its guard keeps the country an ACTIVE
  // member until the write commits, and refuses the write (FORBIDDEN) should it not be.
  it("adds the caller's country, guarded by the caller's power, and answers the JPA as stored", async () => {
    const { jpas, table, loader, membership } = service('coChair', threeJpas());
    const joined = await jpas.joinJpa({ number: 5 });
    expect(joined).toEqual(jpa(5, { status: 'ACTIVE', participants: ['TH', 'VN'], revision: 3 }));
    expect(table.jpas.get(5)).toEqual(joined);
    expect(membership.asked).toEqual([]);
    expect(table.guards).toEqual([[power('activeMember VN', 'join jpa')]]);
    expect(table.events).toMatchObject([
      {
        id: 'event-1',
        at: '2026-11-30T08:30:00.000Z',
        actor: 'vn-1',
        actorCountry: 'VN',
        action: 'joinJpa',
        entity: 'jpa/5',
        summary: 'VN joined',
      },
    ]);
    expect(loader.forgotten).toBe(1);
  });

  it('reads the JPA again after the write, not from the cache', async () => {
    const table = threeJpas();
    table.put(jpa(5, { status: 'ACTIVE', participants: [], revision: 2 }));
    const { jpas, loader, membership } = service('official', table);
    expect(await jpas.joinJpa({ number: 5 })).toEqual(jpa(5, { status: 'ACTIVE', participants: ['TH'], revision: 3 }));
    expect(membership.asked).toEqual([]);
    expect(table.guards).toEqual([[power('activeMember TH', 'join jpa')]]);
    expect(table.events.map((event) => [event.actor, event.actorCountry, event.summary])).toEqual([
      ['th-1', 'TH', 'TH joined'],
    ]);
    expect(table.reads).toEqual(['jpa/5', 'jpa/5']);
    expect(loader.forgotten).toBe(1);
  });

  it('answers a JPA the country already takes part in unchanged, even a CONCLUDED one, writing nothing', async () => {
    const table = threeJpas();
    const { jpas, membership, loader } = service('official', table);
    expect(await jpas.joinJpa({ number: 3 })).toEqual(jpa(3, { status: 'CONCLUDED', revision: 4 }));
    expect(await jpas.joinJpa({ number: 7 })).toEqual(jpa(7, { participants: ['TH', 'VN'] }));
    expect(membership.asked).toEqual([]);
    expect(table.events).toEqual([]);
    expect(loader.forgotten).toBe(0);
  });

  it.each([
    ['the secretariat', 'secretariat' as const, { number: 0 }, ForbiddenError, 'your role may not join jpa', undefined],
    ['an observer', 'observer' as const, { number: 5 }, ForbiddenError, 'your role may not join jpa', undefined],
    [
      'a number out of range, before it is looked up',
      'official' as const,
      { number: 10000 },
      BadInputError,
      'number must be a whole number from 1 to 9999',
      'number',
    ],
    ['a JPA that does not exist', 'official' as const, { number: 9 }, NotFoundError, 'JPA 9 does not exist', undefined],
    [
      'a CONCLUDED JPA',
      'coChair' as const,
      { number: 3 },
      ConflictError,
      'JPA 3 is CONCLUDED and takes no new participants',
      undefined,
    ],
  ])('refuses %s', async (_, caller, input, type, message, field) => {
    const table = threeJpas();
    const { jpas, membership } = service(caller, table);
    expect(await refusal(jpas.joinJpa(input))).toEqual({ type, message, field });
    expect(table.events).toEqual([]);
    expect(membership.asked).toEqual([]);
    expect(table.reads).toEqual(type === NotFoundError || type === ConflictError ? [`jpa/${input.number}`] : []);
  });

  // Access names an official's power by its country: without one there is none to write with.
  it('refuses a caller whose viewer names no country before reading the JPA', async () => {
    const table = threeJpas();
    const { jpas } = service(new CountrylessOfficial(callers.nobody, async () => facts.TH!), table);
    expect(await refusal(jpas.joinJpa({ number: 5 }))).toEqual({
      type: ForbiddenError,
      message: 'your role may not join jpa',
      field: undefined,
    });
    expect(table.reads).toEqual([]);
    expect(table.events).toEqual([]);
  });

  it('answers the JPA when a concurrent join of the same country landed first', async () => {
    const table = threeJpas();
    table.put(jpa(5, { status: 'ACTIVE', participants: [], revision: 2 }));
    table.meanwhile = () => table.put(jpa(5, { status: 'ACTIVE', participants: ['TH'], revision: 3 }));
    const { jpas, loader } = service('official', table);
    expect(await jpas.joinJpa({ number: 5 })).toEqual(jpa(5, { status: 'ACTIVE', participants: ['TH'], revision: 3 }));
    expect(table.events).toEqual([]);
    expect(loader.forgotten).toBe(1);
    expect(table.reads).toEqual(['jpa/5', 'jpa/5']);
  });

  it('answers why on the JPA as it is now when it was CONCLUDED meanwhile', async () => {
    const table = threeJpas();
    table.put(jpa(5, { status: 'ACTIVE', participants: [], revision: 2 }));
    table.meanwhile = () => table.put(jpa(5, { status: 'CONCLUDED', participants: [], revision: 3 }));
    const { jpas, loader } = service('official', table);
    expect(await refusal(jpas.joinJpa({ number: 5 }))).toEqual({
      type: ConflictError,
      message: 'JPA 5 is CONCLUDED and takes no new participants',
      field: undefined,
    });
    expect(loader.forgotten).toBe(1);
  });

  it('answers NOT_FOUND when the JPA is gone by the time it is read again', async () => {
    const table = threeJpas();
    table.put(jpa(5, { status: 'ACTIVE', participants: [], revision: 2 }));
    table.meanwhile = () => table.jpas.delete(5);
    const { jpas } = service('official', table);
    expect(await refusal(jpas.joinJpa({ number: 5 }))).toEqual({
      type: NotFoundError,
      message: 'JPA 5 does not exist',
      field: undefined,
    });
    expect(table.reads).toEqual(['jpa/5', 'jpa/5']);
  });

  it('joins on the JPA as it is now when another country joined meanwhile', async () => {
    const table = threeJpas();
    table.put(jpa(5, { status: 'ACTIVE', participants: [], revision: 2 }));
    let lost = 0;
    const join = table.joinJpa.bind(table);
    table.joinJpa = async (...args) => {
      if (lost < 2) {
        lost += 1;
        table.put(jpa(5, { status: 'ACTIVE', participants: [`A${lost}`], revision: 2 + lost }));
        throw new ConflictError('JPA 5 changed meanwhile');
      }
      return join(...args);
    };
    const { jpas, loader } = service('official', table);
    expect(await jpas.joinJpa({ number: 5 })).toEqual(
      jpa(5, { status: 'ACTIVE', participants: ['A2', 'TH'], revision: 5 }),
    );
    expect(table.events.map((event) => event.summary)).toEqual(['TH joined']);
    expect(loader.forgotten).toBe(3);
  });

  it('answers CONFLICT after five joins lost their races', async () => {
    const table = threeJpas();
    table.put(jpa(5, { status: 'ACTIVE', participants: [], revision: 2 }));
    let tries = 0;
    table.joinJpa = async () => {
      tries += 1;
      throw new ConflictError('JPA 5 changed meanwhile');
    };
    const { jpas } = service('official', table);
    expect(await refusal(jpas.joinJpa({ number: 5 }))).toMatchObject({ type: ConflictError });
    expect(tries).toBe(5);
  });

  it('passes on any other failure, even when the country took part by then', async () => {
    const table = threeJpas();
    table.put(jpa(5, { status: 'ACTIVE', participants: [], revision: 2 }));
    table.joinJpa = async () => {
      table.put(jpa(5, { status: 'ACTIVE', participants: ['TH'], revision: 3 }));
      throw new Error('DynamoDB is down');
    };
    const { jpas, loader } = service('official', table);
    expect((await thrown(jpas.joinJpa({ number: 5 }))).message).toBe('DynamoDB is down');
    expect(loader.forgotten).toBe(1);
  });
});

describe('concluding', () => {
  const conference = {
    city: ' Bangkok ',
    country: 'TH',
    startsOn: '2026-12-01',
    endsOn: '2026-12-03',
    theme: 'Theme',
    recommendations: ['one'],
  };

  it('concludes an ACTIVE JPA with its conference, releasing the ACTIVE guard', async () => {
    const { jpas, table, loader } = service('coChair', threeJpas());
    const concluded = await jpas.concludeJpa({ number: 5, expectedRevision: 2, conference });
    const expected = jpa(5, {
      status: 'CONCLUDED',
      conference: { ...conference, city: 'Bangkok' },
      revision: 3,
    });
    expect(concluded).toEqual(expected);
    expect(table.jpas.get(5)).toEqual(expected);
    expect(table.active).toBeNull();
    expect(table.guards).toEqual([[power('coChair VN', 'conclude jpa')]]);
    expect(table.events).toMatchObject([
      {
        id: 'event-1',
        at: '2026-11-30T08:30:00.000Z',
        actor: 'vn-1',
        actorCountry: 'VN',
        action: 'concludeJpa',
        entity: 'jpa/5',
        summary: 'concluded, conference in Bangkok',
      },
    ]);
    expect(loader.forgotten).toBe(1);
    expect(await jpas.jpa(5)).toEqual(expected);
  });

  it('concludes a PLANNED JPA without a conference', async () => {
    const { jpas, table } = service('secretariat', threeJpas());
    const concluded = await jpas.concludeJpa({ number: 7, expectedRevision: 1, conference: null });
    expect(concluded).toEqual(jpa(7, { status: 'CONCLUDED', participants: ['TH', 'VN'], revision: 2 }));
    expect(table.active).toBe(5);
    expect(table.events.map((event) => event.summary)).toEqual(['concluded']);
  });

  it.each([
    [
      'an official',
      'official' as const,
      { number: 0, expectedRevision: 0 },
      ForbiddenError,
      'your role may not conclude jpa',
      undefined,
    ],
    [
      'a bad conference, before the JPA is looked up',
      'secretariat' as const,
      { number: 9, expectedRevision: 1, conference: { ...conference, endsOn: '2026-12-01' } },
      BadInputError,
      'conference.endsOn must be later than startsOn',
      'conference.endsOn',
    ],
    [
      'a JPA that does not exist',
      'secretariat' as const,
      { number: 9, expectedRevision: 1 },
      NotFoundError,
      'JPA 9 does not exist',
      undefined,
    ],
    [
      'a CONCLUDED JPA, before its revision is checked',
      'secretariat' as const,
      { number: 3, expectedRevision: 1 },
      ConflictError,
      'JPA 3 is already CONCLUDED',
      undefined,
    ],
    [
      'a stale revision',
      'secretariat' as const,
      { number: 5, expectedRevision: 1 },
      ConflictError,
      'JPA 5 is at revision 2, not 1',
      undefined,
    ],
  ])('refuses %s', async (_, caller, input, type, message, field) => {
    const table = threeJpas();
    const before = new Map(table.jpas);
    const { jpas } = service(caller, table);
    expect(await refusal(jpas.concludeJpa(input))).toEqual({ type, message, field });
    expect(table.events).toEqual([]);
    expect(table.jpas).toEqual(before);
    expect(table.active).toBe(5);
  });
});

describe("for an operation's write", () => {
  it('answers an existing JPA, and NOT_FOUND for a missing one', async () => {
    const { jpas } = service('official', threeJpas());
    expect(await jpas.existing(3)).toEqual(jpa(3, { status: 'CONCLUDED', revision: 4 }));
    expect(await refusal(jpas.existing(9))).toEqual({
      type: NotFoundError,
      message: 'JPA 9 does not exist',
      field: undefined,
    });
  });

  it.each([
    [{}, []],
    [{ participants: ['TH', 'VN'] }, [guard('participants of 7: TH VN')]],
    [{ participants: ['TH'], open: true }, [guard('participants of 7: TH, open')]],
    [
      { totals: { ...zero, operations: 1, arrests: 2 } },
      [guard(`totals of 7: ${JSON.stringify({ ...zero, operations: 1, arrests: 2 })}`)],
    ],
    [
      { participants: [], totals: zero, open: true },
      [guard('participants of 7: , open'), guard(`totals of 7: ${JSON.stringify(zero)}`)],
    ],
  ])('guards %j', (asked, guards) => {
    const { jpas } = service('official');
    expect(jpas.operationGuards(7, asked)).toEqual(guards);
  });
});
