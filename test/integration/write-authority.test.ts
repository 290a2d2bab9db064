import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditRepository } from '../../functions/audit/audit.repository.ts';
import { MembershipRepository } from '../../functions/membership/membership.repository.ts';
import { createDocumentClient } from '../../functions/shared/data/dynamo.ts';
import { ItemLoader } from '../../functions/shared/data/item-loader.ts';
import { chainOnto, everyoneAudience } from '../../functions/shared/domain/audit-events.ts';
import { ForbiddenError } from '../../functions/shared/domain/errors.ts';
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
import { sampleOperationIds } from '../support/samples.ts';
import { auditEvents, brokenChains } from '../support/tables.ts';
import { barrierClient, type WriteBarrier, type WriteStep } from '../support/write-barrier.ts';

/**
 * The caller's power checked again as its write commits (docs/api.md, "Who may do what"): a
 * co-chair's writes against a rotation that ends its country's term, an official's against a
 * suspension of its country. Every race runs through the write barrier
 * (test/support/write-barrier.ts): each competitor has been allowed (its viewer read, the role
 * check passed) before any of them writes. `in turn` then commits the change of power before the
 * write is even sent, every time, so only the condition in the write itself can refuse it; a
 * write whose repository leaves its caller's power out commits, and its test fails.
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

afterEach(async () => {
  expect(await brokenChains(api.endpoint, api.tableNames)).toEqual([]);
});

/** NZ holds a co-chair term in the sample data (with VN); AU is an ACTIVE member, no co-chair. */
const nz: Identity = callers.coChair;
const au: Identity = { sub: 'au-official', country: 'AU' };

/** A day of 2026 counted from 1 March, for rotations and adoptions that must follow each other. */
const day = (n: number) => new Date(Date.UTC(2026, 2, 1 + n)).toISOString().slice(0, 10);

const rotate = (outgoing: string[], incoming: string[], effectiveOn: string) => () =>
  api.call(callers.secretariat, doc.RotateCoChairsDocument, { input: { outgoing, incoming, effectiveOn } });
const setStatus = (country: string, expectedRevision: number, status: 'ACTIVE' | 'SUSPENDED') => () =>
  api.call(callers.secretariat, doc.SetMemberStatusDocument, {
    input: { country, expectedRevision, status, reason: 'race' },
  });
const memberRevision = async (country: string) =>
  dataOf(await api.call(callers.secretariat, doc.MemberDocument, { country })).member?.revision ?? Number.NaN;

const newJpa = (number: number): doc.CreateJpaInput => ({
  number,
  title: `JPA ${number}`,
  startsOn: '2027-08-01',
  endsOn: '2028-07-31',
});
const newOperation = (codeName: string): doc.CreateOperationInput => ({
  jpaNumber: 8,
  codeName,
  participants: ['ID'],
  crimeTypes: ['PEOPLE_SMUGGLING'],
  startsOn: '2026-12-01',
});

const messages = (response: GraphqlResponse<unknown>) => response.errors?.map((error) => error.message) ?? [];
const actions = async () => (await auditEvents(api.endpoint, api.tableNames)).map((event) => event.action);

/** A write whose power a change takes away, and what it leaves to compare. */
interface LostPower {
  /** The change that takes the power away: a rotation ending NZ's term, or AU's suspension. */
  readonly change: 'rotateCoChairs' | 'setMemberStatus';
  readonly before?: () => Promise<void>;
  readonly write: () => Promise<GraphqlResponse<unknown>>;
  /** The refusal of the role check before the write, which the write answers too. */
  readonly refusal: string;
  /** What the write would have changed, read as someone who may still read it. */
  readonly state: () => Promise<unknown>;
}

const takeAway = {
  rotateCoChairs: rotate(['NZ'], ['AU'], '2026-07-01'),
  setMemberStatus: setStatus('AU', 1, 'SUSPENDED'),
};

const jpa = (number: number) => async () =>
  dataOf(await api.call(callers.secretariat, doc.JpaDocument, { number })).jpa;
const versions = async () =>
  dataOf(await api.call(callers.secretariat, doc.TermsOfReferenceVersionsDocument)).termsOfReferenceVersions;
// NZ takes part in Coral Tide (led by AU), so it still reads it once AU is suspended.
const coralTide = async () =>
  dataOf(await api.call(nz, doc.OperationDocument, { id: sampleOperationIds.coralTide })).operation;
const draft = async () =>
  void dataOf(
    await api.call(callers.secretariat, doc.DraftTermsOfReferenceDocument, { input: { title: 'Draft', text: 'Text' } }),
  );

