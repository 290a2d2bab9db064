import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as doc from '../../schema/generated/documents.ts';
import { createDocumentClient } from '../../functions/shared/data/dynamo.ts';
import { RecommendationRepository } from '../../functions/recommendation/recommendation.repository.ts';
import type { Clock } from '../../functions/shared/runtime/clock.ts';
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
import { putMeeting, workItems } from '../support/work-items.ts';

/**
 * docs/api.md's rules of recommendations through the Lambda handler on DynamoDB Local, against the
 * sample data: the five recommendations of the Ha Noi conference (1 and 2 IN_PROGRESS, 3
 * IMPLEMENTED, 4 and 5 OPEN; TH owns 2, NZ owns 1 and 3, neither owns 4). The clock ticks a second
 * a reading from 15 March 2026, so days and the order of notes are known.
 */
const ticking = (start: string): Clock => {
  let ticks = 0;
  return {
    now: () => {
      ticks += 1;
      return new Date(Date.parse(start) + ticks * 1000).toISOString();
    },
  };
};
const today = '2026-03-15';

let api: TestApi;
beforeEach(async () => {
  api = await createTestApi({ clock: ticking(`${today}T08:00:00.000Z`) });
});
afterEach(async () => {
  expect(await brokenChains(api.endpoint, api.tableNames)).toEqual([]);
});

const th: Identity = callers.official;
const nz: Identity = callers.coChair;

const recommendation = async (number: number, caller: Identity = callers.secretariat) =>
  dataOf(await api.call(caller, doc.RecommendationDocument, { number })).recommendation;
const list = async (variables: doc.RecommendationsQueryVariables = {}) =>
  dataOf(await api.call(callers.secretariat, doc.RecommendationsDocument, variables)).recommendations.map(
    (found) => found.number,
  );
const add = (input: doc.AddRecommendationInput, caller: Identity = nz) =>
  api.call(caller, doc.AddRecommendationDocument, { input });
const update = (input: doc.UpdateRecommendationInput, caller: Identity = nz) =>
  api.call(caller, doc.UpdateRecommendationDocument, { input });
const note = (recommendationNumber: number, text: string, caller: Identity = th) =>
  api.call(caller, doc.AddProgressNoteDocument, { input: { recommendationNumber, text } });
const actions = async () =>
  (await auditEvents(api.endpoint, api.tableNames)).map((event) => [event.action, event.entity]);
const refusal = (response: GraphqlResponse<unknown>) => [codes(response), response.errors?.[0]?.message];

/** The response's one error, and that the tables are as they were before it. */
async function refusedWithoutChange(send: () => Promise<GraphqlResponse<unknown>>) {
  const before = await tablesDigest(api);
  const response = await send();
  expect(response.data ?? null).toBeNull();
  expect(await tablesDigest(api)).toBe(before);
  return { code: codes(response)[0], field: response.errors?.[0]?.extensions.field };
}

