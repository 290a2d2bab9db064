import { beforeEach, describe, expect, it } from 'vitest';
import { callers, codes, createTestApi, type Identity, type TestApi } from '../support/api.ts';
import * as doc from '../support/documents.ts';
import { auditEvents } from '../support/tables.ts';

/**
 * Every mutation that takes an expectedRevision, raced by parallel writers holding the same
 * revision with different changes: exactly one wins, the others answer CONFLICT, and the stored
 * state and the audit trail are the winner's.
 */
let api: TestApi;
beforeEach(async () => {
  api = await createTestApi();
});

const au: Identity = { sub: 'au-official', country: 'AU' };
const writers = 5;

type Race = {
  entity: string;
  caller: Identity;
  mutation: string;
  input: (writer: number) => Record<string, unknown>;
  /** Reads the stored state and names the writer it came from. */
  stored: () => Promise<number>;
  before?: () => Promise<void>;
};

const races: Record<string, Race> = {
  updateMember: {
    entity: 'member/TH',
    caller: callers.secretariat,
    mutation: doc.updateMemberMutation,
    input: (writer) => ({ country: 'TH', expectedRevision: 1, name: `Thailand ${writer}` }),
    stored: async () => Number(/\d+$/.exec(((await api.call(callers.secretariat, doc.memberQuery, { country: 'TH' })).data?.member as { name: string }).name)?.[0]),
  },
  setMemberStatus: {
    entity: 'member/LA',
    caller: callers.secretariat,
    mutation: doc.setMemberStatusMutation,
    input: (writer) => ({ country: 'LA', expectedRevision: 1, status: writer % 2 ? 'SUSPENDED' : 'WITHDRAWN', reason: `writer ${writer}` }),
    // The member itself must hold the winner's status at the next revision; the reason, which
    // only the audit trail keeps, tells apart writers who asked for the same status.
    stored: async () => {
      const member = (await api.call(callers.secretariat, doc.memberQuery, { country: 'LA' })).data?.member as { status: string; revision: number };
      const event = (await auditEvents(api.endpoint, api.tableNames)).find((candidate) => candidate.entity === 'member/LA');
      const writer = Number(/writer (\d+)/.exec(String(event?.summary))?.[1]);
      expect(member).toMatchObject({ status: writer % 2 ? 'SUSPENDED' : 'WITHDRAWN', revision: 2 });
      return writer;
    },
  },
  updateJpa: {
    entity: 'jpa/8',
    caller: callers.secretariat,
    mutation: doc.updateJpaMutation,
    input: (writer) => ({ number: 8, expectedRevision: 2, title: `JPA 8 by ${writer}` }),
    stored: async () => Number(/\d+$/.exec(((await api.call(callers.secretariat, doc.jpaQuery, { number: 8 })).data?.jpa as { title: string }).title)?.[0]),
  },
  concludeJpa: {
    entity: 'jpa/8',
    caller: callers.secretariat,
    mutation: doc.concludeJpaMutation,
    input: (writer) => ({ number: 8, expectedRevision: 2, conference: { city: `City ${writer}`, country: 'NZ', startsOn: '2027-07-01', endsOn: '2027-07-02' } }),
    stored: async () =>
      Number(/\d+$/.exec(((await api.call(callers.secretariat, doc.jpaQuery, { number: 8 })).data?.jpa as { conference: { city: string } }).conference.city)?.[0]),
  },
  updateOperation: {
    entity: `operation/${doc.sampleOperationIds.coralTide}`,
    caller: au,
    mutation: doc.updateOperationMutation,
    input: (writer) => ({ id: doc.sampleOperationIds.coralTide, expectedRevision: 1, summary: `summary ${writer}` }),
    stored: async () => Number(/\d+$/.exec(((await api.call(au, doc.operationQuery, { id: doc.sampleOperationIds.coralTide })).data?.operation as { summary: string }).summary)?.[0]),
  },
  recordOutcomes: {
    entity: `operation/${doc.sampleOperationIds.coralTide}`,
    caller: au,
    mutation: doc.recordOutcomesMutation,
    input: (writer) => ({ id: doc.sampleOperationIds.coralTide, expectedRevision: 1, outcomes: { arrests: 100 + writer, prosecutions: 0, victimsIdentified: 0, networksDisrupted: 0 } }),
    stored: async () =>
      ((await api.call(au, doc.operationQuery, { id: doc.sampleOperationIds.coralTide })).data?.operation as { outcomes: { arrests: number } }).outcomes.arrests - 100,
  },
  updateTermsOfReferenceDraft: {
    entity: 'tor/3',
    caller: callers.secretariat,
    before: async () => void (await api.call(callers.secretariat, doc.draftTermsMutation, { input: { title: 'Draft', text: 'Text' } })),
    mutation: doc.updateDraftMutation,
    input: (writer) => ({ version: 3, expectedRevision: 1, text: `text ${writer}` }),
    stored: async () => Number(/\d+$/.exec(((await api.call(callers.secretariat, doc.termsQuery, { version: 3 })).data?.termsOfReference as { text: string }).text)?.[0]),
  },
  adoptTermsOfReference: {
    entity: 'tor/3',
    caller: callers.secretariat,
    before: async () => void (await api.call(callers.secretariat, doc.draftTermsMutation, { input: { title: 'Draft', text: 'Text' } })),
    mutation: doc.adoptTermsMutation,
    input: (writer) => ({ version: 3, expectedRevision: 1, adoptedOn: `2026-12-1${writer}` }),
    stored: async () => Number(((await api.call(callers.secretariat, doc.termsQuery, { version: 3 })).data?.termsOfReference as { adoptedOn: string }).adoptedOn.slice(-1)),
  },
};

describe('parallel writers with the same expectedRevision', () => {
  for (const [name, race] of Object.entries(races)) {
    it(`${name}: exactly one wins, the others CONFLICT, state and audit trail are the winner's`, async () => {
      await race.before?.();
      const eventsBefore = (await auditEvents(api.endpoint, api.tableNames)).length;
      const responses = await Promise.all(
        Array.from({ length: writers }, (_, writer) => api.call(race.caller, race.mutation, { input: race.input(writer) })),
      );
      const winners = responses.flatMap((response, writer) => (response.errors ? [] : [writer]));
      expect(winners).toHaveLength(1);
      expect(responses.flatMap(codes)).toEqual(Array(writers - 1).fill('CONFLICT'));
      expect(await race.stored()).toBe(winners[0]);
      const events = await auditEvents(api.endpoint, api.tableNames);
      expect(events).toHaveLength(eventsBefore + 1);
      expect(events[0]).toMatchObject({ action: name, entity: race.entity });
    });
  }
});
