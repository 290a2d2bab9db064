import { describe, expect, it } from 'vitest';
import type { CallerAuthority } from '../../functions/membership/membership.repository.ts';
import type { Member } from '../../functions/membership/membership.types.ts';
import type { Recommendation } from '../../functions/recommendation/recommendation.types.ts';
import type { OwnerPower } from '../../functions/shared/data/owner-condition.ts';
import type { TransactionGuard } from '../../functions/shared/data/transaction-guard.ts';
import { Access } from '../../functions/shared/domain/access.ts';
import type { AuditEvent, ChainedEvent } from '../../functions/shared/domain/audit-events.ts';
import { BadInputError, ConflictError, ForbiddenError } from '../../functions/shared/domain/errors.ts';
import type { WorkPlanStore } from '../../functions/workplan/workplan.repository.ts';
import { WorkPlanService } from '../../functions/workplan/workplan.service.ts';
import type { WorkPlanItem, WorkPlanStatus } from '../../functions/workplan/workplan.types.ts';
import { InMemoryTrail, RecordingLoader, thrown } from '../support/service-doubles.ts';

/**
 * The work-plan rules against an in-memory table that keeps the repository's write conditions (the
 * counter, the revision, the owner); test/integration/workplan.test.ts and work-races.test.ts run
 * the same rules on DynamoDB Local.
 */
class InMemoryWorkPlan implements WorkPlanStore {
  readonly items = new Map<number, WorkPlanItem>();
  readonly events: AuditEvent[] = [];
  readonly writes: { guards: readonly TransactionGuard[]; owner: OwnerPower | null }[] = [];
  readonly reads: number[] = [];
  readonly lists: (WorkPlanStatus | undefined)[] = [];
  last = 0;
  racingCreates = 0;

  reader() {
    return {
      item: async (number: number) => {
        this.reads.push(number);
        return this.items.get(number) ?? null;
      },
      lastNumber: async () => this.last,
    };
  }

  async listItems(status?: WorkPlanStatus) {
    this.lists.push(status);
    return [...this.items.values()].filter((item) => status === undefined || item.status === status);
  }

  async create(item: WorkPlanItem, last: number, guards: readonly TransactionGuard[], { event }: ChainedEvent) {
    if (this.racingCreates > 0) {
      this.racingCreates -= 1;
      this.last += 1;
      this.items.set(this.last, { ...item, number: this.last, title: 'another' });
    }
    if (this.last !== last) throw new ConflictError('another work-plan item took this number');
    this.last = item.number;
    this.items.set(item.number, item);
    this.writes.push({ guards, owner: null });
    this.events.push(event);
  }

  async replace(
    item: WorkPlanItem,
    owner: OwnerPower | null,
    guards: readonly TransactionGuard[],
    { event }: ChainedEvent,
  ) {
    const current = this.items.get(item.number);
    if (owner && !current?.owners.includes(owner.country)) throw new ForbiddenError(owner.refusal);
    if (current?.revision !== item.revision - 1) throw new ConflictError('changed meanwhile');
    this.items.set(item.number, item);
    this.writes.push({ guards, owner });
    this.events.push(event);
  }
}

const guard = (what: string, refusal?: string): TransactionGuard => ({
  condition: { checks: what } as unknown as TransactionGuard['condition'],
  ...(refusal ? { refusal: { message: refusal } } : {}),
});

const callers = {
  secretariat: { subject: 'sec-1', groups: ['secretariat'], country: null },
  coChair: { subject: 'nz-1', groups: [], country: 'NZ' },
  official: { subject: 'th-1', groups: [], country: 'TH' },
  observer: { subject: 'obs-1', groups: ['observer'], country: null },
  stranger: { subject: 'fr-1', groups: [], country: 'FR' },
};
type Caller = keyof typeof callers;
const memberStatus: Record<string, string> = { NZ: 'ACTIVE', TH: 'ACTIVE', AU: 'ACTIVE', LA: 'SUSPENDED' };
const now = '2026-03-15T08:30:00.000Z';
/** The recommendations that exist. */
const recommendations = new Set([1, 2, 3]);

