import { describe, expect, it } from 'vitest';
import { CoChairService } from '../../functions/membership/co-chair.service.ts';
import { termKey } from '../../functions/membership/membership.keys.ts';
import type {
  CallerAuthority,
  MembershipReads,
  MembershipStore,
  NewTerm,
} from '../../functions/membership/membership.repository.ts';
import { MembershipService } from '../../functions/membership/membership.service.ts';
import type {
  CoChairState,
  CoChairTerm,
  Member,
  MemberStatus,
  OpenTerm,
  WorkingGroupProfile,
} from '../../functions/membership/membership.types.ts';
import { transactItem } from '../../functions/shared/data/dynamo.ts';
import type { ItemLoader } from '../../functions/shared/data/item-loader.ts';
import type { TransactionGuard } from '../../functions/shared/data/transaction-guard.ts';
import { Access, type CountryFacts } from '../../functions/shared/domain/access.ts';
import type { AuditDraft, AuditEvent, ChainedEvent } from '../../functions/shared/domain/audit-events.ts';
import type { Authority } from '../../functions/shared/domain/policy.ts';
import { BadInputError, ConflictError, ForbiddenError, NotFoundError } from '../../functions/shared/domain/errors.ts';
import { InMemoryTrail, RecordingLoader, thrown } from '../support/service-doubles.ts';

/**
 * The membership and co-chair rules against an in-memory table with the repository's conditions,
 * the caller's power among them (test/integration/membership-rules.test.ts and races.test.ts run
 * the same rules against DynamoDB Local). Fast enough for Stryker to run per mutant.
 */

class InMemoryMembership implements MembershipStore {
  readonly members = new Map<string, Member>();
  profileRecord: WorkingGroupProfile | null = null;
  activeMembers = 0;
  coChairs: CoChairState = { open: [], revision: 0 };
  /** Every term record, keyed by its term id; `endsOn` set once closed. */
  readonly terms = new Map<string, CoChairTerm>();
  readonly events: AuditEvent[] = [];
  /** The items read by key (not from the loader's cache), in order: a read the rules can do without is one too many. */
  readonly reads: string[] = [];
  /** The lists read, with their arguments. */
  readonly lists: string[] = [];
  /** Runs before the next write's conditions are checked: another request winning a race. */
  meanwhile: (() => void) | undefined;

  reader(loader: ItemLoader): MembershipReads {
    const cache = (loader as RecordingLoader).cache;
    const cached = <T>(key: string, read: () => T): Promise<T> => {
      if (!cache.has(key)) {
        this.reads.push(key);
        cache.set(key, Promise.resolve(read()));
      }
      return cache.get(key) as Promise<T>;
    };
    return {
      member: (country) => cached(`member/${country}`, () => this.members.get(country) ?? null),
      profile: () => cached('profile', () => this.profileRecord),
      activeMemberCount: () => cached('counters', () => this.activeMembers),
      coChairState: () => cached('guard', () => this.coChairs),
    };
  }

  async listMembers(status?: MemberStatus): Promise<Member[]> {
    this.lists.push(`members ${status}`);
    return [...this.members.values()]
      .filter((member) => status === undefined || member.status === status)
      .sort((a, b) => a.country.localeCompare(b.country));
  }

  async listCoChairTerms(): Promise<CoChairTerm[]> {
    this.lists.push('terms');
    return [...this.terms.entries()].sort(([a], [b]) => b.localeCompare(a)).map(([, term]) => term);
  }

  async addMember(member: Member, { event }: ChainedEvent): Promise<void> {
    this.race();
    if (this.members.has(member.country)) throw new ConflictError(`${member.country} is already a member`);
    this.members.set(member.country, member);
    this.activeMembers += member.status === 'ACTIVE' ? 1 : 0;
    this.events.push(event);
  }

  async replaceMember(
    member: Member,
    previousStatus: MemberStatus,
    caller: CallerAuthority,
    { event }: ChainedEvent,
  ): Promise<void> {
    this.race();
    if (!this.holds(caller.authority)) throw new ForbiddenError(caller.refusal);
    const stored = this.members.get(member.country);
    const leaving = previousStatus === 'ACTIVE' && member.status !== 'ACTIVE';
    if (
      stored?.revision !== member.revision - 1 ||
      (leaving && this.coChairs.open.some((term) => term.country === member.country))
    ) {
      throw new ConflictError(`${member.country} changed meanwhile or holds a co-chair term`);
    }
    this.members.set(member.country, member);
    this.activeMembers += (member.status === 'ACTIVE' ? 1 : 0) - (previousStatus === 'ACTIVE' ? 1 : 0);
    this.events.push(event);
  }

