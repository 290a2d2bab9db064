import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, dataOf, type Identity, type TestApi } from '../support/api.ts';
import * as doc from '../../schema/generated/documents.ts';

/**
 * `hasNextPage` at exact boundaries, for every paged list and caller: with N the number of items
 * the caller may see, `first: N - 1` answers N - 1 items and a next page of exactly one, `first: N`
 * and `first: N + 1` answer all N with `hasNextPage` false (no empty page after the last item).
 *
 * The one documented exception (docs/api.md, "Paging": "One list may answer a page shorter than `first`"): an
 * official's `operations(country:)` for another country filters its own-country listing, reading
 * at most `first + 1` items of it. Its exact case below keeps that listing smaller than any `first`
 * asked, so the filtered read never stops early; the last case shows the documented short pages.
 * (Measured: with that listing at exactly `first + 1` items the read stops at its Limit, DynamoDB
 * still answers a LastEvaluatedKey, and a page of all N items says `hasNextPage` true, followed by
 * an empty last page: documented, so exactness needs the listing at most `first` items.)
 */

interface Edge {
  cursor: string;
  node: { id: string };
}
interface Connection {
  edges: Edge[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const secretariat: Identity = { sub: 'secretariat-1', groups: ['secretariat'] };
const th: Identity = { sub: 'th-official', country: 'TH' };
const id: Identity = { sub: 'id-official', country: 'ID' };
const au: Identity = { sub: 'au-official', country: 'AU' };
const vn: Identity = { sub: 'vn-official', country: 'VN' };

/** A paged list: who reads it, how one page of it is read, and how many items it holds. */
interface List {
  readonly name: string;
  readonly caller: Identity;
  readonly read: (first: number, after: string | null) => Promise<Connection | null | undefined>;
  /** N where the data makes it known; otherwise only counted. */
  readonly expected?: number;
}

const list = (name: string, caller: Identity, variables: doc.OperationsQueryVariables, expected?: number): List => ({
  name,
  caller,
  read: async (first, after) =>
    dataOf(await api.call(caller, doc.OperationsDocument, { ...variables, first, after })).operations,
  ...(expected !== undefined ? { expected } : {}),
});
const jpaOperations = (name: string, caller: Identity, expected: number): List => ({
  name,
  caller,
  read: async (first, after) =>
    dataOf(await api.call(caller, doc.JpaDocument, { number: 9, first, after })).jpa?.operations,
  expected,
});
const auditTrail = (name: string, variables: doc.AuditEventsQueryVariables, expected: number): List => ({
  name,
  caller: secretariat,
  read: async (first, after) =>
    dataOf(await api.call(secretariat, doc.AuditEventsDocument, { ...variables, first, after })).auditEvents,
  expected,
});

// The data (beforeAll): JPA 9 with TH, PH, ID, NZ and MY, where TH leads 3 MEMBERS operations with
// PH, 2 PARTICIPANTS operations with PH and 1 PARTICIPANTS operation with MY; ID leads 10
// PARTICIPANTS operations for the documented case (8 with MY, newest, then 2 with PH). AU and VN
// join JPA 9, so `jpa/9` has three audit events.
const lists: List[] = [
  list('operations, as the secretariat', secretariat, {}),
  list('operations, as an official', th, {}),
  list('operations(jpaNumber), as the secretariat', secretariat, { jpaNumber: 9 }, 3),
  list('operations(jpaNumber), as an official', th, { jpaNumber: 9 }, 6),
  list('operations(status), as the secretariat', secretariat, { status: 'PLANNED' }),
  list('operations(status), as an official', th, { status: 'PLANNED' }),
  list('operations(jpaNumber, status), as an official', th, { jpaNumber: 9, status: 'PLANNED' }, 6),
  // MEMBERS operations with PH: Open Harbour of the sample and TH's 3.
  list('operations(country), as the secretariat (a key)', secretariat, { country: 'PH' }, 4),
  list('operations(country), an official’s own country (a key)', th, { country: 'TH' }),
  list('operations(country, jpaNumber), an official’s own country', th, { country: 'TH', jpaNumber: 9 }, 6),
  // Open Harbour, TH's 3 MEMBERS and 2 PARTICIPANTS operations with PH; TH's own listing holds 4
  // (Mekong Light and TH's 3 PARTICIPANTS operations), fewer than N - 1 = 5.
  list('operations(country), an official’s other country (filtered)', th, { country: 'PH' }, 6),
  list(
    'operations(country, jpaNumber), an official’s other country (filtered)',
    th,
    { country: 'PH', jpaNumber: 9 },
    5,
  ),
  jpaOperations('Jpa.operations, as the secretariat', secretariat, 3),
  jpaOperations('Jpa.operations, as an official', th, 6),
  // JPA 9's creation and two joins, TH's 3 MEMBERS operations, and the sample data's 45 events that
  // everyone may read (its 3 PARTICIPANTS operations' are not), 21 of recommendations and the
  // work plan, 8 of meetings (3 scheduled, 3 attendances, 2 minutes) and the 2024 report's
  // publication; no PARTICIPANTS operation's event.
  auditTrail('auditEvents, the whole trail', {}, 1 + 2 + 3 + 45 + 21 + 8 + 1),
  auditTrail('auditEvents(entity)', { entity: 'jpa/9' }, 3),
];

let api: TestApi;

async function create(
  caller: Identity,
  index: number,
  startsOn: string,
  handling: 'MEMBERS' | 'PARTICIPANTS',
  participants: string[],
): Promise<void> {
  const response = await api.call(caller, doc.CreateOperationDocument, {
    input: {
      jpaNumber: 9,
      codeName: `Boundary ${caller.country} ${index}`,
      participants,
      crimeTypes: ['PEOPLE_SMUGGLING'],
      startsOn,
      handling,
    },
  });
  expect(response.errors).toBeUndefined();
}

beforeAll(async () => {
  api = await createTestApi();
  const jpa = await api.call(secretariat, doc.CreateJpaDocument, {
    input: {
      number: 9,
      title: 'JPA 9',
      startsOn: '2028-01-01',
      endsOn: '2028-12-31',
      participants: ['TH', 'PH', 'ID', 'NZ', 'MY'],
    },
  });
  expect(jpa.errors).toBeUndefined();
  for (const official of [au, vn])
    expect((await api.call(official, doc.JoinJpaDocument, { input: { number: 9 } })).errors).toBeUndefined();
  for (let index = 0; index < 3; index += 1) await create(th, index, `2028-03-0${index + 1}`, 'MEMBERS', ['PH']);
  // Two operations on one day: the order's tie on id is on a page boundary too.
  await create(th, 3, '2028-02-01', 'PARTICIPANTS', ['PH']);
  await create(th, 4, '2028-02-01', 'PARTICIPANTS', ['PH']);
  await create(th, 5, '2028-02-15', 'PARTICIPANTS', ['MY']);
  for (let index = 0; index < 8; index += 1)
    await create(id, index, `2028-06-${String(index + 10)}`, 'PARTICIPANTS', ['MY']);
  for (let index = 8; index < 10; index += 1)
    await create(id, index, `2028-01-${String(index + 10)}`, 'PARTICIPANTS', ['PH']);
}, 120_000);

async function page(target: List, first: number, after: string | null = null): Promise<Connection> {
  const connection = await target.read(first, after);
  if (!connection) throw new Error(`${target.name}: no list`);
  return connection;
}

/** Every page in pages of `first`, each page as it came. */
async function walk(target: List, first: number): Promise<Connection[]> {
  const pages: Connection[] = [];
  let after: string | null = null;
  for (let count = 0; count < 100; count += 1) {
    const current = await page(target, first, after);
    pages.push(current);
    if (!current.pageInfo.hasNextPage) return pages;
    after = current.pageInfo.endCursor;
  }
  throw new Error('too many pages');
}

const ids = (edges: readonly Edge[]) => edges.map((edge) => edge.node.id);

describe('hasNextPage at exact boundaries', () => {
  it.each(lists)('$name: first N - 1, N and N + 1', async (target) => {
    const whole = await walk(target, 100);
    expect(whole).toHaveLength(1); // N ≤ 99 here: one page of 100 holds it all
    const all = ids(whole[0]!.edges);
    const n = all.length;
    expect(new Set(all).size).toBe(n);
    if (target.expected !== undefined) expect(n).toBe(target.expected);
    expect(n).toBeGreaterThanOrEqual(2);
    expect(n).toBeLessThanOrEqual(99);

    const short = await page(target, n - 1);
    expect(ids(short.edges)).toEqual(all.slice(0, n - 1));
    expect(short.pageInfo.hasNextPage).toBe(true);
    expect(short.pageInfo.endCursor).toBe(short.edges.at(-1)!.cursor);
    const last = await page(target, n - 1, short.pageInfo.endCursor);
    expect(ids(last.edges)).toEqual(all.slice(n - 1));
    expect(last.pageInfo.hasNextPage).toBe(false);

    for (const first of [n, n + 1]) {
      const exact = await page(target, first);
      expect(ids(exact.edges)).toEqual(all);
      expect(exact.pageInfo.hasNextPage).toBe(false);
      expect(exact.pageInfo.endCursor).toBe(exact.edges.at(-1)!.cursor);
    }
  });

  it('the documented exception: an official’s other country, when its own listing holds more than first + 1, may answer short pages but walks to exactly the right items', async () => {
    // ID's own listing: Coral Tide and its 10 operations, 8 of them newer than anything with PH.
    const target = list('operations(country), ID for PH', id, { country: 'PH' }, 6);
    const everything = ids((await page(list('operations', id, {}), 100)).edges);
    const expected = ids((await walk(target, 100))[0]!.edges);
    // Open Harbour, TH's 3 MEMBERS operations with PH, ID's 2 PARTICIPANTS operations with PH.
    expect(expected).toHaveLength(6);
    expect(expected).toEqual(everything.filter((operation) => expected.includes(operation)));
    for (const first of [2, 5, 6, 7]) {
      const pages = await walk(target, first);
      expect(pages.flatMap((current) => ids(current.edges))).toEqual(expected);
      expect(pages.at(-1)!.pageInfo.hasNextPage).toBe(false);
      for (const current of pages) expect(current.edges.length).toBeLessThanOrEqual(first);
      if (first === 2) {
        // The own listing's first 3 items are none with PH: the first page is empty, yet not the last.
        expect(pages[0]).toMatchObject({ edges: [], pageInfo: { hasNextPage: true } });
        expect(pages.some((current) => current.pageInfo.hasNextPage && current.edges.length < first)).toBe(true);
      }
    }
  });
});
