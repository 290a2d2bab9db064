import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { beforeAll, describe, expect, it } from 'vitest';
import * as doc from '../../schema/generated/documents.ts';
import { callers, codes, createTestApi, type GraphqlResponse, type Identity, type TestApi } from '../support/api.ts';
import { auditEvents } from '../support/tables.ts';

/**
 * docs/api.md's "Who may do what", the rows of recommendations and the work plan, one cell per
 * role, each cell run through the Lambda handler against the sample data, in the style of
 * permission-table.test.ts:
 *
 *   yes   the call succeeds, on a target of the caller's country and on another's
 *   own   succeeds on a target its country owns, refused (FORBIDDEN) on another
 *   no    refused (FORBIDDEN), or for a read nothing shown
 *
 * A refused change writes nothing (no audit event, which every change has); an allowed one one.
 * Callers: the secretariat; a co-chair official (NZ); an official (TH); an observer (group); and
 * a stranger, an official of a country that is no member. Targets: TH owns recommendation 2
 * (IN_PROGRESS) and work-plan item 2 (UNDERWAY), NZ recommendation 1 (IN_PROGRESS) and item 1
 * (UNDERWAY); neither owns recommendation 4 (OPEN) or item 4 (PLANNED).
 */
type Cell = 'yes' | 'no' | 'own';
type Column = 'secretariat' | 'coChair' | 'official' | 'observer' | 'stranger';
type Outcome = 'allowed' | 'refused';

const columns: Column[] = ['secretariat', 'coChair', 'official', 'observer', 'stranger'];
const who: Record<Column, Identity> = {
  secretariat: callers.secretariat,
  coChair: callers.coChair,
  official: callers.official,
  observer: callers.observer,
  stranger: callers.stranger,
};

/** Runs the action as `caller` on a target its country owns (`mine`) or on another, and says how it went. */
type Action = (api: TestApi, caller: Identity, mine: boolean) => Promise<Outcome>;

const allowedUnless = (response: GraphqlResponse<unknown>): Outcome => {
  if (!response.errors) return 'allowed';
  expect(codes(response)).toEqual(['FORBIDDEN']);
  return 'refused';
};
const changes = async (api: TestApi, send: () => Promise<GraphqlResponse<unknown>>): Promise<Outcome> => {
  const before = (await auditEvents(api.endpoint, api.tableNames)).length;
  const outcome = allowedUnless(await send());
  expect((await auditEvents(api.endpoint, api.tableNames)).length).toBe(before + (outcome === 'allowed' ? 1 : 0));
  return outcome;
};
const mutation =
  <R, I>(document: TypedDocumentNode<R, { input: I }>, input: (caller: Identity, mine: boolean) => I): Action =>
  (api, caller, mine) =>
    changes(api, () => api.call(caller, document, { input: input(caller, mine) }));

/** The recommendation (and work-plan item) of the caller's country: NZ's 1, TH's 2 for everyone else; 4 is nobody's here. */
const target = (caller: Identity, mine: boolean) => (!mine ? 4 : caller.country === 'NZ' ? 1 : 2);
/** The revision of each target in the sample data, and a status forward of its own. */
const recommendationAt = { 1: 3, 2: 3, 4: 1 } as const;
const workPlanAt = { 1: 2, 2: 2, 4: 1 } as const;

const table: [row: string, cells: Record<Column, Cell>, action: Action][] = [
  [
    'recommendations and work plan: read',
    { secretariat: 'yes', coChair: 'yes', official: 'yes', observer: 'yes', stranger: 'no' },
    async (api, caller) => {
      const reads = await Promise.all([
        api.call(caller, doc.RecommendationsDocument),
        api.call(caller, doc.RecommendationDocument, { number: 2 }),
        api.call(caller, doc.WorkPlanDocument),
      ]);
      const outcomes = reads.map(allowedUnless);
      expect(new Set(outcomes).size).toBe(1);
      if (outcomes[0] === 'allowed') expect(reads[0]?.data?.recommendations).toHaveLength(5);
      return outcomes[0]!;
    },
  ],
  [
    'recommendations: read progress notes',
    { secretariat: 'yes', coChair: 'yes', official: 'yes', observer: 'no', stranger: 'no' },
    async (api, caller) => {
      const response = await api.call(caller, doc.RecommendationDocument, { number: 2 });
      if (allowedUnless(response) === 'refused') return 'refused';
      // Nothing shown: an empty list, where the others read the sample note.
      return response.data?.recommendation?.progress.length ? 'allowed' : 'refused';
    },
  ],
  [
    'addRecommendation',
    { secretariat: 'yes', coChair: 'yes', official: 'no', observer: 'no', stranger: 'no' },
    mutation(doc.AddRecommendationDocument, () => ({ text: 'A recommendation', owners: ['TH'] })),
  ],
  [
    'createWorkPlanItem',
    { secretariat: 'yes', coChair: 'yes', official: 'no', observer: 'no', stranger: 'no' },
    mutation(doc.CreateWorkPlanItemDocument, () => ({ title: 'An item', owners: ['TH'], dueOn: '2027-01-01' })),
  ],
  [
    'updateRecommendation',
    { secretariat: 'yes', coChair: 'yes', official: 'own', observer: 'no', stranger: 'no' },
    // The status alone, forward: what an owner official may change.
    mutation(doc.UpdateRecommendationDocument, (caller, mine) => {
      const number = target(caller, mine);
      return { number, expectedRevision: recommendationAt[number], status: 'IMPLEMENTED' as const };
    }),
  ],
  [
    'updateWorkPlanItem',
    { secretariat: 'yes', coChair: 'yes', official: 'own', observer: 'no', stranger: 'no' },
    mutation(doc.UpdateWorkPlanItemDocument, (caller, mine) => {
      const number = target(caller, mine);
      return { number, expectedRevision: workPlanAt[number], status: 'DONE' as const };
    }),
  ],
  [
    'addProgressNote',
    { secretariat: 'yes', coChair: 'yes', official: 'own', observer: 'no', stranger: 'no' },
    mutation(doc.AddProgressNoteDocument, (caller, mine) => ({
      recommendationNumber: target(caller, mine),
      text: 'Progress',
    })),
  ],
];

describe("docs/api.md's permission table: recommendations and the work plan", () => {
  let shared: TestApi;
  beforeAll(async () => {
    shared = await createTestApi();
  });

  for (const [row, cells, action] of table) {
    describe(row, () => {
      for (const column of columns) {
        const cell = cells[column];
        it(`${column}: ${cell}`, async () => {
          // Reads share one API; every change gets fresh tables so cells cannot disturb each other.
          const fresh = async () => (row.includes('read') ? shared : await createTestApi());
          const mine = await action(await fresh(), who[column], true);
          expect(mine).toBe(cell === 'no' ? 'refused' : 'allowed');
          if (row.includes('read') || cell === 'no') return;
          // Another country's target: allowed for `yes`, refused for `own`.
          expect(await action(await fresh(), who[column], false)).toBe(cell === 'yes' ? 'allowed' : 'refused');
        });
      }
    });
  }
});
