import { beforeAll, describe, expect, it } from 'vitest';
import { callers, codes, createTestApi, type GraphqlResponse, type Identity, type TestApi } from '../support/api.ts';
import * as doc from '../support/documents.ts';

/**
 * API.md's "Who may do what", one row per line of its table, one cell per role, each cell run
 * through the Lambda handler against the sample data. A change of policy shows as a changed row.
 *
 *   yes      the call succeeds                      no    FORBIDDEN (or, for reads, nothing shown)
 *   own      succeeds on the caller's own country (or an operation it leads / takes part in),
 *            refused on another                     null  the field answers null
 *
 * Callers: the secretariat; a co-chair official (NZ); an official (TH); an observer (group).
 */
type Cell = 'yes' | 'no' | 'own' | 'null';
type Column = 'secretariat' | 'coChair' | 'official' | 'observer';
type Outcome = 'allowed' | 'refused';

const columns: Column[] = ['secretariat', 'coChair', 'official', 'observer'];
const ids = doc.sampleOperationIds;

/** Runs the action as `caller` on its own target (`mine`) or someone else's, and says how it went. */
type Action = (api: TestApi, caller: Identity, mine: boolean) => Promise<Outcome | 'null'>;

const allowedUnless = (response: GraphqlResponse): Outcome => {
  if (!response.errors) return 'allowed';
  expect(codes(response)).toEqual([expect.stringMatching(/^(FORBIDDEN|NOT_FOUND)$/)]);
  return 'refused';
};
const mutation = (query: string, input: (caller: Identity, mine: boolean) => Record<string, unknown>): Action =>
  async (api, caller, mine) => allowedUnless(await api.call(caller, query, { input: input(caller, mine) }));
/**
 * A call on a target that is not the caller's, where the input cannot even name one: refused as
 * BAD_USER_INPUT with no data, and nothing written (no audit event, which every change has).
 */
const refusedAsBadInput = async (api: TestApi, response: GraphqlResponse): Promise<Outcome> => {
  if (!response.errors) return 'allowed';
  expect(codes(response)).toEqual(['BAD_USER_INPUT']);
  expect(response.data ?? null).toBeNull();
  const events = (await api.call<{ auditEvents: { edges: { node: { action: string } }[] } }>(callers.secretariat, doc.auditEventsQuery)).data!.auditEvents.edges;
  expect(events.map((edge) => edge.node.action).filter((action) => action !== 'createJpa')).toEqual([]);
  return 'refused';
};
const found = (value: unknown): Outcome => (value === null || value === undefined ? 'refused' : 'allowed');
/** The operation a caller's own country takes part in (or leads), and one it has nothing to do with. */
const operationFor = (caller: Identity, mine: boolean) =>
  caller.country === 'NZ' ? (mine ? ids.openHarbour : ids.mekongLight) : mine ? ids.mekongLight : ids.coralTide;

