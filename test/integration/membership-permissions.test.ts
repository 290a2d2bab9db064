import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callers, codes, createTestApi, type Identity, type TestApi } from '../support/api.ts';
import * as doc from '../support/documents.ts';
import { auditEvents } from '../support/tables.ts';

type Caller = keyof typeof callers;

/**
 * API.md's permission table for the membership actions, cell by cell, through the Lambda
 * handler with real claims: 'yes' must succeed, 'no' must answer FORBIDDEN and change nothing.
 */
describe('membership permissions', () => {
  describe('reading the group, members and co-chairs', () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi();
    });

    const reads = {
      workingGroup: [doc.workingGroupQuery, {}],
      members: [doc.membersQuery, {}],
      member: [doc.memberQuery, { country: 'VN' }],
      coChairs: [doc.coChairsQuery, {}],
      coChairHistory: [doc.coChairHistoryQuery, {}],
    } as const;
    /** What each read holds for every one of these callers, from the sample data (focal points are tested elsewhere). */
    const sampleMembers = ['AU', 'BD', 'ID', 'JP', 'KH', 'KR', 'LA', 'LK', 'MM', 'MY', 'NZ', 'PH', 'PK', 'TH', 'US', 'VN'];
    const openTerm = (country: string) => expect.objectContaining({ startsOn: '2022-07-01', endsOn: null, member: expect.objectContaining({ country }) });
    const contents: Record<keyof typeof reads, unknown> = {
      workingGroup: expect.objectContaining({
        name: 'Working Group on Disruption of Criminal Networks Involved in People Smuggling and Trafficking in Persons',
        established: 2014,
        reportsTo: 'Bali Process Ad Hoc Group',
        memberCount: sampleMembers.length,
        coChairs: [openTerm('NZ'), openTerm('VN')],
      }),
      members: sampleMembers.map((country) => expect.objectContaining({ country, status: 'ACTIVE' })),
      member: expect.objectContaining({ country: 'VN', name: 'Viet Nam', status: 'ACTIVE', joinedOn: '2014-01-01', isCoChair: true, coChairTerms: [{ startsOn: '2022-07-01', endsOn: null }] }),
      coChairs: [openTerm('NZ'), openTerm('VN')],
      // Both terms opened the same day: no order between them is promised, so exactly these two, in either order.
      coChairHistory: expect.toSatisfy(
        (terms: { startsOn: string; endsOn: string | null; member: { country: string } }[]) => terms.length === 2 && ['NZ', 'VN'].every((country) => terms.some((term) => term.member.country === country && term.startsOn === '2022-07-01' && term.endsOn === null)),
      ),
    };

    for (const caller of ['secretariat', 'coChair', 'official', 'observer'] as const) {
      for (const [field, [query, variables]] of Object.entries(reads)) {
        it(`lets the ${caller} read ${field}`, async () => {
          const response = await api.call(callers[caller], query, variables);
          expect(response.errors).toBeUndefined();
          expect(response.data?.[field]).toBeTruthy();
          expect(response.data?.[field]).toEqual(contents[field as keyof typeof reads]);
        });
      }
    }

    for (const [field, [query, variables]] of Object.entries(reads)) {
      it(`refuses ${field} to a caller whose country is no member`, async () => {
        const response = await api.call(callers.stranger, query, variables);
        expect(codes(response)).toEqual(['FORBIDDEN']);
      });
    }

    it('lets a caller with no role read viewer, with no roles', async () => {
      const response = await api.call(callers.stranger, doc.viewerQuery);
      expect(response.data).toEqual({ viewer: { subject: 'fr-official', roles: [], country: 'FR', isCoChair: false } });
    });

    it('derives roles and co-chair power from claims and membership data', async () => {
      const viewer = async (identity: Identity) => (await api.call(identity, doc.viewerQuery)).data?.viewer;
      expect(await viewer(callers.secretariat)).toMatchObject({ roles: ['SECRETARIAT'], country: null, isCoChair: false });
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
        const response = await api.call(callers[caller], doc.memberQuery, { country: 'VN' });
        expect(response.data?.member).toMatchObject({ focalPoint: { email: 'focal-point.vn@example.org' } });
      });
    }

    it('hides the focal point from observers, in every list', async () => {
      const one = await api.call(callers.observer, doc.memberQuery, { country: 'VN' });
      expect(one.data?.member).toMatchObject({ country: 'VN', focalPoint: null });
      const all = await api.call<{ members: { focalPoint: unknown }[] }>(callers.observer, doc.membersQuery);
      expect(all.data?.members.every((member) => member.focalPoint === null)).toBe(true);
    });
  });

  describe('changing membership', () => {
    let api: TestApi;
    beforeEach(async () => {
      api = await createTestApi();
    });

    const mutations: Record<string, (caller: Caller) => [string, Record<string, unknown>]> = {
      addMember: () => [doc.addMemberMutation, { input: doc.validInputs.addMember }],
      setMemberStatus: () => [doc.setMemberStatusMutation, { input: doc.validInputs.setMemberStatus }],
      rotateCoChairs: () => [doc.rotateCoChairsMutation, { input: doc.validInputs.rotateCoChairs }],
    };

    /** API.md: addMember, setMemberStatus, rotateCoChairs — secretariat yes, everyone else no. */
    const table: Record<string, Record<Caller, 'yes' | 'no'>> = {
      addMember: { secretariat: 'yes', coChair: 'no', official: 'no', observer: 'no', stranger: 'no' },
      setMemberStatus: { secretariat: 'yes', coChair: 'no', official: 'no', observer: 'no', stranger: 'no' },
      rotateCoChairs: { secretariat: 'yes', coChair: 'no', official: 'no', observer: 'no', stranger: 'no' },
    };

    for (const [action, row] of Object.entries(table)) {
      for (const [caller, allowed] of Object.entries(row) as [Caller, 'yes' | 'no'][]) {
        it(`${allowed === 'yes' ? 'lets' : 'forbids'} the ${caller} ${action}`, async () => {
          const [query, variables] = mutations[action]!(caller);
          const response = await api.call(callers[caller], query, variables);
          if (allowed === 'yes') {
            expect(response.errors).toBeUndefined();
            expect(await auditEvents(api.endpoint, api.tableNames)).toHaveLength(1);
          } else {
            expect(codes(response)).toEqual(['FORBIDDEN']);
            expect(await auditEvents(api.endpoint, api.tableNames)).toHaveLength(0);
          }
        });
      }
    }

    /** API.md: updateMember — secretariat yes; co-chair and official own country; observer no. */
    const updateMember: [Caller, string, 'yes' | 'no'][] = [
      ['secretariat', 'TH', 'yes'],
      ['coChair', 'NZ', 'yes'],
      ['coChair', 'TH', 'no'],
      ['official', 'TH', 'yes'],
      ['official', 'NZ', 'no'],
      ['observer', 'TH', 'no'],
      ['stranger', 'TH', 'no'],
    ];
    for (const [caller, country, allowed] of updateMember) {
      it(`${allowed === 'yes' ? 'lets' : 'forbids'} the ${caller} updateMember of ${country}`, async () => {
        const response = await api.call(callers[caller], doc.updateMemberMutation, {
          input: doc.validInputs.updateMember(country),
        });
        const after = await api.call(callers.secretariat, doc.memberQuery, { country });
        if (allowed === 'yes') {
          expect(response.errors).toBeUndefined();
          expect(after.data?.member).toMatchObject({ name: `${country} renamed`, revision: 2 });
        } else {
          expect(codes(response)).toEqual(['FORBIDDEN']);
          expect(after.data?.member).toMatchObject({ revision: 1 });
        }
      });
    }

    for (const status of ['SUSPENDED', 'WITHDRAWN'] as const) {
      it(`makes the officials of a ${status} country observers at once: they read, change nothing, see no focal points or operations`, async () => {
        await api.call(callers.secretariat, doc.setMemberStatusMutation, {
          input: { country: 'TH', expectedRevision: 1, status, reason: 'illustrative' },
        });
        const viewer = await api.call(callers.official, doc.viewerQuery);
        expect(viewer.data?.viewer).toMatchObject({ roles: ['OBSERVER'] });
        const update = await api.call(callers.official, doc.updateMemberMutation, {
          input: { country: 'TH', expectedRevision: 2, name: 'Thailand' },
        });
        expect(codes(update)).toEqual(['FORBIDDEN']);
        const create = await api.call(callers.official, doc.createOperationMutation, {
          input: { jpaNumber: 8, codeName: 'After leaving', crimeTypes: ['PEOPLE_SMUGGLING'], startsOn: '2027-01-01' },
        });
        expect(codes(create)).toEqual(['FORBIDDEN']);
        const read = await api.call(callers.official, doc.memberQuery, { country: 'VN' });
        expect(read.data?.member).toMatchObject({ focalPoint: null });
        const operations = await api.call(callers.official, doc.operationQuery, { id: doc.sampleOperationIds.mekongLight });
        expect(operations.data?.operation).toBeNull();
      });
    }

    it('moves co-chair power with a rotation at once', async () => {
      await api.call(callers.secretariat, doc.rotateCoChairsMutation, { input: doc.validInputs.rotateCoChairs });
      const nz = await api.call(callers.coChair, doc.viewerQuery);
      const au = await api.call({ sub: 'au-official', country: 'AU' }, doc.viewerQuery);
      expect(nz.data?.viewer).toMatchObject({ isCoChair: false });
      expect(au.data?.viewer).toMatchObject({ isCoChair: true });
    });
  });
});
