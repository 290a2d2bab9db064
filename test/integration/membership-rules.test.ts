import { beforeEach, describe, expect, it } from 'vitest';
import { callers, codes, createTestApi, type CallAs, type GraphqlResponse, type TestApi } from '../support/api.ts';
import * as doc from '../../schema/generated/documents.ts';
import { validInputs } from '../support/samples.ts';
import { auditEvents } from '../support/tables.ts';

let api: TestApi;
beforeEach(async () => {
  api = await createTestApi();
});

const asSecretariat: CallAs = (document, ...variables) => api.call(callers.secretariat, document, ...variables);
const events = () => auditEvents(api.endpoint, api.tableNames);
const member = async (country: string) => (await asSecretariat(doc.MemberDocument, { country })).data?.member;
const memberCount = async () => (await asSecretariat(doc.WorkingGroupDocument)).data?.workingGroup.memberCount;
const openCoChairs = async () =>
  (await asSecretariat(doc.CoChairsDocument)).data?.coChairs.map((term) => term.member.country);

/** Asserts the refusal, and that it changed nothing and recorded nothing. */
async function expectRefused(
  response: GraphqlResponse<unknown>,
  code: string,
  unchanged: () => Promise<unknown>,
  before: unknown,
) {
  expect(codes(response)).toEqual([code]);
  expect(response.data ?? null).toBeNull();
  expect(await unchanged()).toEqual(before);
  expect(await events()).toHaveLength(0);
}

describe('members', () => {
  it('lists members by country code ascending, and only those with a status when asked', async () => {
    await asSecretariat(doc.AddMemberDocument, {
      input: { ...validInputs.addMember, country: 'AE', name: 'United Arab Emirates' },
    });
    await asSecretariat(doc.SetMemberStatusDocument, {
      input: { country: 'LA', expectedRevision: 1, status: 'SUSPENDED', reason: 'x' },
    });
    const all = (await asSecretariat(doc.MembersDocument)).data?.members.map((member) => member.country) ?? [];
    expect(all).toEqual([...all].sort());
    expect(all[0]).toBe('AE');
    expect(all).toHaveLength(17);
    const suspended = (await asSecretariat(doc.MembersDocument, { status: 'SUSPENDED' })).data?.members;
    expect(suspended).toEqual([
      expect.objectContaining({
        country: 'LA',
        status: 'SUSPENDED',
        focalPoint: expect.objectContaining({ email: 'focal-point.la@example.org' }),
      }),
    ]);
    const active = (await asSecretariat(doc.MembersDocument, { status: 'ACTIVE' })).data?.members;
    expect(active).toHaveLength(16);
  });
});

