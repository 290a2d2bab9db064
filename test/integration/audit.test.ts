import { createHash } from 'node:crypto';
import { buildASTSchema, parse, type GraphQLObjectType } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { typeDefs } from '../../functions/graphql/server.ts';
import { callers, codes, createTestApi, dataOf, type Identity, type TestApi } from '../support/api.ts';
import * as doc from '../../schema/generated/documents.ts';
import { validInputs } from '../support/samples.ts';

const au: Identity = { sub: 'au-official', country: 'AU' };
let api: TestApi;
let operationId: string;

/** One successful mutation of every kind, in this order. */
beforeAll(async () => {
  api = await createTestApi();
  const s = callers.secretariat;
  await api.call(s, doc.AddMemberDocument, { input: validInputs.addMember });
  await api.call(au, doc.UpdateMemberDocument, {
    input: {
      country: 'AU',
      expectedRevision: 1,
      focalPoint: { name: 'A. Person', email: 'a.person@example.org', phone: '+61 2 0000 0000' },
    },
  });
  await api.call(s, doc.SetMemberStatusDocument, { input: validInputs.setMemberStatus });
  await api.call(s, doc.RotateCoChairsDocument, {
    input: { outgoing: ['NZ'], incoming: ['AU'], effectiveOn: '2026-07-01' },
  });
  await api.call(s, doc.CreateJpaDocument, {
    input: { number: 9, title: 'JPA 9', startsOn: '2027-08-01', endsOn: '2028-07-31' },
  });
  await api.call(s, doc.UpdateJpaDocument, { input: { number: 9, expectedRevision: 1, title: 'JPA nine' } });
  await api.call(au, doc.JoinJpaDocument, { input: { number: 9 } });
  const created = await api.call(au, doc.CreateOperationDocument, {
    input: { jpaNumber: 8, codeName: 'Secret Name', crimeTypes: ['PEOPLE_SMUGGLING'], startsOn: '2026-12-01' },
  });
  operationId = dataOf(created).createOperation.id;
  await api.call(au, doc.UpdateOperationDocument, {
    input: { id: operationId, expectedRevision: 1, status: 'ACTIVE' },
  });
  await api.call(au, doc.RecordOutcomesDocument, {
    input: {
      id: operationId,
      expectedRevision: 2,
      outcomes: { arrests: 1, prosecutions: 0, victimsIdentified: 0, networksDisrupted: 0 },
    },
  });
  await api.call(s, doc.ConcludeJpaDocument, { input: { number: 8, expectedRevision: 2 } });
  await api.call(s, doc.DraftTermsOfReferenceDocument, { input: { title: 'Draft', text: 'Text' } });
  await api.call(s, doc.UpdateTermsOfReferenceDraftDocument, {
    input: { version: 3, expectedRevision: 1, text: 'Text 2' },
  });
  await api.call(s, doc.AdoptTermsOfReferenceDocument, {
    input: { version: 3, expectedRevision: 2, adoptedOn: '2026-11-28' },
  });
  await api.call(s, doc.PublishAnnualReportDocument, { input: { year: 2025 } });
});

const list = (viewer: Identity, variables: doc.AuditEventsQueryVariables = {}) =>
  api.call(viewer, doc.AuditEventsDocument, variables);
/** The events of this file's requests, the sample data's own trail left out. */
const events = async (viewer: Identity, variables: doc.AuditEventsQueryVariables = {}) =>
  dataOf(await list(viewer, variables))
    .auditEvents.edges.map((edge) => edge.node)
    .filter((event) => event.actor !== 'sample-data');

/** What a client checks of the events it reads (docs/api.md, "Audit chain"). */
function hashOf(event: doc.AuditEventFieldsFragment): string {
  const { id, entity, sequence, at, actor, actorCountry, action, summary, previousHash } = event;
  const fields = [id, entity, sequence, at, actor, actorCountry ?? null, action, summary, previousHash ?? null];
  return createHash('sha256').update(JSON.stringify(fields), 'utf8').digest('hex');
}