describe('reading recommendations', () => {
  it("lists the Ha Noi conference's five by number, with their JPA and owners", async () => {
    const all = dataOf(await api.call(th, doc.RecommendationsDocument)).recommendations;
    expect(all.map((found) => [found.id, found.status, found.jpa?.number, found.owners.map((m) => m.country)])).toEqual(
      [
        ['recommendation/1', 'IN_PROGRESS', 7, ['NZ', 'VN']],
        ['recommendation/2', 'IN_PROGRESS', 7, ['AU', 'TH']],
        ['recommendation/3', 'IMPLEMENTED', 7, ['NZ', 'ID', 'PH']],
        ['recommendation/4', 'OPEN', 7, ['PH', 'MY']],
        ['recommendation/5', 'OPEN', 7, ['AU', 'VN']],
      ],
    );
    expect(all[2]).toMatchObject({ addedOn: '2024-07-25', closedOn: '2025-11-28', revision: 5 });
  });

  it('filters by status, by owner and by both, each with one Query carrying its bound as its Limit', async () => {
    const counter = countingClient(api.endpoint);
    const counted = await createTestApi({ client: counter.client });
    const numbers = async (args: string) => {
      counter.reset();
      const response = await counted.call<{ recommendations: { number: number }[] }>(
        callers.secretariat,
        `{ recommendations${args} { number } }`,
      );
      // The secretariat has no country to look up: the list is all that is read.
      expect(counter.recorded.map((call) => [call.command, call.limit])).toEqual([['QueryCommand', 500]]);
      return dataOf(response).recommendations.map((found) => found.number);
    };
    expect(await numbers('')).toEqual([1, 2, 3, 4, 5]);
    expect(await numbers('(status: IN_PROGRESS)')).toEqual([1, 2]);
    expect(await numbers('(status: DROPPED)')).toEqual([]);
    expect(await numbers('(owner: "NZ")')).toEqual([1, 3]);
    expect(await numbers('(owner: "VN", status: OPEN)')).toEqual([5]);
    expect(await numbers('(owner: "TH", status: OPEN)')).toEqual([]);
    expect(await numbers('(owner: "FJ")')).toEqual([]);
  });

  it('answers null for a number that names no recommendation', async () => {
    for (const number of [6, 0, -1, 1_000_000]) expect(await recommendation(number)).toBeNull();
  });

  it('shows progress notes newest first, read by one Query with its Limit, and none to observers without reading them', async () => {
    expect((await recommendation(3, th))?.progress.map((found) => [found.at.slice(0, 10), found.country])).toEqual([
      ['2025-11-27', 'ID'],
      ['2025-02-10', 'NZ'],
    ]);
    const counter = countingClient(api.endpoint);
    const counted = await createTestApi({ client: counter.client });
    const progress = async (caller: Identity) => {
      counter.reset();
      const response = await counted.call<{ recommendation: { progress: { text: string }[] } }>(
        caller,
        '{ recommendation(number: 3) { progress { text } } }',
      );
      return {
        notes: dataOf(response).recommendation.progress.length,
        queries: counter.recorded.filter((call) => call.command === 'QueryCommand').map((call) => call.limit),
      };
    };
    expect(await progress(callers.secretariat)).toEqual({ notes: 2, queries: [200] });
    expect(await progress(callers.observer)).toEqual({ notes: 0, queries: [] });
  });

  it('lists the recommendations made at a meeting by number, through its own key', async () => {
    const repository = new RecommendationRepository(createDocumentClient({ endpoint: api.endpoint }), api.tableNames);
    expect((await repository.madeAt(1)).map((found) => found.number)).toEqual([1, 2, 3, 4, 5]);
    await putMeeting(api, 900);
    dataOf(await add({ text: 'Made at 900', owners: ['AU'], meetingNumber: 900 }));
    dataOf(await add({ text: 'Made nowhere', owners: ['AU'] }));
    expect((await repository.madeAt(900)).map((found) => [found.number, found.text])).toEqual([[6, 'Made at 900']]);
    expect(await repository.madeAt(901)).toEqual([]);
  });
});