describe('addMember', () => {
  it('adds an ACTIVE member at revision 1, counts it, and records who did it', async () => {
    const response = await asSecretariat(doc.AddMemberDocument, { input: validInputs.addMember });
    expect(response.data?.addMember).toMatchObject({ country: 'FJ', status: 'ACTIVE', revision: 1, isCoChair: false });
    expect(await member('FJ')).toMatchObject({ country: 'FJ', coChairTerms: [] });
    expect(await memberCount()).toBe(17);
    const [event] = await events();
    expect(event).toMatchObject({
      action: 'addMember',
      entity: 'member/FJ',
      actor: 'secretariat-1',
      summary: 'added Fiji',
    });
    expect(event?.actorCountry).toBeNull();
  });

  it('refuses a country that is already a member, whatever its status', async () => {
    const before = await member('VN');
    await expectRefused(
      await asSecretariat(doc.AddMemberDocument, { input: { ...validInputs.addMember, country: 'VN' } }),
      'CONFLICT',
      () => member('VN'),
      before,
    );
    await asSecretariat(doc.SetMemberStatusDocument, {
      input: { country: 'LA', expectedRevision: 1, status: 'WITHDRAWN', reason: 'left' },
    });
    const again = await asSecretariat(doc.AddMemberDocument, { input: { ...validInputs.addMember, country: 'LA' } });
    expect(codes(again)).toEqual(['CONFLICT']);
  });

  // Some of these no AddMemberInput can hold (an agency kind the enum lacks): sent unchecked.
  const badInputs: [string, Record<string, unknown>][] = [
    ['an unassigned country code', { country: 'ZZ' }],
    ['a lower-case country code', { country: 'fj' }],
    ['an impossible date', { joinedOn: '2024-02-30' }],
    ['a date in another format', { joinedOn: '01/11/2026' }],
    ['a blank name', { name: '   ' }],
    ['a name over 200 characters', { name: 'x'.repeat(201) }],
    ['a name with control characters', { name: 'Fiji\u0000' }],
    ['a blank agency name', { agencies: [{ name: '', kind: 'POLICE' }] }],
    ['an unknown agency kind', { agencies: [{ name: 'Navy', kind: 'NAVY' }] }],
    ['a focal point without a valid e-mail', { focalPoint: { name: 'A', email: 'not-an-address' } }],
    [
      'a focal point with letters in the phone',
      { focalPoint: { name: 'A', email: 'a@example.org', phone: 'call me' } },
    ],
  ];
  for (const [what, change] of badInputs) {
    it(`refuses ${what} with BAD_USER_INPUT and adds nothing`, async () => {
      const response = await api.callUnchecked(callers.secretariat, doc.AddMemberDocument, {
        input: { ...validInputs.addMember, ...change },
      });
      await expectRefused(response, 'BAD_USER_INPUT', () => memberCount(), 16);
    });
  }

  it('accepts exactly 200 characters and counts characters, not bytes', async () => {
    const response = await asSecretariat(doc.AddMemberDocument, {
      input: { ...validInputs.addMember, name: '🌏'.repeat(200) },
    });
    expect(response.errors).toBeUndefined();
  });

  it('answers FORBIDDEN before looking at the input of a caller whose role may never add', async () => {
    const response = await api.call(callers.observer, doc.AddMemberDocument, {
      input: { ...validInputs.addMember, name: ' ' },
    });
    expect(codes(response)).toEqual(['FORBIDDEN']);
  });
});

describe('updateMember', () => {
  it('changes the named fields, bumps the revision by one each time, and keeps the rest', async () => {
    const first = await api.call(callers.official, doc.UpdateMemberDocument, {
      input: {
        country: 'TH',
        expectedRevision: 1,
        focalPoint: { name: 'Somchai', email: 'somchai@example.org', phone: '+66 2 000 0000' },
      },
    });
    expect(first.data?.updateMember).toMatchObject({ revision: 2, name: 'Thailand', focalPoint: { name: 'Somchai' } });
    const second = await api.call(callers.official, doc.UpdateMemberDocument, {
      input: { country: 'TH', expectedRevision: 2, agencies: [{ name: 'Royal Thai Police', kind: 'POLICE' }] },
    });
    expect(second.data?.updateMember).toMatchObject({
      revision: 3,
      agencies: [{ name: 'Royal Thai Police', kind: 'POLICE' }],
      focalPoint: { name: 'Somchai' },
    });
    const recorded = await events();
    expect(recorded.map((event) => event.summary)).toEqual(['updated agencies', 'updated focalPoint']);
    expect(JSON.stringify(recorded)).not.toContain('somchai@example.org');
    expect(recorded[0]).toMatchObject({ actor: 'th-official', actorCountry: 'TH', entity: 'member/TH' });
  });

  it('refuses a stale expectedRevision with CONFLICT and changes nothing', async () => {
    await asSecretariat(doc.UpdateMemberDocument, { input: validInputs.updateMember('TH') });
    const before = await member('TH');
    const stale = await asSecretariat(doc.UpdateMemberDocument, {
      input: { country: 'TH', expectedRevision: 1, name: 'Siam' },
    });
    expect(codes(stale)).toEqual(['CONFLICT']);
    expect(await member('TH')).toEqual(before);
    expect(await events()).toHaveLength(1);
  });

  it('answers NOT_FOUND for a country that is no member, before telling an official it is not theirs', async () => {
    const before = await member('TH');
    await expectRefused(
      await api.call(callers.official, doc.UpdateMemberDocument, {
        input: { country: 'FJ', expectedRevision: 1, name: 'Fiji' },
      }),
      'NOT_FOUND',
      () => member('TH'),
      before,
    );
  });

  it('answers BAD_USER_INPUT before NOT_FOUND, and for an update that names no field', async () => {
    const blank = await asSecretariat(doc.UpdateMemberDocument, {
      input: { country: 'FJ', expectedRevision: 1, name: '' },
    });
    expect(codes(blank)).toEqual(['BAD_USER_INPUT']);
    const empty = await asSecretariat(doc.UpdateMemberDocument, { input: { country: 'TH', expectedRevision: 1 } });
    expect(codes(empty)).toEqual(['BAD_USER_INPUT']);
    const zero = await asSecretariat(doc.UpdateMemberDocument, {
      input: { country: 'TH', expectedRevision: 0, name: 'x' },
    });
    expect(codes(zero)).toEqual(['BAD_USER_INPUT']);
    expect(await events()).toHaveLength(0);
  });

  it('answers FORBIDDEN on another country before CONFLICT on a stale revision', async () => {
    const response = await api.call(callers.official, doc.UpdateMemberDocument, {
      input: { country: 'NZ', expectedRevision: 9, name: 'x' },
    });
    expect(codes(response)).toEqual(['FORBIDDEN']);
  });
});