const lostPowers: Record<string, LostPower> = {
  createJpa: {
    change: 'rotateCoChairs',
    write: () => api.call(nz, doc.CreateJpaDocument, { input: newJpa(9) }),
    refusal: 'your role may not create jpa',
    state: jpa(9),
  },
  updateJpa: {
    change: 'rotateCoChairs',
    write: () => api.call(nz, doc.UpdateJpaDocument, { input: { number: 8, expectedRevision: 2, title: 'Renamed' } }),
    refusal: 'your role may not update jpa',
    state: jpa(8),
  },
  concludeJpa: {
    change: 'rotateCoChairs',
    write: () => api.call(nz, doc.ConcludeJpaDocument, { input: { number: 8, expectedRevision: 2 } }),
    refusal: 'your role may not conclude jpa',
    state: jpa(8),
  },
  draftTermsOfReference: {
    change: 'rotateCoChairs',
    write: () => api.call(nz, doc.DraftTermsOfReferenceDocument, { input: { title: 'Mine', text: 'Text' } }),
    refusal: 'your role may not draft terms of reference',
    state: versions,
  },
  updateTermsOfReferenceDraft: {
    change: 'rotateCoChairs',
    before: draft,
    write: () =>
      api.call(nz, doc.UpdateTermsOfReferenceDraftDocument, {
        input: { version: 3, expectedRevision: 1, text: 'Mine' },
      }),
    refusal: 'your role may not update terms of reference draft',
    state: versions,
  },
  adoptTermsOfReference: {
    change: 'rotateCoChairs',
    before: draft,
    write: () =>
      api.call(nz, doc.AdoptTermsOfReferenceDocument, {
        input: { version: 3, expectedRevision: 1, adoptedOn: '2026-07-01' },
      }),
    refusal: 'your role may not adopt terms of reference',
    state: versions,
  },
  publishAnnualReport: {
    change: 'rotateCoChairs',
    write: () => api.call(nz, doc.PublishAnnualReportDocument, { input: { year: 2025 } }),
    refusal: 'your role may not publish annual report',
    state: async () =>
      dataOf(await api.call(callers.secretariat, doc.AnnualReportsDocument)).annualReports.map((report) => report.year),
  },
  createOperation: {
    change: 'setMemberStatus',
    write: () => api.call(au, doc.CreateOperationDocument, { input: newOperation('Blue Heron') }),
    refusal: 'your role may not create operation',
    state: jpa(8),
  },
  updateOperation: {
    change: 'setMemberStatus',
    write: () =>
      api.call(au, doc.UpdateOperationDocument, {
        input: { id: sampleOperationIds.coralTide, expectedRevision: 1, summary: 'Mine' },
      }),
    refusal: 'your role may not update operation',
    state: coralTide,
  },
  recordOutcomes: {
    change: 'setMemberStatus',
    write: () =>
      api.call(au, doc.RecordOutcomesDocument, {
        input: {
          id: sampleOperationIds.coralTide,
          expectedRevision: 1,
          outcomes: { arrests: 9, prosecutions: 0, victimsIdentified: 0, networksDisrupted: 0 },
        },
      }),
    refusal: 'your role may not record outcomes',
    state: async () => [await coralTide(), await jpa(8)()],
  },
  joinJpa: {
    change: 'setMemberStatus',
    before: async () => void dataOf(await api.call(callers.secretariat, doc.CreateJpaDocument, { input: newJpa(9) })),
    write: () => api.call(au, doc.JoinJpaDocument, { input: { number: 9 } }),
    refusal: 'your role may not join jpa',
    state: jpa(9),
  },
  // AU's own member is the item written: the suspension moved its revision too, and the item as
  // it was tells the lost power from a stale revision (FORBIDDEN, not CONFLICT).
  updateMember: {
    change: 'setMemberStatus',
    write: () =>
      api.call(au, doc.UpdateMemberDocument, { input: { country: 'AU', expectedRevision: 1, name: 'Mine' } }),
    refusal: 'your role may not update member',
    state: async () => dataOf(await api.call(callers.secretariat, doc.MemberDocument, { country: 'AU' })).member?.name,
  },
};

