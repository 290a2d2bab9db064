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
import { sampleOperationIds, validInputs } from '../support/samples.ts';
import { auditEvents, brokenChains } from '../support/tables.ts';
import { barrierClient, type Release, type WriteBarrier } from '../support/write-barrier.ts';

/**
 * Parallel writers, for every rule that lets exactly one of them win: every mutation that takes
 * an expectedRevision raced by writers holding the same revision, the membership changes whose
 * rules span more than one item (co-chair seats, a new country, a suspension against a
 * rotation), the one ACTIVE JPA, a JPA number, the one ADOPTED Terms of Reference, and an
 * idempotency key. Each race runs through a write barrier (test/support/write-barrier.ts): every
 * competitor has read before any writes, so only the write's condition can stop the losers, and
 * a condition missing from a repository fails its race every time.
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

/** Sends the competitors' requests together, each held at its write until all have got there. */
const race = <T>(competitors: (() => Promise<GraphqlResponse<T>>)[], release?: Release) =>
  barrier.race(competitors, release);

/** Splits parallel answers into the indexes of the winners and the codes of the losers. */
function outcome<T>(responses: GraphqlResponse<T>[]) {
  const winners = responses.flatMap((response, index) => (response.errors ? [] : [index]));
  const losers = responses.filter((response) => response.errors).flatMap(codes);
  return { winners, losers };
}

const au: Identity = { sub: 'au-official', country: 'AU' };
const writers = 5;
/** The number a writer put at the end of a stored text. */
const writerIn = (text: string | null | undefined) => Number(/\d+$/.exec(text ?? '')?.[0]);

type Race = {
  entity: string;
  /** Sends writer `writer`'s change, based on the same revision as every other writer's. */
  write: (writer: number) => Promise<GraphqlResponse<unknown>>;
  /** Reads the stored state and names the writer it came from. */
  stored: () => Promise<number>;
  before?: () => Promise<void>;
};

const revisionRaces: Record<string, Race> = {
  updateMember: {
    entity: 'member/TH',
    write: (writer) =>
      api.call(callers.secretariat, doc.UpdateMemberDocument, {
        input: { country: 'TH', expectedRevision: 1, name: `Thailand ${writer}` },
      }),
    stored: async () =>
      writerIn((await api.call(callers.secretariat, doc.MemberDocument, { country: 'TH' })).data?.member?.name),
  },
  setMemberStatus: {
    entity: 'member/LA',
    write: (writer) =>
      api.call(callers.secretariat, doc.SetMemberStatusDocument, {
        input: {
          country: 'LA',
          expectedRevision: 1,
          status: writer % 2 ? 'SUSPENDED' : 'WITHDRAWN',
          reason: `writer ${writer}`,
        },
      }),
    // The member itself must hold the winner's status at the next revision; the reason, which
    // only the audit trail keeps, tells apart writers who asked for the same status.
    stored: async () => {
      const member = (await api.call(callers.secretariat, doc.MemberDocument, { country: 'LA' })).data?.member;
      const event = (await auditEvents(api.endpoint, api.tableNames)).find(
        (candidate) => candidate.entity === 'member/LA',
      );
      const writer = Number(/writer (\d+)/.exec(String(event?.summary))?.[1]);
      expect(member).toMatchObject({ status: writer % 2 ? 'SUSPENDED' : 'WITHDRAWN', revision: 2 });
      return writer;
    },
  },
  updateJpa: {
    entity: 'jpa/8',
    write: (writer) =>
      api.call(callers.secretariat, doc.UpdateJpaDocument, {
        input: { number: 8, expectedRevision: 2, title: `JPA 8 by ${writer}` },
      }),
    stored: async () =>
      writerIn((await api.call(callers.secretariat, doc.JpaDocument, { number: 8 })).data?.jpa?.title),
  },
  concludeJpa: {
    entity: 'jpa/8',
    write: (writer) =>
      api.call(callers.secretariat, doc.ConcludeJpaDocument, {
        input: {
          number: 8,
          expectedRevision: 2,
          conference: { city: `City ${writer}`, country: 'NZ', startsOn: '2027-07-01', endsOn: '2027-07-02' },
        },
      }),
    stored: async () =>
      writerIn((await api.call(callers.secretariat, doc.JpaDocument, { number: 8 })).data?.jpa?.conference?.city),
  },
  updateOperation: {
    entity: `operation/${sampleOperationIds.coralTide}`,
    write: (writer) =>
      api.call(au, doc.UpdateOperationDocument, {
        input: { id: sampleOperationIds.coralTide, expectedRevision: 1, summary: `summary ${writer}` },
      }),
    stored: async () =>
      writerIn(
        (await api.call(au, doc.OperationDocument, { id: sampleOperationIds.coralTide })).data?.operation?.summary,
      ),
  },
  recordOutcomes: {
    entity: `operation/${sampleOperationIds.coralTide}`,
    write: (writer) =>
      api.call(au, doc.RecordOutcomesDocument, {
        input: {
          id: sampleOperationIds.coralTide,
          expectedRevision: 1,
          outcomes: { arrests: 100 + writer, prosecutions: 0, victimsIdentified: 0, networksDisrupted: 0 },
        },
      }),
    stored: async () =>
      ((await api.call(au, doc.OperationDocument, { id: sampleOperationIds.coralTide })).data?.operation?.outcomes
        ?.arrests ?? Number.NaN) - 100,
  },
  updateTermsOfReferenceDraft: {
    entity: 'tor/3',
    before: async () =>
      void (await api.call(callers.secretariat, doc.DraftTermsOfReferenceDocument, {
        input: { title: 'Draft', text: 'Text' },
      })),
    write: (writer) =>
      api.call(callers.secretariat, doc.UpdateTermsOfReferenceDraftDocument, {
        input: { version: 3, expectedRevision: 1, text: `text ${writer}` },
      }),
    stored: async () =>
      writerIn(
        (await api.call(callers.secretariat, doc.TermsOfReferenceDocument, { version: 3 })).data?.termsOfReference
          ?.text,
      ),
  },
  adoptTermsOfReference: {
    entity: 'tor/3',
    before: async () =>
      void (await api.call(callers.secretariat, doc.DraftTermsOfReferenceDocument, {
        input: { title: 'Draft', text: 'Text' },
      })),
    write: (writer) =>
      api.call(callers.secretariat, doc.AdoptTermsOfReferenceDocument, {
        input: { version: 3, expectedRevision: 1, adoptedOn: `2026-12-1${writer}` },
      }),
    // The day of December is 1 and the writer's digit.
    stored: async () =>
      Number(
        (
          await api.call(callers.secretariat, doc.TermsOfReferenceDocument, { version: 3 })
        ).data?.termsOfReference?.adoptedOn?.slice(-1),
      ),
  },
};

