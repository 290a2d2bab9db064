import { beforeEach, describe, expect, it } from 'vitest';
import { callers, codes, createTestApi, dataOf, type Identity, type TestApi } from '../support/api.ts';
import * as doc from '../../schema/generated/documents.ts';
import { sampleOperationIds } from '../support/samples.ts';
import { auditEvents } from '../support/tables.ts';

let api: TestApi;
beforeEach(async () => {
  api = await createTestApi();
});

const au: Identity = { sub: 'au-official', country: 'AU' };
const th: Identity = { sub: 'th-official', country: 'TH' };
const newOperation: doc.CreateOperationInput = {
  jpaNumber: 8,
  codeName: 'Blue Heron',
  participants: ['ID'],
  crimeTypes: ['PEOPLE_SMUGGLING'],
  startsOn: '2026-12-01',
};
const totals = async () => {
  const jpa = dataOf(await api.call(callers.secretariat, doc.JpaDocument, { number: 8 })).jpa;
  if (!jpa) throw new Error('JPA 8 is missing');
  return jpa.outcomes;
};
const events = () => auditEvents(api.endpoint, api.tableNames);

describe('createOperation', () => {
  it('creates a PLANNED operation led by the caller country, which always takes part, and counts it in the JPA', async () => {
    const response = await api.call(au, doc.CreateOperationDocument, { input: newOperation });
    expect(response.data?.createOperation).toMatchObject({
      codeName: 'Blue Heron',
      jpa: { number: 8 },
      lead: { country: 'AU' },
      participants: [{ country: 'AU' }, { country: 'ID' }],
      status: 'PLANNED',
      handling: 'PARTICIPANTS',
      outcomes: { arrests: 0, prosecutions: 0, victimsIdentified: 0, networksDisrupted: 0 },
      revision: 1,
    });
    expect((await totals()).operations).toBe(5);
    const [event] = await events();
    expect(event).toMatchObject({ action: 'createOperation', actor: 'au-official', actorCountry: 'AU' });
    expect(JSON.stringify(event)).not.toContain('Blue Heron');
  });

  it('lets co-chair and other officials of JPA countries create, and forbids the secretariat and observers', async () => {
    expect(
      (await api.call(callers.coChair, doc.CreateOperationDocument, { input: { ...newOperation, participants: [] } }))
        .errors,
    ).toBeUndefined();
    expect(
      (await api.call(th, doc.CreateOperationDocument, { input: { ...newOperation, participants: [] } })).errors,
    ).toBeUndefined();
    expect(codes(await api.call(callers.secretariat, doc.CreateOperationDocument, { input: newOperation }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codes(await api.call(callers.observer, doc.CreateOperationDocument, { input: newOperation }))).toEqual([
      'FORBIDDEN',
    ]);
  });

  // An unknown crime type no CreateOperationInput can hold: the changes are sent unchecked.
  const refusals: [string, Identity, Record<string, unknown>, string][] = [
    ['a participant outside the JPA', au, { participants: ['JP'] }, 'BAD_USER_INPUT'],
    ['a lead country outside the JPA', { sub: 'jp', country: 'JP' }, { participants: [] }, 'BAD_USER_INPUT'],
    ['no crime type', au, { crimeTypes: [] }, 'BAD_USER_INPUT'],
    ['a blank code name', au, { codeName: '\t' }, 'BAD_USER_INPUT'],
    ['a summary over 2,000 characters', au, { summary: 'x'.repeat(2001) }, 'BAD_USER_INPUT'],
    ['an unknown crime type', au, { crimeTypes: ['PIRACY'] }, 'BAD_USER_INPUT'],
    ['a JPA that does not exist', au, { jpaNumber: 99 }, 'NOT_FOUND'],
    ['a malformed idempotency key', au, { idempotencyKey: 'has spaces' }, 'BAD_USER_INPUT'],
  ];
  for (const [what, caller, change, code] of refusals) {
    it(`refuses ${what} with ${code} and writes nothing`, async () => {
      expect(
        codes(await api.callUnchecked(caller, doc.CreateOperationDocument, { input: { ...newOperation, ...change } })),
      ).toEqual([code]);
      expect((await totals()).operations).toBe(4);
      expect(await events()).toHaveLength(0);
    });
  }
});

describe('idempotencyKey', () => {
  const keyed = { ...newOperation, idempotencyKey: 'client-retry-1' };

  it('answers the same caller, key and input with the first result and creates nothing', async () => {
    const first = await api.call(au, doc.CreateOperationDocument, { input: keyed });
    const again = await api.call(au, doc.CreateOperationDocument, { input: keyed });
    expect(again.data?.createOperation).toEqual(first.data?.createOperation);
    expect((await totals()).operations).toBe(5);
    expect(await events()).toHaveLength(1);
  });

  it('answers CONFLICT for the same key with another input', async () => {
    await api.call(au, doc.CreateOperationDocument, { input: keyed });
    const other = await api.call(au, doc.CreateOperationDocument, { input: { ...keyed, codeName: 'Other' } });
    expect(codes(other)).toEqual(['CONFLICT']);
    expect((await totals()).operations).toBe(5);
  });

  it('scopes keys to the caller: another caller with the same key creates its own', async () => {
    await api.call(au, doc.CreateOperationDocument, { input: keyed });
    const other = await api.call({ sub: 'another-au-official', country: 'AU' }, doc.CreateOperationDocument, {
      input: keyed,
    });
    expect(other.errors).toBeUndefined();
    expect((await totals()).operations).toBe(6);
  });

  it('creates one operation when the same keyed request is retried while the first is in flight', async () => {
    const responses = await Promise.all(
      [1, 2, 3, 4].map(() => api.call(au, doc.CreateOperationDocument, { input: keyed })),
    );
    expect(responses.flatMap(codes)).toEqual([]);
    const ids = new Set(responses.map((response) => dataOf(response).createOperation.id));
    expect(ids.size).toBe(1);
    expect((await totals()).operations).toBe(5);
    expect(await events()).toHaveLength(1);
  });
});

describe('idempotency window', () => {
  it('keeps a key for at least 24 hours (48), then lets it be used afresh', async () => {
    let now = Date.parse('2026-12-01T00:00:00.000Z');
    const clocked = await createTestApi({ clock: { now: () => new Date(now).toISOString() } });
    const input = { ...newOperation, idempotencyKey: 'window-1' };
    const first = await clocked.call(au, doc.CreateOperationDocument, { input });
    now += 25 * 3600 * 1000;
    const withinDay = await clocked.call(au, doc.CreateOperationDocument, { input });
    expect(withinDay.data?.createOperation).toEqual(first.data?.createOperation);
    now += 24 * 3600 * 1000;
    const afterWindow = await clocked.call(au, doc.CreateOperationDocument, { input });
    expect(afterWindow.errors).toBeUndefined();
    expect(dataOf(afterWindow).createOperation.id).not.toBe(dataOf(first).createOperation.id);
  });
});

describe('recordOutcomes and the JPA totals', () => {
  const figures = (arrests: number) => ({
    arrests,
    prosecutions: arrests + 1,
    victimsIdentified: arrests + 2,
    networksDisrupted: 1,
  });

  it('sets the figures and moves the totals by the difference', async () => {
    const before = await totals();
    const response = await api.call(au, doc.RecordOutcomesDocument, {
      input: { id: sampleOperationIds.coralTide, expectedRevision: 1, outcomes: figures(10) },
    });
    expect(response.data?.recordOutcomes).toMatchObject({ outcomes: figures(10), revision: 2 });
    const after = await totals();
    expect(after).toEqual({
      ...before,
      arrests: before.arrests + 4,
      prosecutions: before.prosecutions + 9,
      victimsIdentified: before.victimsIdentified + 12,
    });
  });

  it('loses no update when the outcomes of many operations of one JPA are recorded at once', async () => {
    const created = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        api.call(au, doc.CreateOperationDocument, { input: { ...newOperation, codeName: `Parallel ${index}` } }),
      ),
    );
    const ids = created.map((response) => dataOf(response).createOperation.id);
    const recorded = await Promise.all(
      ids.map((id, index) =>
        api.call(au, doc.RecordOutcomesDocument, { input: { id, expectedRevision: 1, outcomes: figures(index + 1) } }),
      ),
    );
    expect(recorded.flatMap(codes)).toEqual([]);
    const sample = { operations: 4, arrests: 20, prosecutions: 7, victimsIdentified: 42, networksDisrupted: 3 };
    expect(await totals()).toEqual({
      __typename: 'OutcomeTotals',
      operations: sample.operations + 8,
      arrests: sample.arrests + 36,
      prosecutions: sample.prosecutions + 44,
      victimsIdentified: sample.victimsIdentified + 52,
      networksDisrupted: sample.networksDisrupted + 8,
    });
  });

  it('refuses negative figures and fractions with BAD_USER_INPUT, and a stale revision with CONFLICT', async () => {
    const id = sampleOperationIds.coralTide;
    const before = await totals();
    expect(
      codes(
        await api.call(au, doc.RecordOutcomesDocument, { input: { id, expectedRevision: 1, outcomes: figures(-1) } }),
      ),
    ).toEqual(['BAD_USER_INPUT']);
    expect(
      codes(
        await api.call(au, doc.RecordOutcomesDocument, {
          input: { id, expectedRevision: 1, outcomes: { ...figures(1), arrests: 1.5 } },
        }),
      ),
    ).toEqual(['BAD_USER_INPUT']);
    expect(
      codes(
        await api.call(au, doc.RecordOutcomesDocument, { input: { id, expectedRevision: 7, outcomes: figures(1) } }),
      ),
    ).toEqual(['CONFLICT']);
    expect(await totals()).toEqual(before);
    expect(await events()).toHaveLength(0);
  });

  it('lets exactly one of several recordings with the same expectedRevision win', async () => {
    const id = sampleOperationIds.coralTide;
    const responses = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        api.call(au, doc.RecordOutcomesDocument, { input: { id, expectedRevision: 1, outcomes: figures(n) } }),
      ),
    );
    const winners = responses.filter((response) => !response.errors);
    expect(winners).toHaveLength(1);
    expect(responses.flatMap(codes)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT']);
    const won = dataOf(winners[0]!).recordOutcomes.outcomes.arrests;
    expect((await totals()).arrests).toBe(20 - 6 + won);
  });
});