  async rotateCoChairs(
    state: CoChairState,
    outgoing: readonly OpenTerm[],
    incoming: readonly NewTerm[],
    effectiveOn: string,
    { event }: ChainedEvent,
  ): Promise<OpenTerm[]> {
    this.race();
    const rotation = state.revision + 1;
    const opened = incoming.map((term) => ({ ...term, termId: termKey(term.startsOn, term.country, rotation).sk }));
    if (
      this.coChairs.revision !== state.revision ||
      outgoing.some((term) => this.terms.get(term.termId)?.endsOn !== null) ||
      opened.some((term) => this.terms.has(term.termId) || this.members.get(term.country)?.status !== 'ACTIVE')
    ) {
      throw new ConflictError('the co-chairs changed meanwhile');
    }
    const leaving = new Set(outgoing.map((term) => term.country));
    const open = [...state.open.filter((term) => !leaving.has(term.country)), ...opened];
    for (const term of outgoing) this.terms.set(term.termId, { ...this.terms.get(term.termId)!, endsOn: effectiveOn });
    for (const term of opened)
      this.terms.set(term.termId, { country: term.country, startsOn: term.startsOn, endsOn: null });
    this.coChairs = { open, revision: rotation };
    this.events.push(event);
    return open;
  }

  /** As the repository's: a condition per power that rests on the table, named here by the power. */
  authorityGuards({ authority, refusal }: CallerAuthority): TransactionGuard[] {
    if (authority.kind === 'secretariat') return [];
    const check = { TableName: 'membership', Key: { ...authority }, ConditionExpression: authority.kind };
    return [{ condition: transactItem({ ConditionCheck: check }), refusal: { message: refusal } }];
  }

  /** Whether the table, now, still gives the caller the power it was allowed by. */
  holds(authority: Authority): boolean {
    if (authority.kind === 'secretariat') return true;
    if (authority.kind === 'activeMember') return this.members.get(authority.country)?.status === 'ACTIVE';
    return this.coChairs.open.some((term) => term.country === authority.country);
  }

  activeMemberGuard(country: string): TransactionGuard {
    return {
      condition: transactItem({
        ConditionCheck: { TableName: 'membership', Key: { country }, ConditionExpression: 'ACTIVE' },
      }),
    };
  }

  memberGuard(country: string): TransactionGuard {
    return {
      condition: transactItem({
        ConditionCheck: { TableName: 'membership', Key: { country }, ConditionExpression: 'member' },
      }),
    };
  }

  put(member: Member): void {
    this.members.set(member.country, member);
    if (member.status === 'ACTIVE') this.activeMembers += 1;
  }

  /** Opens a term as a past rotation did. */
  open(country: string, startsOn: string): OpenTerm {
    const rotation = this.coChairs.revision + 1;
    const term = { country, startsOn, termId: termKey(startsOn, country, rotation).sk };
    this.terms.set(term.termId, { country, startsOn, endsOn: null });
    this.coChairs = { open: [...this.coChairs.open, term], revision: rotation };
    return term;
  }

  private race(): void {
    this.meanwhile?.();
    this.meanwhile = undefined;
  }
}

const focalPoint = { name: 'Focal', email: 'focal@example.org', phone: null };

const member = (country: string, fields: Partial<Member> = {}): Member => ({
  country,
  name: `Member ${country}`,
  status: 'ACTIVE',
  joinedOn: '2002-02-27',
  agencies: [{ name: `Police ${country}`, kind: 'POLICE' }],
  focalPoint,
  revision: 1,
  ...fields,
});

/**
 * A table of the working group: TH, VN (co-chair since 2025-01-01) and AU (co-chair since
 * 2025-07-01) ACTIVE, MM SUSPENDED.
 */
function group(): InMemoryMembership {
  const table = new InMemoryMembership();
  table.profileRecord = { name: 'Working Group', description: null, established: 2002, reportsTo: 'Ministers' };
  for (const country of ['TH', 'VN', 'AU']) table.put(member(country));
  table.put(member('MM', { status: 'SUSPENDED', revision: 2 }));
  table.open('VN', '2025-01-01');
  table.open('AU', '2025-07-01');
  return table;
}

