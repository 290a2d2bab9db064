import { chainOnto, everyoneAudience } from '../../functions/shared/domain/audit-events.ts';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { jpaListBound, JpaRepository } from '../../functions/jpa/jpa.repository.ts';
import { coChairsPartition, termKey } from '../../functions/membership/membership.keys.ts';
import { listBounds } from '../../functions/membership/membership.repository.ts';
import { countryCodeCount } from '../../functions/shared/domain/country-codes.ts';
import { createDynamoClient } from '../../functions/shared/data/dynamo.ts';
import { versionListBound } from '../../functions/terms/terms.repository.ts';
import { callers, createTestApi, type Identity, type TestApi } from '../support/api.ts';

/**
 * DESIGN.md, Performance: every list that is not paged has a bound, and reads at most that many
 * items. Each list is asked for through the API, and every Query it sends is recorded at the
 * client: it must carry its list's bound as its Limit and read no more than that. Where a list
 * can pass its bound (JPAs, co-chair terms), the data is made larger than the bound and the list
 * answers the newest items up to it.
 */

interface RecordedQuery {
  readonly table: string;
  readonly index: string | undefined;
  readonly limit: number | undefined;
  /** Items DynamoDB read for the call (ScannedCount). */
  readonly read: number;
}

/** A Document Client on the run's DynamoDB Local that records each Query's table, index, Limit and items read. */
function recordingClient(endpoint: string): { client: DynamoDBDocumentClient; queries: RecordedQuery[] } {
  const queries: RecordedQuery[] = [];
  const base = createDynamoClient({ endpoint });
  base.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === 'QueryCommand') {
        const input = args.input as { TableName: string; IndexName?: string; Limit?: number };
        const output = result.output as { ScannedCount?: number };
        queries.push({
          table: input.TableName,
          index: input.IndexName,
          limit: input.Limit,
          read: output.ScannedCount ?? 0,
        });
      }
      return result;
    },
    { step: 'initialize', name: 'recordQueries' },
  );
  return { client: DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } }), queries };
}

const recorder = recordingClient(inject('dynamoEndpoint'));
let api: TestApi;

/** The Queries one request sends, after checking it answered without errors. */
async function queriesOf(
  caller: Identity,
  query: string,
): Promise<{ data: Record<string, unknown>; queries: RecordedQuery[] }> {
  recorder.queries.length = 0;
  const response = await api.call(caller, query);
  expect(response.errors).toBeUndefined();
  return { data: response.data!, queries: [...recorder.queries] };
}

beforeAll(async () => {
  api = await createTestApi({ client: recorder.client });
});

describe('the bounds', () => {
  it('are the sizes docs/api.md and the cost estimate give these lists', () => {
    expect(listBounds.members).toBe(249);
    expect(countryCodeCount).toBe(249);
    expect(jpaListBound).toBe(100);
    expect(listBounds.coChairTerms).toBe(100);
    expect(versionListBound).toBe(100);
  });
});

describe('every list that is not paged sends each Query with its bound as Limit', () => {
  type Expected = { table: 'membership' | 'jpas' | 'terms'; index?: string; bound: number };
  const lists: { name: string; caller: Identity; query: string; expected: Expected[] }[] = [
    {
      name: 'members',
      caller: callers.official,
      query: '{ members { country } }',
      expected: [{ table: 'membership', bound: 249 }],
    },
    {
      name: 'members with a status',
      caller: callers.official,
      query: '{ members(status: ACTIVE) { country } }',
      expected: [{ table: 'membership', index: 'membersByStatus', bound: 249 }],
    },
    {
      name: 'coChairHistory',
      caller: callers.official,
      query: '{ coChairHistory { startsOn } }',
      expected: [{ table: 'membership', bound: 100 }],
    },
    {
      name: 'Member.coChairTerms',
      caller: callers.official,
      query: '{ member(country: "NZ") { coChairTerms { startsOn } } }',
      expected: [{ table: 'membership', bound: 100 }],
    },
    {
      name: 'every member with its co-chair terms (one history read for all of them)',
      caller: callers.official,
      query: '{ members { coChairTerms { startsOn } } coChairHistory { startsOn } }',
      expected: [
        { table: 'membership', bound: 249 },
        { table: 'membership', bound: 100 },
      ],
    },
    { name: 'jpas', caller: callers.official, query: '{ jpas { number } }', expected: [{ table: 'jpas', bound: 100 }] },
    {
      name: 'jpas with a status',
      caller: callers.official,
      query: '{ jpas(status: CONCLUDED) { number } }',
      expected: [{ table: 'jpas', index: 'jpasByStatus', bound: 100 }],
    },
    {
      name: 'termsOfReferenceVersions, drafts included',
      caller: callers.secretariat,
      query: '{ termsOfReferenceVersions { version } }',
      expected: [{ table: 'terms', bound: 100 }],
    },
    {
      name: 'termsOfReferenceVersions, published only',
      caller: callers.observer,
      query: '{ termsOfReferenceVersions { version } }',
      expected: [{ table: 'terms', index: 'publishedVersions', bound: 100 }],
    },
    {
      name: 'coChairs (the open terms, one item read by key)',
      caller: callers.official,
      query: '{ coChairs { startsOn } workingGroup { coChairs { startsOn } } }',
      expected: [],
    },
  ];

  it.each(lists)('$name', async ({ caller, query, expected }) => {
    const { queries } = await queriesOf(caller, query);
    const sent = queries.map(({ table, index, limit }) => ({ table, index, limit }));
    const wanted = expected.map(({ table, index, bound }) => ({ table: api.tableNames[table], index, limit: bound }));
    expect(sent.sort(byLimit)).toEqual(wanted.sort(byLimit));
    for (const call of queries) expect(call.read).toBeLessThanOrEqual(call.limit!);
  });

  it('pages of the audit trail read at most first + 1 from their key', async () => {
    for (const query of [
      '{ auditEvents(first: 7) { edges { cursor } } }',
      '{ auditEvents(entity: "cochairs", first: 3) { edges { cursor } } }',
    ]) {
      const { queries } = await queriesOf(callers.secretariat, query);
      expect(queries).toHaveLength(1);
      expect(queries[0]!.limit).toBe(query.includes('entity') ? 4 : 8);
      expect(queries[0]!.read).toBeLessThanOrEqual(queries[0]!.limit!);
    }
  });
});

