import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { noteItem, recommendationItems } from '../../functions/recommendation/recommendation.items.ts';
import {
  progressListBound,
  recommendationListBound,
} from '../../functions/recommendation/recommendation.repository.ts';
import { createDynamoClient } from '../../functions/shared/data/dynamo.ts';
import type { Item } from '../../functions/shared/data/item-codec.ts';
import { workPlanItem } from '../../functions/workplan/workplan.items.ts';
import { workPlanListBound } from '../../functions/workplan/workplan.repository.ts';
import { callers, createTestApi, type Identity, type TestApi } from '../support/api.ts';

/**
 * DESIGN.md, Performance, for recommendations and the work plan: each list is one Query on the
 * index of its arguments, carrying its bound as its Limit (docs/api.md's sizes: 500, and 200
 * progress notes), and with more items than its bound it answers the first by its order, reading
 * no more. Every Query is recorded at the client.
 */

interface RecordedQuery {
  readonly table: string;
  readonly index: string | undefined;
  readonly limit: number | undefined;
  /** Items DynamoDB read for the call (ScannedCount). */
  readonly read: number;
}

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

async function queriesOf<T>(api: TestApi, caller: Identity, query: string) {
  recorder.queries.length = 0;
  const response = await api.call<T>(caller, query);
  expect(response.errors).toBeUndefined();
  return { data: response.data!, queries: [...recorder.queries] };
}

it('bounds the lists at the sizes docs/api.md gives them in the cost estimate', () => {
  expect([recommendationListBound, workPlanListBound, progressListBound]).toEqual([500, 500, 200]);
});

describe('every list of recommendations and the work plan is one Query on its index, with its bound as Limit', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ client: recorder.client });
  });

  const lists: [name: string, query: string, index: string | undefined, bound: number][] = [
    ['recommendations', '{ recommendations { number } }', 'workByList', 500],
    ['recommendations with a status', '{ recommendations(status: OPEN) { number } }', 'workByStatus', 500],
    ['recommendations of an owner', '{ recommendations(owner: "TH") { number } }', 'workByList', 500],
    [
      'recommendations of an owner with a status',
      '{ recommendations(owner: "TH", status: OPEN) { number } }',
      'workByStatus',
      500,
    ],
    ['workPlan', '{ workPlan { number } }', 'workByList', 500],
    ['workPlan with a status', '{ workPlan(status: DONE) { number } }', 'workByStatus', 500],
    ['Recommendation.progress', '{ recommendation(number: 3) { progress { text } } }', undefined, 200],
    ['Meeting.recommendations', '{ meeting(number: 1) { recommendations { number } } }', 'workByList', 500],
  ];
  it.each(lists)('%s', async (_, query, index, bound) => {
    const { queries } = await queriesOf(api, callers.secretariat, query);
    expect(queries.map(({ table, index, limit }) => ({ table, index, limit }))).toEqual([
      { table: api.tableNames.work, index, limit: bound },
    ]);
    for (const call of queries) expect(call.read).toBeLessThanOrEqual(call.limit!);
  });
});

describe('lists with more items than their bound answer the first up to it, reading no more', () => {
  let large: TestApi;
  const extraRecommendations = 510;
  const extraItems = 505;
  const extraNotes = 205;

  beforeAll(async () => {
    large = await createTestApi({ client: recorder.client });
    const client = DynamoDBDocumentClient.from(createDynamoClient({ endpoint: large.endpoint }), {
      marshallOptions: { removeUndefinedValues: true },
    });
    const at = '2026-01-02T00:00:00.000Z';
    // Recommendations 6–515, OPEN, owned by TH; work-plan items 5–509 due before any of the sample's;
    // 205 notes on recommendation 1. Written as the repositories write them, without their events.
    const items: Item[] = [
      ...Array.from({ length: extraRecommendations }, (_, index) =>
        recommendationItems({
          number: 6 + index,
          text: `Recommendation ${6 + index}`,
          owners: ['TH'],
          status: 'OPEN',
          dueOn: null,
          jpaNumber: null,
          meetingNumber: null,
          addedOn: '2026-01-02',
          closedOn: null,
          revision: 1,
          createdAt: at,
          updatedAt: at,
        }),
      ).flat(),
      ...Array.from({ length: extraItems }, (_, index) =>
        workPlanItem({
          number: 5 + index,
          title: `Item ${5 + index}`,
          description: null,
          owners: ['TH'],
          dueOn: '2024-01-01',
          status: 'PLANNED',
          recommendationNumbers: [],
          revision: 1,
          createdAt: at,
          updatedAt: at,
        }),
      ),
      ...Array.from({ length: extraNotes }, (_, index) =>
        noteItem(1, {
          id: `n${index}`,
          at: `2026-02-01T00:${String(Math.floor(index / 60)).padStart(2, '0')}:${String(index % 60).padStart(2, '0')}.000Z`,
          author: 'nz-official',
          country: 'NZ',
          text: `Note ${index}`,
        }),
      ),
    ];
    for (let start = 0; start < items.length; start += 25) {
      const batch = items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
      await client.send(new BatchWriteCommand({ RequestItems: { [large.tableNames.work]: batch } }));
    }
  }, 240_000);

  const range = (from: number, count: number) => Array.from({ length: count }, (_, index) => from + index);
  type Numbers<F extends string> = Record<F, { number: number }[]>;

  it('recommendations: the first 500 by number, with any filter', async () => {
    const all = await queriesOf<Numbers<'recommendations'>>(
      large,
      callers.secretariat,
      '{ recommendations { number } }',
    );
    expect(all.data.recommendations.map((found) => found.number)).toEqual(range(1, 500));
    const owned = await queriesOf<Numbers<'recommendations'>>(
      large,
      callers.secretariat,
      '{ recommendations(owner: "TH") { number } }',
    );
    // TH owns sample recommendation 2, and every new one.
    expect(owned.data.recommendations.map((found) => found.number)).toEqual([2, ...range(6, 499)]);
    const open = await queriesOf<Numbers<'recommendations'>>(
      large,
      callers.secretariat,
      '{ recommendations(owner: "TH", status: OPEN) { number } }',
    );
    expect(open.data.recommendations.map((found) => found.number)).toEqual(range(6, 500));
    for (const { queries } of [all, owned, open]) expect(queries.map((call) => call.read)).toEqual([500]);
  });

  it('workPlan: the first 500 by due day, then number', async () => {
    const plan = await queriesOf<Numbers<'workPlan'>>(large, callers.secretariat, '{ workPlan { number } }');
    expect(plan.data.workPlan.map((found) => found.number)).toEqual(range(5, 500));
    const planned = await queriesOf<Numbers<'workPlan'>>(
      large,
      callers.secretariat,
      '{ workPlan(status: PLANNED) { number } }',
    );
    expect(planned.data.workPlan.map((found) => found.number)).toEqual(range(5, 500));
    for (const { queries } of [plan, planned]) expect(queries.map((call) => call.read)).toEqual([500]);
  });

  it('Recommendation.progress: the newest 200 notes', async () => {
    const { data, queries } = await queriesOf<{ recommendation: { progress: { text: string }[] } }>(
      large,
      callers.secretariat,
      '{ recommendation(number: 1) { progress { text } } }',
    );
    expect(data.recommendation.progress.map((note) => note.text)).toEqual(
      range(0, 200).map((index) => `Note ${extraNotes - 1 - index}`),
    );
    expect(queries.map((call) => call.read)).toEqual([200]);
  });
});