describe('addRecommendation', () => {
  it('numbers in order one past the last, OPEN at revision 1, added today, with its audit event', async () => {
    const first = dataOf(
      await add({ text: '  Share watch lists  ', owners: ['TH', 'AU'], jpaNumber: 8, dueOn: '2027-01-31' }),
    );
    expect(first.addRecommendation).toMatchObject({
      id: 'recommendation/6',
      number: 6,
      text: 'Share watch lists',
      status: 'OPEN',
      revision: 1,
      addedOn: today,
      closedOn: null,
      dueOn: '2027-01-31',
      jpa: { number: 8 },
      owners: [{ country: 'TH' }, { country: 'AU' }],
    });
    const second = dataOf(await add({ text: 'Another', owners: ['NZ'] }, callers.secretariat)).addRecommendation;
    expect([second.number, second.jpa]).toEqual([7, null]);
    expect(await actions()).toEqual([
      ['addRecommendation', 'recommendation/7'],
      ['addRecommendation', 'recommendation/6'],
    ]);
    const [latest, earlier] = await auditEvents(api.endpoint, api.tableNames);
    expect([latest?.actor, latest?.actorCountry, earlier?.actorCountry]).toEqual(['secretariat-1', null, 'NZ']);
    expect(await recommendation(6, th)).toMatchObject({ number: 6, progress: [] });
  });

  it("puts it in each owner's list and the list of its status, and dates it by the day it was added", async () => {
    dataOf(await add({ text: 'Listed', owners: ['TH', 'KR'] }));
    expect(await list({ owner: 'TH' })).toEqual([2, 6]);
    expect(await list({ owner: 'KR', status: 'OPEN' })).toEqual([6]);
    expect(await list({ status: 'OPEN' })).toEqual([4, 5, 6]);
    // Items of one day come in no promised order: sorted by number here.
    const added = (await workItems(api, 'workByDate', 'REC#ADDED')).map((item) => [item.number, item.dateOn]);
    expect(added.sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [1, '2024-07-25'],
      [2, '2024-07-25'],
      [3, '2024-07-25'],
      [4, '2024-07-25'],
      [5, '2024-07-25'],
      [6, today],
    ]);
  });

  it('records the meeting it was made at, which must exist', async () => {
    await putMeeting(api, 900);
    expect(dataOf(await add({ text: 'At 900', owners: ['AU'], meetingNumber: 900 })).addRecommendation.number).toBe(6);
    expect((await workItems(api, 'workByList', 'REC#MEETING#000900')).map((item) => item.number)).toEqual([6]);
  });

  const badInputs: [string, doc.AddRecommendationInput, string][] = [
    ['no owner', { text: 'x', owners: [] }, 'owners'],
    [
      '21 owners',
      {
        text: 'x',
        owners: [
          'AU',
          'BD',
          'KH',
          'ID',
          'JP',
          'LA',
          'MY',
          'MM',
          'NZ',
          'PK',
          'PH',
          'KR',
          'LK',
          'TH',
          'US',
          'VN',
          'FJ',
          'FR',
          'DE',
          'GB',
          'IN',
        ],
      },
      'owners',
    ],
    ['an owner twice', { text: 'x', owners: ['AU', 'AU'] }, 'owners'],
    ['an owner that is no member', { text: 'x', owners: ['AU', 'FR'] }, 'owners'],
    ['a JPA that does not exist', { text: 'x', owners: ['AU'], jpaNumber: 99 }, 'jpaNumber'],
    ['a JPA number out of range', { text: 'x', owners: ['AU'], jpaNumber: 0 }, 'jpaNumber'],
    ['a meeting that does not exist', { text: 'x', owners: ['AU'], meetingNumber: 901 }, 'meetingNumber'],
    ['a meeting number out of range', { text: 'x', owners: ['AU'], meetingNumber: -1 }, 'meetingNumber'],
    ['a blank text', { text: ' \n ', owners: ['AU'] }, 'text'],
    ['a text of 2,001 characters', { text: 'x'.repeat(2001), owners: ['AU'] }, 'text'],
  ];
  for (const [name, input, field] of badInputs) {
    it(`refuses ${name} with BAD_USER_INPUT on ${field}, writing nothing`, async () => {
      expect(await refusedWithoutChange(() => add(input))).toEqual({ code: 'BAD_USER_INPUT', field });
    });
  }

  it('refuses an owner that is a member but not ACTIVE', async () => {
    dataOf(
      await api.call(callers.secretariat, doc.SetMemberStatusDocument, {
        input: { country: 'LA', expectedRevision: 1, status: 'SUSPENDED', reason: 'test' },
      }),
    );
    expect(await refusedWithoutChange(() => add({ text: 'x', owners: ['AU', 'LA'] }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'owners',
    });
  });

  it('accepts a text of 2,000 characters with line breaks', async () => {
    const text = `${'x'.repeat(1000)}\n${'y'.repeat(999)}`;
    expect(dataOf(await add({ text, owners: ['AU'] })).addRecommendation.text).toBe(text);
  });

  it('is FORBIDDEN to officials that are no co-chair, observers and callers with no role, before reading the input', async () => {
    for (const caller of [th, callers.observer, callers.stranger]) {
      expect(await refusedWithoutChange(() => add({ text: ' ', owners: [] }, caller))).toEqual({
        code: 'FORBIDDEN',
        field: undefined,
      });
    }
  });
});

