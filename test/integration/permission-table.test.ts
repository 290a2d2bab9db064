import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as doc from '../../schema/generated/documents.ts';
import { callers, codes, createTestApi, type GraphqlResponse, type Identity, type TestApi } from '../support/api.ts';
import { sampleOperationIds as ids, validInputs } from '../support/samples.ts';
import { auditEvents } from '../support/tables.ts';

/**
 * docs/api.md's "Who may do what", one row per line of its table, one cell per role, each cell run
 * through the Lambda handler against the sample data. A change of policy shows as a changed row.
 *
 *   yes      the call succeeds                      no    refused (or, for reads, nothing shown)
 *   own      succeeds on the caller's own country (or an operation it leads / takes part in),
 *            refused on another                     null  the field answers null
 *
 * A refused change writes nothing: no audit event, which every change has.
 * Callers: the secretariat; a co-chair official (NZ); an official (TH); an observer (group); and,
 * beyond docs/api.md's columns, a stranger: an official of a country that is no member, with no role.
 * After the table: what the membership reads hold for each caller, and role changes taking effect.
 */
type Cell = 'yes' | 'no' | 'own' | 'null';
type Column = 'secretariat' | 'coChair' | 'official' | 'observer' | 'stranger';
type Outcome = 'allowed' | 'refused';

const columns: Column[] = ['secretariat', 'coChair', 'official', 'observer', 'stranger'];

/** Runs the action as `caller` on its own target (`mine`) or someone else's, and says how it went. */
type Action = (api: TestApi, caller: Identity, mine: boolean) => Promise<Outcome | 'null'>;

/** The refusal of a change the caller may not make; NOT_FOUND where the target is hidden from the caller. */
const forbidden = /^FORBIDDEN$/;
const forbiddenOrHidden = /^(FORBIDDEN|NOT_FOUND)$/;

const allowedUnless = (response: GraphqlResponse<unknown>, refusal = forbidden): Outcome => {
  if (!response.errors) return 'allowed';
  expect(codes(response)).toEqual([expect.stringMatching(refusal)]);
  return 'refused';
};
const eventCount = async (api: TestApi) => (await auditEvents(api.endpoint, api.tableNames)).length;
/** A change, with its outcome checked against the audit trail: one event if allowed, none if refused. */
const changes = async (
  api: TestApi,
  send: () => Promise<GraphqlResponse<unknown>>,
  refusal = forbidden,
): Promise<Outcome> => {
  const before = await eventCount(api);
  const outcome = allowedUnless(await send(), refusal);
  expect(await eventCount(api)).toBe(before + (outcome === 'allowed' ? 1 : 0));
  return outcome;
};
const mutation =
  <R, I>(
    document: TypedDocumentNode<R, { input: I }>,
    input: (caller: Identity, mine: boolean) => I,
    refusal = forbidden,
  ): Action =>
  (api, caller, mine) =>
    changes(api, () => api.call(caller, document, { input: input(caller, mine) }), refusal);
/**
 * A call on a target that is not the caller's, where the input cannot even name one: refused as
 * BAD_USER_INPUT with no data, and nothing written (no audit event, which every change has).
 */
const refusedAsBadInput = async (api: TestApi, response: GraphqlResponse<unknown>): Promise<Outcome> => {
  if (!response.errors) return 'allowed';
  expect(codes(response)).toEqual(['BAD_USER_INPUT']);
  expect(response.data ?? null).toBeNull();
  const events = await auditEvents(api.endpoint, api.tableNames);
  expect(events.map((event) => event.action).filter((action) => action !== 'createJpa')).toEqual([]);
  return 'refused';
};
const found = (value: unknown): Outcome => (value === null || value === undefined ? 'refused' : 'allowed');
/** The operation a caller's own country takes part in (or leads), and one it has nothing to do with. */
const operationFor = (caller: Identity, mine: boolean) =>
  caller.country === 'NZ' ? (mine ? ids.openHarbour : ids.mekongLight) : mine ? ids.mekongLight : ids.coralTide;
