import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as doc from '../../schema/generated/documents.ts';
import {
  callers,
  codes,
  createTestApi,
  dataOf,
  type GraphqlResponse,
  type Identity,
  type TestApi,
} from '../support/api.ts';
import { auditEvents, brokenChains } from '../support/tables.ts';
import { barrierClient, type WriteBarrier } from '../support/write-barrier.ts';

/**
 * Parallel writers of recommendations and work-plan items, each race through the write barrier
 * (test/support/write-barrier.ts): every competitor has read before any writes, so only the
 * conditions in the writes decide. Numbers given under the counter, revisions, progress notes
 * that name none, and the caller's power (a suspension, a rotation, an owner removed) against
 * the write that relies on it. Sample data: TH owns recommendation 2 and work-plan item 2; NZ is
 * a co-chair and owns neither recommendation 4 nor item 4.
 */
let api: TestApi;
let barrier: WriteBarrier;
beforeEach(async () => {
  api = await createTestApi((_, endpoint) => {
    const held = barrierClient(endpoint);
    barrier = held.barrier;
    return { client: held.client };
  });
});

// Whoever won, every race leaves each entity's audit chain one unbroken line: no fork, no gap.
afterEach(async () => {
  expect(await brokenChains(api.endpoint, api.tableNames)).toEqual([]);
});

const th: Identity = callers.official;
const nz: Identity = callers.coChair;
const writers = 5;

const race = <T>(competitors: (() => Promise<GraphqlResponse<T>>)[], release?: 'together' | 'in turn') =>
  barrier.race(competitors, release);
const outcome = <T>(responses: GraphqlResponse<T>[]) => ({
  winners: responses.flatMap((response, index) => (response.errors ? [] : [index])),
  losers: responses.filter((response) => response.errors).flatMap(codes),
});
const messages = (response: GraphqlResponse<unknown>) => response.errors?.map((error) => error.message) ?? [];
const events = async (entity: string) =>
  (await auditEvents(api.endpoint, api.tableNames)).filter((event) => event.entity === entity);
const recommendation = async (number: number) =>
  dataOf(await api.call(callers.secretariat, doc.RecommendationDocument, { number })).recommendation;
const workPlanItem = async (number: number) =>
  dataOf(await api.call(callers.secretariat, doc.WorkPlanDocument)).workPlan.find((item) => item.number === number);
const suspend = (country: string) => () =>
  api.call(callers.secretariat, doc.SetMemberStatusDocument, {
    input: { country, expectedRevision: 1, status: 'SUSPENDED', reason: 'race' },
  });

describe('numbers given under the counter', () => {
  it('gives parallel addRecommendation calls distinct consecutive numbers, all of them written', async () => {
    const responses = await race(
      Array.from(
        { length: writers },
        (_, writer) => () =>
          api.call(nz, doc.AddRecommendationDocument, { input: { text: `By ${writer}`, owners: ['AU'] } }),
      ),
    );
    expect(outcome(responses).losers).toEqual([]);
    const numbers = responses.map((response) => dataOf(response).addRecommendation.number);
    expect([...numbers].sort((a, b) => a - b)).toEqual([6, 7, 8, 9, 10]);
    for (const [writer, number] of numbers.entries()) {
      expect((await recommendation(number))?.text).toBe(`By ${writer}`);
      expect((await events(`recommendation/${number}`)).map((event) => event.action)).toEqual(['addRecommendation']);
    }
  });

  it('gives parallel createWorkPlanItem calls distinct consecutive numbers, all of them written', async () => {
    const responses = await race(
      Array.from(
        { length: writers },
        (_, writer) => () =>
          api.call(nz, doc.CreateWorkPlanItemDocument, {
            input: { title: `By ${writer}`, owners: ['AU'], dueOn: '2027-01-01', recommendationNumbers: [1] },
          }),
      ),
    );
    expect(outcome(responses).losers).toEqual([]);
    const numbers = responses.map((response) => dataOf(response).createWorkPlanItem.number);
    expect([...numbers].sort((a, b) => a - b)).toEqual([5, 6, 7, 8, 9]);
    for (const [writer, number] of numbers.entries()) expect((await workPlanItem(number))?.title).toBe(`By ${writer}`);
  });
});