describe('updateRecommendation', () => {
  it('moves the status forward several steps at once, closing it today with a dated CLOSED item', async () => {
    const done = dataOf(await update({ number: 4, expectedRevision: 1, status: 'IMPLEMENTED' })).updateRecommendation;
    expect(done).toMatchObject({ status: 'IMPLEMENTED', closedOn: today, revision: 2, addedOn: '2024-07-25' });
    expect((await workItems(api, 'workByDate', 'REC#IMPLEMENTED')).map((item) => [item.number, item.dateOn])).toEqual([
      [3, '2025-11-28'],
      [4, today],
    ]);
    expect(await list({ status: 'OPEN' })).toEqual([5]);
    expect(await list({ owner: 'MY', status: 'IMPLEMENTED' })).toEqual([4]);
    expect(await list({ owner: 'MY', status: 'OPEN' })).toEqual([]);
    expect(await actions()).toEqual([['updateRecommendation', 'recommendation/4']]);
    expect((await auditEvents(api.endpoint, api.tableNames))[0]?.summary).toBe('updated status (OPEN → IMPLEMENTED)');
  });

  it('moves one step at a time, keeping closedOn empty until the status is final', async () => {
    expect(
      dataOf(await update({ number: 4, expectedRevision: 1, status: 'IN_PROGRESS' })).updateRecommendation,
    ).toMatchObject({ status: 'IN_PROGRESS', closedOn: null, revision: 2 });
    expect(await workItems(api, 'workByDate', 'REC#DROPPED')).toEqual([]);
    expect(
      dataOf(await update({ number: 4, expectedRevision: 2, status: 'DROPPED' })).updateRecommendation,
    ).toMatchObject({
      status: 'DROPPED',
      closedOn: today,
      revision: 3,
    });
    expect((await workItems(api, 'workByDate', 'REC#DROPPED')).map((item) => [item.number, item.dateOn])).toEqual([
      [4, today],
    ]);
  });

  const conflicts: [string, doc.UpdateRecommendationInput, string][] = [
    [
      'setting the current status again',
      { number: 1, expectedRevision: 3, status: 'IN_PROGRESS' },
      'recommendation 1 is already IN_PROGRESS',
    ],
    [
      'going back',
      { number: 1, expectedRevision: 3, status: 'OPEN' },
      'recommendation 1 cannot go back from IN_PROGRESS to OPEN',
    ],
    [
      'leaving IMPLEMENTED',
      { number: 3, expectedRevision: 5, status: 'IN_PROGRESS' },
      'recommendation 3 is IMPLEMENTED, which is final',
    ],
    [
      'dropping an IMPLEMENTED one',
      { number: 3, expectedRevision: 5, status: 'DROPPED' },
      'recommendation 3 is IMPLEMENTED, which is final',
    ],
    [
      'a stale expectedRevision',
      { number: 1, expectedRevision: 2, text: 'New' },
      'recommendation 1 is at revision 3, not 2',
    ],
  ];
  for (const [name, input, message] of conflicts) {
    it(`answers CONFLICT to ${name}, changing nothing`, async () => {
      const before = await tablesDigest(api);
      expect(refusal(await update(input))).toEqual([['CONFLICT'], message]);
      expect(await tablesDigest(api)).toBe(before);
    });
  }

  it('answers NOT_FOUND for a number that names no recommendation, after BAD_USER_INPUT', async () => {
    expect(await refusedWithoutChange(() => update({ number: 6, expectedRevision: 1, text: 'x' }))).toEqual({
      code: 'NOT_FOUND',
      field: undefined,
    });
    expect(await refusedWithoutChange(() => update({ number: 6, expectedRevision: 1, text: ' ' }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'text',
    });
    expect(await refusedWithoutChange(() => update({ number: 1, expectedRevision: 3 }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input',
    });
  });

  it('changes the text, owners and due day, moving the copies in the owners’ lists', async () => {
    const changed = dataOf(
      await update({
        number: 2,
        expectedRevision: 3,
        text: 'Common data fields',
        owners: ['TH', 'PH'],
        dueOn: '2027-06-30',
      }),
    ).updateRecommendation;
    expect(changed).toMatchObject({
      text: 'Common data fields',
      dueOn: '2027-06-30',
      revision: 4,
      owners: [{ country: 'TH' }, { country: 'PH' }],
    });
    expect(await list({ owner: 'AU' })).toEqual([5]);
    expect(await list({ owner: 'PH', status: 'IN_PROGRESS' })).toEqual([2]);
    const copies = (await workItems(api, 'table', 'REC#000002')).filter((item) => String(item.sk).startsWith('OWNER#'));
    expect(copies.map((item) => [item.sk, item.text, item.revision])).toEqual([
      ['OWNER#PH', 'Common data fields', 4],
      ['OWNER#TH', 'Common data fields', 4],
    ]);
    expect((await workItems(api, 'workByList', 'REC#MEETING#000001')).find((item) => item.number === 2)).toMatchObject({
      text: 'Common data fields',
      revision: 4,
    });
  });

  it('refuses owners that are not ACTIVE members with BAD_USER_INPUT', async () => {
    expect(await refusedWithoutChange(() => update({ number: 2, expectedRevision: 3, owners: ['TH', 'FR'] }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'owners',
    });
    expect(await refusedWithoutChange(() => update({ number: 2, expectedRevision: 3, owners: [] }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'owners',
    });
  });

  it('lets an official of an owner country move the status forward, relying on its own power', async () => {
    expect(
      dataOf(await update({ number: 2, expectedRevision: 3, status: 'IMPLEMENTED' }, th)).updateRecommendation,
    ).toMatchObject({ status: 'IMPLEMENTED', closedOn: today, revision: 4 });
    const [event] = await auditEvents(api.endpoint, api.tableNames);
    expect([event?.actor, event?.actorCountry]).toEqual(['th-official', 'TH']);
  });

  it('refuses an official of an owner country anything but the status, and DROPPED, with FORBIDDEN', async () => {
    const limit = 'officials of an owner country may change only the status, and not to DROPPED';
    for (const input of [
      { number: 2, expectedRevision: 3, text: 'Mine' },
      { number: 2, expectedRevision: 3, dueOn: '2030-01-01' },
      { number: 2, expectedRevision: 3, owners: ['TH'] },
      { number: 2, expectedRevision: 3, status: 'IMPLEMENTED', text: 'Mine' },
      { number: 2, expectedRevision: 3, status: 'DROPPED' },
      // FORBIDDEN before CONFLICT: the stale revision is never looked at.
      { number: 2, expectedRevision: 1, status: 'DROPPED' },
    ] satisfies doc.UpdateRecommendationInput[]) {
      const before = await tablesDigest(api);
      expect(refusal(await update(input, th))).toEqual([['FORBIDDEN'], limit]);
      expect(await tablesDigest(api)).toBe(before);
    }
    expect(refusal(await update({ number: 2, expectedRevision: 1, status: 'IMPLEMENTED' }, th))).toEqual([
      ['CONFLICT'],
      'recommendation 2 is at revision 3, not 1',
    ]);
  });

  it('refuses an official of another country with FORBIDDEN, after NOT_FOUND', async () => {
    expect(refusal(await update({ number: 4, expectedRevision: 1, status: 'IN_PROGRESS' }, th))).toEqual([
      ['FORBIDDEN'],
      'officials may change only the recommendations their country owns',
    ]);
    expect(codes(await update({ number: 6, expectedRevision: 1, status: 'IN_PROGRESS' }, th))).toEqual(['NOT_FOUND']);
    expect(codes(await update({ number: 4, expectedRevision: 1, status: 'IN_PROGRESS' }, callers.observer))).toEqual([
      'FORBIDDEN',
    ]);
  });

  it('lets a co-chair change what its country does not own, and drop it', async () => {
    expect(
      dataOf(await update({ number: 4, expectedRevision: 1, text: 'Reworded', status: 'DROPPED' }))
        .updateRecommendation,
    ).toMatchObject({ text: 'Reworded', status: 'DROPPED' });
  });
});

describe('addProgressNote', () => {
  it("adds the owner official's note, newest first, with its sub and country claim, bumping the revision", async () => {
    const before = dataOf(await note(2, 'First')).addProgressNote.progress;
    const after = dataOf(await note(2, '  Second \n line  ')).addProgressNote;
    expect(after.revision).toBe(5);
    expect(after.progress.map((found) => [found.text, found.author, found.country])).toEqual([
      ['Second \n line', 'th-official', 'TH'],
      ['First', 'th-official', 'TH'],
      ['Draft common data fields circulated to members for comment.', 'au-official', 'AU'],
    ]);
    expect(await actions()).toEqual([
      ['addProgressNote', 'recommendation/2'],
      ['addProgressNote', 'recommendation/2'],
    ]);
    // The earlier notes are as they were written: notes never change.
    expect(after.progress.slice(1)).toEqual(before);
    expect((await recommendation(2))?.progress).toEqual(after.progress);
  });

  it('takes notes from the secretariat (no country) and from co-chairs on any recommendation, final ones too', async () => {
    expect(
      dataOf(await note(4, 'From the secretariat', callers.secretariat)).addProgressNote.progress[0],
    ).toMatchObject({
      author: 'secretariat-1',
      country: null,
    });
    expect(dataOf(await note(3, 'After the end', nz)).addProgressNote).toMatchObject({
      status: 'IMPLEMENTED',
      revision: 6,
    });
  });

  it('refuses officials of other countries and observers with FORBIDDEN, after NOT_FOUND and BAD_USER_INPUT', async () => {
    expect(refusal(await note(4, 'Not mine'))).toEqual([
      ['FORBIDDEN'],
      'officials may add progress notes only to the recommendations their country owns',
    ]);
    expect(await refusedWithoutChange(() => note(6, 'Nowhere'))).toEqual({ code: 'NOT_FOUND', field: undefined });
    expect(await refusedWithoutChange(() => note(6, ' '))).toEqual({ code: 'BAD_USER_INPUT', field: 'text' });
    expect(await refusedWithoutChange(() => note(2, 'x'.repeat(2001)))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'text',
    });
    expect(await refusedWithoutChange(() => note(2, 'Watching', callers.observer))).toEqual({
      code: 'FORBIDDEN',
      field: undefined,
    });
    expect(await actions()).toEqual([]);
  });
});

describe('recommendations by global id', () => {
  it('answers recommendation/<n> through node and nodes, null where there is none', async () => {
    const nodes = await api.call<{ nodes: ({ id: string; number?: number; progress?: unknown[] } | null)[] }>(
      callers.observer,
      'query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Recommendation { number progress { text } } } }',
      { ids: ['recommendation/3', 'recommendation/6', 'recommendation/03', 'workplan/1'] },
    );
    expect(dataOf(nodes).nodes).toEqual([
      { id: 'recommendation/3', number: 3, progress: [] },
      null,
      null,
      { id: 'workplan/1' },
    ]);
    const one = await api.call<{ node: { progress: unknown[] } }>(
      th,
      '{ node(id: "recommendation/3") { ... on Recommendation { progress { text } } } }',
    );
    expect(dataOf(one).node.progress).toHaveLength(2);
  });

  it('names the entity of its audit events recommendation/<n>, which only the secretariat reads by id', async () => {
    dataOf(await note(2, 'Seen'));
    const [event] = await auditEvents(api.endpoint, api.tableNames);
    const read = async (caller: Identity) =>
      dataOf(await api.call<{ node: { id: string } | null }>(caller, `{ node(id: "${String(event?.id)}") { id } }`))
        .node;
    expect(await read(callers.secretariat)).toEqual({ id: event?.id });
    expect(await read(th)).toBeNull();
    expect(event).toMatchObject({ entity: 'recommendation/2', action: 'addProgressNote' });
  });

  it('lets the audit trail be read by entity', async () => {
    dataOf(await update({ number: 5, expectedRevision: 1, status: 'IN_PROGRESS' }));
    const trail = dataOf(await api.call(callers.secretariat, doc.AuditEventsDocument, { entity: 'recommendation/5' }));
    expect(trail.auditEvents.edges.map((edge) => [edge.node.action, edge.node.sequence])).toEqual([
      ['updateRecommendation', 2],
      ['addRecommendation', 1],
    ]);
  });
});
