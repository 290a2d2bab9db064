import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../support/global-setup.ts';
import { manifestDocuments, type ManifestDocument } from '../support/persisted-documents.ts';

/*
 * `DOCUMENTS=trusted npm start`, as its own process on the run's DynamoDB: it says so, refuses an
 * ad-hoc document with UNKNOWN_DOCUMENT, and runs every document of the manifest, by id and by
 * text (docs/api.md, "Transport").
 */

let child: ChildProcess;
let output = '';
let url: string;
let token: string;

beforeAll(async () => {
  const port = await freePort();
  child = spawn(process.execPath, ['infra/local/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
      TABLE_PREFIX: `trusted${crypto.randomUUID().slice(0, 8)}`,
      DOCUMENTS: 'trusted',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (
    !(await fetch(`${url}/health`).then(
      (response) => response.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null) throw new Error(`npm start exited: ${output}`);
    if (Date.now() > deadline) throw new Error(`npm start did not become healthy: ${output}`);
    await new Promise((done) => setTimeout(done, 200));
  }
  const response = await fetch(`${url}/dev/token`, {
    method: 'POST',
    body: JSON.stringify({ sub: 'front-end', groups: ['secretariat'] }),
  });
  token = ((await response.json()) as { token: string }).token;
}, 90_000);

afterAll(() => {
  child?.kill('SIGTERM');
});

interface Reply {
  data?: Record<string, unknown> | null;
  errors?: { extensions: { code: string } }[];
}

async function post(body: Record<string, unknown>): Promise<Reply> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Reply;
}

const codes = (reply: Reply) => (reply.errors ?? []).map((error) => error.extensions.code);

/**
 * Variables for each operation of the manifest: queries answer data; mutations reach execution and
 * are refused there by a rule (nothing to change, or not the caller's), so every run changes nothing.
 */
const variables = (operationId: string): Record<string, Record<string, unknown>> => ({
  AuditEvents: { first: 5 },
  MemberHistory: { country: 'NZ' },
  JpaHistory: { number: 8 },
  TermsOfReferenceHistory: { version: 2 },
  OperationHistory: { id: operationId },
  Jpa: { number: 8, first: 2 },
  Jpas: {},
  Viewer: {},
  WorkingGroup: {},
  Member: { country: 'NZ' },
  Members: { status: 'ACTIVE' },
  CoChairs: {},
  CoChairHistory: {},
  Operation: { id: operationId },
  Operations: { jpaNumber: 8 },
  OperationReads: { id: operationId },
  Node: { id: 'jpa/8' },
  Nodes: { ids: ['member/NZ', 'cochairterm/NZ/2022-07-01', 'jpa/8', 'tor/2', operationId] },
  TermsOfReference: {},
  TermsOfReferenceVersions: {},
  TermsOfReferenceChanges: { version: 2, from: 1 },
  CreateJpa: { input: { number: 8, title: 'Again', startsOn: '2026-01-01', endsOn: '2026-02-01' } },
  UpdateJpa: { input: { number: 99, expectedRevision: 1, title: 'x' } },
  JoinJpa: { input: { number: 8 } },
  ConcludeJpa: { input: { number: 99, expectedRevision: 1 } },
  AddMember: { input: { country: 'NZ', name: 'New Zealand', joinedOn: '2026-01-01' } },
  UpdateMember: { input: { country: 'FR', expectedRevision: 1, name: 'x' } },
  SetMemberStatus: { input: { country: 'FR', expectedRevision: 1, status: 'SUSPENDED', reason: 'x' } },
  RotateCoChairs: { input: { outgoing: [], incoming: [], effectiveOn: '2026-07-01' } },
  CreateOperation: {
    input: { jpaNumber: 8, codeName: 'x', crimeTypes: ['TRAFFICKING_IN_PERSONS'], startsOn: '2026-01-01' },
  },
  UpdateOperation: { input: { id: operationId, expectedRevision: 99 } },
  RecordOutcomes: {
    input: {
      id: operationId,
      expectedRevision: 99,
      outcomes: { arrests: 0, prosecutions: 0, victimsIdentified: 0, networksDisrupted: 0 },
    },
  },
  DraftTermsOfReference: { input: { title: ' ', text: ' ' } },
  UpdateTermsOfReferenceDraft: { input: { version: 99, expectedRevision: 1, title: 'x' } },
  AdoptTermsOfReference: { input: { version: 99, expectedRevision: 1, adoptedOn: '2026-01-01' } },
  Recommendation: { number: 1 },
  Recommendations: { status: 'IN_PROGRESS', owner: 'NZ' },
  WorkPlan: {},
  AddRecommendation: { input: { text: ' ', owners: ['NZ'] } },
  UpdateRecommendation: { input: { number: 999, expectedRevision: 1, text: 'x' } },
  AddProgressNote: { input: { recommendationNumber: 999, text: 'x' } },
  CreateWorkPlanItem: { input: { title: ' ', owners: ['NZ'], dueOn: '2027-01-01' } },
  UpdateWorkPlanItem: { input: { number: 999, expectedRevision: 1, title: 'x' } },
  Meeting: { number: 1 },
  Meetings: { year: 2024 },
  ScheduleMeeting: {
    input: { title: ' ', kind: 'WORKSHOP', format: 'VIRTUAL', startsOn: '2026-01-01', endsOn: '2026-01-01' },
  },
  UpdateMeeting: { input: { number: 99, expectedRevision: 1, title: 'x' } },
  RecordAttendance: { input: { number: 99, expectedRevision: 1, attendance: [] } },
  // The sample data publishes 2024; 2100 has not ended, so publishing it is refused.
  AnnualReport: { year: 2024 },
  AnnualReports: {},
  PublishAnnualReport: { input: { year: 2100 } },
});

describe('DOCUMENTS=trusted npm start', () => {
  it('says so at start, and the IDE says so too', async () => {
    expect(output).toContain("documents: trusted, only the manifest's documents run (DOCUMENTS=open|trusted)");
    expect(await (await fetch(`${url}/`)).text()).toContain('"documents":"trusted"');
  });

  it('refuses an ad-hoc document with UNKNOWN_DOCUMENT, by POST and by GET', async () => {
    expect(codes(await post({ query: '{ workingGroup { name } }' }))).toEqual(['UNKNOWN_DOCUMENT']);
    const get = await fetch(`${url}/graphql?${new URLSearchParams({ query: '{ workingGroup { name } }' })}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(((await get.json()) as Reply).errors?.[0]?.extensions.code).toBe('UNKNOWN_DOCUMENT');
  });

  it('runs every document of the manifest, by id and by text, each reaching execution with the same answer', async () => {
    const operations = await post({ documentId: manifestDocuments.find((d) => d.operationName === 'Operations')?.id });
    const page = operations.data?.operations as { edges: { node: { id: string } }[] };
    const table = variables(page.edges[0]!.node.id);
    const outcome = (document: ManifestDocument, reply: Reply) => ({
      document: document.operationName,
      // A request error (refused before execution) has no data at all.
      executed: reply.data !== undefined,
      codes: codes(reply),
    });
    expect(manifestDocuments.length).toBeGreaterThan(20);
    for (const document of manifestDocuments) {
      // A document added to schema/documents needs its variables here: this test runs them all.
      const known = table[document.operationName];
      expect(known, `variables for ${document.operationName}`).toBeDefined();
      const byId = await post({ documentId: document.id, variables: known });
      const byText = await post({ query: document.text, variables: known });
      expect(outcome(document, byText)).toEqual(outcome(document, byId));
      expect(outcome(document, byId)).toMatchObject({ executed: true });
      if (document.operation === 'query') expect(outcome(document, byId)).toMatchObject({ codes: [] });
      else expect(byId.data, document.operationName).toBeNull();
    }
  });
});

describe('DOCUMENTS set to anything else', () => {
  it('stops npm start with one line naming the variable and its values', async () => {
    const failed = spawn(process.execPath, ['infra/local/main.ts'], {
      env: { ...process.env, DOCUMENTS: 'closed' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    failed.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((done) => failed.once('exit', done));
    expect(code).toBe(1);
    expect(stderr).toBe('could not start: DOCUMENTS must be open or trusted, not "closed"\n');
  });
});
