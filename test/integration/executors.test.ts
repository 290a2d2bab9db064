import type { Logger } from '@aws-lambda-powertools/logger';
import { Kind, print, visit, type DefinitionNode, type DocumentNode } from 'graphql';
import { describe, expect, inject, it } from 'vitest';
import { MembershipRepository } from '../../functions/membership/membership.repository.ts';
import { createDocumentClient } from '../../functions/shared/data/dynamo.ts';
import type { Clock } from '../../functions/shared/runtime/clock.ts';
import type { Execution } from '../../functions/shared/runtime/config.ts';
import { Cursors } from '../../functions/shared/runtime/cursors.ts';
import { callers, createTestApi, type Identity, type TestApi } from '../support/api.ts';
import { clientDocuments, clientOperations } from '../support/client-documents.ts';
import { sampleOperationIds } from '../support/samples.ts';

/*
 * The execution switch (GRAPHQL_EXECUTION) changes the executor and nothing else: the client
 * documents of schema/documents, their errors, masking, limits and the cost plugin answer the same,
 * byte for byte, under graphql-jit behind the gateway interface and under Apollo's own graphql-js.
 * Each executor gets its own tables with the same sample data, clock, ids and cursor key, and the
 * same script of calls; the two transcripts must be identical.
 */

/** An operation of the client documents with the fragments it uses, as a front end sends it. */
function clientDocument(name: string): string {
  const byName = new Map(
    clientDocuments.definitions.flatMap((definition) =>
      'name' in definition && definition.name ? [[definition.name.value, definition]] : [],
    ),
  );
  const needed = new Set<DefinitionNode>();
  const add = (definition: DefinitionNode | undefined) => {
    if (!definition || needed.has(definition)) return;
    needed.add(definition);
    visit(definition, { FragmentSpread: (spread) => add(byName.get(spread.name.value)) });
  };
  add(clientOperations.find((operation) => operation.name?.value === name));
  if (needed.size === 0) throw new Error(`no client operation ${name}`);
  const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [...needed] };
  return print(document);
}

interface Step {
  readonly caller: Identity | null;
  /** A client operation's name, or a document of its own (limits, validation). */
  readonly operation: string;
  readonly variables?: (earlier: unknown[]) => Record<string, unknown>;
  readonly operationName?: string;
}

const au: Identity = { sub: 'au-official', country: 'AU' };
const endCursor = (response: unknown, field: string): unknown =>
  (response as { data: Record<string, { pageInfo: { endCursor: unknown } }> }).data[field]?.pageInfo.endCursor;