describe('updateOperation', () => {
  it('refuses an end before the start, a participant outside the JPA, an unknown id and an empty update', async () => {
    const id = sampleOperationIds.coralTide;
    expect(
      codes(
        await api.call(au, doc.UpdateOperationDocument, { input: { id, expectedRevision: 1, endsOn: '2026-08-15' } }),
      ),
    ).toEqual(['BAD_USER_INPUT']);
    expect(
      codes(
        await api.call(au, doc.UpdateOperationDocument, { input: { id, expectedRevision: 1, participants: ['JP'] } }),
      ),
    ).toEqual(['BAD_USER_INPUT']);
    expect(
      codes(
        await api.call(au, doc.UpdateOperationDocument, {
          input: { id: crypto.randomUUID(), expectedRevision: 1, summary: 'x' },
        }),
      ),
    ).toEqual(['NOT_FOUND']);
    expect(
      codes(
        await api.call(au, doc.UpdateOperationDocument, {
          input: { id: 'not-an-id', expectedRevision: 1, summary: 'x' },
        }),
      ),
    ).toEqual(['NOT_FOUND']);
    expect(codes(await api.call(au, doc.UpdateOperationDocument, { input: { id, expectedRevision: 1 } }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(await events()).toHaveLength(0);
  });

  it('keeps the lead among the participants whatever list is given', async () => {
    const response = await api.call(au, doc.UpdateOperationDocument, {
      input: {
        id: sampleOperationIds.coralTide,
        expectedRevision: 1,
        participants: ['ID'],
        endsOn: '2027-01-31',
        status: 'CLOSED',
      },
    });
    expect(response.data?.updateOperation).toMatchObject({
      participants: [{ country: 'AU' }, { country: 'ID' }],
      endsOn: '2027-01-31',
      status: 'CLOSED',
      revision: 2,
    });
  });
});