const callers = {
  secretariat: { subject: 'sec-1', groups: ['secretariat'], country: null },
  official: { subject: 'off-1', groups: [], country: 'TH' },
  coChair: { subject: 'cc-1', groups: [], country: 'VN' },
  observer: { subject: 'obs-1', groups: ['observer'], country: null },
  nobody: { subject: 'nobody', groups: [], country: null },
};
const facts: Record<string, CountryFacts> = {
  TH: { memberStatus: 'ACTIVE', holdsCoChairTerm: false },
  VN: { memberStatus: 'ACTIVE', holdsCoChairTerm: true },
};

function services(caller: keyof typeof callers, table = group()) {
  const loader = new RecordingLoader();
  const access = new Access(callers[caller], async (country) => facts[country]!);
  let ids = 0;
  const deps = {
    repository: table,
    loader,
    clock: { now: () => '2026-11-28T02:30:00.000Z' },
    newId: () => {
      ids += 1;
      return `event-${ids}`;
    },
    access,
    audit: new InMemoryTrail(),
  };
  return { membership: new MembershipService(deps), coChairs: new CoChairService(deps), table, loader };
}

/** The error's type, message and field (for BAD_USER_INPUT). */
async function refusal(promise: Promise<unknown>) {
  const error = await thrown(promise);
  return [error.constructor, error.message, error instanceof BadInputError ? error.field : undefined];
}

const event = (fields: Partial<AuditDraft>): AuditDraft => ({
  id: 'event-1',
  at: '2026-11-28T02:30:00.000Z',
  actor: 'sec-1',
  actorCountry: null,
  action: '',
  entity: '',
  summary: '',
  ...fields,
});

describe('reading the working group and its members', () => {
  it('answers the profile and the active-member count', async () => {
    const { membership, table } = services('observer');
    expect(await membership.workingGroup()).toEqual(table.profileRecord);
    expect(await membership.activeMemberCount()).toBe(3);
    expect(table.reads).toEqual(['profile', 'counters']);
  });

  it('fails loudly when the profile is missing', async () => {
    const table = group();
    table.profileRecord = null;
    const error = await thrown(services('secretariat', table).membership.workingGroup());
    expect(error.constructor).toBe(Error);
    expect(error.message).toBe('the working group profile is missing from the membership table');
  });

  it('forbids a caller without a role everything before reading', async () => {
    const { membership, coChairs, table } = services('nobody');
    const reads = [
      membership.workingGroup(),
      membership.activeMemberCount(),
      membership.member('TH'),
      membership.members(),
      coChairs.openTerms(),
      coChairs.isCoChair('VN'),
      coChairs.coChairHistory(),
    ];
    for (const read of reads) {
      expect(await refusal(read)).toEqual([ForbiddenError, 'your role may not read this', undefined]);
    }
    expect(table.reads).toEqual([]);
    expect(table.lists).toEqual([]);
  });

  it('hides the focal point from observers only', async () => {
    for (const caller of ['secretariat', 'official', 'coChair'] as const) {
      const { membership } = services(caller);
      expect(await membership.member('TH')).toEqual(member('TH'));
      expect((await membership.members()).map((m) => m.focalPoint)).toEqual([
        focalPoint,
        focalPoint,
        focalPoint,
        focalPoint,
      ]);
    }
    const { membership } = services('observer');
    expect(await membership.member('TH')).toEqual(member('TH', { focalPoint: null }));
    expect(await membership.members()).toEqual(
      ['AU', 'MM', 'TH', 'VN'].map((country) =>
        member(country, { focalPoint: null, ...(country === 'MM' ? { status: 'SUSPENDED', revision: 2 } : {}) }),
      ),
    );
  });

  it('reads and presents a country once per request, and answers null for no member', async () => {
    const { membership, table } = services('observer');
    const first = membership.member('TH');
    expect(membership.member('TH')).toBe(first);
    expect(await membership.member('TH')).toBe(await first);
    expect(await membership.member('FR')).toBeNull();
    expect(table.reads).toEqual(['member/TH', 'member/FR']);
  });

  it('lists the members with a status, or all of them', async () => {
    const { membership, table } = services('secretariat');
    expect((await membership.members('SUSPENDED')).map((m) => m.country)).toEqual(['MM']);
    expect((await membership.members(null)).map((m) => m.country)).toEqual(['AU', 'MM', 'TH', 'VN']);
    expect((await membership.members()).map((m) => m.country)).toEqual(['AU', 'MM', 'TH', 'VN']);
    expect(table.lists).toEqual(['members SUSPENDED', 'members undefined', 'members undefined']);
  });
});

