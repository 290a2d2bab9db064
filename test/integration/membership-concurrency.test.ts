import { beforeEach, describe, expect, it } from 'vitest';
import { callers, codes, createTestApi, type GraphqlResponse, type TestApi } from '../support/api.ts';
import * as doc from '../support/documents.ts';
import { auditEvents } from '../support/tables.ts';

let api: TestApi;
beforeEach(async () => {
  api = await createTestApi();
});

const asSecretariat = (query: string, variables?: Record<string, unknown>) => api.call(callers.secretariat, query, variables);
const openCoChairs = async () =>
  ((await asSecretariat(doc.coChairsQuery)).data?.coChairs as { member: { country: string } }[]).map((term) => term.member.country);

/** Splits parallel answers into winners and the codes of the losers. */
function outcome(responses: GraphqlResponse[]) {
  const winners = responses.filter((response) => !response.errors);
  const losers = responses.filter((response) => response.errors).flatMap(codes);
  return { winners, losers };
}

describe('concurrent writers', () => {
  it('lets exactly one of several rotations naming the same outgoing country win, never opening a third term', async () => {
    const incoming = ['AU', 'TH', 'ID', 'MY', 'PH', 'JP', 'KR', 'LK'];
    const responses = await Promise.all(
      incoming.map((country) =>
        asSecretariat(doc.rotateCoChairsMutation, { input: { outgoing: ['NZ'], incoming: [country], effectiveOn: '2026-07-01' } }),
      ),
    );
    const { winners, losers } = outcome(responses);
    expect(winners).toHaveLength(1);
    expect(losers).toEqual(Array(incoming.length - 1).fill('CONFLICT'));
    const winner = (winners[0]?.data?.rotateCoChairs as { member: { country: string } }[])[1]?.member.country;
    expect(await openCoChairs()).toEqual(['VN', winner]);
    const history = (await asSecretariat(doc.coChairHistoryQuery)).data?.coChairHistory as unknown[];
    expect(history).toHaveLength(3);
    const events = await auditEvents(api.endpoint, api.tableNames);
    expect(events).toHaveLength(1);
    expect(events[0]?.summary).toBe(`out: NZ; in: ${winner} on 2026-07-01`);
  });

  it('lets exactly one of two rotations filling the last seat win', async () => {
    await asSecretariat(doc.rotateCoChairsMutation, { input: { outgoing: ['NZ'], incoming: [], effectiveOn: '2026-07-01' } });
    const responses = await Promise.all(
      ['AU', 'TH', 'ID'].map((country) =>
        asSecretariat(doc.rotateCoChairsMutation, { input: { outgoing: [], incoming: [country], effectiveOn: '2026-08-01' } }),
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
      names.map((name) => asSecretariat(doc.updateMemberMutation, { input: { country: 'TH', expectedRevision: 1, name } })),
    );
    const { winners, losers } = outcome(responses);
    expect(winners).toHaveLength(1);
    expect(losers).toEqual(Array(names.length - 1).fill('CONFLICT'));
    const winnerName = (winners[0]?.data?.updateMember as { name: string }).name;
    const stored = (await asSecretariat(doc.memberQuery, { country: 'TH' })).data?.member;
    expect(stored).toMatchObject({ name: winnerName, revision: 2 });
    expect(await auditEvents(api.endpoint, api.tableNames)).toHaveLength(1);
  });

  it('adds a country only once when several add it at the same time', async () => {
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => asSecretariat(doc.addMemberMutation, { input: doc.validInputs.addMember })),
    );
    const { winners, losers } = outcome(responses);
    expect(winners).toHaveLength(1);
    expect(losers).toEqual(Array(4).fill('CONFLICT'));
    const group = (await asSecretariat(doc.workingGroupQuery)).data?.workingGroup;
    expect(group).toMatchObject({ memberCount: 17 });
  });

  it('never leaves a co-chair that is not ACTIVE when a suspension races a rotation bringing it in', async () => {
    for (const [round, country] of ['AU', 'TH', 'ID'].entries()) {
      const effectiveOn = `2026-0${round + 3}-01`;
      const [suspension, rotation] = await Promise.all([
        asSecretariat(doc.setMemberStatusMutation, { input: { country, expectedRevision: 1, status: 'SUSPENDED', reason: 'race' } }),
        asSecretariat(doc.rotateCoChairsMutation, { input: { outgoing: [(await openCoChairs())[0]], incoming: [country], effectiveOn } }),
      ]);
      const suspended = !suspension.errors;
      const rotatedIn = !rotation.errors;
      expect(suspended && rotatedIn).toBe(false);
      const member = (await asSecretariat(doc.memberQuery, { country })).data?.member as { status: string; isCoChair: boolean };
      expect(member.isCoChair && member.status !== 'ACTIVE').toBe(false);
    }
  });
});