describe('parallel writers with the same expectedRevision', () => {
  it('updateRecommendation: exactly one wins, the others CONFLICT, and only it is recorded', async () => {
    const responses = await race(
      Array.from(
        { length: writers },
        (_, writer) => () =>
          api.call(nz, doc.UpdateRecommendationDocument, {
            input: { number: 4, expectedRevision: 1, text: `By ${writer}` },
          }),
      ),
    );
    const { winners, losers } = outcome(responses);
    expect([winners.length, losers]).toEqual([1, Array(writers - 1).fill('CONFLICT')]);
    expect(await recommendation(4)).toMatchObject({ text: `By ${winners[0]}`, revision: 2 });
    expect(await events('recommendation/4')).toHaveLength(1);
  });

  it('updateWorkPlanItem: exactly one wins, the others CONFLICT, and only it is recorded', async () => {
    const responses = await race(
      Array.from(
        { length: writers },
        (_, writer) => () =>
          api.call(nz, doc.UpdateWorkPlanItemDocument, {
            input: { number: 4, expectedRevision: 1, title: `By ${writer}` },
          }),
      ),
    );
    const { winners, losers } = outcome(responses);
    expect([winners.length, losers]).toEqual([1, Array(writers - 1).fill('CONFLICT')]);
    expect(await workPlanItem(4)).toMatchObject({ title: `By ${winners[0]}`, revision: 2 });
    expect(await events('workplan/4')).toHaveLength(1);
  });

  it('an owner official and a co-chair changing the status at once: one wins, never both', async () => {
    const responses = await race([
      () =>
        api.call(th, doc.UpdateRecommendationDocument, {
          input: { number: 2, expectedRevision: 3, status: 'IMPLEMENTED' },
        }),
      () =>
        api.call(nz, doc.UpdateRecommendationDocument, {
          input: { number: 2, expectedRevision: 3, status: 'DROPPED' },
        }),
    ]);
    const { winners, losers } = outcome(responses);
    expect([winners.length, losers]).toEqual([1, ['CONFLICT']]);
    expect((await recommendation(2))?.status).toBe(winners[0] === 0 ? 'IMPLEMENTED' : 'DROPPED');
  });
});

describe('an owner official losing a race it still has the power for', () => {
  it('hears CONFLICT, not FORBIDDEN, when a change that leaves its country an owner commits first', async () => {
    const [changed, written] = await race<unknown>(
      [
        () =>
          api.call(nz, doc.UpdateRecommendationDocument, {
            input: { number: 2, expectedRevision: 3, text: 'Reworded' },
          }),
        () =>
          api.call(th, doc.UpdateRecommendationDocument, {
            input: { number: 2, expectedRevision: 3, status: 'IMPLEMENTED' },
          }),
      ],
      'in turn',
    );
    expect([codes(changed!), codes(written!)]).toEqual([[], ['CONFLICT']]);
    expect(await recommendation(2)).toMatchObject({ text: 'Reworded', status: 'IN_PROGRESS', revision: 4 });
  });

  it('hears CONFLICT on a work-plan item likewise', async () => {
    const [, written] = await race<unknown>(
      [
        () =>
          api.call(nz, doc.UpdateWorkPlanItemDocument, {
            input: { number: 2, expectedRevision: 2, title: 'Retitled' },
          }),
        () =>
          api.call(th, doc.UpdateWorkPlanItemDocument, { input: { number: 2, expectedRevision: 2, status: 'DONE' } }),
      ],
      'in turn',
    );
    expect(codes(written!)).toEqual(['CONFLICT']);
  });
});

describe('progress notes, which name no revision', () => {
  it('lets parallel notes all land, each bumping the revision once', async () => {
    const responses = await race(
      Array.from(
        { length: 3 },
        (_, writer) => () =>
          api.call(th, doc.AddProgressNoteDocument, { input: { recommendationNumber: 2, text: `Note ${writer}` } }),
      ),
    );
    expect(outcome(responses).losers).toEqual([]);
    const stored = await recommendation(2);
    expect(stored?.revision).toBe(3 + 3);
    expect(
      stored?.progress
        .map((found) => found.text)
        .slice(0, 3)
        .sort(),
    ).toEqual(['Note 0', 'Note 1', 'Note 2']);
    expect(await events('recommendation/2')).toHaveLength(3);
  });
});

/** A write whose power a change takes away before it commits ('in turn': the change first). */
const lostPowers: Record<
  string,
  { change: () => Promise<GraphqlResponse<unknown>>; write: () => Promise<GraphqlResponse<unknown>>; refusal: string }