describe('requiring ACTIVE members for another domain', () => {
  it('answers a guard per country, in order', async () => {
    const { membership, table } = services('official');
    expect(await membership.requireActiveMembers(['VN', 'TH'], 'participants')).toEqual([
      table.activeMemberGuard('VN'),
      table.activeMemberGuard('TH'),
    ]);
    expect(await membership.requireActiveMembers([], 'participants')).toEqual([]);
  });

  it.each([
    [['TH', 'MM', 'FR'], 'MM is not an ACTIVE member'],
    [['FR', 'MM'], 'FR is not an ACTIVE member'],
  ])('refuses %j: %s', async (countries, message) => {
    const { membership } = services('official');
    expect(await refusal(membership.requireActiveMembers(countries, 'participants'))).toEqual([
      BadInputError,
      message,
      'participants',
    ]);
  });
});

describe('requiring members of any status for another domain', () => {
  it('answers a guard per country, in order, a SUSPENDED member too', async () => {
    const { membership, table } = services('official');
    expect(await membership.requireMembers(['MM', 'TH'], 'host')).toEqual([
      table.memberGuard('MM'),
      table.memberGuard('TH'),
    ]);
    expect(await membership.requireMembers([], 'host')).toEqual([]);
  });

  it.each([
    [['TH', 'MM', 'FR', 'DE'], 'FR is not a member'],
    [['DE', 'FR'], 'DE is not a member'],
  ])('refuses %j: %s', async (countries, message) => {
    const { membership } = services('official');
    expect(await refusal(membership.requireMembers(countries, 'agenda.presenter'))).toEqual([
      BadInputError,
      message,
      'agenda.presenter',
    ]);
  });
});

describe('adding a member', () => {
  const input = { country: 'FR', name: ' France ', joinedOn: '2026-11-01' };

  it('adds it ACTIVE at revision 1, counts it, records who added it and forgets what was read', async () => {
    const { membership, table, loader } = services('secretariat');
    expect(await membership.member('FR')).toBeNull();
    const added = await membership.addMember(input);
    const expected: Member = {
      country: 'FR',
      name: 'France',
      status: 'ACTIVE',
      joinedOn: '2026-11-01',
      agencies: [],
      focalPoint: null,
      revision: 1,
    };
    expect(added).toEqual(expected);
    expect(table.members.get('FR')).toEqual(expected);
    expect(table.activeMembers).toBe(4);
    expect(table.events).toMatchObject([event({ action: 'addMember', entity: 'member/FR', summary: 'added France' })]);
    expect(loader.forgotten).toBe(1);
    expect(await membership.member('FR')).toEqual(expected);
    expect(await membership.activeMemberCount()).toBe(4);
  });

  it.each([
    ['official', { ...input, country: 'fr' }, ForbiddenError, 'your role may not add member', undefined],
    ['observer', input, ForbiddenError, 'your role may not add member', undefined],
    [
      'secretariat',
      { ...input, country: 'XX' },
      BadInputError,
      'country must be an officially assigned ISO 3166-1 alpha-2 code in upper case',
      'country',
    ],
    ['secretariat', { ...input, country: 'TH' }, ConflictError, 'TH is already a member', undefined],
  ] as const)('refuses a %s %j', async (caller, given, type, message, field) => {
    const { membership, table, loader } = services(caller);
    expect(await refusal(membership.addMember(given))).toEqual([type, message, field]);
    expect(table.events).toEqual([]);
    expect(table.members.get('TH')).toEqual(member('TH'));
    expect(table.activeMembers).toBe(3);
    expect(loader.forgotten).toBe(0);
  });
});

