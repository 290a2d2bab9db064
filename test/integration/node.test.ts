import { beforeAll, describe, expect, inject, it } from 'vitest';
import { chainPartition, chainsPartition } from '../../functions/audit/audit.keys.ts';
import { createDocumentClient, partitionQuery, queryAll } from '../../functions/shared/data/dynamo.ts';
import { tables } from '../../functions/shared/data/tables.ts';
import * as doc from '../../schema/generated/documents.ts';
import { callers, codes, countingClient, createTestApi, dataOf, type Identity, type TestApi } from '../support/api.ts';
import { sampleOperationIds } from '../support/samples.ts';
import { storedReads } from '../support/tables.ts';

/*
 * docs/api.md, "Global ids": every entity has a readable id, and node/nodes answer exactly what
 * the caller may read through the entity's own query, null otherwise: for an entity that does not
 * exist, one the caller may not read and a malformed id alike.
 */

const { coralTide, mekongLight, openHarbour, quietCurrent } = sampleOperationIds;
const vn: Identity = { sub: 'vn-official', country: 'VN' };
const au: Identity = { sub: 'au-official', country: 'AU' };
/** An id of the right shape that names nothing. */
const unknownUuid = '00000000-0000-4000-8000-00000000dead';

const nodesQuery = 'query Nodes($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }';
const nodeQuery = 'query Node($id: ID!) { node(id: $id) { __typename id } }';

type Typed = { __typename: string; id: string } | null;

async function nodesOf(api: TestApi, caller: Identity, ids: readonly string[]): Promise<Typed[]> {
  const answers: Typed[] = [];
  for (let start = 0; start < ids.length; start += 100) {
    const slice = ids.slice(start, start + 100);
    answers.push(...dataOf(await api.call<{ nodes: Typed[] }>(caller, nodesQuery, { ids: slice })).nodes);
  }
  return answers;
}

/** Every audit event in the table, whoever may read it, straight from its chain: id, entity and audience. */
async function chainEvents(api: TestApi): Promise<{ id: string; entity: string; audience: string[] }[]> {
  const client = createDocumentClient({ endpoint: api.endpoint });
  const partition = (pk: string) =>
    queryAll(client, partitionQuery({ table: api.tableNames.audit, keys: tables.audit, partition: pk }));
  const heads = await partition(chainsPartition);
  const chains = await Promise.all(heads.map((head) => partition(chainPartition(String(head.entity)))));
  return chains.flat().map((item) => ({
    id: String(item.id),
    entity: String(item.entity),
    audience: item.audience as string[],
  }));
}