const draft = (api: TestApi) =>
  api.call(callers.secretariat, doc.DraftTermsOfReferenceDocument, { input: { title: 'Draft', text: 'Text' } });
const jpa9 = { number: 9, title: 'JPA 9', startsOn: '2027-08-01', endsOn: '2028-07-31' };

const table: [row: string, cells: Record<Column, Cell>, action: Action][] = [
  [
    'read group, members, co-chairs, JPAs, JPA outcome totals, adopted ToR',
    { secretariat: 'yes', coChair: 'yes', official: 'yes', observer: 'yes', stranger: 'no' },
    async (api, caller) => {
      const reads = await Promise.all([
        api.call(caller, doc.WorkingGroupDocument),
        api.call(caller, doc.MembersDocument),
        api.call(caller, doc.CoChairsDocument),
        api.call(caller, doc.JpasDocument),
        api.call(caller, doc.TermsOfReferenceDocument),
      ]);
      const outcomes = reads.map((response) => allowedUnless(response));
      expect(new Set(outcomes).size).toBe(1);
      return outcomes[0]!;
    },
  ],
  [
    'read Member.focalPoint',
    { secretariat: 'yes', coChair: 'yes', official: 'yes', observer: 'null', stranger: 'no' },
    async (api, caller) => {
      const response = await api.call(caller, doc.MemberDocument, { country: 'VN' });
      if (allowedUnless(response) === 'refused') return 'refused';
      const member = response.data?.member;
      expect(member).toMatchObject({ country: 'VN' });
      return member?.focalPoint === null ? 'null' : 'allowed';
    },
  ],
  [
    'read ToR drafts',
    { secretariat: 'yes', coChair: 'yes', official: 'yes', observer: 'no', stranger: 'no' },
    async (api, caller) => {
      await draft(api);
      return found((await api.call(caller, doc.TermsOfReferenceDocument, { version: 3 })).data?.termsOfReference);
    },
  ],
  [
    'read operations with handling MEMBERS',
    { secretariat: 'yes', coChair: 'yes', official: 'yes', observer: 'no', stranger: 'no' },
    async (api, caller) =>
      found((await api.call(caller, doc.OperationDocument, { id: ids.openHarbour })).data?.operation),
  ],
  [
    'read operations with handling PARTICIPANTS',
    { secretariat: 'no', coChair: 'own', official: 'own', observer: 'no', stranger: 'no' },
    async (api, caller, mine) => {
      const id =
        caller.country === 'NZ' ? (mine ? ids.coralTide : ids.mekongLight) : mine ? ids.mekongLight : ids.coralTide;
      return found((await api.call(caller, doc.OperationDocument, { id })).data?.operation);
    },
  ],
  [
    'node/nodes: members, co-chair terms, JPAs, adopted ToR by global id',
    { secretariat: 'yes', coChair: 'yes', official: 'yes', observer: 'yes', stranger: 'no' },
    async (api, caller) => {
      const ids = ['member/VN', 'cochairterm/NZ/2022-07-01', 'jpa/8', 'tor/2'];
      const [one, many] = await Promise.all([
        api.call(caller, doc.NodeDocument, { id: 'member/VN' }),
        api.call(caller, doc.NodesDocument, { ids }),
      ]);
      const outcomes = [allowedUnless(one), allowedUnless(many)];
      expect(new Set(outcomes).size).toBe(1);
      if (outcomes[0] === 'allowed') expect(many.data?.nodes.map((node) => node?.id)).toEqual(ids);
      return outcomes[0]!;
    },
  ],
  [
    'node: ToR drafts',
    { secretariat: 'yes', coChair: 'yes', official: 'yes', observer: 'no', stranger: 'no' },
    async (api, caller) => {
      await draft(api);
      const response = await api.call(caller, doc.NodeDocument, { id: 'tor/3' });
      return allowedUnless(response) === 'refused' ? 'refused' : found(response.data?.node);
    },
  ],
  [
    'node: operations with handling MEMBERS',
    { secretariat: 'yes', coChair: 'yes', official: 'yes', observer: 'no', stranger: 'no' },
    async (api, caller) => {
      const response = await api.call(caller, doc.NodesDocument, { ids: [ids.openHarbour] });
      return allowedUnless(response) === 'refused' ? 'refused' : found(response.data?.nodes[0]);
    },
  ],
  [
    'node: operations with handling PARTICIPANTS',
    { secretariat: 'no', coChair: 'own', official: 'own', observer: 'no', stranger: 'no' },
    async (api, caller, mine) => {
      const id =
        caller.country === 'NZ' ? (mine ? ids.coralTide : ids.mekongLight) : mine ? ids.mekongLight : ids.coralTide;
      const response = await api.call(caller, doc.NodeDocument, { id });
      return allowedUnless(response) === 'refused' ? 'refused' : found(response.data?.node);
    },
  ],
  [
    'node: an audit event, as its entity’s history shows it',
    { secretariat: 'yes', coChair: 'yes', official: 'yes', observer: 'null', stranger: 'no' },
    async (api, caller) => {
      const history = await api.call(callers.secretariat, doc.MemberHistoryDocument, { country: 'VN' });
      const [event] = history.data?.member?.history?.edges ?? [];
      const response = await api.call(caller, doc.NodeDocument, { id: event!.node.id });
      if (allowedUnless(response) === 'refused') return 'refused';
      return response.data?.node ? 'allowed' : 'null';
    },
  ],
  [
    'node: a need-to-know audit event of an operation handled PARTICIPANTS',
    { secretariat: 'no', coChair: 'own', official: 'own', observer: 'no', stranger: 'no' },
    async (api, caller, mine) => {
      const id =
        caller.country === 'NZ' ? (mine ? ids.coralTide : ids.mekongLight) : mine ? ids.mekongLight : ids.coralTide;
      // Read by an official of its lead country (AU leads coralTide, TH mekongLight).
      const lead = id === ids.coralTide ? { sub: 'au-official', country: 'AU' } : callers.official;
      const history = await api.call(lead, doc.OperationHistoryDocument, { id });
      const [event] = history.data?.operation?.history?.edges ?? [];
      const response = await api.call(caller, doc.NodeDocument, { id: event!.node.id });
      return allowedUnless(response) === 'refused' ? 'refused' : found(response.data?.node);
    },
  ],
  [
    'auditEvents',
    { secretariat: 'yes', coChair: 'no', official: 'no', observer: 'no', stranger: 'no' },
    async (api, caller) => allowedUnless(await api.call(caller, doc.AuditEventsDocument)),
  ],
  [
    'addMember',
    { secretariat: 'yes', coChair: 'no', official: 'no', observer: 'no', stranger: 'no' },
    mutation(doc.AddMemberDocument, () => validInputs.addMember),
  ],
  [
    'setMemberStatus',
    { secretariat: 'yes', coChair: 'no', official: 'no', observer: 'no', stranger: 'no' },
    mutation(doc.SetMemberStatusDocument, () => validInputs.setMemberStatus),
  ],
  [
    'rotateCoChairs',
    { secretariat: 'yes', coChair: 'no', official: 'no', observer: 'no', stranger: 'no' },
    mutation(doc.RotateCoChairsDocument, () => validInputs.rotateCoChairs),
  ],
  [
    'updateMember',
    { secretariat: 'yes', coChair: 'own', official: 'own', observer: 'no', stranger: 'no' },
    // The member afterwards is the change's, or untouched: renamed at revision 2, or still at 1. The
    // secretariat and observer have no country, the stranger's is no member: they try TH.
    async (api, caller, mine) => {
      const country = mine ? (caller.country && caller !== callers.stranger ? caller.country : 'TH') : 'PH';
      const outcome = await changes(api, () =>
        api.call(caller, doc.UpdateMemberDocument, { input: validInputs.updateMember(country) }),
      );
      const after = (await api.call(callers.secretariat, doc.MemberDocument, { country })).data?.member;
      expect(after).toMatchObject(
        outcome === 'allowed' ? { name: `${country} renamed`, revision: 2 } : { revision: 1 },
      );
      return outcome;
    },
  ],
  [
    'createJpa',
    { secretariat: 'yes', coChair: 'yes', official: 'no', observer: 'no', stranger: 'no' },
    mutation(doc.CreateJpaDocument, () => jpa9),
  ],
  [
    'updateJpa',
    { secretariat: 'yes', coChair: 'yes', official: 'no', observer: 'no', stranger: 'no' },
    mutation(doc.UpdateJpaDocument, () => ({ number: 8, expectedRevision: 2, title: 'JPA eight' })),
  ],
  [
    'concludeJpa',
    { secretariat: 'yes', coChair: 'yes', official: 'no', observer: 'no', stranger: 'no' },
    mutation(doc.ConcludeJpaDocument, () => ({ number: 8, expectedRevision: 2 })),
  ],
  [
    'joinJpa',
    { secretariat: 'no', coChair: 'own', official: 'own', observer: 'no', stranger: 'no' },
    async (api, caller, mine) => {
      // "own": a country joins itself; there is no way to name another, so "not mine" is never allowed.
      await api.call(callers.secretariat, doc.CreateJpaDocument, { input: jpa9 });
      if (mine) return changes(api, () => api.call(caller, doc.JoinJpaDocument, { input: { number: 9 } }));
      // Not mine: try to name another country (PH); the input has no place for it, and nothing joins.
      return refusedAsBadInput(
        api,
        await api.callUnchecked(caller, doc.JoinJpaDocument, { input: { number: 9, country: 'PH' } }),
      );
    },
  ],
  [
    'createOperation',
    { secretariat: 'no', coChair: 'own', official: 'own', observer: 'no', stranger: 'no' },
    async (api, caller, mine) => {
      const input: doc.CreateOperationInput = {
        jpaNumber: 8,
        codeName: 'Own',
        crimeTypes: ['PEOPLE_SMUGGLING'],
        startsOn: '2027-01-01',
      };
      if (mine) return changes(api, () => api.call(caller, doc.CreateOperationDocument, { input }));
      // Not mine: an operation another country (AU, in JPA 8) would lead; the caller's country always leads.
      return refusedAsBadInput(
        api,
        await api.callUnchecked(caller, doc.CreateOperationDocument, { input: { ...input, lead: 'AU' } }),
      );
    },
  ],
  [
    'updateOperation',
    { secretariat: 'no', coChair: 'own', official: 'own', observer: 'no', stranger: 'no' },
    mutation(
      doc.UpdateOperationDocument,
      (caller, mine) => ({ id: operationFor(caller, mine), expectedRevision: 1, summary: 'x' }),
      forbiddenOrHidden,
    ),
  ],
  [
    'recordOutcomes',
    { secretariat: 'no', coChair: 'own', official: 'own', observer: 'no', stranger: 'no' },
    mutation(
      doc.RecordOutcomesDocument,
      (caller, mine) => ({
        id: operationFor(caller, mine),
        expectedRevision: 1,
        outcomes: { arrests: 1, prosecutions: 1, victimsIdentified: 1, networksDisrupted: 1 },
      }),
      forbiddenOrHidden,
    ),
  ],
  [
    'draftTermsOfReference',
    { secretariat: 'yes', coChair: 'yes', official: 'no', observer: 'no', stranger: 'no' },
    mutation(doc.DraftTermsOfReferenceDocument, () => ({ title: 'Draft', text: 'Text' })),
  ],
  [
    'updateTermsOfReferenceDraft',
    { secretariat: 'yes', coChair: 'yes', official: 'no', observer: 'no', stranger: 'no' },
    async (api, caller) => {
      await draft(api);
      return changes(api, () =>
        api.call(caller, doc.UpdateTermsOfReferenceDraftDocument, {
          input: { version: 3, expectedRevision: 1, text: 'Changed' },
        }),
      );
    },
  ],
  [
    'adoptTermsOfReference',
    { secretariat: 'yes', coChair: 'yes', official: 'no', observer: 'no', stranger: 'no' },
    async (api, caller) => {
      await draft(api);
      return changes(api, () =>
        api.call(caller, doc.AdoptTermsOfReferenceDocument, {
          input: { version: 3, expectedRevision: 1, adoptedOn: '2026-11-28' },
        }),
      );
    },
  ],
  [
    'read meetings: by number, by year, by global id',
    { secretariat: 'yes', coChair: 'yes', official: 'yes', observer: 'yes', stranger: 'no' },
    async (api, caller) => {
      const [one, year, node] = await Promise.all([
        api.call(caller, doc.MeetingDocument, { number: 1 }),
        api.call(caller, doc.MeetingsDocument, { year: 2024 }),
        api.call(caller, doc.NodeDocument, { id: 'meeting/1' }),
      ]);
      const outcomes = [allowedUnless(one), allowedUnless(year), allowedUnless(node)];
      expect(new Set(outcomes).size).toBe(1);
      if (outcomes[0] === 'allowed') {
        expect([one.data?.meeting?.id, year.data?.meetings.map((m) => m.id), node.data?.node?.id]).toEqual([
          'meeting/1',
          ['meeting/1'],
          'meeting/1',
        ]);
      }
      return outcomes[0]!;
    },
  ],
  [
    'read meetings’ attendance and minutes',
    { secretariat: 'yes', coChair: 'yes', official: 'yes', observer: 'null', stranger: 'no' },
    async (api, caller) => {
      const response = await api.call(caller, doc.MeetingDocument, { number: 1 });
      if (allowedUnless(response) === 'refused') return 'refused';
      const meeting = response.data?.meeting;
      if (meeting?.attendance.length === 0 && meeting.minutes === null) return 'null';
      expect(meeting?.attendance).toHaveLength(10);
      expect(meeting?.minutes).toEqual(expect.any(String));
      return 'allowed';
    },
  ],
  [
    'scheduleMeeting',
    { secretariat: 'yes', coChair: 'yes', official: 'no', observer: 'no', stranger: 'no' },
    mutation(
      doc.ScheduleMeetingDocument,
      (): doc.ScheduleMeetingInput => ({
        title: 'Meeting',
        kind: 'WORKING_GROUP',
        format: 'VIRTUAL',
        startsOn: '2026-11-30',
        endsOn: '2026-11-30',
      }),
    ),
  ],
  [
    'updateMeeting',
    { secretariat: 'yes', coChair: 'yes', official: 'no', observer: 'no', stranger: 'no' },
    mutation(doc.UpdateMeetingDocument, () => ({ number: 2, expectedRevision: 3, minutes: 'Changed' })),
  ],
  [
    'recordAttendance',
    { secretariat: 'yes', coChair: 'yes', official: 'no', observer: 'no', stranger: 'no' },
    mutation(doc.RecordAttendanceDocument, () => ({
      number: 2,
      expectedRevision: 3,
      attendance: [{ country: 'TH', delegates: 2 }],
    })),
  ],
  [
    'read annualReport of a year not published: a DRAFT, computed when asked',
    { secretariat: 'yes', coChair: 'yes', official: 'yes', observer: 'null', stranger: 'no' },
    async (api, caller) => {
      const response = await api.call(caller, doc.AnnualReportDocument, { year: 2025 });
      if (allowedUnless(response) === 'refused') return 'refused';
      const report = response.data?.annualReport;
      if (!report) return 'null';
      expect(report.status).toBe('DRAFT');
      return 'allowed';
    },
  ],
  [
    'read annualReport of a published year, and annualReports',
    { secretariat: 'yes', coChair: 'yes', official: 'yes', observer: 'yes', stranger: 'no' },
    async (api, caller) => {
      // The sample data publishes 2024.
      const [one, all] = await Promise.all([
        api.call(caller, doc.AnnualReportDocument, { year: 2024 }),
        api.call(caller, doc.AnnualReportsDocument),
      ]);
      const outcomes = [allowedUnless(one), allowedUnless(all)];
      expect(new Set(outcomes).size).toBe(1);
      if (outcomes[0] === 'allowed') {
        expect(one.data?.annualReport?.status).toBe('PUBLISHED');
        expect(all.data?.annualReports.map((report) => report.year)).toEqual([2024]);
      }
      return outcomes[0]!;
    },
  ],
  [
    'publishAnnualReport',
    { secretariat: 'yes', coChair: 'yes', official: 'no', observer: 'no', stranger: 'no' },
    mutation(doc.PublishAnnualReportDocument, () => ({ year: 2025 })),
  ],
];

