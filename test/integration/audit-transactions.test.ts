import { beforeAll, describe, expect, it } from 'vitest';
import * as doc from '../../schema/generated/documents.ts';
import { callers, createTestApi, dataOf, type Identity, type TestApi } from '../support/api.ts';
import { brokenChains } from '../support/tables.ts';

/**
 * The largest change of audience the limits admit still fits one DynamoDB transaction (100 items):
 * a need-to-know operation with 20 participants whose 19 others are all replaced writes the
 * operation, 20 listings, 19 removed listings, the JPA's guard, the event, the chain's head and a
 * view for each of the 39 countries that could read it before or after.
 */
const newcomers = [
  'FJ',
  'PG',
  'SB',
  'VU',
  'WS',
  'TO',
  'NR',
  'TV',
  'KI',
  'MV',
  'NP',
  'BT',
  'MN',
  'SG',
  'BN',
  'TL',
  'CN',
  'IN',
  'IT',
  'AF',
  'AE',
  'IR',
  'IQ',
  'JO',
  'TR',
  'QA',
  'CA',
  'GB',
  'FR',
  'DE',
];
const th: Identity = callers.official;
const official = (country: string): Identity => ({ sub: `${country.toLowerCase()}-official`, country });
let api: TestApi;
let before: string[];
let after: string[];

beforeAll(async () => {
  api = await createTestApi();
  for (const country of newcomers) {
    dataOf(
      await api.call(callers.secretariat, doc.AddMemberDocument, {
        input: { country, name: `Member ${country}`, joinedOn: '2026-01-01' },
      }),
    );
    dataOf(await api.call(official(country), doc.JoinJpaDocument, { input: { number: 8 } }));
  }
  const jpa = dataOf(await api.call(callers.secretariat, doc.JpaDocument, { number: 8 })).jpa!;
  const others = jpa.participants.map((member) => member.country).filter((country) => country !== 'TH');
  before = others.slice(0, 19);
  after = others.slice(19, 38);
  expect(after).toHaveLength(19);
});

describe('a need-to-know operation whose participants all change but its lead', () => {
  it('is one transaction, and each country reads the events it could read the operation at', async () => {
    const created = await api.call(th, doc.CreateOperationDocument, {
      input: {
        jpaNumber: 8,
        codeName: 'Wide',
        crimeTypes: ['PEOPLE_SMUGGLING'],
        startsOn: '2026-12-01',
        participants: before,
      },
    });
    const id = dataOf(created).createOperation.id;
    const updated = await api.call(th, doc.UpdateOperationDocument, {
      input: { id, expectedRevision: 1, participants: after },
    });
    expect(dataOf(updated).updateOperation.participants).toHaveLength(20);
    const history = async (caller: Identity) =>
      dataOf(await api.call(caller, doc.OperationHistoryDocument, { id })).operation?.history?.edges.map(
        (edge) => edge.node.sequence,
      ) ?? null;
    expect(await history(th)).toEqual([2, 1]);
    expect(await history(official(after[18]!))).toEqual([2]);
    // A country that no longer takes part reads the operation no more, so none of its events either.
    expect(await history(official(before[0]!))).toBeNull();
    expect(await brokenChains(api.endpoint, api.tableNames)).toEqual([]);
  });
});