describe('global ids', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  }, 120_000);

  it('are readable, and node answers each entity as its own query does', async () => {
    const entities = dataOf(
      await api.call<{
        members: { id: string; country: string }[];
        coChairHistory: { id: string; startsOn: string; member: { country: string } }[];
        jpas: { id: string; number: number }[];
        termsOfReferenceVersions: { id: string; version: number }[];
      }>(
        callers.secretariat,
        '{ members { id country } coChairHistory { id startsOn member { country } } jpas { id number } termsOfReferenceVersions { id version } }',
      ),
    );
    const pages = dataOf(
      await api.call<{
        operations: { edges: { node: { id: string } }[] };
        auditEvents: { edges: { node: { id: string } }[] };
      }>(
        callers.secretariat,
        '{ operations(first: 100) { edges { node { id } } } auditEvents(first: 100) { edges { node { id } } } }',
      ),
    );
    const all = { ...entities, ...pages };
    for (const member of all.members) expect(member.id).toBe(`member/${member.country}`);
    for (const term of all.coChairHistory) expect(term.id).toBe(`cochairterm/${term.member.country}/${term.startsOn}`);
    for (const jpa of all.jpas) expect(jpa.id).toBe(`jpa/${jpa.number}`);
    for (const version of all.termsOfReferenceVersions) expect(version.id).toBe(`tor/${version.version}`);
    expect(all.coChairHistory.map((term) => term.id).sort()).toEqual([
      'cochairterm/NZ/2022-07-01',
      'cochairterm/VN/2022-07-01',
    ]);

    const typed = [
      ...all.members.map((member) => ['Member', member.id]),
      ...all.coChairHistory.map((term) => ['CoChairTerm', term.id]),
      ...all.jpas.map((jpa) => ['Jpa', jpa.id]),
      ...all.termsOfReferenceVersions.map((version) => ['TermsOfReference', version.id]),
      ...all.operations.edges.map((edge) => ['Operation', edge.node.id]),
      ...all.auditEvents.edges.map((edge) => ['AuditEvent', edge.node.id]),
    ];
    expect(
      await nodesOf(
        api,
        callers.secretariat,
        typed.map(([, id]) => id!),
      ),
    ).toEqual(typed.map(([__typename, id]) => ({ __typename, id })));

    // The client documents: each type's fields as its own query answers them.
    const vietnam = dataOf(await api.call(callers.official, doc.NodeDocument, { id: 'member/VN' })).node;
    const member = dataOf(await api.call(callers.official, doc.MemberDocument, { country: 'VN' })).member;
    expect(vietnam).toEqual({
      __typename: 'Member',
      id: member?.id,
      country: member?.country,
      name: member?.name,
      memberStatus: member?.status,
      joinedOn: member?.joinedOn,
    });
  });

  it('answers null for unknown, unreadable and malformed ids alike: the same bodies', async () => {
    // An official of TH may not read coralTide (PARTICIPANTS; AU, ID, NZ), nor its events.
    const coralEvent = (await chainEvents(api)).find((event) => event.entity === `operation/${coralTide}`)!;
    const body = async (caller: Identity, id: string) => (await api.call(caller, nodeQuery, { id })).raw;
    const nothing = await body(callers.official, unknownUuid);
    expect(JSON.parse(nothing)).toEqual({ data: { node: null } });
    for (const id of [coralTide, coralEvent.id, 'jpa/99', 'member/FR', 'cochairterm/TH/2022-07-01']) {
      expect([id, await body(callers.official, id)]).toEqual([id, nothing]);
    }
    for (const id of [
      '',
      'jpa/07',
      'member/vn',
      'operation/x',
      unknownUuid.toUpperCase(),
      'tor/2/',
      'x'.repeat(5000),
    ]) {
      expect([id, await body(callers.official, id)]).toEqual([id, nothing]);
    }
    // An observer may not read drafts: a draft and a version that does not exist answer alike.
    dataOf(
      await api.call(callers.secretariat, doc.DraftTermsOfReferenceDocument, { input: { title: 'D', text: 'T' } }),
    );
    expect(await body(callers.observer, 'tor/3')).toBe(await body(callers.observer, 'tor/99'));
    expect(JSON.parse(await body(callers.official, 'tor/3')).data.node).toEqual({
      __typename: 'TermsOfReference',
      id: 'tor/3',
    });
    const both = async (ids: string[]) => (await api.call(callers.official, nodesQuery, { ids })).raw;
    expect(await both([coralTide, coralEvent.id])).toBe(await both([unknownUuid, 'jpa/07']));
  });

  it('nodes: 1 to 100 ids, answered in the order asked, an id asked twice answered twice', async () => {
    const ids = ['jpa/8', mekongLight, 'member/TH', 'jpa/8', 'nonsense', coralTide, 'tor/2', 'member/TH'];
    expect(await nodesOf(api, callers.official, ids)).toEqual([
      { __typename: 'Jpa', id: 'jpa/8' },
      { __typename: 'Operation', id: mekongLight },
      { __typename: 'Member', id: 'member/TH' },
      { __typename: 'Jpa', id: 'jpa/8' },
      null,
      null,
      { __typename: 'TermsOfReference', id: 'tor/2' },
      { __typename: 'Member', id: 'member/TH' },
    ]);
    const hundred = Array.from({ length: 100 }, (_, index) => (index % 2 ? 'member/VN' : 'jpa/8'));
    expect((await nodesOf(api, callers.official, hundred)).map((node) => node?.id)).toEqual(hundred);
    for (const refused of [[], [...hundred, 'jpa/8']]) {
      const response = await api.call(callers.official, nodesQuery, { ids: refused });
      expect(codes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors?.[0]?.extensions.field).toBe('ids');
      expect(response.data).toBeNull();
    }
  });

  it('answer each type as its own rules present it to the caller: no focal point for observers', async () => {
    const query =
      '{ node(id: "member/VN") { id ... on Member { focalPoint { name } history { edges { node { id } } } } } }';
    const asObserver = dataOf(await api.call<{ node: Record<string, unknown> }>(callers.observer, query)).node;
    expect(asObserver).toEqual({ id: 'member/VN', focalPoint: null, history: null });
    const asOfficial = dataOf(await api.call<{ node: Record<string, unknown> }>(callers.official, query)).node;
    expect(asOfficial.focalPoint).toEqual({ name: expect.any(String) });
    expect(asOfficial.history).toEqual({ edges: [expect.anything()] });
  });

  it('are refused to a caller with no role, as every other read is', async () => {
    for (const query of [nodeQuery, nodesQuery]) {
      const response = await api.call(callers.stranger, query, { id: 'member/VN', ids: ['member/VN'] });
      expect(codes(response)).toEqual(['FORBIDDEN']);
    }
  });
});

