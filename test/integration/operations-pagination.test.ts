import { beforeAll, describe, expect, it } from 'vitest';
import { codes, countingClient, createTestApi, dataOf, type Identity, type TestApi } from '../support/api.ts';
import * as doc from '../../schema/generated/documents.ts';
import { nestedOperationPages, operationWithRelations, type NestedOperationPages } from '../support/probe-documents.ts';
import { sampleOperationIds } from '../support/samples.ts';
import { inject } from 'vitest';

type Node = doc.OperationsQuery['operations']['edges'][number]['node'];

const nz: Identity = { sub: 'nz-official', country: 'NZ' };
const counter = countingClient(inject('dynamoEndpoint'));
let api: TestApi;

beforeAll(async () => {
  api = await createTestApi({ client: counter.client });
  // 25 more operations NZ can read: 13 it takes part in, 12 of every member's.
  for (let index = 0; index < 25; index += 1) {
    const day = String(1 + (index % 28)).padStart(2, '0');
    await api.call(nz, doc.CreateOperationDocument, {
      input: {
        jpaNumber: 8,
        codeName: `Paged ${index}`,
        crimeTypes: ['PEOPLE_SMUGGLING'],
        startsOn: `2027-01-${day}`,
        handling: index % 2 ? 'MEMBERS' : 'PARTICIPANTS',
      },
    });
  }
});

async function allPages(viewer: Identity, variables: doc.OperationsQueryVariables, first: number) {
  const seen: Node[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 50; pages += 1) {
    const page: doc.OperationsQuery['operations'] = dataOf(
      await api.call(viewer, doc.OperationsDocument, { ...variables, first, after }),
    ).operations;
    seen.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) return seen;
    after = page.pageInfo.endCursor;
  }
  throw new Error('too many pages');
}