describe('a power lost after the role check, before the write commits', () => {
  for (const [action, lost] of Object.entries(lostPowers)) {
    it(`${action}: FORBIDDEN as the role check would say, nothing written, after ${lost.change} commits first`, async () => {
      await lost.before?.();
      const stateBefore = await lost.state();
      const actionsBefore = await actions();
      const responses = await barrier.race<GraphqlResponse<unknown>>([takeAway[lost.change], lost.write], 'in turn');
      expect(responses.map(codes)).toEqual([[], ['FORBIDDEN']]);
      expect(responses.map(messages)).toEqual([[], [lost.refusal]]);
      // Nothing written: not the change, not its audit event.
      expect(await lost.state()).toEqual(stateBefore);
      expect(await actions()).toEqual([lost.change, ...actionsBefore]);
      // The same request now meets the role check before the write, and hears the same.
      const again = await lost.write();
      expect([codes(again), messages(again)]).toEqual([['FORBIDDEN'], [lost.refusal]]);
    });
  }
});

describe("an official's own member, the item its write replaces", () => {
  // A request of several mutations forgets its reads after each write but keeps its viewer: the
  // member read again can be SUSPENDED at the very revision the caller names. The revision then
  // holds, and only the status in the write's own condition refuses it.
  it('is refused while not ACTIVE, even at the revision the write names', async () => {
    dataOf(await setStatus('AU', 1, 'SUSPENDED')());
    const client = createDocumentClient({ endpoint: api.endpoint });
    const stored = await new MembershipRepository(client, api.tableNames).reader(new ItemLoader(client)).member('AU');
    if (!stored) throw new Error('AU is a member in the sample data');
    const entity = 'member/AU';
    const head = await new AuditRepository(client, api.tableNames).head(entity);
    const draft = {
      id: crypto.randomUUID(),
      at: '2026-07-01T00:00:00.000Z',
      actor: au.sub,
      actorCountry: 'AU',
      action: 'updateMember',
      entity,
      summary: 'updated name',
    };
    const refused = await new MembershipRepository(client, api.tableNames)
      .replaceMember(
        { ...stored, name: 'Mine', revision: stored.revision + 1 },
        stored.status,
        { authority: { kind: 'activeMember', country: 'AU' }, refusal: 'your role may not update member' },
        { event: chainOnto(draft, head), audience: everyoneAudience, head },
      )
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ForbiddenError);
    expect(refused).toMatchObject({ message: 'your role may not update member' });
    expect(dataOf(await api.call(callers.secretariat, doc.MemberDocument, { country: 'AU' })).member).toMatchObject({
      name: 'Australia',
      status: 'SUSPENDED',
      revision: 2,
    });
    expect(await actions()).toEqual(['setMemberStatus']);
  });
});

describe('a change that leaves the power the write relies on', () => {
  it("lets a co-chair's write stand when a rotation changes the other seat meanwhile", async () => {
    const responses = await barrier.race<GraphqlResponse<unknown>>(
      [rotate(['VN'], ['AU'], '2026-07-01'), () => api.call(nz, doc.CreateJpaDocument, { input: newJpa(9) })],
      'in turn',
    );
    expect(responses.map(codes)).toEqual([[], []]);
    expect((await jpa(9)())?.title).toBe('JPA 9');
  });

  it("lets a co-chair's operation stand when a rotation ends its term meanwhile: its power is its member's", async () => {
    const responses = await barrier.race<GraphqlResponse<unknown>>(
      [
        rotate(['NZ'], ['AU'], '2026-07-01'),
        () =>
          api.call(nz, doc.CreateOperationDocument, { input: { ...newOperation('Grey Egret'), participants: ['VN'] } }),
      ],
      'in turn',
    );
    expect(responses.map(codes)).toEqual([[], []]);
    // Both committed. Events list by their time, which each request takes as it starts, before
    // the barrier orders the writes: the two times can fall either way.
    expect((await actions()).sort()).toEqual(['createOperation', 'rotateCoChairs']);
  });
});

/**
 * Many rounds of a write racing the change that takes its power away, in every order: let go
 * together (DynamoDB orders them), the change first, the write first. Whoever wins, a write that
 * commits was sent before the change was answered, never after it; a write that does not commit
 * writes nothing, and one refused for its power hears the role check's refusal.
 */