describe('parallel writers with the same expectedRevision', () => {
  for (const [name, write] of Object.entries(revisionRaces)) {
    it(`${name}: exactly one wins, the others CONFLICT, state and audit trail are the winner's`, async () => {
      await write.before?.();
      const eventsBefore = (await auditEvents(api.endpoint, api.tableNames)).length;
      const responses = await race(Array.from({ length: writers }, (_, writer) => () => write.write(writer)));
      const { winners, losers } = outcome(responses);
      expect(winners).toHaveLength(1);
      expect(losers).toEqual(Array(writers - 1).fill('CONFLICT'));
      expect(await write.stored()).toBe(winners[0]);
      const events = await auditEvents(api.endpoint, api.tableNames);
      expect(events).toHaveLength(eventsBefore + 1);
      expect(events[0]).toMatchObject({ action: name, entity: write.entity });
    });
  }
});

describe('concurrent membership changes', () => {
  const openCoChairs = async () =>
    (await api.call(callers.secretariat, doc.CoChairsDocument)).data?.coChairs.map((term) => term.member.country);

  it('lets exactly one of several rotations naming the same outgoing country win, never opening a third term', async () => {
    const incoming = ['AU', 'TH', 'ID', 'MY', 'PH', 'JP', 'KR', 'LK'];
    const responses = await race(
      incoming.map(
        (country) => () =>
          api.call(callers.secretariat, doc.RotateCoChairsDocument, {
            input: { outgoing: ['NZ'], incoming: [country], effectiveOn: '2026-07-01' },
          }),
      ),
    );
    const { winners, losers } = outcome(responses);
    expect(winners).toHaveLength(1);
    expect(losers).toEqual(Array(incoming.length - 1).fill('CONFLICT'));
    const winner = incoming[winners[0] ?? -1];
    expect(await openCoChairs()).toEqual(['VN', winner]);
    const history = (await api.call(callers.secretariat, doc.CoChairHistoryDocument)).data?.coChairHistory;
    expect(history).toHaveLength(3);
    const events = await auditEvents(api.endpoint, api.tableNames);
    expect(events).toHaveLength(1);
    expect(events[0]?.summary).toBe(`out: NZ; in: ${winner} on 2026-07-01`);
  });

  it('lets exactly one of several rotations filling the last seat win', async () => {
    await api.call(callers.secretariat, doc.RotateCoChairsDocument, {
      input: { outgoing: ['NZ'], incoming: [], effectiveOn: '2026-07-01' },
    });
    const incoming = ['AU', 'TH', 'ID'];
    const responses = await race(
      incoming.map(
        (country) => () =>
          api.call(callers.secretariat, doc.RotateCoChairsDocument, {
            input: { outgoing: [], incoming: [country], effectiveOn: '2026-08-01' },
          }),
      ),
    );
    // Every rotation read one open term, so only the co-chair guard's revision stops the losers.
    const { winners, losers } = outcome(responses);
    expect(winners).toHaveLength(1);
    expect(losers).toEqual(['CONFLICT', 'CONFLICT']);
    const winner = incoming[winners[0] ?? -1];
    expect(await openCoChairs()).toEqual(['VN', winner]);
    const events = await auditEvents(api.endpoint, api.tableNames);
    expect(events).toHaveLength(2);
    expect(events[0]?.summary).toBe(`in: ${winner} on 2026-08-01`);
  });

  it('lets exactly one of several updates with the same expectedRevision win, and records only it', async () => {
    const names = Array.from({ length: 8 }, (_, index) => `Thailand ${index}`);
    const responses = await race(
      names.map(
        (name) => () =>
          api.call(callers.secretariat, doc.UpdateMemberDocument, {
            input: { country: 'TH', expectedRevision: 1, name },
          }),
      ),
    );
    const { winners, losers } = outcome(responses);
    expect(winners).toHaveLength(1);
    expect(losers).toEqual(Array(names.length - 1).fill('CONFLICT'));
    const winnerName = responses[winners[0] ?? -1]?.data?.updateMember.name;
    expect(winnerName).toBe(names[winners[0] ?? -1]);
    const stored = (await api.call(callers.secretariat, doc.MemberDocument, { country: 'TH' })).data?.member;
    expect(stored).toMatchObject({ name: winnerName, revision: 2 });
    expect(await auditEvents(api.endpoint, api.tableNames)).toHaveLength(1);
  });

  it('adds a country only once when several add it at the same time', async () => {
    const names = Array.from({ length: writers }, (_, writer) => `Fiji ${writer}`);
    const responses = await race(
      names.map(
        (name) => () =>
          api.call(callers.secretariat, doc.AddMemberDocument, { input: { ...validInputs.addMember, name } }),
      ),
    );
    const { winners, losers } = outcome(responses);
    expect(winners).toHaveLength(1);
    expect(losers).toEqual(Array(writers - 1).fill('CONFLICT'));
    const group = (await api.call(callers.secretariat, doc.WorkingGroupDocument)).data?.workingGroup;
    expect(group).toMatchObject({ memberCount: 17 });
    const member = (await api.call(callers.secretariat, doc.MemberDocument, { country: 'FJ' })).data?.member;
    expect(member).toMatchObject({ name: names[winners[0] ?? -1], revision: 1 });
    const events = await auditEvents(api.endpoint, api.tableNames);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'addMember', entity: 'member/FJ' });
  });

  const suspend = (country: string) => () =>
    api.call(callers.secretariat, doc.SetMemberStatusDocument, {
      input: { country, expectedRevision: 1, status: 'SUSPENDED', reason: 'race' },
    });
  const rotateIn = (country: string, outgoing: string, effectiveOn: string) => () =>
    api.call(callers.secretariat, doc.RotateCoChairsDocument, {
      input: { outgoing: [outgoing], incoming: [country], effectiveOn },
    });

  it('never leaves a co-chair that is not ACTIVE when a suspension races a rotation bringing it in', async () => {
    for (const [round, country] of ['AU', 'TH', 'ID'].entries()) {
      const outgoing = (await openCoChairs())?.[0] ?? '';
      const eventsBefore = (await auditEvents(api.endpoint, api.tableNames)).length;
      const responses = await race<unknown>([suspend(country), rotateIn(country, outgoing, `2026-0${round + 3}-01`)]);
      // Both read the country ACTIVE and not a co-chair: the suspension's check of the co-chair
      // guard and the rotation's check of the member's status cannot both hold.
      const { winners, losers } = outcome(responses);
      expect(winners).toHaveLength(1);
      expect(losers).toEqual(['CONFLICT']);
      const member = (await api.call(callers.secretariat, doc.MemberDocument, { country })).data?.member;
      expect(member).toMatchObject(
        winners[0] === 0 ? { status: 'SUSPENDED', isCoChair: false } : { status: 'ACTIVE', isCoChair: true },
      );
      const events = await auditEvents(api.endpoint, api.tableNames);
      expect(events).toHaveLength(eventsBefore + 1);
      expect(events[0]?.action).toBe(winners[0] === 0 ? 'setMemberStatus' : 'rotateCoChairs');
    }
  });

  // Which of the two commits first is DynamoDB's choice when they go together; in turn, each
  // order is tested every time, and so each of the two conditions that keep the rule.
  it('refuses a rotation bringing in a country suspended after the rotation read it (the incoming member check)', async () => {
    const responses = await race<unknown>([suspend('AU'), rotateIn('AU', 'NZ', '2026-07-01')], 'in turn');
    expect(responses.map(codes)).toEqual([[], ['CONFLICT']]);
    const member = (await api.call(callers.secretariat, doc.MemberDocument, { country: 'AU' })).data?.member;
    expect(member).toMatchObject({ status: 'SUSPENDED', isCoChair: false });
    expect(await openCoChairs()).toEqual(['NZ', 'VN']);
  });

  it('refuses a suspension of a country rotated in after the suspension read it (the co-chair guard check)', async () => {
    const responses = await race<unknown>([rotateIn('AU', 'NZ', '2026-07-01'), suspend('AU')], 'in turn');
    expect(responses.map(codes)).toEqual([[], ['CONFLICT']]);
    const member = (await api.call(callers.secretariat, doc.MemberDocument, { country: 'AU' })).data?.member;
    expect(member).toMatchObject({ status: 'ACTIVE', isCoChair: true });
    expect(await openCoChairs()).toEqual(['VN', 'AU']);
  });
});

