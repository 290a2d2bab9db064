import { beforeAll, describe, expect, inject, it } from 'vitest';
import { addOperations, manyOperations } from '../bench/data.ts';
import * as doc from '../../schema/generated/documents.ts';
import {
  countingClient,
  createTestApi,
  dataOf,
  type GraphqlResponse,
  type Identity,
  type RecordedCall,
  type TestApi,
} from '../support/api.ts';

/**
 * DESIGN.md, Performance: every list reads at most `first + 1` items from each key it reads,
 * whatever the data. Each probe runs against the sample data and against the sample data with
 * 2,000 more operations in JPA 8, and what DynamoDB read (ScannedCount, batch keys) is counted
 * at the client.
 */

const th: Identity = { sub: 'th-official', country: 'TH' };
const secretariat: Identity = { sub: 'secretariat', groups: ['secretariat'] };
const extra = 2_000;

interface Probe {
  readonly name: string;
  readonly caller: Identity;
  readonly query: string;
  /** The most items the request may read from DynamoDB, whatever the data. */
  readonly bound: (jpas: number) => number;
}

const edges = '{ edges { node { id } } pageInfo { hasNextPage endCursor } }';
/** What resolving the caller costs before any list: its member item and the open co-chair terms. */
const viewerReads = 1 + 2;
const probes: Probe[] = [
  {
    name: 'the first pages of the JPAs of a page of operations',
    caller: th,
    query: `{ operations(first: 10) { edges { node { jpa { operations(first: 5) ${edges} } } } } }`,
    bound: (jpas) => viewerReads + 2 * 11 + 10 + jpas * 2 * 6,
  },
  {
    name: 'a country no operation has',
    caller: th,
    query: `{ operations(country: "AQ", first: 100) ${edges} }`,
    bound: () => viewerReads + 2 * 101,
  },
  {
    name: 'another country, as an official',
    caller: th,
    query: `{ operations(country: "VN", first: 20) ${edges} }`,
    bound: () => viewerReads + 2 * 21,
  },
  {
    name: 'its own country, in a JPA with a status',
    caller: th,
    query: `{ operations(country: "TH", jpaNumber: 8, status: ACTIVE, first: 20) ${edges} }`,
    bound: () => viewerReads + 2 * 21,
  },
  {
    name: 'a country, as the secretariat',
    caller: secretariat,
    query: `{ operations(country: "VN", first: 20) ${edges} }`,
    bound: () => 21,
  },
  {
    name: 'one JPA’s operations',
    caller: th,
    query: `{ jpa(number: 8) { operations(first: 20) ${edges} } }`,
    bound: () => viewerReads + 1 + 2 * 21,
  },
  {
    name: 'the audit trail',
    caller: secretariat,
    query: `{ auditEvents(first: 50) { edges { node { id } } } }`,
    bound: () => 51,
  },
];

type Sizes = 'small' | 'large';
const counter = countingClient(inject('dynamoEndpoint'));
const apis = {} as Record<Sizes, TestApi>;

beforeAll(async () => {
  apis.small = await createTestApi({ client: counter.client });
  apis.large = await createTestApi({ client: counter.client });
  await addOperations(apis.large.endpoint, apis.large.tableNames.operations, manyOperations(extra));
}, 300_000);

async function reads(size: Sizes, caller: Identity, query: string, variables?: Record<string, unknown>) {
  counter.reset();
  const response = await apis[size].call(caller, query, variables);
  expect(response.errors).toBeUndefined();
  return { response, calls: [...counter.recorded] as RecordedCall[] };
}

describe.each(['small', 'large'] as const)('reads bounded by the request, with the %s data', (size) => {
  it.each(probes)('$name', async ({ caller, query, bound }) => {
    const jpas = dataOf(await apis[size].call(secretariat, doc.JpasDocument)).jpas.length;
    const { calls } = await reads(size, caller, query);
    for (const call of calls.filter((recorded) => recorded.command === 'QueryCommand')) {
      // No Query without a Limit, and none reads past it: no partition is read to be cut in memory.
      expect(call.limit).toBeDefined();
      expect(call.itemsRead).toBeLessThanOrEqual(call.limit!);
    }
    expect(calls.reduce((sum, call) => sum + call.itemsRead, 0)).toBeLessThanOrEqual(bound(jpas));
  });
});

type Node = { id: string; participants: { country: string }[] };
type Page = { operations: { edges: { node: Node }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
const pageQuery = `query ($country: CountryCode, $first: Int, $after: String) {
  operations(country: $country, first: $first, after: $after) { edges { node { id participants { country } } } pageInfo { hasNextPage endCursor } }
}`;

async function walk(
  caller: Identity,
  country: string | null,
  first: number,
): Promise<{ nodes: Node[]; pages: number }> {
  const nodes: Node[] = [];
  let after: string | null = null;
  for (let pages = 1; pages <= 200; pages += 1) {
    const response: GraphqlResponse<Page> = await apis.large.call<Page>(caller, pageQuery, { country, first, after });
    expect(response.errors).toBeUndefined();
    const page: Page['operations'] = response.data!.operations;
    nodes.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) return { nodes, pages };
    after = page.pageInfo.endCursor;
  }
  throw new Error('too many pages');
}

describe('refused before it reads', () => {
  it('refuses a page under every JPA (100 JPAs, each a page) with MAX_COST_EXCEEDED, reading nothing', async () => {
    counter.reset();
    const response = await apis.large.call(th, `{ jpas { operations(first: 1) ${edges} } }`);
    expect(response.errors?.map((error) => error.extensions.code)).toEqual(['MAX_COST_EXCEEDED']);
    expect(counter.recorded).toEqual([]);
  });
});

describe('the country filter, with the large data', () => {
  it.each([
    ['an official, another country (a bounded filtered read)', th, 'VN'],
    ['an official, its own country', th, 'TH'],
    ['the secretariat', secretariat, 'KH'],
  ] as const)(
    'lists exactly the readable operations that country takes part in, in order, for %s',
    async (_, caller, country) => {
      const everything = (await walk(caller, null, 100)).nodes;
      const expected = everything.filter((node) =>
        node.participants.some((participant) => participant.country === country),
      );
      expect(expected.length).toBeGreaterThan(50);
      const { nodes } = await walk(caller, country, 40);
      expect(nodes.map((node) => node.id)).toEqual(expected.map((node) => node.id));
    },
  );

  it('answers a country that takes part in nothing with an empty page, without reading a partition', async () => {
    const { response, calls } = await reads('large', secretariat, pageQuery, { country: 'AQ', first: 100 });
    expect(response.data).toEqual({ operations: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } });
    expect(calls.reduce((sum, call) => sum + call.itemsRead, 0)).toBe(0);
  });
});