function service(caller: Caller, table = new InMemoryWorkPlan(), loader = new RecordingLoader()) {
  const access = new Access(callers[caller], async (country) => ({
    memberStatus: memberStatus[country] ?? null,
    holdsCoChairTerm: country === 'NZ',
  }));
  const asked: string[] = [];
  const workPlan = new WorkPlanService({
    repository: table,
    loader,
    clock: { now: () => now },
    newId: () => 'event-1',
    access,
    audit: new InMemoryTrail(),
    membership: {
      member: async (country) => (memberStatus[country] ? ({ country } as Member) : null),
      requireActiveMembers: async (countries, field) => {
        const inactive = countries.find((country) => memberStatus[country] !== 'ACTIVE');
        if (inactive) throw new BadInputError(`${inactive} is not an ACTIVE member`, field);
        return countries.map((country) => guard(`active ${country}`));
      },
      authorityGuards: ({ authority, refusal }: CallerAuthority) => [
        guard(authority.kind === 'secretariat' ? 'secretariat' : `${authority.kind} ${authority.country}`, refusal),
      ],
    },
    recommendations: {
      byNumbers: async (numbers) => {
        asked.push(`recommendations ${numbers.join(',')}`);
        return numbers.filter((number) => recommendations.has(number)).map((number) => ({ number }) as Recommendation);
      },
      requireRecommendations: async (numbers, field) => {
        const missing = numbers.find((number) => !recommendations.has(number));
        if (missing !== undefined) throw new BadInputError(`there is no recommendation ${missing}`, field);
        return numbers.map((number) => guard(`recommendation ${number}`));
      },
    },
  });
  return { workPlan, table, loader, asked };
}

const item = (number: number, fields: Partial<WorkPlanItem> = {}): WorkPlanItem => ({
  number,
  title: `Item ${number}`,
  description: null,
  owners: ['TH'],
  dueOn: '2026-12-31',
  status: 'PLANNED',
  recommendationNumbers: [1],
  revision: 1,
  createdAt: '2024-08-15T00:00:00.000Z',
  updatedAt: '2024-08-15T00:00:00.000Z',
  ...fields,
});

/** 1 PLANNED (TH), 2 UNDERWAY (AU), 3 DONE (TH); the last number 3. */
function sample(): InMemoryWorkPlan {
  const table = new InMemoryWorkPlan();
  table.items.set(1, item(1));
  table.items.set(2, item(2, { owners: ['AU'], status: 'UNDERWAY', revision: 2 }));
  table.items.set(3, item(3, { status: 'DONE', revision: 3 }));
  table.last = 3;
  return table;
}

const failure = async (promise: Promise<unknown>) => {
  const error = await thrown(promise);
  return [error.constructor.name, error.message, error instanceof BadInputError ? error.field : undefined];
};

describe('reading the work plan', () => {
  it('answers an item by number, null for a number none can have without reading, and the list by status', async () => {
    const { workPlan, table } = service('observer', sample());
    expect(await workPlan.workPlanItem(1)).toEqual(table.items.get(1));
    expect(await workPlan.workPlanItem(2)).toEqual(table.items.get(2));
    expect(await workPlan.workPlanItem(4)).toBeNull();
    for (const number of [0, -1, 2.5, 1_000_000]) expect(await workPlan.workPlanItem(number)).toBeNull();
    expect(await workPlan.workPlanItem(999_999)).toBeNull();
    expect(table.reads).toEqual([1, 2, 4, 999_999]);
    expect((await workPlan.workPlan(null)).map((found) => found.number)).toEqual([1, 2, 3]);
    expect((await workPlan.workPlan('DONE')).map((found) => found.number)).toEqual([3]);
    expect(table.lists).toEqual([undefined, 'DONE']);
  });

  it('answers owners as members and the recommendations it names', async () => {
    const { workPlan, asked } = service('observer', sample());
    expect(await workPlan.owners(item(9, { owners: ['AU', 'FR', 'TH'] }))).toEqual([
      { country: 'AU' },
      { country: 'TH' },
    ]);
    expect(await workPlan.recommendations(item(9, { recommendationNumbers: [3, 7, 1] }))).toEqual([
      { number: 3 },
      { number: 1 },
    ]);
    expect(asked).toEqual(['recommendations 3,7,1']);
  });

  it('is FORBIDDEN to a caller with no role, before reading', async () => {
    const { workPlan, table } = service('stranger', sample());
    expect((await failure(workPlan.workPlanItem(1)))[0]).toBe('ForbiddenError');
    expect((await failure(workPlan.workPlan()))[0]).toBe('ForbiddenError');
    expect([table.reads, table.lists]).toEqual([[], []]);
  });
});