describe('setMemberStatus', () => {
  it('suspends and reinstates a member, moving the member count and the revision', async () => {
    const suspended = await asSecretariat(doc.SetMemberStatusDocument, { input: validInputs.setMemberStatus });
    expect(suspended.data?.setMemberStatus).toMatchObject({ status: 'SUSPENDED', revision: 2 });
    expect(await memberCount()).toBe(15);
    const reinstated = await asSecretariat(doc.SetMemberStatusDocument, {
      input: { country: 'LA', expectedRevision: 2, status: 'ACTIVE', reason: 'illustrative reinstatement' },
    });
    expect(reinstated.data?.setMemberStatus).toMatchObject({ status: 'ACTIVE', revision: 3 });
    expect(await memberCount()).toBe(16);
    expect((await events()).map((event) => event.summary)).toEqual([
      'SUSPENDED → ACTIVE: illustrative reinstatement',
      'ACTIVE → SUSPENDED: illustrative suspension',
    ]);
  });

  it('refuses to let a co-chair leave ACTIVE: it must be rotated out first', async () => {
    const before = await member('NZ');
    await expectRefused(
      await asSecretariat(doc.SetMemberStatusDocument, {
        input: { country: 'NZ', expectedRevision: 1, status: 'SUSPENDED', reason: 'x' },
      }),
      'CONFLICT',
      () => member('NZ'),
      before,
    );
  });

  it('refuses the status a member already has, a stale revision, and a member that does not exist', async () => {
    const same = await asSecretariat(doc.SetMemberStatusDocument, {
      input: { ...validInputs.setMemberStatus, status: 'ACTIVE' },
    });
    expect(codes(same)).toEqual(['CONFLICT']);
    const stale = await asSecretariat(doc.SetMemberStatusDocument, {
      input: { ...validInputs.setMemberStatus, expectedRevision: 2 },
    });
    expect(codes(stale)).toEqual(['CONFLICT']);
    const missing = await asSecretariat(doc.SetMemberStatusDocument, {
      input: { ...validInputs.setMemberStatus, country: 'FJ' },
    });
    expect(codes(missing)).toEqual(['NOT_FOUND']);
    const blank = await asSecretariat(doc.SetMemberStatusDocument, {
      input: { ...validInputs.setMemberStatus, reason: '\n' },
    });
    expect(codes(blank)).toEqual(['BAD_USER_INPUT']);
    const long = await asSecretariat(doc.SetMemberStatusDocument, {
      input: { ...validInputs.setMemberStatus, reason: 'x'.repeat(2001) },
    });
    expect(codes(long)).toEqual(['BAD_USER_INPUT']);
    expect(await events()).toHaveLength(0);
    expect(await memberCount()).toBe(16);
  });
});