describe('an audit event by id', () => {
  const readers = {
    secretariat: callers.secretariat,
    coChair: callers.coChair,
    official: callers.official,
    vn,
    au,
    observer: callers.observer,
  };
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
    // Events for everyone and need-to-know ones, and one written while an operation was MEMBERS.
    dataOf(
      await api.call(callers.official, doc.UpdateOperationDocument, {
        input: { id: mekongLight, expectedRevision: 1, summary: 'need to know' },
      }),
    );
    dataOf(
      await api.call(callers.coChair, doc.UpdateOperationDocument, {
        input: { id: openHarbour, expectedRevision: 1, handling: 'PARTICIPANTS' },
      }),
    );
    dataOf(
      await api.call(callers.secretariat, doc.UpdateMemberDocument, {
        input: { country: 'PH', expectedRevision: 1, name: 'Philippines (renamed)' },
      }),
    );
    dataOf(
      await api.call(callers.secretariat, doc.DraftTermsOfReferenceDocument, {
        input: { title: 'Draft', text: 'Text' },
      }),
    );
    dataOf(
      await api.call(callers.secretariat, doc.RotateCoChairsDocument, {
        input: { outgoing: ['NZ'], incoming: ['AU'], effectiveOn: '2026-07-01' },
      }),
    );
  }, 120_000);

  /** The ids of the events the caller reads through every history it may read (and, for the secretariat, the trail). */
  async function throughHistory(caller: Identity): Promise<Set<string>> {
    const page = '{ edges { node { id } } }';
    const lists = dataOf(
      await api.call<{
        members: { country: string }[];
        jpas: { number: number }[];
        termsOfReferenceVersions: { version: number }[];
        operations: { edges: { node: { id: string } }[] };
      }>(
        caller,
        '{ members { country } jpas { number } termsOfReferenceVersions { version } operations(first: 100) { edges { node { id } } } }',
      ),
    );
    const histories = [
      ...lists.members.map((member) => `member(country: "${member.country}") { history(first: 100) ${page} }`),
      ...lists.jpas.map((jpa) => `jpa(number: ${jpa.number}) { history(first: 100) ${page} }`),
      ...lists.termsOfReferenceVersions.map(
        (version) => `termsOfReference(version: ${version.version}) { history(first: 100) ${page} }`,
      ),
      ...lists.operations.edges.map((edge) => `operation(id: "${edge.node.id}") { history(first: 100) ${page} }`),
    ];
    const ids = new Set<string>();
    for (const field of histories) {
      const data = dataOf(
        await api.call<Record<string, { history: { edges: { node: { id: string } }[] } | null }>>(
          caller,
          `{ ${field} }`,
        ),
      );
      for (const edge of Object.values(data)[0]?.history?.edges ?? []) ids.add(edge.node.id);
    }
    // Entities with no history (the co-chairs, recommendations, work-plan items, meetings, the published reports):
    // their events are the secretariat's trail.
    if (caller === callers.secretariat) {
      const work = dataOf(
        await api.call<{ recommendations: { number: number }[]; workPlan: { number: number }[] }>(
          caller,
          '{ recommendations { number } workPlan { number } }',
        ),
      );
      const meetings = dataOf(await api.call(caller, doc.MeetingsDocument)).meetings;
      const reports = dataOf(await api.call(caller, doc.AnnualReportsDocument)).annualReports;
      const entities = [
        'cochairs',
        ...work.recommendations.map((found) => `recommendation/${found.number}`),
        ...work.workPlan.map((found) => `workplan/${found.number}`),
        ...meetings.map((meeting) => `meeting/${meeting.number}`),
        ...reports.map((report) => `report/${report.year}`),
      ];
      for (const entity of entities) {
        const trail = dataOf(await api.call(caller, doc.AuditEventsDocument, { entity, first: 100 }));
        for (const edge of trail.auditEvents.edges) ids.add(edge.node.id);
      }
    }
    return ids;
  }

  it.each(Object.keys(readers) as (keyof typeof readers)[])(
    'is readable by the %s exactly when a history it may read shows it',
    async (name) => {
      const caller = readers[name];
      const events = await chainEvents(api);
      const byId = await nodesOf(
        api,
        caller,
        events.map((event) => event.id),
      );
      const readable = new Set(byId.flatMap((node) => (node ? [node.id] : [])));
      expect([...readable].sort()).toEqual([...(await throughHistory(caller))].sort());
      for (const node of byId) if (node) expect(node.__typename).toBe('AuditEvent');
      const needToKnow = events.filter((event) => !event.audience.includes('*')).map((event) => event.id);
      const shown = (ids: string[]) => ids.filter((id) => readable.has(id)).length;
      // The cells that tell the rule apart: observers read none; the secretariat no need-to-know event;
      // an official some of them (its countries'), but not all.
      if (name === 'observer') expect(readable.size).toBe(0);
      else expect(readable.size).toBeGreaterThan(0);
      if (name === 'secretariat') expect(shown(needToKnow)).toBe(0);
      if (name === 'official' || name === 'au' || name === 'vn' || name === 'coChair') {
        expect(shown(needToKnow)).toBeGreaterThan(0);
        expect(shown(needToKnow)).toBeLessThan(needToKnow.length);
      }
    },
  );

  it('answers the event as the history does', async () => {
    const history = dataOf(await api.call(callers.official, doc.OperationHistoryDocument, { id: mekongLight }));
    const [newest] = history.operation?.history?.edges ?? [];
    const node = dataOf(await api.call(callers.official, doc.NodeDocument, { id: newest!.node.id })).node;
    expect(node).toEqual(newest!.node);
    expect(node?.id).toBe(newest?.node.id);
    expect(newest!.node.summary).toContain('summary');
  });
});