/** The columns of the table; NZ leads Open Harbour and takes part in Coral Tide, TH leads Mekong Light. */
const who: Record<Column, Identity> = {
  secretariat: callers.secretariat,
  coChair: callers.coChair,
  official: callers.official,
  observer: callers.observer,
  stranger: callers.stranger,
};

describe("docs/api.md's permission table", () => {
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

describe('what the membership reads hold', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });

  /** What each read holds for every one of these callers, from the sample data (focal points are tested below). */
  const sampleMembers = [
    'AU',
    'BD',
    'ID',
    'JP',
    'KH',
    'KR',
    'LA',
    'LK',
    'MM',
    'MY',
    'NZ',
    'PH',
    'PK',
    'TH',
    'US',
    'VN',
  ];
  const openTerm = (country: string) =>
    expect.objectContaining({ startsOn: '2022-07-01', endsOn: null, member: expect.objectContaining({ country }) });
  const reads: Record<string, (caller: Identity) => Promise<GraphqlResponse<unknown>>> = {
    workingGroup: (caller) => api.call(caller, doc.WorkingGroupDocument),
    members: (caller) => api.call(caller, doc.MembersDocument),
    member: (caller) => api.call(caller, doc.MemberDocument, { country: 'VN' }),
    coChairs: (caller) => api.call(caller, doc.CoChairsDocument),
    coChairHistory: (caller) => api.call(caller, doc.CoChairHistoryDocument),
  };
  const contents: Record<string, unknown> = {
    workingGroup: {
      workingGroup: expect.objectContaining({
        name: 'Working Group on Disruption of Criminal Networks Involved in People Smuggling and Trafficking in Persons',
        established: 2014,
        reportsTo: 'Bali Process Ad Hoc Group',
        memberCount: sampleMembers.length,
        coChairs: [openTerm('NZ'), openTerm('VN')],
      }),
    },
    members: { members: sampleMembers.map((country) => expect.objectContaining({ country, status: 'ACTIVE' })) },
    member: {
      member: expect.objectContaining({
        country: 'VN',
        name: 'Viet Nam',
        status: 'ACTIVE',
        joinedOn: '2014-01-01',
        isCoChair: true,
        coChairTerms: [
          { __typename: 'CoChairTerm', id: 'cochairterm/VN/2022-07-01', startsOn: '2022-07-01', endsOn: null },
        ],
      }),
    },
    coChairs: { coChairs: [openTerm('NZ'), openTerm('VN')] },
    // Both terms opened the same day: no order between them is promised, so exactly these two, in either order.
    coChairHistory: {
      coChairHistory: expect.toSatisfy(
        (terms: doc.CoChairHistoryQuery['coChairHistory']) =>
          terms.length === 2 &&
          ['NZ', 'VN'].every((country) =>
            terms.some(
              (term) => term.member.country === country && term.startsOn === '2022-07-01' && term.endsOn === null,
            ),
          ),
      ),
    },
  };

  for (const caller of ['secretariat', 'coChair', 'official', 'observer'] as const) {
    for (const [field, read] of Object.entries(reads)) {
      it(`lets the ${caller} read ${field}`, async () => {
        const response = await read(callers[caller]);
        expect(response.errors).toBeUndefined();
        expect(response.data).toEqual(contents[field]);
      });
    }
  }

  for (const [field, read] of Object.entries(reads)) {
    it(`refuses ${field} to a caller whose country is no member`, async () => {
      expect(codes(await read(callers.stranger))).toEqual(['FORBIDDEN']);
    });
  }

  it('lets a caller with no role read viewer, with no roles', async () => {
    const response = await api.call(callers.stranger, doc.ViewerDocument);
    expect(response.data).toEqual({
      viewer: { __typename: 'Viewer', subject: 'fr-official', roles: [], country: 'FR', isCoChair: false },
    });
  });

  it('derives roles and co-chair power from claims and membership data', async () => {
    const viewer = async (identity: Identity) => (await api.call(identity, doc.ViewerDocument)).data?.viewer;
    expect(await viewer(callers.secretariat)).toMatchObject({
      roles: ['SECRETARIAT'],
      country: null,
      isCoChair: false,
    });
    expect(await viewer(callers.coChair)).toMatchObject({ roles: ['OFFICIAL'], country: 'NZ', isCoChair: true });
    expect(await viewer(callers.official)).toMatchObject({ roles: ['OFFICIAL'], country: 'TH', isCoChair: false });
    expect(await viewer(callers.observer)).toMatchObject({ roles: ['OBSERVER'], isCoChair: false });
    expect(await viewer({ sub: 'nz-observer', groups: ['observer'], country: 'NZ' })).toMatchObject({
      roles: ['OBSERVER'],
      isCoChair: false,
    });
  });

  for (const caller of ['secretariat', 'coChair', 'official'] as const) {
    it(`shows the focal point to the ${caller}`, async () => {
      const response = await api.call(callers[caller], doc.MemberDocument, { country: 'VN' });
      expect(response.data?.member).toMatchObject({ focalPoint: { email: 'focal-point.vn@example.org' } });
    });
  }

  it('hides the focal point from observers, in every list', async () => {
    const one = await api.call(callers.observer, doc.MemberDocument, { country: 'VN' });
    expect(one.data?.member).toMatchObject({ country: 'VN', focalPoint: null });
    const all = (await api.call(callers.observer, doc.MembersDocument)).data?.members;
    expect(all).toHaveLength(sampleMembers.length);
    expect(all?.every((member) => member.focalPoint === null)).toBe(true);
  });
});