describe('rotateCoChairs', () => {
  const rotate = (input: doc.RotateCoChairsInput) => asSecretariat(doc.RotateCoChairsDocument, { input });
  const history = async () => (await asSecretariat(doc.CoChairHistoryDocument)).data?.coChairHistory;

  it('closes the outgoing term and opens the incoming one on effectiveOn, in the history newest first', async () => {
    const response = await rotate({ outgoing: ['NZ'], incoming: ['AU'], effectiveOn: '2026-07-01' });
    expect(response.data?.rotateCoChairs).toEqual([
      {
        __typename: 'CoChairTerm',
        id: 'cochairterm/VN/2022-07-01',
        startsOn: '2022-07-01',
        endsOn: null,
        member: { __typename: 'Member', id: 'member/VN', country: 'VN', name: 'Viet Nam' },
      },
      {
        __typename: 'CoChairTerm',
        id: 'cochairterm/AU/2026-07-01',
        startsOn: '2026-07-01',
        endsOn: null,
        member: { __typename: 'Member', id: 'member/AU', country: 'AU', name: 'Australia' },
      },
    ]);
    expect(await member('VN')).toMatchObject({ isCoChair: true });
    expect(await member('AU')).toMatchObject({
      isCoChair: true,
      coChairTerms: [{ startsOn: '2026-07-01', endsOn: null }],
    });
    expect(await history()).toEqual([
      {
        __typename: 'CoChairTerm',
        id: 'cochairterm/AU/2026-07-01',
        startsOn: '2026-07-01',
        endsOn: null,
        member: { __typename: 'Member', id: 'member/AU', country: 'AU', name: 'Australia' },
      },
      {
        __typename: 'CoChairTerm',
        id: 'cochairterm/VN/2022-07-01',
        startsOn: '2022-07-01',
        endsOn: null,
        member: { __typename: 'Member', id: 'member/VN', country: 'VN', name: 'Viet Nam' },
      },
      {
        __typename: 'CoChairTerm',
        id: 'cochairterm/NZ/2022-07-01',
        startsOn: '2022-07-01',
        endsOn: '2026-07-01',
        member: { __typename: 'Member', id: 'member/NZ', country: 'NZ', name: 'New Zealand' },
      },
    ]);
    expect(await member('NZ')).toMatchObject({
      isCoChair: false,
      coChairTerms: [{ startsOn: '2022-07-01', endsOn: '2026-07-01' }],
    });
    expect(await events()).toMatchObject([
      { action: 'rotateCoChairs', entity: 'cochairs', summary: 'out: NZ; in: AU on 2026-07-01' },
    ]);
  });

  it('takes outgoing and incoming in separate steps, and a country back for a second term', async () => {
    expect((await rotate({ outgoing: ['NZ'], incoming: [], effectiveOn: '2026-07-01' })).errors).toBeUndefined();
    expect(await openCoChairs()).toEqual(['VN']);
    expect((await rotate({ outgoing: [], incoming: ['NZ'], effectiveOn: '2026-07-01' })).errors).toBeUndefined();
    expect(await openCoChairs()).toEqual(['VN', 'NZ']);
    expect(await member('NZ')).toMatchObject({
      coChairTerms: [
        { startsOn: '2026-07-01', endsOn: null },
        { startsOn: '2022-07-01', endsOn: '2026-07-01' },
      ],
    });
  });

  it('lets effectiveOn equal the outgoing term start, not precede it', async () => {
    const before = await history();
    await expectRefused(
      await rotate({ outgoing: ['NZ'], incoming: ['AU'], effectiveOn: '2022-06-30' }),
      'BAD_USER_INPUT',
      history,
      before,
    );
    expect((await rotate({ outgoing: ['NZ'], incoming: ['AU'], effectiveOn: '2022-07-01' })).errors).toBeUndefined();
  });

  const refusals: [string, doc.RotateCoChairsInput, string][] = [
    [
      'an outgoing country without an open term',
      { outgoing: ['TH'], incoming: [], effectiveOn: '2026-07-01' },
      'CONFLICT',
    ],
    [
      'an incoming country that is already co-chair',
      { outgoing: ['NZ'], incoming: ['VN'], effectiveOn: '2026-07-01' },
      'CONFLICT',
    ],
    [
      'an incoming country that is no member',
      { outgoing: ['NZ'], incoming: ['FJ'], effectiveOn: '2026-07-01' },
      'BAD_USER_INPUT',
    ],
    ['a third open term', { outgoing: [], incoming: ['AU'], effectiveOn: '2026-07-01' }, 'BAD_USER_INPUT'],
    ['a rotation naming nobody', { outgoing: [], incoming: [], effectiveOn: '2026-07-01' }, 'BAD_USER_INPUT'],
    [
      'a country both outgoing and incoming',
      { outgoing: ['NZ'], incoming: ['NZ'], effectiveOn: '2026-07-01' },
      'BAD_USER_INPUT',
    ],
    ['a country named twice', { outgoing: ['NZ', 'NZ'], incoming: [], effectiveOn: '2026-07-01' }, 'BAD_USER_INPUT'],
    ['an impossible effectiveOn', { outgoing: ['NZ'], incoming: ['AU'], effectiveOn: '2026-02-29' }, 'BAD_USER_INPUT'],
    [
      'BAD_USER_INPUT before CONFLICT',
      { outgoing: ['TH'], incoming: ['FJ'], effectiveOn: '2026-07-01' },
      'BAD_USER_INPUT',
    ],
  ];
  for (const [what, input, code] of refusals) {
    it(`refuses ${what} with ${code} and changes nothing`, async () => {
      const before = await history();
      await expectRefused(await rotate(input), code, history, before);
    });
  }

  it('refuses an incoming country that is not ACTIVE', async () => {
    await asSecretariat(doc.SetMemberStatusDocument, {
      input: { country: 'AU', expectedRevision: 1, status: 'SUSPENDED', reason: 'x' },
    });
    const response = await rotate({ outgoing: ['NZ'], incoming: ['AU'], effectiveOn: '2026-07-01' });
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(await openCoChairs()).toEqual(['NZ', 'VN']);
  });
});