describe('auditEvents', () => {
  it('records every mutation the secretariat may read of, newest first, with who, what and when', async () => {
    const trail = await events(callers.secretariat);
    expect(trail.map((event) => [event.action, event.entity])).toEqual(
      [
        ['addMember', 'member/FJ'],
        ['updateMember', 'member/AU'],
        ['setMemberStatus', 'member/LA'],
        ['rotateCoChairs', 'cochairs'],
        ['createJpa', 'jpa/9'],
        ['updateJpa', 'jpa/9'],
        ['joinJpa', 'jpa/9'],
        ['concludeJpa', 'jpa/8'],
        ['draftTermsOfReference', 'tor/3'],
        ['updateTermsOfReferenceDraft', 'tor/3'],
        ['adoptTermsOfReference', 'tor/3'],
        ['publishAnnualReport', 'report/2025'],
      ].reverse(),
    );
    expect(trail.find((event) => event.action === 'updateMember')).toMatchObject({
      actor: 'au-official',
      actorCountry: 'AU',
    });
    expect(trail.every((event) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(event.at ?? ''))).toBe(true);
  });

  it('never shows the secretariat an operation handled PARTICIPANTS: its trail is empty, as for no operation', async () => {
    const own = await list(callers.secretariat, { entity: `operation/${operationId}` });
    const none = await list(callers.secretariat, { entity: 'operation/00000000-0000-4000-8000-000000000000' });
    expect(dataOf(own).auditEvents).toEqual({
      __typename: 'AuditEventConnection',
      edges: [],
      pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
    });
    expect(own.raw).toBe(none.raw);
    expect((await list(callers.secretariat, { first: 100 })).raw).not.toContain(operationId);
  });

  it('chains each entity’s events: sequence 1, 2, … each naming the hash of the one before', async () => {
    const jpa = await events(callers.secretariat, { entity: 'jpa/9' });
    expect(jpa.map((event) => [event.action, event.sequence])).toEqual([
      ['joinJpa', 3],
      ['updateJpa', 2],
      ['createJpa', 1],
    ]);
    expect(jpa.map((event) => event.previousHash)).toEqual([jpa[1]!.hash, jpa[2]!.hash, null]);
    for (const event of await events(callers.secretariat, { first: 100 })) {
      expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(event.hash, `${event.entity} #${event.sequence}`).toBe(hashOf(event));
    }
  });

  it('never stores contact details, or what the secretariat may not read of an operation', async () => {
    const raw = (await list(callers.secretariat, { first: 100 })).raw;
    expect(raw).not.toContain('a.person@example.org');
    expect(raw).not.toContain('+61 2 0000 0000');
    expect(raw).not.toContain('Secret Name');
  });

  it('filters by entity', async () => {
    const actions = (await events(callers.secretariat, { entity: 'jpa/9' })).map((event) => event.action);
    expect(actions).toEqual(['joinJpa', 'updateJpa', 'createJpa']);
  });

  it('pages with cursors that only this list accepts', async () => {
    const whole = dataOf(await list(callers.secretariat, { first: 100 })).auditEvents;
    expect(whole.pageInfo.hasNextPage).toBe(false);
    const seen: string[] = [];
    let after: string | null | undefined = null;
    for (let page = 0; page < 20; page += 1) {
      const current: doc.AuditEventsQuery['auditEvents'] = dataOf(
        await list(callers.secretariat, { first: 5, after }),
      ).auditEvents;
      seen.push(...current.edges.map((edge) => edge.node.id));
      expect(current.edges.length).toBe(current.pageInfo.hasNextPage ? 5 : ((whole.edges.length - 1) % 5) + 1);
      if (!current.pageInfo.hasNextPage) break;
      after = current.pageInfo.endCursor;
    }
    expect(seen).toEqual(whole.edges.map((edge) => edge.node.id));
    const first = dataOf(await list(callers.secretariat, { first: 5 })).auditEvents;
    expect(
      codes(await list(callers.secretariat, { first: 5, after: first.pageInfo.endCursor, entity: 'jpa/9' })),
    ).toEqual(['BAD_USER_INPUT']);
    expect(codes(await list(callers.secretariat, { first: 5, after: `${first.pageInfo.endCursor}x` }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(codes(await list(callers.secretariat, { first: 101 }))).toEqual(['BAD_USER_INPUT']);
  });

  for (const who of ['coChair', 'official', 'observer', 'stranger'] as const) {
    it(`forbids the ${who}`, async () => {
      expect(codes(await list(callers[who]))).toEqual(['FORBIDDEN']);
    });
  }

  it('cannot be changed or deleted through the API: no mutation touches audit events', () => {
    const mutation = buildASTSchema(parse(typeDefs.join('\n'))).getType('Mutation') as GraphQLObjectType;
    expect(Object.keys(mutation.getFields()).sort()).toEqual(
      [
        'addMember',
        'updateMember',
        'setMemberStatus',
        'rotateCoChairs',
        'createJpa',
        'updateJpa',
        'joinJpa',
        'concludeJpa',
        'createOperation',
        'updateOperation',
        'recordOutcomes',
        'draftTermsOfReference',
        'updateTermsOfReferenceDraft',
        'adoptTermsOfReference',
        'addRecommendation',
        'updateRecommendation',
        'addProgressNote',
        'createWorkPlanItem',
        'updateWorkPlanItem',
        'scheduleMeeting',
        'updateMeeting',
        'recordAttendance',
        'publishAnnualReport',
      ].sort(),
    );
  });
});