> = {
  "an owner official's status change after its country's suspension": {
    change: suspend('TH'),
    write: () =>
      api.call(th, doc.UpdateRecommendationDocument, {
        input: { number: 2, expectedRevision: 3, status: 'IMPLEMENTED' },
      }),
    refusal: 'your role may not update recommendation',
  },
  "an owner official's work-plan status change after its country's suspension": {
    change: suspend('TH'),
    write: () =>
      api.call(th, doc.UpdateWorkPlanItemDocument, { input: { number: 2, expectedRevision: 2, status: 'DONE' } }),
    refusal: 'your role may not update work plan item',
  },
  "an owner official's progress note after its country's suspension": {
    change: suspend('TH'),
    write: () => api.call(th, doc.AddProgressNoteDocument, { input: { recommendationNumber: 2, text: 'Mine' } }),
    refusal: 'your role may not add progress note',
  },
  "an owner official's status change after its country stopped owning the recommendation": {
    change: () =>
      api.call(nz, doc.UpdateRecommendationDocument, { input: { number: 2, expectedRevision: 3, owners: ['AU'] } }),
    write: () =>
      api.call(th, doc.UpdateRecommendationDocument, {
        input: { number: 2, expectedRevision: 3, status: 'IMPLEMENTED' },
      }),
    refusal: 'officials may change only the recommendations their country owns',
  },
  "an owner official's progress note after its country stopped owning the recommendation": {
    change: () =>
      api.call(nz, doc.UpdateRecommendationDocument, { input: { number: 2, expectedRevision: 3, owners: ['AU'] } }),
    write: () => api.call(th, doc.AddProgressNoteDocument, { input: { recommendationNumber: 2, text: 'Mine' } }),
    refusal: 'officials may add progress notes only to the recommendations their country owns',
  },
  "an owner official's work-plan status change after its country stopped owning the item": {
    change: () =>
      api.call(nz, doc.UpdateWorkPlanItemDocument, { input: { number: 2, expectedRevision: 2, owners: ['AU'] } }),
    write: () =>
      api.call(th, doc.UpdateWorkPlanItemDocument, { input: { number: 2, expectedRevision: 2, status: 'DONE' } }),
    refusal: 'officials may change only the work-plan items their country owns',
  },
  "a co-chair's change of a recommendation its country does not own, after a rotation ends its term": {
    change: () =>
      api.call(callers.secretariat, doc.RotateCoChairsDocument, {
        input: { outgoing: ['NZ'], incoming: ['AU'], effectiveOn: '2026-07-01' },
      }),
    write: () =>
      api.call(nz, doc.UpdateRecommendationDocument, { input: { number: 4, expectedRevision: 1, status: 'DROPPED' } }),
    refusal: 'your role may not update recommendation',
  },
  "a co-chair's new recommendation after a rotation ends its term": {
    change: () =>
      api.call(callers.secretariat, doc.RotateCoChairsDocument, {
        input: { outgoing: ['NZ'], incoming: ['AU'], effectiveOn: '2026-07-01' },
      }),
    write: () => api.call(nz, doc.AddRecommendationDocument, { input: { text: 'Mine', owners: ['TH'] } }),
    refusal: 'your role may not add recommendation',
  },
};

describe('a power lost after the checks, before the write commits', () => {
  for (const [name, lost] of Object.entries(lostPowers)) {
    it(`refuses ${name} with FORBIDDEN, writing nothing`, async () => {
      const [changed, written] = await race<unknown>([lost.change, lost.write], 'in turn');
      expect(codes(changed!)).toEqual([]);
      expect([codes(written!), messages(written!)]).toEqual([['FORBIDDEN'], [lost.refusal]]);
      // Only the change and its event: the write left nothing.
      const actions = (await auditEvents(api.endpoint, api.tableNames)).map((event) => event.action);
      expect(actions).toHaveLength(1);
    });
  }
});

describe('an owner suspended while a write names it', () => {
  it('refuses the new recommendation with BAD_USER_INPUT once the suspension has committed, writing nothing of it', async () => {
    const [suspended, added] = await race<unknown>(
      [
        suspend('LA'),
        () => api.call(nz, doc.AddRecommendationDocument, { input: { text: 'x', owners: ['AU', 'LA'] } }),
      ],
      'in turn',
    );
    expect(codes(suspended!)).toEqual([]);
    expect(codes(added!)).toEqual(['BAD_USER_INPUT']);
    expect(added!.errors?.[0]?.extensions.field).toBe('owners');
    expect((await auditEvents(api.endpoint, api.tableNames)).map((event) => event.action)).toEqual(['setMemberStatus']);
    expect(await recommendation(6)).toBeNull();
  });

  it('refuses the new work-plan item likewise', async () => {
    const [, created] = await race<unknown>(
      [
        suspend('LA'),
        () =>
          api.call(nz, doc.CreateWorkPlanItemDocument, { input: { title: 'x', owners: ['LA'], dueOn: '2027-01-01' } }),
      ],
      'in turn',
    );
    expect([codes(created!), created!.errors?.[0]?.extensions.field]).toEqual([['BAD_USER_INPUT'], 'owners']);
    expect(await workPlanItem(5)).toBeUndefined();
  });

  it('refuses new owners of a recommendation with CONFLICT once the suspension has committed', async () => {
    const [, updated] = await race<unknown>(
      [
        suspend('LA'),
        () =>
          api.call(nz, doc.UpdateRecommendationDocument, { input: { number: 4, expectedRevision: 1, owners: ['LA'] } }),
      ],
      'in turn',
    );
    expect(codes(updated!)).toEqual(['CONFLICT']);
    expect((await recommendation(4))?.owners.map((owner) => owner.country)).toEqual(['PH', 'MY']);
  });
});