describe('requests that carry no identity or are no GraphQL', () => {
  it('answers UNAUTHENTICATED without claims', async () => {
    const response = await api.call(null, doc.ViewerDocument);
    expect(response.status).toBe(401);
    expect(codes(response)).toEqual(['UNAUTHENTICATED']);
  });

  it('answers UNAUTHENTICATED to a Cognito access token, even one that names the secretariat group', async () => {
    const response = await api.call({ ...callers.secretariat, tokenUse: 'access' }, doc.ViewerDocument);
    expect(response.status).toBe(401);
    expect(response.errors).toEqual([
      expect.objectContaining({
        message: 'the request must carry a Cognito ID token (token_use "id"), not an access token',
        extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }),
      }),
    ]);
  });

  it("grants nothing to a group whose name holds a comma and another group's name", async () => {
    const response = await api.call({ sub: 'x', groups: ['x,secretariat'] }, doc.ViewerDocument);
    expect(response.data).toMatchObject({ viewer: { roles: [] } });
  });

  it('answers UNAUTHENTICATED for a malformed country claim', async () => {
    const response = await api.call({ sub: 'x', country: 'Narnia' }, doc.ViewerDocument);
    expect(codes(response)).toEqual(['UNAUTHENTICATED']);
  });

  it('answers BAD_REQUEST for malformed JSON and for a body without a query', async () => {
    const malformed = await api.send(callers.secretariat, '{"query":');
    expect(malformed.statusCode).toBe(400);
    expect(JSON.parse(malformed.body ?? '')).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
    const noQuery = await api.send(callers.secretariat, '{"variables":{}}');
    expect(noQuery.statusCode).toBe(400);
    expect(JSON.parse(noQuery.body ?? '')).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('answers GRAPHQL_PARSE_FAILED and GRAPHQL_VALIDATION_FAILED without suggesting field names', async () => {
    const parse = await api.call(callers.secretariat, '{ viewer { ');
    expect(codes(parse)).toEqual(['GRAPHQL_PARSE_FAILED']);
    const validation = await api.call(callers.secretariat, '{ viewr { subject } }');
    expect(codes(validation)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(validation.raw).not.toMatch(/did you mean/i);
  });
});