describe('createWorkPlanItem', () => {
  it('numbers one past the last, PLANNED at revision 1, its references and power guarded', async () => {
    const { workPlan, table, loader } = service('coChair', sample());
    const created = await workPlan.createWorkPlanItem({
      title: ' Train ',
      description: ' Who and when ',
      owners: ['AU', 'TH'],
      dueOn: '2027-01-31',
      recommendationNumbers: [3, 1],
    });
    expect(created).toEqual({
      number: 4,
      title: 'Train',
      description: 'Who and when',
      owners: ['AU', 'TH'],
      dueOn: '2027-01-31',
      status: 'PLANNED',
      recommendationNumbers: [3, 1],
      revision: 1,
      createdAt: now,
      updatedAt: now,
    });
    expect(table.writes).toEqual([
      {
        guards: [
          guard('coChair NZ', 'your role may not create work plan item'),
          guard('active AU'),
          guard('active TH'),
          guard('recommendation 3'),
          guard('recommendation 1'),
        ],
        owner: null,
      },
    ]);
    expect(table.events).toMatchObject([
      { action: 'createWorkPlanItem', entity: 'workplan/4', summary: 'created "Train"', actorCountry: 'NZ' },
    ]);
    expect(loader.forgotten).toBe(1);
  });

  it('takes no description and no recommendations as none', async () => {
    const { workPlan } = service('secretariat');
    expect(await workPlan.createWorkPlanItem({ title: 'First', owners: ['TH'], dueOn: '2027-01-31' })).toMatchObject({
      number: 1,
      description: null,
      recommendationNumbers: [],
    });
  });

  it('takes the next number when other creates took this one, up to the eighth attempt', async () => {
    const table = sample();
    table.racingCreates = 7;
    const loader = new RecordingLoader();
    const { workPlan } = service('coChair', table, loader);
    const input = { title: 'Mine', owners: ['TH'], dueOn: '2027-01-31' };
    expect((await workPlan.createWorkPlanItem(input)).number).toBe(11);
    expect(loader.forgotten).toBe(8);
    table.racingCreates = 8;
    expect((await failure(workPlan.createWorkPlanItem(input)))[0]).toBe('ConflictError');
    let attempts = 0;
    table.create = async () => {
      attempts += 1;
      throw new ForbiddenError('power lost');
    };
    expect((await failure(workPlan.createWorkPlanItem(input)))[0]).toBe('ForbiddenError');
    expect(attempts).toBe(1);
  });

  const refusals: [string, Caller, Parameters<WorkPlanService['createWorkPlanItem']>[0], unknown[]][] = [
    [
      'an official',
      'official',
      { title: '', owners: [], dueOn: 'x' },
      ['ForbiddenError', 'your role may not create work plan item', undefined],
    ],
    [
      'a blank title',
      'coChair',
      { title: ' ', owners: ['TH'], dueOn: '2027-01-01' },
      ['BadInputError', 'title must not be blank', 'title'],
    ],
    [
      'an owner not ACTIVE',
      'coChair',
      { title: 'x', owners: ['LA'], dueOn: '2027-01-01' },
      ['BadInputError', 'LA is not an ACTIVE member', 'owners'],
    ],
    [
      'a recommendation that does not exist',
      'coChair',
      { title: 'x', owners: ['TH'], dueOn: '2027-01-01', recommendationNumbers: [1, 4] },
      ['BadInputError', 'there is no recommendation 4', 'recommendationNumbers'],
    ],
  ];
  for (const [name, caller, input, expected] of refusals) {
    it(`refuses ${name}, writing nothing`, async () => {
      const { workPlan, table } = service(caller, sample());
      expect(await failure(workPlan.createWorkPlanItem(input))).toEqual(expected);
      expect(table.writes).toEqual([]);
    });
  }
});