describe('pagination of operations', () => {
  it('walks every visible operation once, by startsOn descending then id, in pages of any size', async () => {
    const whole = dataOf(await api.call(nz, doc.OperationsDocument, { first: 100 })).operations.edges.map(
      (edge) => edge.node,
    );
    expect(whole).toHaveLength(25 + 2); // its own, plus Coral Tide and Open Harbour of the sample
    const sorted = [...whole].sort((a, b) =>
      a.startsOn === b.startsOn ? (a.id < b.id ? -1 : 1) : a.startsOn > b.startsOn ? -1 : 1,
    );
    expect(whole).toEqual(sorted);
    for (const size of [1, 4, 7]) {
      expect(await allPages(nz, {}, size)).toEqual(whole);
    }
    expect(await allPages(nz, { jpaNumber: 8, status: 'PLANNED' }, 5)).toEqual(
      whole.filter((node) => node.codeName.startsWith('Paged')),
    );
  });

  it('filters by a country taking part without widening what the caller may read', async () => {
    const withVn = await allPages(nz, { country: 'VN' }, 3);
    expect(withVn.map((node) => node.codeName)).toEqual(['Open Harbour']);
  });

  it('bounds first to 1..100', async () => {
    for (const first of [0, -1, 101]) {
      expect(codes(await api.call(nz, doc.OperationsDocument, { first }))).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('refuses garbled, tampered and foreign cursors with BAD_USER_INPUT', async () => {
    const page = dataOf(await api.call(nz, doc.OperationsDocument, { first: 2 })).operations;
    const cursor = page.pageInfo.endCursor ?? '';
    expect(cursor).not.toBe('');
    const [keyId, payload, mac] = cursor.split('.') as [string, string, string];
    const position = Buffer.from(payload, 'base64url').toString();
    const forged = `${keyId}.${Buffer.from(position.replace(/^\d/, '0'), 'base64url').toString('base64url')}.${mac}`;
    const attempts: [Identity, doc.OperationsQueryVariables][] = [
      [nz, { after: 'garbage' }],
      [nz, { after: `${keyId}.${payload}.${mac.slice(0, -2)}AA` }],
      [nz, { after: forged }],
      [nz, { after: cursor, jpaNumber: 8 }], // another list: other arguments
      [nz, { after: cursor, status: 'ACTIVE' }],
      [{ sub: 'vn-official', country: 'VN' }, { after: cursor }], // another caller
    ];
    for (const [viewer, variables] of attempts) {
      const response = await api.call(viewer, doc.OperationsDocument, { first: 2, ...variables });
      expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    }
    const jpaCursor = await api.call(nz, doc.JpaDocument, { number: 8, first: 2, after: cursor });
    expect(codes(jpaCursor)).toEqual(['BAD_USER_INPUT']);
  });

  it('pages Jpa.operations with its own cursors', async () => {
    const first = dataOf(await api.call(nz, doc.JpaDocument, { number: 8, first: 10 })).jpa?.operations;
    const second = dataOf(
      await api.call(nz, doc.JpaDocument, { number: 8, first: 10, after: first?.pageInfo.endCursor }),
    ).jpa?.operations;
    const ids = [...(first?.edges ?? []), ...(second?.edges ?? [])].map((edge) => edge.node.id);
    expect(new Set(ids).size).toBe(20);
  });
});

describe('DynamoDB calls per request', () => {
  const secretariat: Identity = { sub: 's', groups: ['secretariat'] };

  async function addJpaWithOperation(number: number): Promise<void> {
    await api.call(secretariat, doc.CreateJpaDocument, {
      input: {
        number,
        title: `JPA ${number}`,
        startsOn: '2028-01-01',
        endsOn: '2028-12-31',
        participants: ['NZ', 'AU', 'JP'],
      },
    });
    await api.call(nz, doc.CreateOperationDocument, {
      input: {
        jpaNumber: number,
        codeName: `Grow ${number}`,
        participants: ['AU', 'JP'],
        crimeTypes: ['PEOPLE_SMUGGLING'],
        startsOn: `2028-0${number - 7}-01`,
        handling: 'MEMBERS',
      },
    });
  }

  /** The calls of one request, round by round (calls sent before any of them answered share a round), and the JPAs it showed. */
  async function roundsFor(viewer: Identity, query: string): Promise<{ rounds: string[][]; jpas: number }> {
    counter.reset();
    // Either probe: only nestedOperationPages answers operations.
    const response = await api.call<Partial<NestedOperationPages>>(viewer, query);
    expect(response.errors).toBeUndefined();
    const rounds = new Map<number, string[]>();
    for (const call of counter.recorded) rounds.set(call.round, [...(rounds.get(call.round) ?? []), call.command]);
    return {
      rounds: [...rounds.keys()].sort((a, b) => a - b).map((round) => rounds.get(round)!.sort()),
      jpas: new Set(response.data?.operations?.edges.map((edge) => edge.node.jpa.number)).size,
    };
  }

  /** The Queries of the JPAs' pages (Limit 6: a page of 5 and its look-ahead), by round. */
  const jpaPageRounds = () =>
    new Set(
      counter.recorded.filter((call) => call.command === 'QueryCommand' && call.limit === 6).map((call) => call.round),
    );
  const jpaPages = () => counter.recorded.filter((call) => call.command === 'QueryCommand' && call.limit === 6).length;

  it('sends the first pages of several JPAs together: one bounded Query per JPA and listing, in one round', async () => {
    for (const number of [9, 10, 11]) await addJpaWithOperation(number);
    const { rounds, jpas } = await roundsFor(secretariat, nestedOperationPages);
    expect(jpas).toBe(4);
    // The operations; their JPAs; the JPAs' participants together with each JPA's page (the pages'
    // leads and participants are among the members that round read).
    expect(rounds).toHaveLength(3);
    expect(jpaPageRounds().size).toBe(1);
    expect(jpaPages()).toBe(jpas);
    // An official reads two listings of each JPA: every member's operations and its own country's.
    await roundsFor(nz, nestedOperationPages);
    expect(jpaPageRounds().size).toBe(1);
    expect(jpaPages()).toBe(2 * jpas);
  });

  it('keeps the number of rounds as JPAs and operations grow', async () => {
    const before = await roundsFor(secretariat, nestedOperationPages);
    for (const number of [12, 13]) await addJpaWithOperation(number);
    const after = await roundsFor(secretariat, nestedOperationPages);
    expect(after.jpas).toBe(before.jpas + 2);
    expect(after.rounds).toHaveLength(before.rounds.length);
    expect(jpaPages()).toBe(after.jpas);
  });

  it('reads an operation with its JPA, lead and participants in two calls', async () => {
    expect((await roundsFor(secretariat, operationWithRelations(sampleOperationIds.openHarbour))).rounds).toEqual([
      ['BatchGetItemCommand'],
      ['BatchGetItemCommand'],
    ]);
  });
});
