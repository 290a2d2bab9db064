import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Jpa, OutcomeTotals } from '../../functions/jpa/jpa.types.ts';
import { listKey } from '../../functions/operation/operation.keys.ts';
import type { CallerAuthority } from '../../functions/membership/membership.repository.ts';
import type { OperationStore } from '../../functions/operation/operation.repository.ts';
import { OperationService } from '../../functions/operation/operation.service.ts';
import type { IdempotencyRecord, Operation, OperationFilter } from '../../functions/operation/operation.types.ts';
import { listingsOf, type Listing } from '../../functions/operation/operation.visibility.ts';
import type { TransactionGuard } from '../../functions/shared/data/transaction-guard.ts';
import type { ItemLoader } from '../../functions/shared/data/item-loader.ts';
import { Access } from '../../functions/shared/domain/access.ts';
import type { AuditEvent, ChainedEvent } from '../../functions/shared/domain/audit-events.ts';
import { type BadInputError, ConflictError, NotFoundError } from '../../functions/shared/domain/errors.ts';
import { Cursors, firstPage } from '../../functions/shared/runtime/cursors.ts';
import { InMemoryTrail, RecordingLoader, thrown } from '../support/service-doubles.ts';

/**
 * The operations rules against an in-memory table with the repository's conditions
 * (test/integration/operation*.test.ts runs the same rules against DynamoDB Local). Fast enough
 * for Stryker to run per mutant.
 */

/** What a JPA guard lends to the transaction, as the fake JPA service builds it. */
interface JpaGuardSpec {
  readonly jpa: number;
  readonly participants?: readonly string[];
  readonly totals?: OutcomeTotals;
  readonly open?: boolean;
}

/** What the guard of the caller's power holds, as the fake membership builds it. */
interface PowerGuardSpec {
  readonly power: string;
  readonly refusal: string;
}

type GuardSpec = JpaGuardSpec | PowerGuardSpec;

class InMemoryOperations implements OperationStore {
  readonly operations = new Map<string, Operation>();
  readonly records = new Map<string, IdempotencyRecord>();
  readonly events: AuditEvent[] = [];
  /** Every transaction's guards, in order. */
  readonly guards: GuardSpec[][] = [];
  /** The operation ids read by id, in order. */
  readonly reads: string[] = [];
  readonly recordReads: string[] = [];
  readonly lists: { listings: readonly Listing[]; filter: object; after: string | null; limit: number }[] = [];
  /** Run inside the next createOperation, before its conditions: another request's write. */
  racing: (() => void) | null = null;

  async operation(_loader: ItemLoader, id: string) {
    this.reads.push(id);
    return this.operations.get(id) ?? null;
  }

  async listVisible(
    listings: readonly Listing[],
    filter: Omit<OperationFilter, 'country'>,
    after: string | null,
    limit: number,
  ) {
    this.lists.push({ listings, filter, after, limit });
    const listed = [...this.operations.values()]
      .filter((operation) =>
        listings.some(
          ({ listing, participant }) =>
            listingsOf(operation).includes(listing) &&
            (participant === undefined || operation.participants.includes(participant)),
        ),
      )
      .filter((operation) => filter.jpaNumber === undefined || operation.jpaNumber === filter.jpaNumber)
      .filter((operation) => filter.status === undefined || operation.status === filter.status)
      .map((operation) => ({ operation, at: listKey(operation.startsOn, operation.id) }))
      .filter(({ at }) => after === null || at > after)
      .sort((a, b) => (a.at < b.at ? -1 : 1));
    return firstPage(listed, limit, (item) => ({ node: item.operation, position: item.at }));
  }

  async idempotencyRecord(subject: string, key: string) {
    this.recordReads.push(`${subject}/${key}`);
    return this.records.get(`${subject}/${key}`) ?? null;
  }

  async createOperation(
    operation: Operation,
    guards: readonly TransactionGuard[],
    idempotency: IdempotencyRecord | null,
    { event }: ChainedEvent,
    nowSeconds: number,
  ) {
    this.racing?.();
    this.racing = null;
    const live = idempotency && this.records.get(`${idempotency.subject}/${idempotency.key}`);
    if (this.operations.has(operation.id) || (live && live.expiresAt >= nowSeconds)) {
      throw new ConflictError('the JPA changed meanwhile, or this idempotency key was used');
    }
    this.operations.set(operation.id, operation);
    if (idempotency) this.records.set(`${idempotency.subject}/${idempotency.key}`, idempotency);
    this.guards.push(guards.map(specOf));
    this.events.push(event);
  }

