import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as doc from '../../schema/generated/documents.ts';
import {
  callers,
  codes,
  countingClient,
  createTestApi,
  dataOf,
  type GraphqlResponse,
  type Identity,
  type TestApi,
} from '../support/api.ts';
import { tablesDigest } from '../support/schema-calls.ts';
import { auditEvents, brokenChains } from '../support/tables.ts';

/**
 * docs/api.md's rules of the work plan through the Lambda handler on DynamoDB Local, against the
 * sample data: 1 UNDERWAY (NZ, VN; due 2026-06-30), 2 UNDERWAY (AU, TH; 2026-12-31), 3 DONE (NZ,
 * ID, PH; 2025-11-30), 4 PLANNED (PH, MY, AU; 2026-10-31), carrying out recommendations 1, 2, 3
 * and 4 and 5.
 */
let api: TestApi;
beforeEach(async () => {
  api = await createTestApi();
});
afterEach(async () => {
  expect(await brokenChains(api.endpoint, api.tableNames)).toEqual([]);
});

const th: Identity = callers.official;
const nz: Identity = callers.coChair;

const plan = async (status?: doc.WorkPlanStatus) =>
  dataOf(await api.call(callers.secretariat, doc.WorkPlanDocument, status ? { status } : {})).workPlan.map(
    (item) => item.number,
  );
const create = (input: doc.CreateWorkPlanItemInput, caller: Identity = nz) =>
  api.call(caller, doc.CreateWorkPlanItemDocument, { input });
const update = (input: doc.UpdateWorkPlanItemInput, caller: Identity = nz) =>
  api.call(caller, doc.UpdateWorkPlanItemDocument, { input });
const actions = async () =>
  (await auditEvents(api.endpoint, api.tableNames)).map((event) => [event.action, event.entity]);
const refusal = (response: GraphqlResponse<unknown>) => [codes(response), response.errors?.[0]?.message];

async function refusedWithoutChange(send: () => Promise<GraphqlResponse<unknown>>) {
  const before = await tablesDigest(api);
  const response = await send();
  expect(response.data ?? null).toBeNull();
  expect(await tablesDigest(api)).toBe(before);
  return { code: codes(response)[0], field: response.errors?.[0]?.extensions.field };
}

const item: doc.CreateWorkPlanItemInput = { title: 'Joint training calendar', owners: ['TH'], dueOn: '2026-09-01' };

describe('reading the work plan', () => {
  it('lists the items by due day then number, with their owners and the recommendations they carry out', async () => {
    const items = dataOf(await api.call(callers.observer, doc.WorkPlanDocument)).workPlan;
    expect(items.map((found) => [found.id, found.dueOn, found.status, found.recommendations.map((r) => r.id)])).toEqual(
      [
        ['workplan/3', '2025-11-30', 'DONE', ['recommendation/3']],
        ['workplan/1', '2026-06-30', 'UNDERWAY', ['recommendation/1']],
        ['workplan/4', '2026-10-31', 'PLANNED', ['recommendation/4', 'recommendation/5']],
        ['workplan/2', '2026-12-31', 'UNDERWAY', ['recommendation/2']],
      ],
    );
    expect(items[2]?.owners.map((owner) => owner.country)).toEqual(['PH', 'MY', 'AU']);
  });

  it('filters by status with one Query carrying its bound as its Limit, and reads the recommendations of a level in one batch', async () => {
    const counter = countingClient(api.endpoint);
    const counted = await createTestApi({ client: counter.client });
    const read = async (args: string, selection = 'number') => {
      counter.reset();
      const response = await counted.call<{ workPlan: { number: number }[] }>(
        callers.secretariat,
        `{ workPlan${args} { ${selection} } }`,
      );
      return { numbers: dataOf(response).workPlan.map((found) => found.number), calls: counter.recorded };
    };
    const all = await read('');
    expect(all.numbers).toEqual([3, 1, 4, 2]);
    expect(all.calls.map((call) => [call.command, call.limit])).toEqual([['QueryCommand', 500]]);
    expect((await read('(status: UNDERWAY)')).numbers).toEqual([1, 2]);
    expect((await read('(status: CANCELLED)')).numbers).toEqual([]);
    const nested = await read('', 'number recommendations { number } owners { country }');
    // The list, then one BatchGetItem for every recommendation and owner the level names.
    expect(nested.calls.map((call) => [call.command, call.itemsRead])).toEqual([
      ['QueryCommand', 4],
      ['BatchGetItemCommand', 5 + 7],
    ]);
  });
});