describe('the one ACTIVE JPA, a JPA number', () => {
  const newJpa = (number: number, title = `JPA ${number}`): doc.CreateJpaInput => ({
    number,
    title,
    startsOn: '2027-08-01',
    endsOn: '2028-07-31',
    participants: ['NZ', 'VN'],
  });

  it('makes exactly one of several JPAs made ACTIVE at once the ACTIVE one', async () => {
    await api.call(callers.secretariat, doc.ConcludeJpaDocument, { input: { number: 8, expectedRevision: 2 } });
    const numbers = [9, 10, 11];
    for (const number of numbers) await api.call(callers.secretariat, doc.CreateJpaDocument, { input: newJpa(number) });
    const eventsBefore = (await auditEvents(api.endpoint, api.tableNames)).length;
    const responses = await race(
      numbers.map(
        (number) => () =>
          api.call(callers.secretariat, doc.UpdateJpaDocument, {
            input: { number, expectedRevision: 1, status: 'ACTIVE' },
          }),
      ),
    );
    // Each read that no JPA is ACTIVE: only the ACTIVE guard's condition stops the losers.
    const { winners, losers } = outcome(responses);
    expect(winners).toHaveLength(1);
    expect(losers).toEqual(['CONFLICT', 'CONFLICT']);
    const winner = numbers[winners[0] ?? -1];
    const group = (await api.call(callers.secretariat, doc.WorkingGroupDocument)).data?.workingGroup;
    expect(group?.currentJpa?.number).toBe(winner);
    const active = (await api.call(callers.secretariat, doc.JpasDocument, { status: 'ACTIVE' })).data?.jpas;
    expect(active?.map((jpa) => jpa.number)).toEqual([winner]);
    const events = await auditEvents(api.endpoint, api.tableNames);
    expect(events).toHaveLength(eventsBefore + 1);
    expect(events[0]).toMatchObject({ action: 'updateJpa', entity: `jpa/${winner}` });
  });

  it('creates a JPA number only once when several create it at once', async () => {
    const titles = Array.from({ length: writers }, (_, writer) => `JPA 9 by ${writer}`);
    const responses = await race(
      titles.map((title) => () => api.call(callers.secretariat, doc.CreateJpaDocument, { input: newJpa(9, title) })),
    );
    const { winners, losers } = outcome(responses);
    expect(winners).toHaveLength(1);
    expect(losers).toEqual(Array(writers - 1).fill('CONFLICT'));
    const stored = (await api.call(callers.secretariat, doc.JpaDocument, { number: 9 })).data?.jpa;
    expect(writerIn(stored?.title)).toBe(winners[0]);
    const events = await auditEvents(api.endpoint, api.tableNames);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'createJpa', entity: 'jpa/9' });
  });
});

