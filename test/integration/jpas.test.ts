import { beforeEach, describe, expect, it } from 'vitest';
import {
  callers,
  codes,
  createTestApi,
  type CallAs,
  type GraphqlResponse,
  type Identity,
  type TestApi,
} from '../support/api.ts';
import * as doc from '../../schema/generated/documents.ts';
import { auditEvents } from '../support/tables.ts';

let api: TestApi;
beforeEach(async () => {
  api = await createTestApi();
});

const asSecretariat: CallAs = (document, ...variables) => api.call(callers.secretariat, document, ...variables);
const events = () => auditEvents(api.endpoint, api.tableNames);
const jpa = async (number: number) => (await asSecretariat(doc.JpaDocument, { number })).data?.jpa;
const newJpa: doc.CreateJpaInput = {
  number: 9,
  title: 'Joint Period of Action 9',
  startsOn: '2027-08-01',
  endsOn: '2028-07-31',
  participants: ['NZ', 'VN'],
};
type Caller = keyof typeof callers;

describe('JPA permissions', () => {
  const table: [string, (caller: Identity) => Promise<GraphqlResponse<unknown>>, Record<Caller, 'yes' | 'no'>][] = [
    [
      'createJpa',
      (caller) => api.call(caller, doc.CreateJpaDocument, { input: newJpa }),
      { secretariat: 'yes', coChair: 'yes', official: 'no', observer: 'no', stranger: 'no' },
    ],
    [
      'updateJpa',
      (caller) =>
        api.call(caller, doc.UpdateJpaDocument, { input: { number: 8, expectedRevision: 2, title: 'JPA 8' } }),
      { secretariat: 'yes', coChair: 'yes', official: 'no', observer: 'no', stranger: 'no' },
    ],
    [
      'concludeJpa',
      (caller) => api.call(caller, doc.ConcludeJpaDocument, { input: { number: 8, expectedRevision: 2 } }),
      { secretariat: 'yes', coChair: 'yes', official: 'no', observer: 'no', stranger: 'no' },
    ],
  ];
  for (const [action, request, row] of table) {
    for (const [caller, allowed] of Object.entries(row) as [Caller, 'yes' | 'no'][]) {
      it(`${allowed === 'yes' ? 'lets' : 'forbids'} the ${caller} ${action}`, async () => {
        const response = await request(callers[caller]);
        if (allowed === 'yes') expect(response.errors).toBeUndefined();
        else expect(codes(response)).toEqual(['FORBIDDEN']);
        expect(await events()).toHaveLength(allowed === 'yes' ? 1 : 0);
      });
    }
  }

  it('lets officials and co-chairs join with their own country, and no one else', async () => {
    await asSecretariat(doc.CreateJpaDocument, { input: { ...newJpa, participants: [] } });
    const join = (caller: Identity) => api.call(caller, doc.JoinJpaDocument, { input: { number: 9 } });
    expect((await join(callers.coChair)).data?.joinJpa).toMatchObject({ participants: [{ country: 'NZ' }] });
    expect((await join(callers.official)).data?.joinJpa).toMatchObject({
      participants: [{ country: 'NZ' }, { country: 'TH' }],
    });
    expect(codes(await join(callers.secretariat))).toEqual(['FORBIDDEN']);
    expect(codes(await join(callers.observer))).toEqual(['FORBIDDEN']);
    expect(codes(await join(callers.stranger))).toEqual(['FORBIDDEN']);
  });
});

