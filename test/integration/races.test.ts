import { beforeEach, describe, expect, it } from 'vitest';
import * as doc from '../../schema/generated/documents.ts';
import { callers, codes, createTestApi, type GraphqlResponse, type Identity, type TestApi } from '../support/api.ts';
import { sampleOperationIds, validInputs } from '../support/samples.ts';
import { auditEvents } from '../support/tables.ts';

/**
 * Parallel writers: every mutation that takes an expectedRevision raced by writers holding the
 * same revision, and the membership changes whose rules span more than one item (co-chair seats,
 * a new country, a suspension against a rotation) raced against each other.
 */
let api: TestApi;
beforeEach(async () => {
  api = await createTestApi();
});

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

const races: Record<string, Race> = {
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
  for (const [name, race] of Object.entries(races)) {
    it(`${name}: exactly one wins, the others CONFLICT, state and audit trail are the winner's`, async () => {
      await race.before?.();
      const eventsBefore = (await auditEvents(api.endpoint, api.tableNames)).length;
      const responses = await Promise.all(Array.from({ length: writers }, (_, writer) => race.write(writer)));
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

describe('concurrent membership changes', () => {
  const openCoChairs = async () =>
    (await api.call(callers.secretariat, doc.CoChairsDocument)).data?.coChairs.map((term) => term.member.country);

  /** Splits parallel answers into winners and the codes of the losers. */
  function outcome<T>(responses: GraphqlResponse<T>[]) {
    const winners = responses.filter((response) => !response.errors);
    const losers = responses.filter((response) => response.errors).flatMap(codes);
    return { winners, losers };
  }

  it('lets exactly one of several rotations naming the same outgoing country win, never opening a third term', async () => {
    const incoming = ['AU', 'TH', 'ID', 'MY', 'PH', 'JP', 'KR', 'LK'];
    const responses = await Promise.all(
      incoming.map((country) =>
        api.call(callers.secretariat, doc.RotateCoChairsDocument, {
          input: { outgoing: ['NZ'], incoming: [country], effectiveOn: '2026-07-01' },
        }),
      ),
    );
    const { winners, losers } = outcome(responses);
    expect(winners).toHaveLength(1);
    expect(losers).toEqual(Array(incoming.length - 1).fill('CONFLICT'));
    const winner = winners[0]?.data?.rotateCoChairs[1]?.member.country;
    expect(await openCoChairs()).toEqual(['VN', winner]);
    const history = (await api.call(callers.secretariat, doc.CoChairHistoryDocument)).data?.coChairHistory;
    expect(history).toHaveLength(3);
    const events = await auditEvents(api.endpoint, api.tableNames);
    expect(events).toHaveLength(1);
    expect(events[0]?.summary).toBe(`out: NZ; in: ${winner} on 2026-07-01`);
  });

  it('lets exactly one of two rotations filling the last seat win', async () => {
    await api.call(callers.secretariat, doc.RotateCoChairsDocument, {
      input: { outgoing: ['NZ'], incoming: [], effectiveOn: '2026-07-01' },
    });
    const responses = await Promise.all(
      ['AU', 'TH', 'ID'].map((country) =>
        api.call(callers.secretariat, doc.RotateCoChairsDocument, {
          input: { outgoing: [], incoming: [country], effectiveOn: '2026-08-01' },
        }),
      ),
    );
    const { winners, losers } = outcome(responses);
    expect(winners).toHaveLength(1);
    // A loser that read the state before the winner wrote loses the race (CONFLICT); one that read
    // it after sees two open terms already, and a third is refused as input (BAD_USER_INPUT).
    expect(losers.every((code) => code === 'CONFLICT' || code === 'BAD_USER_INPUT')).toBe(true);
    expect(await openCoChairs()).toHaveLength(2);
  });

  it('lets exactly one of several updates with the same expectedRevision win, and records only it', async () => {
    const names = Array.from({ length: 8 }, (_, index) => `Thailand ${index}`);
    const responses = await Promise.all(
      names.map((name) =>
        api.call(callers.secretariat, doc.UpdateMemberDocument, {
          input: { country: 'TH', expectedRevision: 1, name },
        }),
      ),
    );
    const { winners, losers } = outcome(responses);
    expect(winners).toHaveLength(1);
    expect(losers).toEqual(Array(names.length - 1).fill('CONFLICT'));
    const winnerName = winners[0]?.data?.updateMember.name;
    expect(names).toContain(winnerName);
    const stored = (await api.call(callers.secretariat, doc.MemberDocument, { country: 'TH' })).data?.member;
    expect(stored).toMatchObject({ name: winnerName, revision: 2 });
    expect(await auditEvents(api.endpoint, api.tableNames)).toHaveLength(1);
  });

  it('adds a country only once when several add it at the same time', async () => {
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        api.call(callers.secretariat, doc.AddMemberDocument, { input: validInputs.addMember }),
      ),
    );
    const { winners, losers } = outcome(responses);
    expect(winners).toHaveLength(1);
    expect(losers).toEqual(Array(4).fill('CONFLICT'));
    const group = (await api.call(callers.secretariat, doc.WorkingGroupDocument)).data?.workingGroup;
    expect(group).toMatchObject({ memberCount: 17 });
  });

  it('never leaves a co-chair that is not ACTIVE when a suspension races a rotation bringing it in', async () => {
    for (const [round, country] of ['AU', 'TH', 'ID'].entries()) {
      const effectiveOn = `2026-0${round + 3}-01`;
      const outgoing = (await openCoChairs())?.[0];
      expect(outgoing).toBeDefined();
      const [suspension, rotation] = await Promise.all([
        api.call(callers.secretariat, doc.SetMemberStatusDocument, {
          input: { country, expectedRevision: 1, status: 'SUSPENDED', reason: 'race' },
        }),
        api.call(callers.secretariat, doc.RotateCoChairsDocument, {
          input: { outgoing: outgoing ? [outgoing] : [], incoming: [country], effectiveOn },
        }),
      ]);
      const suspended = !suspension.errors;
      const rotatedIn = !rotation.errors;
      expect(suspended && rotatedIn).toBe(false);
      const member = (await api.call(callers.secretariat, doc.MemberDocument, { country })).data?.member;
      expect(member).toBeTruthy();
      expect(member?.isCoChair && member.status !== 'ACTIVE').toBe(false);
    }
  });
});