describe('the one ADOPTED Terms of Reference', () => {
  it('adopts exactly one of several drafts adopted at once, superseding the adopted version once', async () => {
    const drafts = [3, 4, 5];
    for (const version of drafts) {
      await api.call(callers.secretariat, doc.DraftTermsOfReferenceDocument, {
        input: { title: `Draft ${version}`, text: 'Text' },
      });
    }
    const eventsBefore = (await auditEvents(api.endpoint, api.tableNames)).length;
    const responses = await race(
      drafts.map(
        (version) => () =>
          api.call(callers.secretariat, doc.AdoptTermsOfReferenceDocument, {
            input: { version, expectedRevision: 1, adoptedOn: '2026-12-10' },
          }),
      ),
    );
    // Each read version 2 as the adopted one: the ADOPTED guard (and version 2's own revision)
    // stop the losers, whose drafts are untouched.
    const { winners, losers } = outcome(responses);
    expect(winners).toHaveLength(1);
    expect(losers).toEqual(['CONFLICT', 'CONFLICT']);
    const winner = drafts[winners[0] ?? -1];
    const versions = (await api.call(callers.secretariat, doc.TermsOfReferenceVersionsDocument)).data
      ?.termsOfReferenceVersions;
    expect(versions?.map(({ version, status, revision }) => ({ version, status, revision }))).toEqual(
      [5, 4, 3]
        .map((version) =>
          version === winner ? { version, status: 'ADOPTED', revision: 2 } : { version, status: 'DRAFT', revision: 1 },
        )
        .concat([
          { version: 2, status: 'SUPERSEDED', revision: 3 },
          { version: 1, status: 'SUPERSEDED', revision: 3 },
        ]),
    );
    const adopted = (await api.call(callers.secretariat, doc.TermsOfReferenceDocument)).data?.termsOfReference;
    expect(adopted?.version).toBe(winner);
    const events = await auditEvents(api.endpoint, api.tableNames);
    expect(events).toHaveLength(eventsBefore + 1);
    expect(events[0]).toMatchObject({ action: 'adoptTermsOfReference', entity: `tor/${winner}` });
  });
});