describe('a write racing the change of its power, round after round', () => {
  const rounds = 12;
  type Order = 'together' | 'change first' | 'write first';
  const orders: Order[] = ['together', 'change first', 'write first'];

  /**
   * The index of the last step of that kind of a competitor's audited writes: its mutation's
   * transaction (its last attempt, the one that committed if any), not the read records it may
   * write after it.
   */
  const last = (steps: readonly WriteStep[], competitor: number, step: WriteStep['step']) =>
    steps.findLastIndex(
      (candidate) =>
        candidate.competitor === competitor &&
        candidate.step === step &&
        candidate.tables.includes(api.tableNames.audit),
    );

  /**
   * Runs one round and checks its invariant: answers the change's and the write's responses.
   * `action` is the write's audit action, which counts its commits.
   */
  async function round(
    order: Order,
    change: () => Promise<GraphqlResponse<unknown>>,
    write: () => Promise<GraphqlResponse<unknown>>,
    action: string,
    refusal: string,
  ) {
    const writesBefore = (await actions()).filter((candidate) => candidate === action).length;
    const [first, second] = order === 'write first' ? [write, change] : [change, write];
    const responses = await barrier.race<GraphqlResponse<unknown>>(
      [first, second],
      order === 'together' ? 'together' : 'in turn',
    );
    const [changeAt, writeAt] = order === 'write first' ? [1, 0] : [0, 1];
    const [changed, written] = [responses[changeAt], responses[writeAt]];
    if (!changed || !written) throw new Error('the race answered fewer responses than it ran');
    expect(codes(changed)).toEqual([]);
    const committed = codes(written).length === 0;
    const sentAfterChange = last(barrier.steps, writeAt, 'sent') > last(barrier.steps, changeAt, 'answered');
    expect(committed && sentAfterChange, `${order}: the write committed after the change was answered`).toBe(false);
    if (order === 'change first') expect(codes(written)).toEqual(['FORBIDDEN']);
    if (codes(written).includes('FORBIDDEN')) expect(messages(written)).toEqual([refusal]);
    // A refused write could only lose to the change, or to another transaction holding an item.
    if (!committed) expect(['FORBIDDEN', 'CONFLICT']).toContain(codes(written)[0]);
    const writesAfter = (await actions()).filter((candidate) => candidate === action).length;
    expect(writesAfter).toBe(writesBefore + (committed ? 1 : 0));
    return { changed, written, committed };
  }

  it('createJpa by an outgoing co-chair never commits after the rotation that ends its term', async () => {
    const outcomes: boolean[] = [];
    for (let index = 0; index < rounds; index += 1) {
      const number = 100 + index;
      const { committed } = await round(
        orders[index % orders.length]!,
        rotate(['NZ'], ['AU'], day(2 * index)),
        () => api.call(nz, doc.CreateJpaDocument, { input: newJpa(number) }),
        'createJpa',
        'your role may not create jpa',
      );
      outcomes.push(committed);
      expect((await jpa(number)()) !== null).toBe(committed);
      dataOf(await rotate(['AU'], ['NZ'], day(2 * index + 1))());
    }
    // Every order was run: the write first always commits, the change first never.
    expect(outcomes.filter((_, index) => index % 3 === 2)).toEqual(Array(rounds / 3).fill(true));
  });

  it('adoptTermsOfReference by an outgoing co-chair never commits after the rotation that ends its term', async () => {
    for (let index = 0; index < rounds; index += 1) {
      const drafted = dataOf(
        await api.call(callers.secretariat, doc.DraftTermsOfReferenceDocument, {
          input: { title: `Draft ${index}`, text: 'Text' },
        }),
      ).draftTermsOfReference.version;
      const { committed } = await round(
        orders[index % orders.length]!,
        rotate(['NZ'], ['AU'], day(2 * index)),
        () =>
          api.call(nz, doc.AdoptTermsOfReferenceDocument, {
            input: { version: drafted, expectedRevision: 1, adoptedOn: day(2 * index) },
          }),
        'adoptTermsOfReference',
        'your role may not adopt terms of reference',
      );
      const stored = dataOf(await api.call(callers.secretariat, doc.TermsOfReferenceDocument, { version: drafted }));
      expect(stored.termsOfReference?.status).toBe(committed ? 'ADOPTED' : 'DRAFT');
      dataOf(await rotate(['AU'], ['NZ'], day(2 * index + 1))());
    }
  });

  it('createOperation by a member never commits after the suspension of its country', async () => {
    for (let index = 0; index < rounds; index += 1) {
      const revision = await memberRevision('AU');
      const operationsBefore = (await jpa(8)())?.outcomes.operations;
      const { committed } = await round(
        orders[index % orders.length]!,
        setStatus('AU', revision, 'SUSPENDED'),
        () => api.call(au, doc.CreateOperationDocument, { input: newOperation(`Round ${index}`) }),
        'createOperation',
        'your role may not create operation',
      );
      expect((await jpa(8)())?.outcomes.operations).toBe((operationsBefore ?? Number.NaN) + (committed ? 1 : 0));
      dataOf(await setStatus('AU', revision + 1, 'ACTIVE')());
    }
  });
});