describe('updateWorkPlanItem', () => {
  it('changes what is given, bumps the revision, and records what changed', async () => {
    const { workPlan, table } = service('coChair', sample());
    const updated = await workPlan.updateWorkPlanItem({
      number: 1,
      expectedRevision: 1,
      title: 'New',
      description: 'More',
      owners: ['AU'],
      dueOn: '2027-06-30',
      status: 'UNDERWAY',
      recommendationNumbers: [2],
    });
    expect(updated).toEqual({
      ...item(1),
      title: 'New',
      description: 'More',
      owners: ['AU'],
      dueOn: '2027-06-30',
      status: 'UNDERWAY',
      recommendationNumbers: [2],
      revision: 2,
      updatedAt: now,
    });
    expect(table.writes).toEqual([
      {
        guards: [
          guard('coChair NZ', 'your role may not update work plan item'),
          guard('active AU'),
          guard('recommendation 2'),
        ],
        owner: null,
      },
    ]);
    expect(table.events).toMatchObject([
      {
        action: 'updateWorkPlanItem',
        entity: 'workplan/1',
        actorCountry: 'NZ',
        summary: 'updated title, description, owners, dueOn, status, recommendationNumbers (PLANNED → UNDERWAY)',
      },
    ]);
  });

  it('keeps what is not given, and names no status move when the status stays', async () => {
    const { workPlan, table } = service('secretariat', sample());
    expect(await workPlan.updateWorkPlanItem({ number: 2, expectedRevision: 2, title: 'Renamed' })).toEqual({
      ...item(2, { owners: ['AU'], status: 'UNDERWAY' }),
      title: 'Renamed',
      revision: 3,
      updatedAt: now,
    });
    expect(table.events[0]?.summary).toBe('updated title');
  });

  it('lets an owner official move the status, relying on its member and on its country owning the item', async () => {
    const { workPlan, table } = service('official', sample());
    await workPlan.updateWorkPlanItem({ number: 1, expectedRevision: 1, status: 'DONE' });
    expect(table.writes).toEqual([
      {
        guards: [guard('activeMember TH', 'your role may not update work plan item')],
        owner: { country: 'TH', refusal: 'officials may change only the work-plan items their country owns' },
      },
    ]);
  });

  it("relies on a co-chair's term to cancel", async () => {
    const { workPlan, table } = service('coChair', sample());
    await workPlan.updateWorkPlanItem({ number: 2, expectedRevision: 2, status: 'CANCELLED' });
    expect(table.writes[0]?.owner).toBeNull();
    expect(table.items.get(2)?.status).toBe('CANCELLED');
  });

  const ownerLimit = 'officials of an owner country may change only the status, and not to CANCELLED';
  const refusals: [string, Caller, Parameters<WorkPlanService['updateWorkPlanItem']>[0], unknown[]][] = [
    [
      'an observer',
      'observer',
      { number: 9, expectedRevision: 0 },
      ['ForbiddenError', 'your role may not update work plan item', undefined],
    ],
    [
      'naming nothing to change',
      'official',
      { number: 9, expectedRevision: 1 },
      [
        'BadInputError',
        'an update names at least one of title, description, owners, dueOn, status, recommendationNumbers',
        'input',
      ],
    ],
    [
      'a recommendation that does not exist',
      'official',
      { number: 9, expectedRevision: 1, recommendationNumbers: [5] },
      ['BadInputError', 'there is no recommendation 5', 'recommendationNumbers'],
    ],
    [
      'an owner not ACTIVE',
      'official',
      { number: 9, expectedRevision: 1, owners: ['LA'] },
      ['BadInputError', 'LA is not an ACTIVE member', 'owners'],
    ],
    [
      'no such item',
      'official',
      { number: 9, expectedRevision: 1, title: 'x' },
      ['NotFoundError', 'work-plan item 9 does not exist', undefined],
    ],
    [
      'another country’s',
      'official',
      { number: 2, expectedRevision: 2, status: 'DONE' },
      ['ForbiddenError', 'officials may change only the work-plan items their country owns', undefined],
    ],
    [
      'another country’s title',
      'official',
      { number: 2, expectedRevision: 2, title: 'x' },
      ['ForbiddenError', 'officials may change only the work-plan items their country owns', undefined],
    ],
    [
      'an owner official’s title',
      'official',
      { number: 1, expectedRevision: 1, title: 'x' },
      ['ForbiddenError', ownerLimit, undefined],
    ],
    [
      'an owner official’s CANCELLED',
      'official',
      { number: 1, expectedRevision: 9, status: 'CANCELLED' },
      ['ForbiddenError', ownerLimit, undefined],
    ],
    [
      'leaving DONE',
      'official',
      { number: 3, expectedRevision: 9, status: 'UNDERWAY' },
      ['ConflictError', 'work-plan item 3 is DONE, which is final', undefined],
    ],
    [
      'a stale revision',
      'official',
      { number: 1, expectedRevision: 2, status: 'UNDERWAY' },
      ['ConflictError', 'work-plan item 1 is at revision 1, not 2', undefined],
    ],
    [
      'the same status',
      'secretariat',
      { number: 2, expectedRevision: 2, status: 'UNDERWAY' },
      ['ConflictError', 'work-plan item 2 is already UNDERWAY', undefined],
    ],
  ];
  for (const [name, caller, input, expected] of refusals) {
    it(`refuses ${name}, writing nothing`, async () => {
      const { workPlan, table } = service(caller, sample());
      expect(await failure(workPlan.updateWorkPlanItem(input))).toEqual(expected);
      expect(table.writes).toEqual([]);
    });
  }
});