describe('joins, which name no revision', () => {
  it('lets several countries join a JPA at once, each once, chaining their events one after another', async () => {
    dataOf(
      await api.call(callers.secretariat, doc.CreateJpaDocument, {
        input: { number: 9, title: 'JPA 9', startsOn: '2027-08-01', endsOn: '2028-07-31' },
      }),
    );
    const countries = ['AU', 'TH', 'ID', 'PH'];
    const responses = await race(
      countries.map(
        (country) => () =>
          api.call({ sub: `${country}-official`, country }, doc.JoinJpaDocument, { input: { number: 9 } }),
      ),
    );
    expect(responses.flatMap(codes)).toEqual([]);
    const jpa = dataOf(await api.call(callers.secretariat, doc.JpaHistoryDocument, { number: 9, first: 10 })).jpa;
    expect(jpa?.history?.edges.map((edge) => [edge.node.action, edge.node.sequence])).toEqual([
      ['joinJpa', 5],
      ['joinJpa', 4],
      ['joinJpa', 3],
      ['joinJpa', 2],
      ['createJpa', 1],
    ]);
    const participants = dataOf(await api.call(callers.secretariat, doc.JpaDocument, { number: 9 })).jpa?.participants;
    expect(participants?.map((member) => member.country).sort()).toEqual([...countries].sort());
  });
});

describe('an idempotency key', () => {
  it('creates one operation when the same keyed createOperation is sent several times at once, and answers it to all', async () => {
    const input: doc.CreateOperationInput = {
      jpaNumber: 8,
      codeName: 'Blue Heron',
      participants: ['ID'],
      crimeTypes: ['PEOPLE_SMUGGLING'],
      startsOn: '2026-12-01',
      idempotencyKey: 'race-1',
    };
    const responses = await race(
      Array.from({ length: writers }, () => () => api.call(au, doc.CreateOperationDocument, { input })),
    );
    // Every request found no record and wrote: only the idempotency record's condition stops
    // the losers, who then answer the winner's operation.
    expect(responses.flatMap(codes)).toEqual([]);
    const ids = new Set(responses.map((response) => dataOf(response).createOperation.id));
    expect(ids.size).toBe(1);
    const [id] = ids;
    const jpa = (await api.call(callers.secretariat, doc.JpaDocument, { number: 8 })).data?.jpa;
    expect(jpa?.outcomes.operations).toBe(5);
    const mine = (await api.call(au, doc.OperationsDocument, { jpaNumber: 8, first: 50 })).data?.operations.edges;
    expect(mine?.filter((edge) => edge.node.codeName === 'Blue Heron').map((edge) => edge.node.id)).toEqual([id]);
    const events = await auditEvents(api.endpoint, api.tableNames);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'createOperation', entity: `operation/${id}` });
  });
});