describe('createWorkPlanItem', () => {
  it('numbers in order one past the last, PLANNED at revision 1, with its audit event', async () => {
    const created = dataOf(
      await create({ ...item, description: 'Who trains whom', recommendationNumbers: [5, 2] }),
    ).createWorkPlanItem;
    expect(created).toMatchObject({
      id: 'workplan/5',
      number: 5,
      status: 'PLANNED',
      revision: 1,
      description: 'Who trains whom',
      recommendations: [{ number: 5 }, { number: 2 }],
      owners: [{ country: 'TH' }],
    });
    expect(dataOf(await create(item, callers.secretariat)).createWorkPlanItem).toMatchObject({
      number: 6,
      description: null,
      recommendations: [],
    });
    expect(await actions()).toEqual([
      ['createWorkPlanItem', 'workplan/6'],
      ['createWorkPlanItem', 'workplan/5'],
    ]);
    expect(await plan('PLANNED')).toEqual([5, 6, 4]);
  });

  it('accepts recommendations in any status', async () => {
    // 3 is IMPLEMENTED.
    expect(dataOf(await create({ ...item, recommendationNumbers: [3] })).createWorkPlanItem.recommendations).toEqual([
      expect.objectContaining({ number: 3, status: 'IMPLEMENTED' }),
    ]);
  });

  const badInputs: [string, doc.CreateWorkPlanItemInput, string][] = [
    ['a recommendation that does not exist', { ...item, recommendationNumbers: [2, 6] }, 'recommendationNumbers'],
    ['a recommendation twice', { ...item, recommendationNumbers: [2, 2] }, 'recommendationNumbers'],
    ['a recommendation number out of range', { ...item, recommendationNumbers: [0] }, 'recommendationNumbers'],
    [
      '21 recommendations',
      { ...item, recommendationNumbers: Array.from({ length: 21 }, (_, index) => index + 1) },
      'recommendationNumbers',
    ],
    ['no owner', { ...item, owners: [] }, 'owners'],
    ['an owner that is no member', { ...item, owners: ['FR'] }, 'owners'],
    ['a blank title', { ...item, title: '  ' }, 'title'],
    ['a title of 201 characters', { ...item, title: 'x'.repeat(201) }, 'title'],
    ['a description of 2,001 characters', { ...item, description: 'x'.repeat(2001) }, 'description'],
  ];
  for (const [name, input, field] of badInputs) {
    it(`refuses ${name} with BAD_USER_INPUT on ${field}, writing nothing`, async () => {
      expect(await refusedWithoutChange(() => create(input))).toEqual({ code: 'BAD_USER_INPUT', field });
    });
  }

  it('is FORBIDDEN to officials that are no co-chair and to observers', async () => {
    for (const caller of [th, callers.observer, callers.stranger])
      expect(await refusedWithoutChange(() => create(item, caller))).toEqual({ code: 'FORBIDDEN', field: undefined });
  });
});