/** Reads by every kind of caller, paging, refusals and errors of each kind, then mutations and the audit trail they leave. */
const script: Step[] = [
  ...Object.values(callers).flatMap((caller): Step[] => [
    { caller, operation: 'Viewer' },
    { caller, operation: 'WorkingGroup' },
    { caller, operation: 'Members' },
    { caller, operation: 'Jpas' },
    { caller, operation: 'Operations', variables: () => ({ first: 2 }) },
    { caller, operation: 'Operation', variables: () => ({ id: sampleOperationIds.openHarbour }) },
    { caller, operation: 'AuditEvents', variables: () => ({ first: 3 }) },
    // Observers read meetings without attendance or minutes.
    { caller, operation: 'Meeting', variables: () => ({ number: 1 }) },
    { caller, operation: 'Meetings', variables: () => ({ year: 2025 }) },
  ]),
  { caller: callers.secretariat, operation: 'Member', variables: () => ({ country: 'NZ' }) },
  { caller: callers.secretariat, operation: 'CoChairs' },
  { caller: callers.secretariat, operation: 'CoChairHistory' },
  { caller: callers.secretariat, operation: 'Jpa', variables: () => ({ number: 8, first: 2 }) },
  { caller: callers.secretariat, operation: 'TermsOfReference' },
  { caller: callers.secretariat, operation: 'TermsOfReferenceVersions' },
  { caller: callers.secretariat, operation: 'TermsOfReferenceChanges', variables: () => ({ version: 2, from: 1 }) },
  // The next page, from the cursor of the page before.
  { caller: au, operation: 'Operations', variables: () => ({ first: 1 }) },
  {
    caller: au,
    operation: 'Operations',
    variables: (earlier) => ({ first: 1, after: endCursor(earlier.at(-1), 'operations') }),
  },
  // Errors: bad inputs (scalar, variable type, cursor), not found, forbidden, unauthenticated.
  { caller: callers.secretariat, operation: 'Member', variables: () => ({ country: 'XX' }) },
  { caller: callers.secretariat, operation: 'Jpa', variables: () => ({ number: 'eight' }) },
  { caller: au, operation: 'Operations', variables: () => ({ first: 1, after: 'forged.cursor' }) },
  { caller: au, operation: 'Operations', variables: () => ({ first: 1000 }) },
  { caller: callers.secretariat, operation: 'Jpa', variables: () => ({ number: 99 }) },
  {
    caller: callers.secretariat,
    operation: 'UpdateMember',
    variables: () => ({ input: { country: 'WS', expectedRevision: 1, name: 'Samoa' } }),
  },
  {
    caller: callers.official,
    operation: 'AddMember',
    variables: () => ({ input: { country: 'FJ', name: 'Fiji', joinedOn: '2026-11-01' } }),
  },
  { caller: null, operation: 'Viewer' },
  // Which operation of a document: a stale name (GraphiQL sends one after a change of tab), none
  // of several, and one of several by its name.
  { caller: callers.secretariat, operation: 'query A { viewer { subject } }', operationName: 'B' },
  { caller: callers.secretariat, operation: 'query A { viewer { subject } } query C { viewer { roles } }' },
  {
    caller: callers.secretariat,
    operation: 'query A { viewer { subject } } query C { viewer { roles } }',
    operationName: 'C',
  },
  // Refused before execution: validation, parsing, depth, the cost estimate.
  { caller: callers.secretariat, operation: '{ viewer { subject nope } }' },
  { caller: callers.secretariat, operation: '{ viewer { subject ' },
  {
    caller: callers.secretariat,
    operation:
      '{ jpas { operations { edges { node { jpa { operations { edges { node { jpa { operations { edges { node { id } } } } } } } } } } } } }',
  },
  {
    caller: callers.secretariat,
    operation: `{ ${Array.from({ length: 9 }, (_, i) => `a${i}: jpas { operations(first: 100) { edges { node { participants { country } lead { country } jpa { participants { country } } } } } }`).join(' ')} }`,
  },
  // Mutations, a conflict among them, then the audit trail they wrote.
  {
    caller: callers.secretariat,
    operation: 'AddMember',
    variables: () => ({
      input: {
        country: 'FJ',
        name: 'Fiji',
        joinedOn: '2026-11-01',
        agencies: [{ name: 'Fiji Police Force', kind: 'POLICE' }],
      },
    }),
  },
  {
    caller: callers.secretariat,
    operation: 'UpdateMember',
    variables: () => ({ input: { country: 'FJ', expectedRevision: 1, name: 'Republic of Fiji' } }),
  },
  {
    caller: callers.secretariat,
    operation: 'UpdateMember',
    variables: () => ({ input: { country: 'FJ', expectedRevision: 1, name: 'Fiji again' } }),
  },
  {
    caller: callers.secretariat,
    operation: 'CreateJpa',
    variables: () => ({
      input: {
        number: 9,
        title: 'Joint Period of Action 9',
        startsOn: '2027-08-01',
        endsOn: '2028-07-31',
        participants: ['NZ', 'VN'],
      },
    }),
  },
  {
    caller: au,
    operation: 'CreateOperation',
    variables: () => ({
      input: {
        jpaNumber: 8,
        codeName: 'Blue Heron',
        participants: ['ID'],
        crimeTypes: ['PEOPLE_SMUGGLING'],
        startsOn: '2026-12-01',
      },
    }),
  },
  {
    caller: au,
    operation: 'RecordOutcomes',
    variables: (earlier) => ({
      input: {
        id: (earlier.at(-1) as { data: { createOperation: { id: string } } }).data.createOperation.id,
        expectedRevision: 1,
        outcomes: { arrests: 3, prosecutions: 1, victimsIdentified: 2, networksDisrupted: 1 },
      },
    }),
  },
  {
    caller: callers.coChair,
    operation: 'ScheduleMeeting',
    variables: () => ({
      input: {
        title: 'Workshop',
        kind: 'WORKSHOP',
        format: 'HYBRID',
        startsOn: '2026-12-01',
        endsOn: '2026-12-02',
        host: 'NZ',
        jpaNumber: 8,
        agenda: [{ title: 'Opening', presenter: 'VN' }, { title: 'Discussion' }],
      },
    }),
  },
  {
    caller: callers.secretariat,
    operation: 'RecordAttendance',
    variables: () => ({ input: { number: 4, expectedRevision: 1, attendance: [{ country: 'TH', delegates: 3 }] } }),
  },
  {
    caller: callers.coChair,
    operation: 'DraftTermsOfReference',
    variables: () => ({ input: { title: 'Terms of Reference', text: 'One.\nTwo.\n', changeSummary: 'illustrative' } }),
  },
  { caller: callers.secretariat, operation: 'AuditEvents', variables: () => ({ first: 10 }) },
];

