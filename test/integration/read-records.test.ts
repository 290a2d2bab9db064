import type { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createDocumentClient } from '../../functions/shared/data/dynamo.ts';
import type { Execution } from '../../functions/shared/runtime/config.ts';
import { callers, codes, createTestApi, dataOf, type Identity, type TestApi } from '../support/api.ts';
import * as doc from '../../schema/generated/documents.ts';
import { FaultProxy } from '../support/fault-proxy.ts';
import { sampleOperationIds } from '../support/samples.ts';
import { storedReads } from '../support/tables.ts';

/*
 * docs/api.md, "Read records": one record per request and operation handled PARTICIPANTS that the
 * response carries, naming the root field that carried it first; none for MEMBERS; listed newest
 * first by `Operation.reads` to officials of the lead country only; a response whose records cannot
 * be written carries no operation data.
 */

const { coralTide, mekongLight, openHarbour, quietCurrent } = sampleOperationIds;
const au: Identity = { sub: 'au-official', country: 'AU' };
const id: Identity = { sub: 'id-official', country: 'ID' };
const vn: Identity = { sub: 'vn-official', country: 'VN' };

const vias = async (api: TestApi, operationId: string) =>
  (await storedReads(api, operationId)).map((record) => record.via);

describe.each<Execution>(['jit', 'graphql-js'])('read records (%s)', (execution) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await createTestApi({}, execution);
  });

  it('writes one record for an operation handled PARTICIPANTS read by id: reader, country, via, request and expiry', async () => {
    const before = Date.now();
    dataOf(await api.call(au, doc.OperationDocument, { id: coralTide }));
    const records = await storedReads(api, coralTide);
    expect(records).toHaveLength(1);
    const [record] = records as [Record<string, unknown>];
    expect(record).toMatchObject({
      operationId: coralTide,
      reader: 'au-official',
      readerCountry: 'AU',
      via: 'operation',
      requestId: expect.any(String),
    });
    const at = Date.parse(String(record.at));
    expect(at).toBeGreaterThanOrEqual(before - 1000);
    // The local retention: 30 days.
    expect(record.expiresAt).toBe(Math.floor(at / 1000) + 30 * 24 * 3600);
  });

  it('writes none for an operation handled MEMBERS, nor for one the caller may not read', async () => {
    dataOf(await api.call(au, doc.OperationDocument, { id: openHarbour }));
    expect(dataOf(await api.call(au, doc.OperationDocument, { id: mekongLight })).operation).toBeNull();
    expect(await storedReads(api, openHarbour)).toEqual([]);
    expect(await storedReads(api, mekongLight)).toEqual([]);
  });

  it('writes one record per operation of a page, and none for a page whose operations are not selected', async () => {
    const page = dataOf(await api.call(vn, doc.OperationsDocument, {})).operations;
    expect(page.edges.map((edge) => edge.node.id).sort()).toEqual([mekongLight, openHarbour, quietCurrent].sort());
    expect(await vias(api, mekongLight)).toEqual(['operations']);
    expect(await vias(api, quietCurrent)).toEqual(['operations']);
    expect(await storedReads(api, openHarbour)).toEqual([]);

    dataOf(await api.call(vn, '{ operations { pageInfo { hasNextPage } } }'));
    expect(await vias(api, mekongLight)).toEqual(['operations']);
  });

  it('names the first root field of the response that carried it, by field name, not alias', async () => {
    const listFirst = `query ListFirst($id: ID!) {
      mine: operations { edges { node { id } } }
      one: operation(id: $id) { id }
    }`;
    dataOf(await api.call(vn, listFirst, { id: quietCurrent }));
    expect(await vias(api, quietCurrent)).toEqual(['operations']);
    expect(await vias(api, mekongLight)).toEqual(['operations']);

    const byIdFirst = `query ByIdFirst($id: ID!) {
      ...ById
      mine: operations { edges { node { id } } }
    }
    fragment ById on Query { one: operation(id: $id) { id } }`;
    dataOf(await api.call(vn, byIdFirst, { id: quietCurrent }));
    expect(await vias(api, quietCurrent)).toEqual(['operation', 'operations']);
    expect(await storedReads(api, quietCurrent)).toHaveLength(2);
    expect(await vias(api, mekongLight)).toEqual(['operations', 'operations']);
  });

  it('records operations carried nested, in a JPA, under the root field that led there', async () => {
    dataOf(await api.call(vn, doc.JpaDocument, { number: 8 }));
    expect(await vias(api, quietCurrent)).toEqual(['jpa']);
    expect(await vias(api, mekongLight)).toEqual(['jpa']);
    expect(await storedReads(api, openHarbour)).toEqual([]);
  });

  it('records the result of a mutation under the mutation', async () => {
    const created = dataOf(
      await api.call(au, doc.CreateOperationDocument, {
        input: {
          jpaNumber: 8,
          codeName: 'Blue Heron',
          participants: ['ID'],
          crimeTypes: ['PEOPLE_SMUGGLING'],
          startsOn: '2026-12-01',
        },
      }),
    ).createOperation;
    expect(await vias(api, created.id)).toEqual(['createOperation']);
    dataOf(
      await api.call(au, doc.UpdateOperationDocument, {
        input: { id: created.id, expectedRevision: 1, summary: 'updated' },
      }),
    );
    dataOf(
      await api.call(au, doc.RecordOutcomesDocument, {
        input: {
          id: created.id,
          expectedRevision: 2,
          outcomes: { arrests: 1, prosecutions: 0, victimsIdentified: 0, networksDisrupted: 0 },
        },
      }),
    );
    expect(await vias(api, created.id)).toEqual(['recordOutcomes', 'updateOperation', 'createOperation']);
  });

  it('never changes a record: each request adds its own', async () => {
    dataOf(await api.call(au, doc.OperationDocument, { id: coralTide }));
    dataOf(await api.call(au, doc.OperationDocument, { id: coralTide }));
    const records = await storedReads(api, coralTide);
    expect(records).toHaveLength(2);
    expect(new Set(records.map((record) => record.requestId)).size).toBe(2);
  });

  it('lists the records newest first to officials of the lead country', async () => {
    dataOf(await api.call(id, doc.OperationDocument, { id: coralTide }));
    dataOf(await api.call(callers.coChair, doc.OperationsDocument, {}));
    const reads = dataOf(await api.call(au, doc.OperationReadsDocument, { id: coralTide })).operation?.reads;
    expect(reads?.edges.map((edge) => edge.node)).toEqual([
      {
        __typename: 'OperationRead',
        at: expect.any(String),
        reader: 'nz-official',
        readerCountry: 'NZ',
        via: 'operations',
      },
      {
        __typename: 'OperationRead',
        at: expect.any(String),
        reader: 'id-official',
        readerCountry: 'ID',
        via: 'operation',
      },
    ]);
    expect(reads?.pageInfo.hasNextPage).toBe(false);
  });
});

