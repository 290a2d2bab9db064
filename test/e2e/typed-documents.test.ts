import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { getOperationAST, print, type DocumentNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startLocalEnvironment, type LocalEnvironment } from '../../infra/local/environment.ts';
import * as operations from '../../schema/generated/documents.ts';
import {
  AddMemberDocument,
  CoChairsDocument,
  MemberDocument,
  OperationsDocument,
  UpdateMemberDocument,
  type CoChairsQuery,
} from '../../schema/generated/documents.ts';

let local: LocalEnvironment;
let token: string;

beforeAll(async () => {
  local = await startLocalEnvironment({
    port: 0,
    dynamoPort: 0,
    dataDir: ':memory:',
    dynamoEndpoint: inject('dynamoEndpoint'),
    tablePrefix: `ops${crypto.randomUUID().slice(0, 8)}`,
  });
  const response = await fetch(`${local.url}/dev/token`, {
    method: 'POST',
    body: JSON.stringify({ sub: 'front-end', groups: ['secretariat'] }),
  });
  token = ((await response.json()) as { token: string }).token;
});

afterAll(async () => {
  await local?.stop();
});

async function send(document: DocumentNode, variables: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${local.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(JSON.stringify(body.errors ?? body));
  return body.data;
}

/** What a front end writes once: a typed document and its variables in, typed data out. */
async function request<Data, Variables>(
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
): Promise<Data> {
  return (await send(document, variables)) as Data;
}

describe("schema/documents' typed documents against the local server", () => {
  it('answer data of their generated types, such as the co-chairs', async () => {
    const data: CoChairsQuery = await request(CoChairsDocument, {});
    expect(data.coChairs.map((term) => term.member.name)).toEqual(['New Zealand', 'Viet Nam']);
  });

  it('run every query as the secretariat without an error', async () => {
    const { operations: page } = await request(OperationsDocument, { first: 1 });
    const operationId = page.edges[0]?.node.id;
    const variables: Record<string, Record<string, unknown>> = {
      MemberDocument: { country: 'NZ' },
      MembersDocument: { status: 'ACTIVE' },
      JpaDocument: { number: 8, first: 2 },
      JpasDocument: {},
      OperationDocument: { id: operationId },
      OperationReadsDocument: { id: operationId },
      OperationsDocument: { jpaNumber: 8 },
      TermsOfReferenceDocument: {},
      TermsOfReferenceChangesDocument: { version: 2, from: 1 },
      AuditEventsDocument: { first: 5 },
      MemberHistoryDocument: { country: 'NZ' },
      JpaHistoryDocument: { number: 8 },
      TermsOfReferenceHistoryDocument: { version: 2 },
      OperationHistoryDocument: { id: operationId },
      NodeDocument: { id: 'member/NZ' },
      NodesDocument: { ids: ['member/NZ', 'jpa/8', operationId] },
      RecommendationDocument: { number: 1 },
      MeetingDocument: { number: 1 },
      MeetingsDocument: { year: 2024 },
      AnnualReportDocument: { year: 2024 },
    };
    const queries = Object.entries(operations).filter(
      (entry): entry is [string, DocumentNode] =>
        entry[0].endsWith('Document') && getOperationAST(entry[1])?.operation === 'query',
    );
    expect(queries.length).toBeGreaterThan(10);
    for (const [name, document] of queries) {
      const data = await send(document, variables[name] ?? {}).catch((error: unknown) => {
        throw new Error(`${name}: ${String(error)}`);
      });
      expect(
        Object.values(data).every((value) => value !== null),
        name,
      ).toBe(true);
    }
  });

  it('carry a mutation through, its result typed, the next query seeing it', async () => {
    const { addMember } = await request(AddMemberDocument, {
      input: {
        country: 'FJ',
        name: 'Fiji',
        joinedOn: '2026-11-01',
        agencies: [{ name: 'Fiji Police Force', kind: 'POLICE' }],
      },
    });
    expect(addMember).toMatchObject({ country: 'FJ', status: 'ACTIVE', revision: 1 });
    await request(UpdateMemberDocument, {
      input: { country: 'FJ', expectedRevision: addMember.revision, name: 'Republic of Fiji' },
    });
    const { member } = await request(MemberDocument, { country: 'FJ' });
    expect(member?.name).toBe('Republic of Fiji');
  });
});