const fixedClock: Clock = { now: () => '2026-11-28T10:00:00.000Z' };
const cursorKey = new Uint8Array(32).fill(7);

/** Fresh tables and a handler with `execution`; clock, ids and cursor key fixed, so both runs can answer alike. */
async function apiWith(execution: Execution): Promise<TestApi> {
  let ids = 0;
  return createTestApi(
    {
      clock: fixedClock,
      newId: () => {
        ids += 1;
        return `00000000-0000-4000-8000-${String(ids).padStart(12, '0')}`;
      },
      cursors: new Cursors(async () => cursorKey),
    },
    execution,
  );
}

/** Status and body of each step, in order. */
async function transcript(execution: Execution): Promise<{ status: number | undefined; body: unknown }[]> {
  const api = await apiWith(execution);
  const bodies: unknown[] = [];
  const answers: { status: number | undefined; body: unknown }[] = [];
  for (const step of script) {
    const known = clientOperations.some((operation) => operation.name?.value === step.operation);
    const query = known ? clientDocument(step.operation) : step.operation;
    const variables = step.variables?.(bodies) ?? {};
    const result = await api.send(step.caller, JSON.stringify({ query, variables, operationName: step.operationName }));
    const body: unknown = JSON.parse(result.body ?? 'null');
    bodies.push(body);
    answers.push({ status: result.statusCode, body });
  }
  return answers;
}

describe('the execution switch', () => {
  it('answers a script of client documents, errors and limits identically under graphql-jit and graphql-js', async () => {
    const [jit, graphqlJs] = await Promise.all([transcript('jit'), transcript('graphql-js')]);
    for (const [index, step] of script.entries()) {
      expect(graphqlJs[index], `${step.operation.slice(0, 60)} as ${step.caller?.sub ?? 'nobody'}`).toEqual(jit[index]);
    }
    // Byte for byte: member order too, which toEqual does not look at.
    expect(JSON.stringify(graphqlJs)).toBe(JSON.stringify(jit));

    // The script is only worth running if it reaches what it means to: data, and every kind of error.
    const codes = new Set(
      jit.flatMap(({ body }) =>
        ((body as { errors?: { extensions?: { code?: string } }[] }).errors ?? []).map(
          (error) => error.extensions?.code,
        ),
      ),
    );
    expect([...codes].sort()).toEqual(
      [
        'BAD_USER_INPUT',
        'CONFLICT',
        'FORBIDDEN',
        'GRAPHQL_PARSE_FAILED',
        'GRAPHQL_VALIDATION_FAILED',
        'MAX_COST_EXCEEDED',
        'NOT_FOUND',
        'OPERATION_RESOLUTION_FAILURE',
        'UNAUTHENTICATED',
      ].sort(),
    );
    const answered = jit.filter(
      ({ body }) => (body as { data?: unknown }).data && !(body as { errors?: unknown }).errors,
    );
    expect(answered.length).toBeGreaterThan(script.length / 2);
  });

  it('masks an unexpected failure identically under both', async () => {
    const answer = async (execution: Execution) => {
      const logger = { info: () => {}, error: () => {} } as unknown as Logger;
      const missing = new MembershipRepository(createDocumentClient({ endpoint: inject('dynamoEndpoint') }), {
        membership: 'no-such-table',
        audit: 'no-such-audit-table',
      });
      const api = await createTestApi({ membership: missing, logger }, execution);
      return (await api.send(callers.secretariat, JSON.stringify({ query: clientDocument('Members') }))).body;
    };
    const [jit, graphqlJs] = await Promise.all([answer('jit'), answer('graphql-js')]);
    expect(graphqlJs).toBe(jit);
    expect(JSON.parse(jit ?? '')).toMatchObject({
      data: null,
      errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    });
  });
});