describe('Operation.reads', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
    // Five requests that read Coral Tide, one after the other.
    for (const caller of [id, au, id, au, id]) dataOf(await api.call(caller, doc.OperationDocument, { id: coralTide }));
  });

  it('is null for everyone but officials of the lead country, with no error', async () => {
    for (const caller of [id, { sub: 'nz-3', country: 'NZ' }]) {
      const response = await api.call(caller, doc.OperationReadsDocument, { id: coralTide });
      expect(response.errors).toBeUndefined();
      expect(response.data?.operation).toEqual({ __typename: 'Operation', id: coralTide, reads: null });
    }
    // The secretariat and observers read operations handled MEMBERS, not who read them.
    for (const caller of [callers.secretariat, callers.observer]) {
      const response = await api.call(caller, doc.OperationReadsDocument, { id: openHarbour });
      expect(response.errors).toBeUndefined();
      expect(response.data?.operation?.reads ?? null).toBeNull();
    }
    const lead = await api.call(callers.coChair, doc.OperationReadsDocument, { id: openHarbour });
    expect(dataOf(lead).operation?.reads).toEqual({
      __typename: 'OperationReadConnection',
      edges: [],
      pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
    });
  });

  it('pages newest first with signed cursors', async () => {
    const all = dataOf(await api.call(au, doc.OperationReadsDocument, { id: coralTide, first: 100 })).operation?.reads;
    const times = all?.edges.map((edge) => edge.node.at) ?? [];
    expect(times.length).toBeGreaterThanOrEqual(5);
    expect([...times].sort().reverse()).toEqual(times);

    const first = dataOf(await api.call(au, doc.OperationReadsDocument, { id: coralTide, first: 2 })).operation?.reads;
    expect(first?.edges).toHaveLength(2);
    expect(first?.pageInfo.hasNextPage).toBe(true);
    const next = dataOf(
      await api.call(au, doc.OperationReadsDocument, {
        id: coralTide,
        first: 2,
        after: first?.pageInfo.endCursor ?? null,
      }),
    ).operation?.reads;
    // Each request that listed added its own record on top (the first page opens with the record of
    // the request that listed them all); the second page goes on from where the first ended.
    expect(first?.edges[1]?.node).toEqual(all?.edges[0]?.node);
    expect(next?.edges.map((edge) => edge.node)).toEqual(all?.edges.slice(1, 3).map((edge) => edge.node));
  });

  it('refuses a first outside 1–100 and a cursor of another list with BAD_USER_INPUT', async () => {
    for (const first of [0, 101]) {
      expect(codes(await api.call(au, doc.OperationReadsDocument, { id: coralTide, first }))).toEqual([
        'BAD_USER_INPUT',
      ]);
    }
    const operations = dataOf(await api.call(au, doc.OperationsDocument, { first: 1 })).operations;
    for (const after of [operations.pageInfo.endCursor ?? '', 'garbled']) {
      expect(codes(await api.call(au, doc.OperationReadsDocument, { id: coralTide, after }))).toEqual([
        'BAD_USER_INPUT',
      ]);
    }
  });
});