describe('updating a member', () => {
  const agencies = [{ name: 'Customs', kind: 'CUSTOMS' as const }];
  const contact = { name: 'New', email: 'new@example.org', phone: '+66 2 123' };

  it.each([
    [{ name: ' Thai ' }, { name: 'Thai' }, 'updated name'],
    [{ agencies, focalPoint: null }, { agencies }, 'updated agencies'],
    [{ focalPoint: contact }, { focalPoint: contact }, 'updated focalPoint'],
    [
      { name: 'Thai', agencies: [], focalPoint: contact },
      { name: 'Thai', agencies: [], focalPoint: contact },
      'updated name, agencies, focalPoint',
    ],
  ])('an official changes its own country: %j', async (changes, changed, summary) => {
    const { membership, table, loader } = services('official');
    const updated = await membership.updateMember({ country: 'TH', expectedRevision: 1, ...changes });
    const expected = member('TH', { ...changed, revision: 2 });
    expect(updated).toEqual(expected);
    expect(table.members.get('TH')).toEqual(expected);
    expect(table.activeMembers).toBe(3);
    expect(table.events).toMatchObject([
      event({ actor: 'off-1', actorCountry: 'TH', action: 'updateMember', entity: 'member/TH', summary }),
    ]);
    expect(loader.forgotten).toBe(1);
    expect(await membership.member('TH')).toEqual(expected);
  });

  it('lets the secretariat update any member, keeping its status', async () => {
    const { membership, table } = services('secretariat');
    expect(await membership.updateMember({ country: 'MM', expectedRevision: 2, name: 'Myanmar' })).toEqual(
      member('MM', { name: 'Myanmar', status: 'SUSPENDED', revision: 3 }),
    );
    expect(table.activeMembers).toBe(3);
  });

  it.each([
    // Role first, before the input is read.
    ['observer', { country: 'th', expectedRevision: 0 }, ForbiddenError, 'your role may not update member', undefined],
    // Then the input, before looking the member up.
    [
      'official',
      { country: 'FR', expectedRevision: 1 },
      BadInputError,
      'an update names at least one of name, agencies, focalPoint',
      'input',
    ],
    // Then whether it exists, before whose it is.
    ['official', { country: 'FR', expectedRevision: 1, name: 'F' }, NotFoundError, 'FR is not a member', undefined],
    // Then whose it is, before its revision.
    [
      'official',
      { country: 'VN', expectedRevision: 9, name: 'V' },
      ForbiddenError,
      'officials may update only their own country',
      undefined,
    ],
    [
      'official',
      { country: 'TH', expectedRevision: 2, name: 'T' },
      ConflictError,
      'TH is at revision 1, not 2',
      undefined,
    ],
  ] as const)('refuses a %s %j', async (caller, input, type, message, field) => {
    const { membership, table, loader } = services(caller);
    expect(await refusal(membership.updateMember(input))).toEqual([type, message, field]);
    expect(table.events).toEqual([]);
    expect(table.members.get('TH')).toEqual(member('TH'));
    expect(loader.forgotten).toBe(0);
  });

  it('reads no member for a refusal of the role or the input', async () => {
    const observer = services('observer');
    await thrown(observer.membership.updateMember({ country: 'TH', expectedRevision: 1, name: 'T' }));
    const official = services('official');
    await thrown(official.membership.updateMember({ country: 'TH', expectedRevision: 1 }));
    expect([...observer.table.reads, ...official.table.reads]).toEqual([]);
  });

  it('passes on the conflict of a race lost to another update', async () => {
    const { membership, table } = services('official');
    table.meanwhile = () => table.members.set('TH', member('TH', { name: 'Theirs', revision: 2 }));
    expect(await refusal(membership.updateMember({ country: 'TH', expectedRevision: 1, name: 'Mine' }))).toEqual([
      ConflictError,
      'TH changed meanwhile or holds a co-chair term',
      undefined,
    ]);
    expect(table.members.get('TH')?.name).toBe('Theirs');
    expect(table.events).toEqual([]);
  });

  it('refuses, as its role check would, an official whose member was suspended after it was allowed', async () => {
    const { membership, table } = services('official');
    table.meanwhile = () => table.members.set('TH', member('TH', { status: 'SUSPENDED', revision: 2 }));
    expect(await refusal(membership.updateMember({ country: 'TH', expectedRevision: 1, name: 'Mine' }))).toEqual([
      ForbiddenError,
      'your role may not update member',
      undefined,
    ]);
    expect(table.members.get('TH')).toEqual(member('TH', { status: 'SUSPENDED', revision: 2 }));
    expect(table.events).toEqual([]);
  });
});