describe('operations read through node and nodes', () => {
  const vias = async (api: TestApi, operationId: string) =>
    (await storedReads(api, operationId)).map((record) => record.via);

  it('are recorded, with node or nodes as the root field that carried them', async () => {
    const api = await createTestApi();
    dataOf(await api.call(callers.official, nodeQuery, { id: mekongLight }));
    expect(await vias(api, mekongLight)).toEqual(['node']);
    dataOf(await api.call(callers.official, nodesQuery, { ids: ['jpa/8', mekongLight, mekongLight] }));
    expect(await vias(api, mekongLight)).toEqual(['nodes', 'node']);
    // An alias is the field it stands for; MEMBERS operations, and those not shown, get no record.
    dataOf(
      await api.call(
        vn,
        `{ mine: node(id: "${quietCurrent}") { id } open: nodes(ids: ["${openHarbour}", "${coralTide}"]) { id } }`,
      ),
    );
    expect(await vias(api, quietCurrent)).toEqual(['node']);
    expect(await vias(api, openHarbour)).toEqual([]);
    expect(await vias(api, coralTide)).toEqual([]);
    // The lead country's officials see them in Operation.reads.
    const reads = dataOf(await api.call(callers.official, doc.OperationReadsDocument, { id: mekongLight }));
    expect(reads.operation?.reads?.edges.map((edge) => edge.node.via)).toEqual(['nodes', 'node']);
  });
});

describe('nodes of many ids', () => {
  it('reads the entities of one level together: one round of batched key reads, not one call an id', async () => {
    const counter = countingClient(inject('dynamoEndpoint'));
    const api = await createTestApi({ client: counter.client });
    const members = dataOf(await api.call(callers.secretariat, doc.MembersDocument)).members.map((member) => member.id);
    const ids = [...members, 'jpa/1', 'jpa/2', 'jpa/8', 'tor/1', 'tor/2', coralTide, openHarbour, quietCurrent];
    const hundred = Array.from({ length: 100 }, (_, index) => ids[index % ids.length]!);
    counter.reset();
    const answered = await nodesOf(api, callers.coChair, hundred);
    expect(answered.filter((node) => node === null)).toHaveLength(hundred.filter((id) => id === quietCurrent).length);
    const commands = counter.recorded.map((call) => call.command);
    // The caller's standing, one batch for every key asked (members, JPAs, versions, operations),
    // for the UUID that is no operation the caller may read, one look for an audit event; and the
    // read records of coralTide (PARTICIPANTS, NZ takes part), written once for all its copies.
    expect(commands.filter((command) => command !== 'BatchGetItemCommand')).toEqual([
      'QueryCommand',
      'TransactWriteItemsCommand',
    ]);
    expect(commands.filter((command) => command === 'BatchGetItemCommand').length).toBeLessThanOrEqual(2);
  });
});