describe('a read record that cannot be written', () => {
  const proxy = new FaultProxy(inject('dynamoEndpoint'));
  const logged: { message: string; requestId?: unknown }[] = [];
  const outcomes: unknown[] = [];
  const logger = {
    info: (_: string, details: { outcome?: unknown }) => outcomes.push(details.outcome),
    error: (message: string, details: { requestId?: unknown }) => logged.push({ message, ...details }),
  } as unknown as Logger;
  let api: TestApi;
  beforeAll(async () => {
    const endpoint = await proxy.start();
    api = await createTestApi({ client: createDocumentClient({ endpoint }), logger });
  });
  afterAll(() => proxy.stop());

  it('answers INTERNAL_SERVER_ERROR with no operation data, and logs the failure with the request id', async () => {
    proxy.inject('TransactWriteItems', {
      kind: 'error',
      status: 400,
      type: 'ValidationException',
      message: 'arn:aws:dynamodb secret detail',
    });
    const response = await api.call(au, doc.OperationsDocument, {});
    expect(response.data).toBeNull();
    expect(response.errors).toEqual([
      { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    ]);
    expect(response.raw).not.toContain('Coral Tide');
    expect(response.raw).not.toContain('arn:aws');
    expect(logged).toEqual([
      expect.objectContaining({ message: 'read records not written', requestId: expect.any(String) }),
    ]);
    // The request's log line tells the answer that left, not the one that was replaced.
    expect(outcomes).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(await storedReads(api, coralTide)).toEqual([]);
  });

  it('answers as usual a response that carries no operation handled PARTICIPANTS, writing nothing', async () => {
    proxy.clear();
    proxy.inject('TransactWriteItems', { kind: 'error', status: 400, type: 'ValidationException', message: 'x' });
    const response = await api.call(callers.secretariat, doc.OperationDocument, { id: openHarbour });
    expect(dataOf(response).operation?.codeName).toBe('Open Harbour');
    expect(proxy.received).not.toContain('TransactWriteItems');
    proxy.clear();
  });
});