  async replaceOperation(
    operation: Operation,
    previous: Operation,
    guards: readonly TransactionGuard[],
    { event }: ChainedEvent,
  ) {
    if (this.operations.get(operation.id)?.revision !== previous.revision) {
      throw new ConflictError(`operation ${operation.id} changed meanwhile`);
    }
    this.operations.set(operation.id, operation);
    this.guards.push(guards.map(specOf));
    this.events.push(event);
  }

  put(operation: Operation): Operation {
    this.operations.set(operation.id, operation);
    return operation;
  }
}

const specOf = (guard: TransactionGuard) => guard.condition as unknown as GuardSpec;

/** The JPA service as the operations rules use it: JPAs by number, and guards that say what they hold. */
class FakeJpas {
  readonly jpas = new Map<number, Jpa>();
  readonly reads: number[] = [];

  async existing(number: number): Promise<Jpa> {
    this.reads.push(number);
    const jpa = this.jpas.get(number);
    if (!jpa) throw new NotFoundError(`JPA ${number} does not exist`);
    return jpa;
  }

  operationGuards(
    number: number,
    spec: { participants?: readonly string[]; totals?: OutcomeTotals; open?: boolean },
  ): TransactionGuard[] {
    return [{ condition: { jpa: number, ...spec } as unknown as TransactionGuard['condition'] }];
  }
}

const callers = {
  th: { subject: 'off-th', groups: [], country: 'TH' },
  th2: { subject: 'off-th-2', groups: [], country: 'TH' },
  vn: { subject: 'off-vn', groups: [], country: 'VN' },
  au: { subject: 'off-au', groups: [], country: 'AU' },
  secretariat: { subject: 'sec-1', groups: ['secretariat'], country: null },
  observer: { subject: 'obs-1', groups: ['observer'], country: null },
};
type Caller = keyof typeof callers;

const now = '2026-11-28T02:30:00.000Z';
const nowSeconds = Date.parse(now) / 1000;
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const cursors = new Cursors(async () => new Uint8Array(32).fill(7));

const jpa = (number: number, fields: Partial<Jpa> = {}): Jpa => ({
  number,
  title: `JPA ${number}`,
  startsOn: '2026-01-01',
  endsOn: '2026-12-31',
  status: 'ACTIVE',
  participants: ['TH', 'VN', 'ID'],
  conference: null,
  revision: 1,
  ...fields,
});

const noOutcomes = { arrests: 0, prosecutions: 0, victimsIdentified: 0, networksDisrupted: 0 };

const operation = (n: number, fields: Partial<Operation> = {}): Operation => ({
  id: uuid(n),
  jpaNumber: 1,
  codeName: `Op ${n}`,
  lead: 'TH',
  participants: ['TH', 'VN'],
  crimeTypes: ['PEOPLE_SMUGGLING'],
  status: 'PLANNED',
  startsOn: '2026-03-01',
  endsOn: null,
  summary: null,
  handling: 'PARTICIPANTS',
  outcomes: noOutcomes,
  revision: 1,
  ...fields,
});

function world() {
  const table = new InMemoryOperations();
  const jpas = new FakeJpas();
  jpas.jpas.set(1, jpa(1));
  jpas.jpas.set(2, jpa(2, { status: 'CONCLUDED' }));
  return { table, jpas };
}

function service(caller: Caller, { table, jpas } = world(), loader = new RecordingLoader(), firstId = 101) {
  const access = new Access(callers[caller], async () => ({ memberStatus: 'ACTIVE', holdsCoChairTerm: false }));
  let ids = firstId - 1;
  const memberReads: string[] = [];
  const operations = new OperationService({
    repository: table,
    loader,
    clock: { now: () => now },
    newId: () => {
      ids += 1;
      return uuid(ids);
    },
    cursors,
    access,
    audit: new InMemoryTrail(),
    membership: {
      member: async (country: string) => {
        memberReads.push(country);
        return country === 'XX' ? null : ({ country } as never);
      },
      authorityGuards: ({ authority, refusal }: CallerAuthority) => {
        const power = authority.kind === 'secretariat' ? authority.kind : `${authority.kind} ${authority.country}`;
        return [{ condition: { power, refusal } as unknown as TransactionGuard['condition'] }];
      },
    },
    jpas,
  });
  return { operations, table, jpas, loader, memberReads };
}

async function refusal(promise: Promise<unknown>) {
  const error = await thrown(promise);
  return { type: error.constructor.name, message: error.message, field: (error as BadInputError).field };
}

/** Ids of a connection's nodes. */
const ids = (page: { edges: { node: Operation }[] }) => page.edges.map((edge) => edge.node.id);