describe("lending the caller's power to other domains' writes", () => {
  const cases: [string, Authority, string[]][] = [
    ['nothing for the secretariat', { kind: 'secretariat' }, []],
    ['its member ACTIVE for an official', { kind: 'activeMember', country: 'TH' }, ['activeMember']],
    ['its term open for a co-chair', { kind: 'coChair', country: 'VN' }, ['coChair']],
  ];
  it.each(cases)('lends %s, refused with the caller’s message', (_, authority, conditions) => {
    const { membership } = services('secretariat');
    const guards = membership.authorityGuards({ authority, refusal: 'your role may not create jpa' });
    expect(guards.map((guard) => guard.condition.ConditionCheck?.ConditionExpression)).toEqual(conditions);
    for (const guard of guards) expect(guard.refusal).toEqual({ message: 'your role may not create jpa' });
  });
});

describe('setting a member status', () => {
  it.each([
    ['TH', 1, 'SUSPENDED', 2, 'ACTIVE → SUSPENDED: missed meetings'],
    ['MM', 2, 'ACTIVE', 4, 'SUSPENDED → ACTIVE: missed meetings'],
    ['MM', 2, 'WITHDRAWN', 3, 'SUSPENDED → WITHDRAWN: missed meetings'],
  ] as const)(
    'moves %s at revision %s to %s, counting %s ACTIVE',
    async (country, revision, status, count, summary) => {
      const { membership, table, loader } = services('secretariat');
      const changed = await membership.setMemberStatus({
        country,
        expectedRevision: revision,
        status,
        reason: ' missed meetings ',
      });
      const expected = { ...group().members.get(country)!, status, revision: revision + 1 };
      expect(changed).toEqual(expected);
      expect(table.members.get(country)).toEqual(expected);
      expect(table.activeMembers).toBe(count);
      expect(table.events).toMatchObject([event({ action: 'setMemberStatus', entity: `member/${country}`, summary })]);
      expect(loader.forgotten).toBe(1);
      expect(await membership.member(country)).toEqual(expected);
    },
  );

  it('reads the open co-chair terms only when a member leaves ACTIVE', async () => {
    const reactivation = services('secretariat');
    await reactivation.membership.setMemberStatus({
      country: 'MM',
      expectedRevision: 2,
      status: 'ACTIVE',
      reason: 'back',
    });
    expect(reactivation.table.reads).toEqual(['member/MM']);
    const suspension = services('secretariat');
    await suspension.membership.setMemberStatus({
      country: 'TH',
      expectedRevision: 1,
      status: 'SUSPENDED',
      reason: 'gone',
    });
    expect(suspension.table.reads).toEqual(['member/TH', 'guard']);
  });

  const input = { country: 'TH', expectedRevision: 1, status: 'SUSPENDED', reason: 'gone' } as const;
  it.each([
    ['coChair', { ...input, reason: '' }, ForbiddenError, 'your role may not set member status', undefined],
    ['secretariat', { ...input, reason: ' ' }, BadInputError, 'reason must not be blank', 'reason'],
    ['secretariat', { ...input, country: 'FR' }, NotFoundError, 'FR is not a member', undefined],
    // The revision before the state.
    [
      'secretariat',
      { ...input, expectedRevision: 2, status: 'ACTIVE' },
      ConflictError,
      'TH is at revision 1, not 2',
      undefined,
    ],
    ['secretariat', { ...input, status: 'ACTIVE' }, ConflictError, 'TH is already ACTIVE', undefined],
    [
      'secretariat',
      { ...input, country: 'VN', status: 'WITHDRAWN' },
      ConflictError,
      'VN holds an open co-chair term: rotate it out first',
      undefined,
    ],
    [
      'secretariat',
      { ...input, country: 'AU' },
      ConflictError,
      'AU holds an open co-chair term: rotate it out first',
      undefined,
    ],
  ] as const)('refuses a %s %j', async (caller, given, type, message, field) => {
    const { membership, table, loader } = services(caller);
    expect(await refusal(membership.setMemberStatus(given))).toEqual([type, message, field]);
    expect(table.events).toEqual([]);
    expect(table.activeMembers).toBe(3);
    expect(loader.forgotten).toBe(0);
  });

  it('passes on the conflict of a race lost to a rotation bringing the country in', async () => {
    const { membership, table } = services('secretariat');
    table.meanwhile = () => table.open('TH', '2026-11-28');
    expect(await refusal(membership.setMemberStatus(input))).toEqual([
      ConflictError,
      'TH changed meanwhile or holds a co-chair term',
      undefined,
    ]);
    expect(table.members.get('TH')).toEqual(member('TH'));
  });
});