describe('updateWorkPlanItem', () => {
  it('moves the status forward, one step or several, and a new due day moves it in the plan', async () => {
    expect(dataOf(await update({ number: 4, expectedRevision: 1, status: 'DONE' })).updateWorkPlanItem).toMatchObject({
      status: 'DONE',
      revision: 2,
    });
    expect(await plan('DONE')).toEqual([3, 4]);
    expect(await plan('PLANNED')).toEqual([]);
    dataOf(await update({ number: 2, expectedRevision: 2, dueOn: '2026-01-15', status: 'CANCELLED' }));
    expect(await plan()).toEqual([3, 2, 1, 4]);
    expect(await plan('CANCELLED')).toEqual([2]);
    expect((await auditEvents(api.endpoint, api.tableNames))[0]).toMatchObject({
      action: 'updateWorkPlanItem',
      entity: 'workplan/2',
      summary: 'updated dueOn, status (UNDERWAY → CANCELLED)',
    });
  });

  it('changes the title, description, owners and recommendations', async () => {
    const changed = dataOf(
      await update({
        number: 4,
        expectedRevision: 1,
        title: 'Campaign',
        description: 'With platforms',
        owners: ['MY'],
        recommendationNumbers: [5],
      }),
    ).updateWorkPlanItem;
    expect(changed).toMatchObject({
      title: 'Campaign',
      description: 'With platforms',
      owners: [{ country: 'MY' }],
      recommendations: [{ number: 5 }],
      revision: 2,
    });
  });

  const conflicts: [string, doc.UpdateWorkPlanItemInput, string][] = [
    [
      'setting the current status again',
      { number: 1, expectedRevision: 2, status: 'UNDERWAY' },
      'work-plan item 1 is already UNDERWAY',
    ],
    [
      'going back',
      { number: 1, expectedRevision: 2, status: 'PLANNED' },
      'work-plan item 1 cannot go back from UNDERWAY to PLANNED',
    ],
    [
      'leaving DONE',
      { number: 3, expectedRevision: 3, status: 'UNDERWAY' },
      'work-plan item 3 is DONE, which is final',
    ],
    [
      'cancelling a DONE item',
      { number: 3, expectedRevision: 3, status: 'CANCELLED' },
      'work-plan item 3 is DONE, which is final',
    ],
    [
      'a stale expectedRevision',
      { number: 1, expectedRevision: 1, title: 'x' },
      'work-plan item 1 is at revision 2, not 1',
    ],
  ];
  for (const [name, input, message] of conflicts) {
    it(`answers CONFLICT to ${name}, changing nothing`, async () => {
      const before = await tablesDigest(api);
      expect(refusal(await update(input))).toEqual([['CONFLICT'], message]);
      expect(await tablesDigest(api)).toBe(before);
    });
  }

  it('answers NOT_FOUND for a number that names no item, after BAD_USER_INPUT', async () => {
    expect(await refusedWithoutChange(() => update({ number: 5, expectedRevision: 1, title: 'x' }))).toEqual({
      code: 'NOT_FOUND',
      field: undefined,
    });
    expect(
      await refusedWithoutChange(() => update({ number: 5, expectedRevision: 1, recommendationNumbers: [9] })),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'recommendationNumbers',
    });
    expect(await refusedWithoutChange(() => update({ number: 1, expectedRevision: 2 }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input',
    });
  });

  it('lets an official of an owner country move the status, and nothing else', async () => {
    const limit = 'officials of an owner country may change only the status, and not to CANCELLED';
    for (const input of [
      { number: 2, expectedRevision: 2, title: 'Mine' },
      { number: 2, expectedRevision: 2, status: 'DONE', dueOn: '2027-01-01' },
      { number: 2, expectedRevision: 2, status: 'CANCELLED' },
    ] satisfies doc.UpdateWorkPlanItemInput[]) {
      const before = await tablesDigest(api);
      expect(refusal(await update(input, th))).toEqual([['FORBIDDEN'], limit]);
      expect(await tablesDigest(api)).toBe(before);
    }
    expect(dataOf(await update({ number: 2, expectedRevision: 2, status: 'DONE' }, th)).updateWorkPlanItem.status).toBe(
      'DONE',
    );
    expect(refusal(await update({ number: 4, expectedRevision: 1, status: 'UNDERWAY' }, th))).toEqual([
      ['FORBIDDEN'],
      'officials may change only the work-plan items their country owns',
    ]);
    expect(codes(await update({ number: 4, expectedRevision: 1, status: 'UNDERWAY' }, callers.observer))).toEqual([
      'FORBIDDEN',
    ]);
  });

  it('lets a co-chair change and cancel what its country does not own', async () => {
    expect(
      dataOf(await update({ number: 2, expectedRevision: 2, status: 'CANCELLED', title: 'Stopped' }))
        .updateWorkPlanItem,
    ).toMatchObject({ status: 'CANCELLED', title: 'Stopped' });
  });
});

describe('work-plan items by global id', () => {
  it('answers workplan/<n> through node, null where there is none', async () => {
    const read = async (id: string) =>
      dataOf(
        await api.call<{ node: { id: string; title?: string } | null }>(
          callers.observer,
          `{ node(id: "${id}") { id ... on WorkPlanItem { title } } }`,
        ),
      ).node;
    expect(await read('workplan/2')).toEqual({ id: 'workplan/2', title: 'Common data fields for joint operations' });
    for (const id of ['workplan/5', 'workplan/0', 'workplan/2/1']) expect(await read(id)).toBeNull();
  });
});
