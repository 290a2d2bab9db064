import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { codes, createTestApi, type Identity, type TestApi } from '../support/api.ts';
import * as doc from '../../schema/generated/documents.ts';
import { sampleOperationIds } from '../support/samples.ts';

/**
 * Need-to-know, cell by cell: for an operation of each handling, who finds it by id, in
 * `operations`, in `Jpa.operations`, and who may change it. Sample data: JPA 8 is ACTIVE with
 * AU KH ID LA MY NZ PH TH VN; Coral Tide (PARTICIPANTS) is led by AU with ID and NZ; Open
 * Harbour (MEMBERS) is led by NZ with VN and PH. Japan is a member outside JPA 8.
 */
const viewers = {
  lead: (operation: 'coral' | 'harbour'): Identity => ({ sub: 'lead', country: operation === 'coral' ? 'AU' : 'NZ' }),
  participant: (operation: 'coral' | 'harbour'): Identity => ({
    sub: 'participant',
    country: operation === 'coral' ? 'ID' : 'VN',
  }),
  jpaParticipantOutside: (): Identity => ({ sub: 'outside', country: 'TH' }),
  otherOfficial: (): Identity => ({ sub: 'other', country: 'JP' }),
  secretariat: (): Identity => ({ sub: 'secretariat', groups: ['secretariat'] }),
  observer: (): Identity => ({ sub: 'observer', groups: ['observer'] }),
};
type Who = keyof typeof viewers;

const cases: { operation: 'coral' | 'harbour'; id: string; reads: Record<Who, boolean> }[] = [
  {
    operation: 'coral',
    id: sampleOperationIds.coralTide,
    reads: {
      lead: true,
      participant: true,
      jpaParticipantOutside: false,
      otherOfficial: false,
      secretariat: false,
      observer: false,
    },
  },
  {
    operation: 'harbour',
    id: sampleOperationIds.openHarbour,
    reads: {
      lead: true,
      participant: true,
      jpaParticipantOutside: true,
      otherOfficial: true,
      secretariat: true,
      observer: false,
    },
  },
];

describe('who may read an operation', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });

  for (const { operation, id, reads } of cases) {
    for (const [who, allowed] of Object.entries(reads) as [Who, boolean][]) {
      const handling = operation === 'coral' ? 'PARTICIPANTS' : 'MEMBERS';
      it(`${handling}: the ${who} ${allowed ? 'finds' : 'does not find'} it by id, in operations and in the JPA`, async () => {
        const viewer = viewers[who](operation);
        const byId = await api.call(viewer, doc.OperationDocument, { id });
        expect(byId.errors).toBeUndefined();
        expect(byId.data?.operation === null).toBe(!allowed);
        const listed = await api.call(viewer, doc.OperationsDocument, { first: 100 });
        expect(listed.data?.operations.edges.some((edge) => edge.node.id === id)).toBe(allowed);
        const inJpa = await api.call(viewer, doc.JpaDocument, { number: 8 });
        expect(inJpa.data?.jpa?.operations.edges.some((edge) => edge.node.id === id)).toBe(allowed);
      });
    }
  }

  it('shows observers no operations at all, but the JPA totals over all of them', async () => {
    const response = await api.call(viewers.observer(), doc.JpaDocument, { number: 8 });
    expect(response.data?.jpa?.operations.edges).toEqual([]);
    expect(response.data?.jpa?.outcomes.operations).toBe(4);
  });

  it('refuses operations to a caller with no role', async () => {
    const response = await api.call({ sub: 'x', country: 'FR' }, doc.OperationsDocument, {});
    expect(codes(response)).toEqual(['FORBIDDEN']);
  });
});