describe('co-chairs', () => {
  it('answers the open terms and whether a country holds one', async () => {
    const { coChairs, table } = services('observer');
    expect(await coChairs.openTerms()).toEqual([
      { country: 'VN', startsOn: '2025-01-01', endsOn: null },
      { country: 'AU', startsOn: '2025-07-01', endsOn: null },
    ]);
    expect(await coChairs.isCoChair('AU')).toBe(true);
    expect(await coChairs.isCoChair('TH')).toBe(false);
    expect(table.reads).toEqual(['guard']);
  });

  it('reads the history once per request, all of it or a country’s terms', async () => {
    const { coChairs, table } = services('observer');
    expect(await coChairs.coChairHistory()).toEqual([
      { country: 'AU', startsOn: '2025-07-01', endsOn: null },
      { country: 'VN', startsOn: '2025-01-01', endsOn: null },
    ]);
    expect(await coChairs.coChairHistory('VN')).toEqual([{ country: 'VN', startsOn: '2025-01-01', endsOn: null }]);
    expect(await coChairs.coChairHistory('TH')).toEqual([]);
    expect(table.lists).toEqual(['terms']);
  });

  it('finds a term by its country and start day (a global id), from the same one read of the history', async () => {
    const { coChairs, table } = services('observer');
    expect(await coChairs.term('VN', '2025-01-01')).toEqual({ country: 'VN', startsOn: '2025-01-01', endsOn: null });
    expect(await coChairs.term('VN', '2025-07-01')).toBeNull();
    expect(await coChairs.term('AU', '2025-07-01')).toEqual({ country: 'AU', startsOn: '2025-07-01', endsOn: null });
    expect(await coChairs.term('TH', '2025-01-01')).toBeNull();
    expect(table.lists).toEqual(['terms']);
  });
});