const table: [row: string, cells: Record<Column, Cell>, action: Action][] = [
  ['read group, members, co-chairs, JPAs, JPA outcome totals, adopted ToR', { secretariat: 'yes', coChair: 'yes', official: 'yes', observer: 'yes' },
    async (api, caller) => allowedUnless(await api.call(caller, '{ workingGroup { name coChairs { startsOn } termsOfReference { version } } members { country } jpas { outcomes { operations } } }'))],
  ['read Member.focalPoint', { secretariat: 'yes', coChair: 'yes', official: 'yes', observer: 'null' },
    async (api, caller) => {
      const member = (await api.call(caller, doc.memberQuery, { country: 'VN' })).data?.member as { focalPoint: unknown };
      return member.focalPoint === null ? 'null' : 'allowed';
    }],
  ['read ToR drafts', { secretariat: 'yes', coChair: 'yes', official: 'yes', observer: 'no' },
    async (api, caller) => {
      await api.call(callers.secretariat, doc.draftTermsMutation, { input: { title: 'Draft', text: 'Text' } });
      return found((await api.call(caller, doc.termsQuery, { version: 3 })).data?.termsOfReference);
    }],
  ['read operations with handling MEMBERS', { secretariat: 'yes', coChair: 'yes', official: 'yes', observer: 'no' },
    async (api, caller) => found((await api.call(caller, doc.operationQuery, { id: ids.openHarbour })).data?.operation)],
  ['read operations with handling PARTICIPANTS', { secretariat: 'no', coChair: 'own', official: 'own', observer: 'no' },
    async (api, caller, mine) => {
      const id = caller.country === 'NZ' ? (mine ? ids.coralTide : ids.mekongLight) : mine ? ids.mekongLight : ids.coralTide;
      return found((await api.call(caller, doc.operationQuery, { id })).data?.operation);
    }],
  ['auditEvents', { secretariat: 'yes', coChair: 'no', official: 'no', observer: 'no' },
    async (api, caller) => allowedUnless(await api.call(caller, doc.auditEventsQuery))],
  ['addMember', { secretariat: 'yes', coChair: 'no', official: 'no', observer: 'no' },
    mutation(doc.addMemberMutation, () => doc.validInputs.addMember)],
  ['setMemberStatus', { secretariat: 'yes', coChair: 'no', official: 'no', observer: 'no' },
    mutation(doc.setMemberStatusMutation, () => doc.validInputs.setMemberStatus)],
  ['rotateCoChairs', { secretariat: 'yes', coChair: 'no', official: 'no', observer: 'no' },
    mutation(doc.rotateCoChairsMutation, () => doc.validInputs.rotateCoChairs)],
  ['updateMember', { secretariat: 'yes', coChair: 'own', official: 'own', observer: 'no' },
    mutation(doc.updateMemberMutation, (caller, mine) => doc.validInputs.updateMember(mine ? (caller.country ?? 'TH') : 'PH'))],
  ['createJpa', { secretariat: 'yes', coChair: 'yes', official: 'no', observer: 'no' },
    mutation(doc.createJpaMutation, () => ({ number: 9, title: 'JPA 9', startsOn: '2027-08-01', endsOn: '2028-07-31' }))],
  ['updateJpa', { secretariat: 'yes', coChair: 'yes', official: 'no', observer: 'no' },
    mutation(doc.updateJpaMutation, () => ({ number: 8, expectedRevision: 2, title: 'JPA eight' }))],
  ['concludeJpa', { secretariat: 'yes', coChair: 'yes', official: 'no', observer: 'no' },
    mutation(doc.concludeJpaMutation, () => ({ number: 8, expectedRevision: 2 }))],
  ['joinJpa', { secretariat: 'no', coChair: 'own', official: 'own', observer: 'no' },
    async (api, caller, mine) => {
      // "own": a country joins itself; there is no way to name another, so "not mine" is never allowed.
      await api.call(callers.secretariat, doc.createJpaMutation, { input: { number: 9, title: 'JPA 9', startsOn: '2027-08-01', endsOn: '2028-07-31' } });
      if (mine) return allowedUnless(await api.call(caller, doc.joinJpaMutation, { input: { number: 9 } }));
      // Not mine: try to name another country (PH); the input has no place for it, and nothing joins.
      const response = await api.call(caller, doc.joinJpaMutation, { input: { number: 9, country: 'PH' } });
      return refusedAsBadInput(api, response);
    }],
  ['createOperation', { secretariat: 'no', coChair: 'own', official: 'own', observer: 'no' },
    async (api, caller, mine) => {
      const input = { jpaNumber: 8, codeName: 'Own', crimeTypes: ['PEOPLE_SMUGGLING'], startsOn: '2027-01-01' };
      if (mine) return allowedUnless(await api.call(caller, doc.createOperationMutation, { input }));
      // Not mine: an operation another country (AU, in JPA 8) would lead; the caller's country always leads.
      return refusedAsBadInput(api, await api.call(caller, doc.createOperationMutation, { input: { ...input, lead: 'AU' } }));
    }],
  ['updateOperation', { secretariat: 'no', coChair: 'own', official: 'own', observer: 'no' },
    mutation(doc.updateOperationMutation, (caller, mine) => ({ id: operationFor(caller, mine), expectedRevision: 1, summary: 'x' }))],
  ['recordOutcomes', { secretariat: 'no', coChair: 'own', official: 'own', observer: 'no' },
    mutation(doc.recordOutcomesMutation, (caller, mine) => ({
      id: operationFor(caller, mine),
      expectedRevision: 1,
      outcomes: { arrests: 1, prosecutions: 1, victimsIdentified: 1, networksDisrupted: 1 },
    }))],
  ['draftTermsOfReference', { secretariat: 'yes', coChair: 'yes', official: 'no', observer: 'no' },
    mutation(doc.draftTermsMutation, () => ({ title: 'Draft', text: 'Text' }))],
  ['updateTermsOfReferenceDraft', { secretariat: 'yes', coChair: 'yes', official: 'no', observer: 'no' },
    async (api, caller) => {
      await api.call(callers.secretariat, doc.draftTermsMutation, { input: { title: 'Draft', text: 'Text' } });
      return allowedUnless(await api.call(caller, doc.updateDraftMutation, { input: { version: 3, expectedRevision: 1, text: 'Changed' } }));
    }],
  ['adoptTermsOfReference', { secretariat: 'yes', coChair: 'yes', official: 'no', observer: 'no' },
    async (api, caller) => {
      await api.call(callers.secretariat, doc.draftTermsMutation, { input: { title: 'Draft', text: 'Text' } });
      return allowedUnless(await api.call(caller, doc.adoptTermsMutation, { input: { version: 3, expectedRevision: 1, adoptedOn: '2026-11-28' } }));
    }],
];

/** The four columns of the table; NZ leads Open Harbour and takes part in Coral Tide, TH leads Mekong Light. */
const who: Record<Column, Identity> = {
  secretariat: callers.secretariat,
  coChair: callers.coChair,
  official: callers.official,
  observer: callers.observer,
};

describe("API.md's permission table", () => {
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
          const api = row.startsWith('read') ? shared : await createTestApi();
          const mine = await action(api, who[column], true);
          if (cell === 'null') return expect(mine).toBe('null');
          expect(mine).toBe(cell === 'no' ? 'refused' : 'allowed');
          if (cell === 'own') {
            const other = await action(row.startsWith('read') ? api : await createTestApi(), who[column], false);
            expect(other).toBe('refused');
          }
        });
      }
    });
  }
});