/** A table with: 1 PARTICIPANTS TH+VN, 2 MEMBERS TH+ID, 3 PARTICIPANTS VN+ID led by VN, 4 MEMBERS in JPA 2, ACTIVE. */
function populated() {
  const w = world();
  w.table.put(operation(1, { startsOn: '2026-03-01' }));
  w.table.put(operation(2, { handling: 'MEMBERS', participants: ['TH', 'ID'], startsOn: '2026-04-01' }));
  w.table.put(operation(3, { lead: 'VN', participants: ['VN', 'ID'], startsOn: '2026-02-01' }));
  w.table.put(
    operation(4, {
      handling: 'MEMBERS',
      jpaNumber: 2,
      status: 'ACTIVE',
      participants: ['TH'],
      startsOn: '2026-01-15',
    }),
  );
  return w;
}

describe('reading one operation (need-to-know)', () => {
  it.each([
    ['th', 1, true],
    ['vn', 1, true],
    ['au', 1, false],
    ['secretariat', 1, false],
    ['observer', 1, false],
    ['th', 2, true],
    ['au', 2, true],
    ['secretariat', 2, true],
    ['observer', 2, false],
    ['th', 3, false],
    ['vn', 3, true],
  ] as const)('%s reading operation %i: %s', async (caller, n, readable) => {
    const { operations, table } = service(caller, populated());
    expect(await operations.operation(uuid(n))).toEqual(readable ? table.operations.get(uuid(n)) : null);
    expect(table.reads).toEqual([uuid(n)]);
  });

  it('answers null for an id that is no UUID without reading, and for an unknown id', async () => {
    const { operations, table } = service('th', populated());
    expect(await operations.operation('OP#1')).toBeNull();
    expect(table.reads).toEqual([]);
    expect(await operations.operation(uuid(99))).toBeNull();
    expect(table.reads).toEqual([uuid(99)]);
  });
});