describe('createJpa', () => {
  it('creates a PLANNED JPA with zero totals and records it', async () => {
    const response = await asSecretariat(doc.CreateJpaDocument, { input: newJpa });
    expect(response.data?.createJpa).toEqual({
      __typename: 'Jpa',
      id: 'jpa/9',
      number: 9,
      title: newJpa.title,
      startsOn: newJpa.startsOn,
      endsOn: newJpa.endsOn,
      status: 'PLANNED',
      revision: 1,
      participants: [
        { __typename: 'Member', id: 'member/NZ', country: 'NZ', name: 'New Zealand' },
        { __typename: 'Member', id: 'member/VN', country: 'VN', name: 'Viet Nam' },
      ],
      conference: null,
      outcomes: {
        __typename: 'OutcomeTotals',
        operations: 0,
        arrests: 0,
        prosecutions: 0,
        victimsIdentified: 0,
        networksDisrupted: 0,
      },
    });
    expect(await jpa(9)).toMatchObject({ outcomes: { operations: 0, arrests: 0 }, operations: { edges: [] } });
    expect(await events()).toMatchObject([{ action: 'createJpa', entity: 'jpa/9', actor: 'secretariat-1' }]);
  });

  const refusals: [string, Partial<doc.CreateJpaInput>, string][] = [
    ['a number that is taken', { number: 7 }, 'CONFLICT'],
    ['an end not after the start', { endsOn: '2027-08-01' }, 'BAD_USER_INPUT'],
    ['a participant that is no member', { participants: ['FJ'] }, 'BAD_USER_INPUT'],
    ['a participant named twice', { participants: ['NZ', 'NZ'] }, 'BAD_USER_INPUT'],
    ['a blank title', { title: ' ' }, 'BAD_USER_INPUT'],
    ['a number out of range', { number: 0 }, 'BAD_USER_INPUT'],
    ['an impossible date', { startsOn: '2027-02-30' }, 'BAD_USER_INPUT'],
  ];
  for (const [what, change, code] of refusals) {
    it(`refuses ${what} with ${code} and writes nothing`, async () => {
      const response = await asSecretariat(doc.CreateJpaDocument, { input: { ...newJpa, ...change } });
      expect(codes(response)).toEqual([code]);
      expect(await events()).toHaveLength(0);
      if (code !== 'CONFLICT') expect(await jpa(Number(change.number ?? 9))).toBeNull();
    });
  }

  it('refuses a participant that is SUSPENDED', async () => {
    await asSecretariat(doc.SetMemberStatusDocument, {
      input: { country: 'LA', expectedRevision: 1, status: 'SUSPENDED', reason: 'x' },
    });
    expect(codes(await asSecretariat(doc.CreateJpaDocument, { input: { ...newJpa, participants: ['LA'] } }))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });

  it('creates a number only once when created twice at the same time', async () => {
    const responses = await Promise.all([1, 2, 3].map(() => asSecretariat(doc.CreateJpaDocument, { input: newJpa })));
    expect(responses.filter((response) => !response.errors)).toHaveLength(1);
    expect(responses.flatMap(codes)).toEqual(['CONFLICT', 'CONFLICT']);
  });
});

describe('the one ACTIVE JPA', () => {
  it('is the current JPA of the working group', async () => {
    expect((await asSecretariat(doc.WorkingGroupDocument)).data?.workingGroup.currentJpa).toMatchObject({
      number: 8,
      status: 'ACTIVE',
    });
  });

  it('refuses a second ACTIVE JPA, and allows it once the first is concluded', async () => {
    await asSecretariat(doc.CreateJpaDocument, { input: newJpa });
    const second = await asSecretariat(doc.UpdateJpaDocument, {
      input: { number: 9, expectedRevision: 1, status: 'ACTIVE' },
    });
    expect(codes(second)).toEqual(['CONFLICT']);
    await asSecretariat(doc.ConcludeJpaDocument, { input: { number: 8, expectedRevision: 2 } });
    expect((await asSecretariat(doc.WorkingGroupDocument)).data?.workingGroup).toMatchObject({ currentJpa: null });
    const now = await asSecretariat(doc.UpdateJpaDocument, {
      input: { number: 9, expectedRevision: 1, status: 'ACTIVE' },
    });
    expect(now.data?.updateJpa).toMatchObject({ status: 'ACTIVE', revision: 2 });
    expect((await asSecretariat(doc.WorkingGroupDocument)).data?.workingGroup.currentJpa).toMatchObject({
      number: 9,
      status: 'ACTIVE',
    });
  });

  it('lets exactly one of two JPAs made ACTIVE at the same time win', async () => {
    await asSecretariat(doc.ConcludeJpaDocument, { input: { number: 8, expectedRevision: 2 } });
    await asSecretariat(doc.CreateJpaDocument, { input: newJpa });
    await asSecretariat(doc.CreateJpaDocument, { input: { ...newJpa, number: 10 } });
    const responses = await Promise.all(
      [9, 10].map((number) =>
        asSecretariat(doc.UpdateJpaDocument, { input: { number, expectedRevision: 1, status: 'ACTIVE' } }),
      ),
    );
    expect(responses.filter((response) => !response.errors)).toHaveLength(1);
    expect(responses.flatMap(codes)).toEqual(['CONFLICT']);
    const active = await asSecretariat(doc.JpasDocument, { status: 'ACTIVE' });
    expect(active.data?.jpas).toHaveLength(1);
  });
});

describe('updateJpa and concludeJpa', () => {
  it('lists JPAs newest first, and by status', async () => {
    const all = (await asSecretariat(doc.JpasDocument)).data?.jpas;
    expect(all?.map((item) => item.number)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    expect(all?.find((item) => item.number === 5)?.participants).toHaveLength(11);
    const concluded = (await asSecretariat(doc.JpasDocument, { status: 'CONCLUDED' })).data?.jpas;
    expect(concluded?.map((item) => item.number)).toEqual([7, 6, 5, 4, 3, 2, 1]);
  });

  it('concludes with a conference, once', async () => {
    const conference = {
      city: 'Wellington',
      country: 'NZ',
      startsOn: '2027-07-20',
      endsOn: '2027-07-22',
      theme: 'Illustrative',
      recommendations: ['One', 'Two'],
    };
    const response = await api.call(callers.coChair, doc.ConcludeJpaDocument, {
      input: { number: 8, expectedRevision: 2, conference },
    });
    expect(response.data?.concludeJpa).toMatchObject({ number: 8, status: 'CONCLUDED', revision: 3, conference });
    const again = await api.call(callers.coChair, doc.ConcludeJpaDocument, {
      input: { number: 8, expectedRevision: 3 },
    });
    expect(codes(again)).toEqual(['CONFLICT']);
    const reopen = await asSecretariat(doc.UpdateJpaDocument, {
      input: { number: 8, expectedRevision: 3, status: 'ACTIVE' },
    });
    expect(codes(reopen)).toEqual(['CONFLICT']);
  });

  it('takes no new operations or participants once concluded', async () => {
    await asSecretariat(doc.ConcludeJpaDocument, { input: { number: 8, expectedRevision: 2 } });
    const join = await api.call({ sub: 'jp', country: 'JP' }, doc.JoinJpaDocument, { input: { number: 8 } });
    expect(codes(join)).toEqual(['CONFLICT']);
    const create = await api.call({ sub: 'au', country: 'AU' }, doc.CreateOperationDocument, {
      input: { jpaNumber: 8, codeName: 'Late', crimeTypes: ['PEOPLE_SMUGGLING'], startsOn: '2027-01-01' },
    });
    expect(codes(create)).toEqual(['CONFLICT']);
  });

  it('refuses stale revisions, a conference ending before it starts, unknown JPAs and empty updates', async () => {
    expect(
      codes(await asSecretariat(doc.UpdateJpaDocument, { input: { number: 8, expectedRevision: 1, title: 'x' } })),
    ).toEqual(['CONFLICT']);
    const conference = { city: 'Ha Noi', country: 'VN', startsOn: '2027-07-22', endsOn: '2027-07-20' };
    expect(
      codes(await asSecretariat(doc.ConcludeJpaDocument, { input: { number: 8, expectedRevision: 2, conference } })),
    ).toEqual(['BAD_USER_INPUT']);
    expect(
      codes(await asSecretariat(doc.UpdateJpaDocument, { input: { number: 99, expectedRevision: 1, title: 'x' } })),
    ).toEqual(['NOT_FOUND']);
    expect(codes(await asSecretariat(doc.UpdateJpaDocument, { input: { number: 8, expectedRevision: 2 } }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(
      codes(
        await asSecretariat(doc.UpdateJpaDocument, { input: { number: 8, expectedRevision: 2, endsOn: '2026-07-31' } }),
      ),
    ).toEqual(['BAD_USER_INPUT']);
    expect(await events()).toHaveLength(0);
  });

  it('answers the seventh JPA as the group describes it', async () => {
    expect(await jpa(7)).toMatchObject({
      status: 'CONCLUDED',
      conference: { city: 'Ha Noi', country: 'VN', theme: 'Review, Reflect and Reset' },
    });
  });
});

describe('joinJpa', () => {
  it('answers a country already taking part with the JPA unchanged, recording nothing', async () => {
    const before = await jpa(8);
    const response = await api.call(callers.coChair, doc.JoinJpaDocument, { input: { number: 8 } });
    expect(response.data?.joinJpa).toMatchObject({ number: 8, revision: before?.revision });
    expect(await events()).toHaveLength(0);
  });

  it('adds the country, bumps the revision, and lets concurrent joins of different countries all land', async () => {
    const joiners = ['JP', 'KR', 'LK', 'PK', 'BD', 'US'];
    const responses = await Promise.all(
      joiners.map((country) => api.call({ sub: country, country }, doc.JoinJpaDocument, { input: { number: 8 } })),
    );
    expect(responses.flatMap(codes)).toEqual([]);
    const after = await jpa(8);
    expect(after?.revision).toBe(2 + joiners.length);
    expect(after?.participants.map((member) => member.country)).toEqual(expect.arrayContaining(joiners));
    expect(await events()).toHaveLength(joiners.length);
  });

  it('answers NOT_FOUND for a JPA that does not exist', async () => {
    expect(codes(await api.call(callers.official, doc.JoinJpaDocument, { input: { number: 42 } }))).toEqual([
      'NOT_FOUND',
    ]);
  });
});