describe('membership changes that change roles at once', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await createTestApi();
  });

  for (const status of ['SUSPENDED', 'WITHDRAWN'] as const) {
    it(`makes the officials of a ${status} country observers at once: they read, change nothing, see no focal points or operations`, async () => {
      await api.call(callers.secretariat, doc.SetMemberStatusDocument, {
        input: { country: 'TH', expectedRevision: 1, status, reason: 'illustrative' },
      });
      const viewer = await api.call(callers.official, doc.ViewerDocument);
      expect(viewer.data?.viewer).toMatchObject({ roles: ['OBSERVER'] });
      const update = await api.call(callers.official, doc.UpdateMemberDocument, {
        input: { country: 'TH', expectedRevision: 2, name: 'Thailand' },
      });
      expect(codes(update)).toEqual(['FORBIDDEN']);
      const create = await api.call(callers.official, doc.CreateOperationDocument, {
        input: { jpaNumber: 8, codeName: 'After leaving', crimeTypes: ['PEOPLE_SMUGGLING'], startsOn: '2027-01-01' },
      });
      expect(codes(create)).toEqual(['FORBIDDEN']);
      const read = await api.call(callers.official, doc.MemberDocument, { country: 'VN' });
      expect(read.data?.member).toMatchObject({ focalPoint: null });
      const operations = await api.call(callers.official, doc.OperationDocument, { id: ids.mekongLight });
      expect(operations.data?.operation).toBeNull();
    });
  }

  it('moves co-chair power with a rotation at once', async () => {
    await api.call(callers.secretariat, doc.RotateCoChairsDocument, { input: validInputs.rotateCoChairs });
    const nz = await api.call(callers.coChair, doc.ViewerDocument);
    const au = await api.call({ sub: 'au-official', country: 'AU' }, doc.ViewerDocument);
    expect(nz.data?.viewer).toMatchObject({ isCoChair: false });
    expect(au.data?.viewer).toMatchObject({ isCoChair: true });
  });
});