describe('rotating co-chairs', () => {
  it('closes the outgoing terms and opens the incoming ones, then reads afresh', async () => {
    const { coChairs, table, loader } = services('secretariat');
    expect((await coChairs.coChairHistory()).length).toBe(2);
    expect(await coChairs.openTerms()).toHaveLength(2);
    const open = await coChairs.rotateCoChairs({ outgoing: ['VN'], incoming: ['TH'], effectiveOn: '2026-01-01' });
    expect(open).toEqual([
      { country: 'AU', startsOn: '2025-07-01', endsOn: null },
      { country: 'TH', startsOn: '2026-01-01', endsOn: null },
    ]);
    expect(table.coChairs.revision).toBe(3);
    expect(table.events).toMatchObject([
      event({ action: 'rotateCoChairs', entity: 'cochairs', summary: 'out: VN; in: TH on 2026-01-01' }),
    ]);
    expect(loader.forgotten).toBe(1);
    expect(await coChairs.openTerms()).toEqual(open);
    expect(await coChairs.coChairHistory('VN')).toEqual([
      { country: 'VN', startsOn: '2025-01-01', endsOn: '2026-01-01' },
    ]);
    expect(table.lists).toEqual(['terms', 'terms']);
  });

  it.each([
    [{ outgoing: ['VN', 'AU'], incoming: [] }, 'out: VN, AU on 2026-01-01', []],
    [{ outgoing: ['AU', 'VN'], incoming: ['TH', 'MY'] }, 'out: AU, VN; in: TH, MY on 2026-01-01', ['TH', 'MY']],
    // An outgoing term may close on the day it started.
    [{ outgoing: ['AU'], incoming: [], effectiveOn: '2025-07-01' }, 'out: AU on 2025-07-01', ['VN']],
  ])('rotates %j: %s', async (rotation, summary, countries) => {
    const table = group();
    table.put(member('MY'));
    const { coChairs } = services('secretariat', table);
    const open = await coChairs.rotateCoChairs({ effectiveOn: '2026-01-01', ...rotation });
    expect(open.map((term) => term.country)).toEqual(countries);
    expect(table.events.map((e) => e.summary)).toEqual([summary]);
  });

  it('opens terms with nothing open, and summarises a rotation with only incoming countries', async () => {
    const table = new InMemoryMembership();
    table.put(member('TH'));
    table.put(member('VN'));
    const { coChairs } = services('secretariat', table);
    expect(await coChairs.rotateCoChairs({ outgoing: [], incoming: ['TH', 'VN'], effectiveOn: '2021-04-01' })).toEqual([
      { country: 'TH', startsOn: '2021-04-01', endsOn: null },
      { country: 'VN', startsOn: '2021-04-01', endsOn: null },
    ]);
    expect(table.events.map((e) => e.summary)).toEqual(['in: TH, VN on 2021-04-01']);
  });

  const rotation = { outgoing: ['VN'], incoming: ['TH'], effectiveOn: '2026-01-01' };
  it.each([
    ['coChair', { ...rotation, incoming: ['th'] }, ForbiddenError, 'your role may not rotate co chairs', undefined],
    ['observer', rotation, ForbiddenError, 'your role may not rotate co chairs', undefined],
    [
      'secretariat',
      { ...rotation, outgoing: [] as string[], incoming: [] as string[] },
      BadInputError,
      'a rotation names at least one outgoing or incoming country',
      'outgoing',
    ],
    // Incoming members first, in order.
    [
      'secretariat',
      { outgoing: ['TH'], incoming: ['AU', 'FR', 'MM'], effectiveOn: '2000-01-01' },
      BadInputError,
      'incoming FR is not an ACTIVE member',
      'incoming',
    ],
    [
      'secretariat',
      { outgoing: ['TH'], incoming: ['MM'], effectiveOn: '2000-01-01' },
      BadInputError,
      'incoming MM is not an ACTIVE member',
      'incoming',
    ],
    // Then the date, for the outgoing terms that are open.
    [
      'secretariat',
      { outgoing: ['TH', 'VN', 'AU'], incoming: ['MY', 'FJ', 'NZ'], effectiveOn: '2025-06-30' },
      BadInputError,
      "effectiveOn is before AU's term started (2025-07-01)",
      'effectiveOn',
    ],
    [
      'secretariat',
      { outgoing: ['VN'], incoming: [], effectiveOn: '2024-12-31' },
      BadInputError,
      "effectiveOn is before VN's term started (2025-01-01)",
      'effectiveOn',
    ],
    // Then the count, as if every named outgoing term closed.
    [
      'secretariat',
      { outgoing: [], incoming: ['TH'], effectiveOn: '2026-01-01' },
      BadInputError,
      'after the rotation there would be more than two co-chairs',
      'incoming',
    ],
    [
      'secretariat',
      { outgoing: ['VN'], incoming: ['TH', 'MY'], effectiveOn: '2026-01-01' },
      BadInputError,
      'after the rotation there would be more than two co-chairs',
      'incoming',
    ],
    // Then the state.
    [
      'secretariat',
      { outgoing: ['TH'], incoming: ['MY'], effectiveOn: '2026-01-01' },
      ConflictError,
      'outgoing TH holds no open co-chair term',
      undefined,
    ],
    [
      'secretariat',
      { outgoing: ['VN', 'MY'], incoming: ['AU', 'TH'], effectiveOn: '2026-01-01' },
      ConflictError,
      'outgoing MY holds no open co-chair term',
      undefined,
    ],
    [
      'secretariat',
      { outgoing: ['VN'], incoming: ['AU'], effectiveOn: '2026-01-01' },
      ConflictError,
      'incoming AU is already a co-chair',
      undefined,
    ],
  ] as const)('refuses a %s %j', async (caller, input, type, message, field) => {
    const table = group();
    for (const country of ['MY', 'FJ', 'NZ']) table.put(member(country));
    const { coChairs, loader } = services(caller, table);
    expect(await refusal(coChairs.rotateCoChairs(input))).toEqual([type, message, field]);
    expect(table.events).toEqual([]);
    expect(table.coChairs.revision).toBe(2);
    expect(loader.forgotten).toBe(0);
  });

  it('reads nothing for a refusal of the role or the input', async () => {
    const observer = services('observer');
    await thrown(observer.coChairs.rotateCoChairs(rotation));
    const secretariat = services('secretariat');
    await thrown(secretariat.coChairs.rotateCoChairs({ ...rotation, incoming: ['VN'] }));
    expect([...observer.table.reads, ...secretariat.table.reads]).toEqual([]);
  });

  it('passes on the conflict of a race lost to another rotation', async () => {
    const { coChairs, table, loader } = services('secretariat');
    table.meanwhile = () => {
      table.put(member('MY'));
      table.open('MY', '2025-12-01');
    };
    expect(await refusal(coChairs.rotateCoChairs(rotation))).toEqual([
      ConflictError,
      'the co-chairs changed meanwhile',
      undefined,
    ]);
    expect(table.events).toEqual([]);
    expect(loader.forgotten).toBe(0);
  });
});