describe('listing operations', () => {
  it.each([
    ['th', [{ listing: 'ALL' }, { listing: 'C#TH' }], [2, 1, 4]],
    ['vn', [{ listing: 'ALL' }, { listing: 'C#VN' }], [2, 1, 3, 4]],
    ['au', [{ listing: 'ALL' }, { listing: 'C#AU' }], [2, 4]],
    ['secretariat', [{ listing: 'ALL' }], [2, 4]],
  ] as const)('%s reads its listings, newest first, 20 to a page', async (caller, listings, expected) => {
    const { operations, table } = service(caller, populated());
    const page = await operations.operations({});
    expect(ids(page)).toEqual(expected.map(uuid));
    expect(page.pageInfo.hasNextPage).toBe(false);
    expect(table.lists).toEqual([
      { listings, filter: { jpaNumber: undefined, status: undefined }, after: null, limit: 20 },
    ]);
  });

  it('answers an observer an empty list without reading', async () => {
    const { operations, table } = service('observer', populated());
    const page = await operations.operations({ status: 'ACTIVE' });
    expect(page.edges).toEqual([]);
    expect(page.pageInfo.hasNextPage).toBe(false);
    expect(await page.pageInfo.endCursor()).toBeNull();
    expect(table.lists).toEqual([]);
  });

  it('narrows by JPA, status and country taking part', async () => {
    const { operations, table } = service('vn', populated());
    expect(ids(await operations.operations({ jpaNumber: 2 }))).toEqual([uuid(4)]);
    expect(ids(await operations.operations({ status: 'PLANNED' }))).toEqual([2, 1, 3].map(uuid));
    expect(ids(await operations.operations({ country: 'ID' }))).toEqual([2, 3].map(uuid));
    expect(ids(await operations.operations({ jpaNumber: null, country: '', status: null }))).toEqual(
      [2, 1, 3, 4].map(uuid),
    );
    expect(table.lists.map(({ listings, filter }) => ({ listings, filter }))).toEqual([
      { listings: [{ listing: 'ALL' }, { listing: 'C#VN' }], filter: { jpaNumber: 2, status: undefined } },
      { listings: [{ listing: 'ALL' }, { listing: 'C#VN' }], filter: { jpaNumber: undefined, status: 'PLANNED' } },
      {
        listings: [{ listing: 'ALL#P#ID' }, { listing: 'C#VN', participant: 'ID' }],
        filter: { jpaNumber: undefined, status: undefined },
      },
      { listings: [{ listing: 'ALL' }, { listing: 'C#VN' }], filter: { jpaNumber: undefined, status: undefined } },
    ]);
  });

  it('refuses a JPA number out of range and a page size out of range', async () => {
    const { operations, table } = service('th', populated());
    expect(await refusal(operations.operations({ jpaNumber: 0 }))).toEqual({
      type: 'BadInputError',
      message: 'jpaNumber must be a whole number from 1 to 9999',
      field: 'jpaNumber',
    });
    expect(await refusal(operations.operations({ first: 101 }))).toEqual({
      type: 'BadInputError',
      message: 'first must be from 1 to 100',
      field: 'first',
    });
    expect(table.lists).toEqual([]);
  });

  it('pages on with the end cursor, for the same list, filter and caller only', async () => {
    const { operations, table } = service('vn', populated());
    const first = await operations.operations({ first: 2, status: 'PLANNED' });
    expect(ids(first)).toEqual([2, 1].map(uuid));
    expect(first.pageInfo.hasNextPage).toBe(true);
    const end = await first.pageInfo.endCursor();
    expect(await first.edges[1]?.cursor()).toBe(end);
    const next = await operations.operations({ first: 2, status: 'PLANNED', after: end });
    expect(ids(next)).toEqual([uuid(3)]);
    expect(next.pageInfo.hasNextPage).toBe(false);
    expect(table.lists[1]).toEqual({
      listings: [{ listing: 'ALL' }, { listing: 'C#VN' }],
      filter: { jpaNumber: undefined, status: 'PLANNED' },
      after: listKey('2026-03-01', uuid(1)),
      limit: 2,
    });
    const refused = {
      type: 'BadInputError',
      message: 'after is not a cursor of this list with these arguments',
      field: 'after',
    };
    expect(await refusal(operations.operations({ first: 2, after: end }))).toEqual(refused);
    expect(await refusal(service('th', populated()).operations.operations({ status: 'PLANNED', after: end }))).toEqual(
      refused,
    );
    expect(
      await refusal(
        operations.operationsOfJpa(
          jpa(1),
          2,
          await cursors.encode('operations', { status: 'PLANNED', viewer: 'off-vn' }, listKey('2026-03-01', uuid(1))),
        ),
      ),
    ).toEqual(refused);
    expect(table.lists).toHaveLength(2);
  });

  it('refuses a genuine cursor whose position is no list key', async () => {
    const { operations, table } = service('th', populated());
    const forged = await cursors.encode('operations', { viewer: 'off-th' }, 'OP#1');
    expect(await refusal(operations.operations({ after: forged }))).toEqual({
      type: 'BadInputError',
      message: 'after is not a cursor of this list',
      field: 'after',
    });
    expect(table.lists).toEqual([]);
  });

  it("answers a JPA's operations, reading each JPA's first page once, together", async () => {
    const { operations, table } = service('th', populated());
    const [one, two, again] = await Promise.all([
      operations.operationsOfJpa(jpa(1), null, null),
      operations.operationsOfJpa(jpa(2), null, undefined),
      operations.operationsOfJpa(jpa(1), 20, null),
    ]);
    expect(ids(one)).toEqual([2, 1].map(uuid));
    expect(ids(two)).toEqual([uuid(4)]);
    expect(ids(again)).toEqual([2, 1].map(uuid));
    expect(table.lists).toEqual([
      { listings: [{ listing: 'ALL' }, { listing: 'C#TH' }], filter: { jpaNumber: 1 }, after: null, limit: 20 },
      { listings: [{ listing: 'ALL' }, { listing: 'C#TH' }], filter: { jpaNumber: 2 }, after: null, limit: 20 },
    ]);
  });

  it("pages on through a JPA's operations", async () => {
    const { operations, table } = service('vn', populated());
    const first = await operations.operationsOfJpa(jpa(1), 1, null);
    expect(ids(first)).toEqual([uuid(2)]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(table.lists[0]?.limit).toBe(1);
    const next = await operations.operationsOfJpa(jpa(1), 1, await first.pageInfo.endCursor());
    expect(ids(next)).toEqual([uuid(1)]);
    expect(table.lists[1]).toEqual({
      listings: [{ listing: 'ALL' }, { listing: 'C#VN' }],
      filter: { jpaNumber: 1, status: undefined },
      after: listKey('2026-04-01', uuid(2)),
      limit: 1,
    });
    expect(await refusal(operations.operationsOfJpa(jpa(2), 1, await first.pageInfo.endCursor()))).toMatchObject({
      type: 'BadInputError',
    });
  });

  it("refuses a JPA's page size out of range, and answers an observer no JPA operations without reading", async () => {
    const { operations, table } = service('th', populated());
    expect((await refusal(operations.operationsOfJpa(jpa(1), 0, null))).message).toBe('first must be from 1 to 100');
    const observer = service('observer', populated());
    const page = await observer.operations.operationsOfJpa(jpa(1), null, null);
    expect(page.edges).toEqual([]);
    expect(observer.table.lists).toEqual([]);
    expect(table.lists).toEqual([]);
  });
});

describe('lead and participants', () => {
  it('reads the members of the lead and participants, leaving out those that are no members', async () => {
    const { operations, memberReads } = service('th');
    expect(await operations.lead(operation(1))).toEqual({ country: 'TH' });
    expect(await operations.participants(operation(1, { participants: ['TH', 'XX', 'VN'] }))).toEqual([
      { country: 'TH' },
      { country: 'VN' },
    ]);
    expect(memberReads).toEqual(['TH', 'TH', 'XX', 'VN']);
  });
});

const input = {
  jpaNumber: 1,
  codeName: ' Tidewater ',
  participants: ['VN'],
  crimeTypes: ['PEOPLE_SMUGGLING'] as const,
  startsOn: '2026-05-01',
  summary: 'Joint boat interdiction',
};
const inputHash = (fields: object) =>
  createHash('sha256')
    .update(JSON.stringify({ ...fields, idempotencyKey: null }))
    .digest('base64url');
const created = operation(101, {
  codeName: 'Tidewater',
  startsOn: '2026-05-01',
  summary: 'Joint boat interdiction',
});

describe('creating an operation', () => {
  it.each(['secretariat', 'observer'] as const)('refuses %s before reading the input', async (caller) => {
    const { operations, table, jpas } = service(caller);
    expect(await refusal(operations.createOperation({ ...input, codeName: '' }))).toEqual({
      type: 'ForbiddenError',
      message: 'your role may not create operation',
      field: undefined,
    });
    expect([table.events, table.recordReads, jpas.reads]).toEqual([[], [], []]);
  });

  it('writes a PLANNED operation led by the caller, its JPA guards and the event', async () => {
    const { operations, table, loader, jpas } = service('th');
    expect(await operations.createOperation(input)).toEqual(created);
    expect(table.operations.get(uuid(101))).toEqual(created);
    expect(jpas.reads).toEqual([1]);
    expect(table.guards).toEqual([
      [
        { power: 'activeMember TH', refusal: 'your role may not create operation' },
        { jpa: 1, participants: ['TH', 'VN'], totals: { operations: 1, ...noOutcomes }, open: true },
      ],
    ]);
    expect(table.events).toMatchObject([
      {
        id: uuid(102),
        at: now,
        actor: 'off-th',
        actorCountry: 'TH',
        action: 'createOperation',
        entity: `operation/${uuid(101)}`,
        summary: 'created in JPA 1, handling PARTICIPANTS',
      },
    ]);
    expect(table.records.size).toBe(0);
    expect(table.recordReads).toEqual([]);
    expect(loader.forgotten).toBe(1);
  });

  it('keeps the handling asked for', async () => {
    const { operations, table } = service('th');
    expect((await operations.createOperation({ ...input, handling: 'MEMBERS' })).handling).toBe('MEMBERS');
    expect(table.events[0]?.summary).toBe('created in JPA 1, handling MEMBERS');
  });

  it.each([
    [{ ...input, codeName: ' ' }, 'BadInputError', 'codeName must not be blank', 'codeName'],
    [{ ...input, participants: ['AU'] }, 'BadInputError', 'AU does not take part in JPA 1', 'participants'],
    [{ ...input, jpaNumber: 9 }, 'NotFoundError', 'JPA 9 does not exist', undefined],
    [{ ...input, jpaNumber: 2 }, 'ConflictError', 'JPA 2 is CONCLUDED and takes no new operations', undefined],
  ])('refuses %j', async (given, type, message, field) => {
    const { operations, table } = service('th');
    expect(await refusal(operations.createOperation(given))).toEqual({ type, message, field });
    expect(table.events).toEqual([]);
    expect(table.operations.size).toBe(0);
  });

  it('refuses a lead whose country does not take part in the JPA', async () => {
    const { operations } = service('au');
    expect((await refusal(operations.createOperation({ ...input, participants: [] }))).message).toBe(
      'AU does not take part in JPA 1',
    );
  });

  it('checks participants before the JPA status', async () => {
    const { operations } = service('th');
    expect((await refusal(operations.createOperation({ ...input, jpaNumber: 2, participants: ['AU'] }))).message).toBe(
      'AU does not take part in JPA 2',
    );
  });
});

describe('idempotent creation', () => {
  const keyed = { ...input, idempotencyKey: 'k-1' };
  const fields = {
    jpaNumber: 1,
    codeName: 'Tidewater',
    participants: ['TH', 'VN'],
    crimeTypes: ['PEOPLE_SMUGGLING'],
    startsOn: '2026-05-01',
    handling: 'PARTICIPANTS',
    summary: 'Joint boat interdiction',
  };

  it('remembers the key for 48 hours with a hash of the input without the key', async () => {
    const { operations, table } = service('th');
    expect(await operations.createOperation(keyed)).toEqual(created);
    expect([...table.records.values()]).toEqual([
      {
        subject: 'off-th',
        key: 'k-1',
        inputHash: inputHash(fields),
        operationId: uuid(101),
        expiresAt: nowSeconds + 48 * 3600,
      },
    ]);
    expect(table.recordReads).toEqual(['off-th/k-1']);
  });

  it('answers the same operation for the same key and input, writing nothing more', async () => {
    const w = world();
    await service('th', w).operations.createOperation(keyed);
    const { operations, table, jpas } = service('th', w);
    expect(await operations.createOperation({ ...keyed, codeName: 'Tidewater' })).toEqual(created);
    expect(table.events).toHaveLength(1);
    expect(table.operations.size).toBe(1);
    expect(jpas.reads).toEqual([1]);
  });

  it('refuses the same key with another input', async () => {
    const w = world();
    await service('th', w).operations.createOperation(keyed);
    const { operations, table } = service('th', w);
    expect(await refusal(operations.createOperation({ ...keyed, summary: 'other' }))).toEqual({
      type: 'ConflictError',
      message: 'this idempotencyKey was used with another input',
      field: undefined,
    });
    expect(table.operations.size).toBe(1);
  });

  it('lets another caller use the same key', async () => {
    const w = world();
    await service('th', w).operations.createOperation(keyed);
    expect((await service('th2', w, undefined, 201).operations.createOperation(keyed)).id).toBe(uuid(201));
    expect(w.table.recordReads).toEqual(['off-th/k-1', 'off-th-2/k-1']);
    expect([...w.table.records.keys()]).toEqual(['off-th/k-1', 'off-th-2/k-1']);
  });

  it('replays until the second of expiry, and no longer after it', async () => {
    const w = world();
    w.table.put(created);
    const record = { subject: 'off-th', key: 'k-1', inputHash: inputHash(fields), operationId: uuid(7) };
    w.table.put(operation(7, { codeName: 'Earlier' }));
    w.table.records.set('off-th/k-1', { ...record, expiresAt: nowSeconds });
    expect((await service('th', w).operations.createOperation(keyed)).codeName).toBe('Earlier');
    w.table.operations.delete(uuid(101));
    w.table.records.set('off-th/k-1', { ...record, expiresAt: nowSeconds - 1 });
    const fresh = await service('th', w).operations.createOperation(keyed);
    expect(fresh.codeName).toBe('Tidewater');
    expect(w.table.records.get('off-th/k-1')?.operationId).toBe(uuid(101));
  });

  it('answers the first result when a retry raced its first attempt', async () => {
    const w = world();
    const first = w.table.put(operation(7, { codeName: 'First attempt' }));
    w.table.racing = () => {
      w.table.records.set('off-th/k-1', {
        subject: 'off-th',
        key: 'k-1',
        inputHash: inputHash(fields),
        operationId: first.id,
        expiresAt: nowSeconds + 10,
      });
    };
    const { operations, table } = service('th', w);
    expect(await operations.createOperation(keyed)).toEqual(first);
    expect(table.recordReads).toEqual(['off-th/k-1', 'off-th/k-1']);
    expect(table.events).toEqual([]);
  });

  it('passes on a lost race without a key, or with a key nobody else used', async () => {
    const w = world();
    w.table.racing = () => w.table.put(operation(101));
    const { operations, table } = service('th', w);
    expect(await refusal(operations.createOperation(input))).toEqual({
      type: 'ConflictError',
      message: 'the JPA changed meanwhile, or this idempotency key was used',
      field: undefined,
    });
    expect(table.recordReads).toEqual([]);
    w.table.racing = () => w.table.put(operation(102));
    expect((await refusal(service('th', w).operations.createOperation(keyed))).type).toBe('ConflictError');
    expect(table.recordReads).toEqual(['off-th/k-1', 'off-th/k-1']);
  });

  it('passes on any other failure at once, without looking for a first result', async () => {
    const w = world();
    w.table.racing = () => {
      throw new Error('DynamoDB is down');
    };
    const { operations, table } = service('th', w);
    expect((await refusal(operations.createOperation(keyed))).message).toBe('DynamoDB is down');
    expect(table.recordReads).toEqual(['off-th/k-1']);
  });
});

describe('updating an operation', () => {
  const update = (fields: object = {}) => ({ id: uuid(1), expectedRevision: 1, codeName: 'Renamed', ...fields });

  it.each(['secretariat', 'observer'] as const)('refuses %s before reading the input', async (caller) => {
    const { operations, table } = service(caller, populated());
    expect(await refusal(operations.updateOperation({ id: 'x', expectedRevision: 0 }))).toEqual({
      type: 'ForbiddenError',
      message: 'your role may not update operation',
      field: undefined,
    });
    expect(table.reads).toEqual([]);
  });

  it.each([
    [
      'th',
      { id: uuid(1), expectedRevision: 1 },
      'BadInputError',
      'an update names at least one of codeName, participants, status, endsOn, summary, handling',
      false,
    ],
    ['th', update({ id: 'nope' }), 'NotFoundError', 'operation nope does not exist', false],
    ['th', update({ id: uuid(99) }), 'NotFoundError', `operation ${uuid(99)} does not exist`, true],
    ['au', update({ expectedRevision: 5 }), 'NotFoundError', `operation ${uuid(1)} does not exist`, true],
    ['vn', update({ expectedRevision: 5 }), 'ForbiddenError', 'only the lead country may change an operation', true],
    [
      'au',
      update({ id: uuid(2), expectedRevision: 5 }),
      'ForbiddenError',
      'only the lead country may change an operation',
      true,
    ],
    ['th', update({ expectedRevision: 2 }), 'ConflictError', `operation ${uuid(1)} is at revision 1, not 2`, true],
  ] as const)('%s: refuses %j', async (caller, given, type, message, read) => {
    const { operations, table } = service(caller, populated());
    expect(await refusal(operations.updateOperation(given))).toMatchObject({ type, message });
    expect(table.reads.length > 0).toBe(read);
    expect(table.events).toEqual([]);
  });

  it('writes the changes at the next revision, with the event naming the fields changed', async () => {
    const { operations, table, jpas, loader } = service('th', populated());
    const changed = await operations.updateOperation(
      update({ status: 'ACTIVE', endsOn: '2026-03-02', summary: 'New summary', handling: 'MEMBERS' }),
    );
    expect(changed).toEqual(
      operation(1, {
        codeName: 'Renamed',
        status: 'ACTIVE',
        endsOn: '2026-03-02',
        summary: 'New summary',
        handling: 'MEMBERS',
        revision: 2,
      }),
    );
    expect(table.operations.get(uuid(1))).toEqual(changed);
    expect(jpas.reads).toEqual([]);
    expect(table.guards).toEqual([
      [{ power: 'activeMember TH', refusal: 'your role may not update operation' }, { jpa: 1 }],
    ]);
    expect(table.events).toMatchObject([
      {
        id: uuid(101),
        at: now,
        actor: 'off-th',
        actorCountry: 'TH',
        action: 'updateOperation',
        entity: `operation/${uuid(1)}`,
        summary: 'updated codeName, status, endsOn, summary, handling',
      },
    ]);
    expect(loader.forgotten).toBe(1);
  });

  it('keeps what is not changed', async () => {
    const w = populated();
    const current = w.table.put(
      operation(1, { endsOn: '2026-04-01', summary: 'Kept', handling: 'MEMBERS', status: 'ACTIVE', revision: 3 }),
    );
    const { operations } = service('th', w);
    expect(await operations.updateOperation({ id: uuid(1), expectedRevision: 3, participants: ['ID'] })).toEqual({
      ...current,
      participants: ['TH', 'ID'],
      revision: 4,
    });
    expect(await operations.updateOperation({ id: uuid(1), expectedRevision: 4, codeName: 'Again' })).toEqual({
      ...current,
      codeName: 'Again',
      participants: ['TH', 'ID'],
      revision: 5,
    });
  });

  it('keeps the lead first among new participants, checks they take part, and guards them', async () => {
    const { operations, table, jpas } = service('th', populated());
    const changed = await operations.updateOperation({ id: uuid(1), expectedRevision: 1, participants: ['ID', 'TH'] });
    expect(changed.participants).toEqual(['TH', 'ID']);
    expect(jpas.reads).toEqual([1]);
    expect(table.guards).toEqual([
      [
        { power: 'activeMember TH', refusal: 'your role may not update operation' },
        { jpa: 1, participants: ['TH', 'ID'] },
      ],
    ]);
    expect(table.events[0]?.summary).toBe('updated participants');
    expect(
      await refusal(operations.updateOperation({ id: uuid(1), expectedRevision: 2, participants: ['AU'] })),
    ).toEqual({ type: 'BadInputError', message: 'AU does not take part in JPA 1', field: 'participants' });
  });

  it.each([
    ['2026-02-28', false],
    ['2026-03-01', false],
    ['2026-03-02', true],
  ])('endsOn %s after startsOn 2026-03-01: %s', async (endsOn, accepted) => {
    const { operations, table } = service('th', populated());
    const result = operations.updateOperation({ id: uuid(1), expectedRevision: 1, endsOn });
    if (accepted) expect((await result).endsOn).toBe(endsOn);
    else
      expect(await refusal(result)).toEqual({
        type: 'BadInputError',
        message: 'endsOn must be later than startsOn',
        field: 'endsOn',
      });
    expect(table.events).toHaveLength(accepted ? 1 : 0);
  });

  it('checks a kept endsOn against the start too', async () => {
    const w = populated();
    w.table.put(operation(1, { endsOn: '2026-01-01' }));
    const { operations } = service('th', w);
    expect((await refusal(operations.updateOperation(update()))).message).toBe('endsOn must be later than startsOn');
  });

  it('loses a race with a conflict', async () => {
    const w = populated();
    const { operations } = service('th', w);
    const original = w.table.replaceOperation.bind(w.table);
    w.table.replaceOperation = async (...args) => {
      w.table.put(operation(1, { revision: 2 }));
      return original(...args);
    };
    expect((await refusal(operations.updateOperation(update()))).message).toBe(
      `operation ${uuid(1)} changed meanwhile`,
    );
  });
});

describe('recording outcomes', () => {
  const outcomes = { arrests: 5, prosecutions: 2, victimsIdentified: 7, networksDisrupted: 1 };
  const record = (fields: object = {}) => ({ id: uuid(1), expectedRevision: 1, outcomes, ...fields });

  it.each(['secretariat', 'observer'] as const)('refuses %s before reading the input', async (caller) => {
    const { operations, table } = service(caller, populated());
    expect(await refusal(operations.recordOutcomes(record({ id: 'x' })))).toEqual({
      type: 'ForbiddenError',
      message: 'your role may not record outcomes',
      field: undefined,
    });
    expect(table.reads).toEqual([]);
  });

  it.each([
    [
      'th',
      record({ outcomes: { ...outcomes, arrests: -1 } }),
      'BadInputError',
      'outcomes.arrests must be a whole number from 0 to 1000000',
      false,
    ],
    ['th', record({ id: 'nope' }), 'NotFoundError', 'operation nope does not exist', false],
    ['au', record({ expectedRevision: 5 }), 'NotFoundError', `operation ${uuid(1)} does not exist`, true],
    ['vn', record({ expectedRevision: 5 }), 'ForbiddenError', 'only the lead country may change an operation', true],
    ['th', record({ expectedRevision: 2 }), 'ConflictError', `operation ${uuid(1)} is at revision 1, not 2`, true],
  ] as const)('%s: refuses %j', async (caller, given, type, message, read) => {
    const { operations, table } = service(caller, populated());
    expect(await refusal(operations.recordOutcomes(given))).toMatchObject({ type, message });
    expect(table.reads.length > 0).toBe(read);
    expect(table.events).toEqual([]);
  });

  it('writes the outcomes and moves the JPA totals by the difference', async () => {
    const w = populated();
    w.table.put(
      operation(1, {
        outcomes: { arrests: 2, prosecutions: 3, victimsIdentified: 4, networksDisrupted: 1 },
        revision: 4,
      }),
    );
    const { operations, table, loader } = service('th', w);
    const changed = await operations.recordOutcomes(record({ expectedRevision: 4 }));
    expect(changed).toEqual(operation(1, { outcomes, revision: 5 }));
    expect(table.operations.get(uuid(1))).toEqual(changed);
    expect(table.guards).toEqual([
      [
        { power: 'activeMember TH', refusal: 'your role may not record outcomes' },
        { jpa: 1, totals: { operations: 0, arrests: 3, prosecutions: -1, victimsIdentified: 3, networksDisrupted: 0 } },
      ],
    ]);
    expect(table.events).toMatchObject([
      {
        id: uuid(101),
        at: now,
        actor: 'off-th',
        actorCountry: 'TH',
        action: 'recordOutcomes',
        entity: `operation/${uuid(1)}`,
        summary: 'recorded outcomes',
      },
    ]);
    expect(loader.forgotten).toBe(1);
  });
});
