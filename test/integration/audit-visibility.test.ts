import { beforeAll, describe, expect, it } from 'vitest';
import * as doc from '../../schema/generated/documents.ts';
import { callers, codes, createTestApi, dataOf, type Identity, type TestApi } from '../support/api.ts';

/**
 * docs/api.md, "Audit visibility", cell by cell: who sees which events of an entity, through the
 * secretariat's `auditEvents` and through `history`. An event is readable by whoever could read its
 * entity just before or just after the change it records, and stays as readable as it was when
 * written, so a reader may see gaps in `sequence`.
 *
 * One operation of TH's goes through every kind of audience:
 *   #1 created, handled PARTICIPANTS, with TH alone      → TH
 *   #2 ID added                                           → TH, ID
 *   #3 summary changed                                    → TH, ID
 *   #4 handled MEMBERS from then on                       → everyone who reads operations
 */
const th: Identity = callers.official;
const id: Identity = { sub: 'id-official', country: 'ID' };
const nz: Identity = callers.coChair;
const { secretariat, observer, stranger } = callers;
let api: TestApi;
let operation: string;
let members: string;

const sequences = (page: { edges: { node: { sequence: number } }[] } | null | undefined) =>
  page ? page.edges.map((edge) => edge.node.sequence) : null;

async function history(caller: Identity, operationId: string) {
  const response = await api.call(caller, doc.OperationHistoryDocument, { id: operationId });
  if (response.errors) return codes(response);
  const found = dataOf(response).operation;
  return found ? sequences(found.history) : 'operation is null';
}

async function trail(entity?: string) {
  const page = dataOf(await api.call(secretariat, doc.AuditEventsDocument, { entity, first: 100 })).auditEvents;
  return page.edges.map((edge) => [edge.node.entity, edge.node.sequence]);
}

async function update(input: Omit<doc.UpdateOperationInput, 'id' | 'expectedRevision'>, expectedRevision: number) {
  dataOf(await api.call(th, doc.UpdateOperationDocument, { input: { id: operation, expectedRevision, ...input } }));
}

beforeAll(async () => {
  api = await createTestApi();
  const created = await api.call(th, doc.CreateOperationDocument, {
    input: { jpaNumber: 8, codeName: 'Need To Know', crimeTypes: ['TRAFFICKING_IN_PERSONS'], startsOn: '2026-12-01' },
  });
  operation = dataOf(created).createOperation.id;
  const shared = await api.call(th, doc.CreateOperationDocument, {
    input: {
      jpaNumber: 8,
      codeName: 'For Members',
      crimeTypes: ['PEOPLE_SMUGGLING'],
      startsOn: '2026-12-02',
      handling: 'MEMBERS',
    },
  });
  members = dataOf(shared).createOperation.id;
});

describe('the events of an operation that changes audience', () => {
  it('while handled PARTICIPANTS: only its participants at each change see each event; no one else sees any', async () => {
    await update({ participants: ['ID'] }, 1);
    await update({ summary: 'changed' }, 2);
    expect(await history(th, operation)).toEqual([3, 2, 1]);
    expect(await history(id, operation)).toEqual([3, 2]);
    expect(await history(nz, operation)).toBe('operation is null');
    expect(await history(secretariat, operation)).toBe('operation is null');
    expect(await history(observer, operation)).toBe('operation is null');
    expect(await history(stranger, operation)).toEqual(['FORBIDDEN']);
    expect(await trail(`operation/${operation}`)).toEqual([]);
    expect((await trail()).filter(([entity]) => entity === `operation/${operation}`)).toEqual([]);
  });

  it('once handled MEMBERS: the change is seen by everyone who reads operations, the earlier events as before', async () => {
    await update({ handling: 'MEMBERS' }, 3);
    expect(await history(th, operation)).toEqual([4, 3, 2, 1]);
    expect(await history(id, operation)).toEqual([4, 3, 2]);
    expect(await history(nz, operation)).toEqual([4]);
    expect(await history(secretariat, operation)).toEqual([4]);
    expect(await history(observer, operation)).toBe('operation is null');
    expect(await trail(`operation/${operation}`)).toEqual([[`operation/${operation}`, 4]]);
  });
});

describe('the events of entities everyone may read', () => {
  it('an operation handled MEMBERS: every official and the secretariat', async () => {
    for (const caller of [th, id, nz, secretariat]) expect(await history(caller, members)).toEqual([1]);
    expect(await history(observer, members)).toBe('operation is null');
    expect(await trail(`operation/${members}`)).toEqual([[`operation/${members}`, 1]]);
  });

  it('a member: every official and the secretariat; observers read the member but no history', async () => {
    dataOf(
      await api.call(th, doc.UpdateMemberDocument, { input: { country: 'TH', expectedRevision: 1, name: 'Thailand' } }),
    );
    for (const caller of [th, id, nz, secretariat]) {
      const member = dataOf(await api.call(caller, doc.MemberHistoryDocument, { country: 'TH' })).member;
      expect(sequences(member?.history)).toEqual([2, 1]);
    }
    const seen = dataOf(await api.call(observer, doc.MemberHistoryDocument, { country: 'TH' })).member;
    expect(seen).toEqual({ __typename: 'Member', id: 'member/TH', country: 'TH', history: null });
    expect(codes(await api.call(stranger, doc.MemberHistoryDocument, { country: 'TH' }))).toEqual(['FORBIDDEN']);
  });

  it('a JPA and a Terms of Reference version: every official and the secretariat, never observers', async () => {
    for (const caller of [th, nz, secretariat]) {
      const jpa = dataOf(await api.call(caller, doc.JpaHistoryDocument, { number: 8 })).jpa;
      expect(sequences(jpa?.history)).toEqual([2, 1]);
      const tor = dataOf(await api.call(caller, doc.TermsOfReferenceHistoryDocument, { version: 2 })).termsOfReference;
      expect(sequences(tor?.history)).toEqual([2, 1]);
    }
    expect(dataOf(await api.call(observer, doc.JpaHistoryDocument, { number: 8 })).jpa).toEqual({
      __typename: 'Jpa',
      id: 'jpa/8',
      number: 8,
      history: null,
    });
    expect(
      dataOf(await api.call(observer, doc.TermsOfReferenceHistoryDocument, { version: 2 })).termsOfReference,
    ).toEqual({ __typename: 'TermsOfReference', id: 'tor/2', version: 2, history: null });
  });

  it('the whole trail: the secretariat only', async () => {
    for (const caller of [th, nz, observer, stranger]) {
      expect(codes(await api.call(caller, doc.AuditEventsDocument, {}))).toEqual(['FORBIDDEN']);
    }
  });
});

describe('history pages', () => {
  it('newest first by sequence, with cursors of that history and reader only', async () => {
    const first = dataOf(await api.call(th, doc.OperationHistoryDocument, { id: operation, first: 3 })).operation!;
    expect(sequences(first.history)).toEqual([4, 3, 2]);
    expect(first.history?.pageInfo.hasNextPage).toBe(true);
    const after = first.history?.pageInfo.endCursor;
    const second = dataOf(await api.call(th, doc.OperationHistoryDocument, { id: operation, first: 3, after }))
      .operation!;
    expect(sequences(second.history)).toEqual([1]);
    expect(second.history?.pageInfo.hasNextPage).toBe(false);
    expect(codes(await api.call(id, doc.OperationHistoryDocument, { id: operation, first: 3, after }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(codes(await api.call(th, doc.OperationHistoryDocument, { id: members, first: 3, after }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(codes(await api.call(th, doc.OperationHistoryDocument, { id: operation, first: 101 }))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });
});