const byLimit = (a: { limit: number | undefined }, b: { limit: number | undefined }) => (a.limit ?? 0) - (b.limit ?? 0);

describe('lists with more items than their bound answer the newest up to it, reading no more', () => {
  let large: TestApi;
  const extraJpas = 120;
  const extraTerms = 110;

  beforeAll(async () => {
    large = await createTestApi({ client: recorder.client });
    const client = DynamoDBDocumentClient.from(createDynamoClient({ endpoint: large.endpoint }));
    // JPAs 101–220, PLANNED, through the repository's own write.
    const jpas = new JpaRepository(client, large.tableNames);
    for (let start = 0; start < extraJpas; start += 20) {
      await Promise.all(
        Array.from({ length: 20 }, (_, offset) => {
          const number = 101 + start + offset;
          return jpas.createJpa(
            {
              number,
              title: `JPA ${number}`,
              startsOn: '2030-01-01',
              endsOn: '2030-12-31',
              status: 'PLANNED',
              participants: [],
              conference: null,
              revision: 1,
            },
            [],
            {
              event: chainOnto(
                {
                  id: crypto.randomUUID(),
                  at: '2026-01-02T00:00:00.000Z',
                  actor: 'test',
                  actorCountry: null,
                  action: 'createJpa',
                  entity: `jpa/${number}`,
                  summary: 'test',
                },
                null,
              ),
              audience: everyoneAudience,
              head: null,
            },
          );
        }),
      );
    }
    // 110 closed co-chair terms of TH, yearly from 2030: all newer than the sample's NZ and VN terms of 2022.
    const terms = Array.from({ length: extraTerms }, (_, index) => {
      const year = 2030 + index;
      return {
        ...termKey(`${year}-01-01`, 'TH', 1000 + index),
        country: 'TH',
        startsOn: `${year}-01-01`,
        endsOn: `${year}-12-31`,
      };
    });
    for (let start = 0; start < terms.length; start += 25) {
      const batch = terms.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
      await client.send(new BatchWriteCommand({ RequestItems: { [large.tableNames.membership]: batch } }));
    }
    expect(terms.every((term) => term.pk === coChairsPartition)).toBe(true);
  }, 120_000);

  /** A probe's answer (T, as the probe selects it) and the items its Queries read. */
  async function largeQueries<T>(caller: Identity, query: string) {
    recorder.queries.length = 0;
    const response = await large.call<T>(caller, query);
    expect(response.errors).toBeUndefined();
    const read = recorder.queries.reduce((sum, call) => sum + call.read, 0);
    return { data: response.data, read };
  }

  it('jpas: the newest 100 by number, with or without a status', async () => {
    const all = await largeQueries<{ jpas: { number: number }[] }>(callers.official, '{ jpas { number } }');
    expect(all.data?.jpas.map((jpa) => jpa.number)).toEqual(
      Array.from({ length: jpaListBound }, (_, index) => 220 - index),
    );
    expect(all.read).toBe(jpaListBound);
    const planned = await largeQueries<{ jpas: { number: number }[] }>(
      callers.official,
      '{ jpas(status: PLANNED) { number } }',
    );
    expect(planned.data?.jpas.map((jpa) => jpa.number)).toEqual(
      Array.from({ length: jpaListBound }, (_, index) => 220 - index),
    );
    expect(planned.read).toBe(jpaListBound);
  });

  it("coChairHistory: the newest 100 terms; Member.coChairTerms: a member's terms among those", async () => {
    const history = await largeQueries<{ coChairHistory: { startsOn: string }[] }>(
      callers.official,
      '{ coChairHistory { startsOn member { country } } }',
    );
    const starts = history.data?.coChairHistory.map((term) => term.startsOn);
    expect(starts).toEqual(
      Array.from({ length: listBounds.coChairTerms }, (_, index) => `${2030 + extraTerms - 1 - index}-01-01`),
    );
    expect(history.read).toBe(listBounds.coChairTerms);
    type Terms = { coChairTerms: { startsOn: string }[] };
    const members = await largeQueries<{ th: Terms; nz: Terms }>(
      callers.official,
      '{ th: member(country: "TH") { coChairTerms { startsOn } } nz: member(country: "NZ") { coChairTerms { startsOn } } }',
    );
    const termsOf = (alias: 'th' | 'nz') => members.data?.[alias].coChairTerms;
    expect(termsOf('th')).toHaveLength(listBounds.coChairTerms);
    // NZ's term of 2022 is older than the newest 100: it is left out.
    expect(termsOf('nz')).toEqual([]);
    expect(members.read).toBe(listBounds.coChairTerms);
  });
});