describe('who may change an operation', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await createTestApi();
  });

  const change = (id: string) => ({ input: { id, expectedRevision: 1, summary: 'changed' } });
  const outcomes = (id: string) => ({
    input: {
      id,
      expectedRevision: 1,
      outcomes: { arrests: 1, prosecutions: 1, victimsIdentified: 1, networksDisrupted: 1 },
    },
  });

  for (const { operation, id, reads } of cases) {
    const expected: Record<Who, string> = {
      lead: 'ok',
      participant: 'FORBIDDEN',
      jpaParticipantOutside: reads.jpaParticipantOutside ? 'FORBIDDEN' : 'NOT_FOUND',
      otherOfficial: reads.otherOfficial ? 'FORBIDDEN' : 'NOT_FOUND',
      secretariat: 'FORBIDDEN',
      observer: 'FORBIDDEN',
    };
    for (const [who, outcome] of Object.entries(expected) as [Who, string][]) {
      it(`${operation === 'coral' ? 'PARTICIPANTS' : 'MEMBERS'}: updateOperation and recordOutcomes by the ${who}: ${outcome}`, async () => {
        const viewer = viewers[who](operation);
        const update = await api.call(viewer, doc.UpdateOperationDocument, change(id));
        const record = await api.call(viewer, doc.RecordOutcomesDocument, outcomes(id));
        if (outcome === 'ok') {
          expect(update.errors).toBeUndefined();
          expect(codes(record)).toEqual(['CONFLICT']); // the update moved the revision to 2
        } else {
          expect(codes(update)).toEqual([outcome]);
          expect(codes(record)).toEqual([outcome]);
        }
      });
    }
  }
});

describe('visibility moves with the operation', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await createTestApi();
  });

  it('shows an operation to every official and the secretariat once its handling becomes MEMBERS, and hides it again', async () => {
    const id = sampleOperationIds.coralTide;
    await api.call(viewers.lead('coral'), doc.UpdateOperationDocument, {
      input: { id, expectedRevision: 1, handling: 'MEMBERS' },
    });
    expect((await api.call(viewers.secretariat(), doc.OperationDocument, { id })).data?.operation).not.toBeNull();
    expect((await api.call(viewers.otherOfficial(), doc.OperationDocument, { id })).data?.operation).not.toBeNull();
    await api.call(viewers.lead('coral'), doc.UpdateOperationDocument, {
      input: { id, expectedRevision: 2, handling: 'PARTICIPANTS' },
    });
    const listed = await api.call(viewers.secretariat(), doc.OperationsDocument, {});
    expect(listed.data?.operations.edges.map((edge) => edge.node.id)).not.toContain(id);
  });

  it('hides an operation from a country taken out of its participants, and shows it to one brought in', async () => {
    const id = sampleOperationIds.coralTide;
    const response = await api.call(viewers.lead('coral'), doc.UpdateOperationDocument, {
      input: { id, expectedRevision: 1, participants: ['NZ', 'TH'] },
    });
    expect(response.data?.updateOperation).toMatchObject({
      participants: [{ country: 'AU' }, { country: 'NZ' }, { country: 'TH' }],
    });
    expect((await api.call(viewers.participant('coral'), doc.OperationDocument, { id })).data?.operation).toBeNull();
    const th = await api.call(viewers.jpaParticipantOutside(), doc.OperationsDocument, { jpaNumber: 8 });
    expect(th.data?.operations.edges.map((edge) => edge.node.id)).toContain(id);
  });

  it('moves an operation between status lists when its status changes', async () => {
    const id = sampleOperationIds.quietCurrent;
    const vn: Identity = { sub: 'vn', country: 'VN' };
    const planned = async () =>
      (await api.call(vn, doc.OperationsDocument, { status: 'PLANNED', jpaNumber: 8 })).data?.operations.edges.map(
        (edge) => edge.node.id,
      );
    expect(await planned()).toContain(id);
    await api.call(vn, doc.UpdateOperationDocument, { input: { id, expectedRevision: 1, status: 'ACTIVE' } });
    expect(await planned()).not.toContain(id);
  });
});
