import type { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createDocumentClient } from '../../functions/shared/data/dynamo.ts';
import {
  callers,
  codes,
  createTestApi,
  dataOf,
  type GraphqlResponse,
  type Identity,
  type TestApi,
} from '../support/api.ts';
import * as doc from '../../schema/generated/documents.ts';
import { FaultProxy } from '../support/fault-proxy.ts';
import { auditEvents } from '../support/tables.ts';

/**
 * Faults between the function and DynamoDB, injected as real HTTP answers so the SDK's retries,
 * timeouts and idempotency tokens take part: each maps to the right code, is retried only where
 * repeating is safe, is logged with the request id, and leaves no half-written state.
 */
const proxy = new FaultProxy(inject('dynamoEndpoint'));
const logged: { requestId?: unknown; error?: unknown }[] = [];
const logger = {
  info: () => {},
  error: (_: string, details: { requestId?: unknown; error?: unknown }) => logged.push(details),
} as unknown as Logger;
let api: TestApi;

beforeAll(async () => {
  const endpoint = await proxy.start();
  api = await createTestApi({ client: createDocumentClient({ endpoint }), logger });
});
afterAll(() => proxy.stop());
beforeEach(() => {
  proxy.clear();
  logged.length = 0;
});

const throttled = {
  kind: 'error',
  status: 400,
  type: 'ProvisionedThroughputExceededException',
  message: 'Rate exceeded',
} as const;
const serverError = {
  kind: 'error',
  status: 500,
  type: 'InternalServerError',
  message: 'Internal server error',
} as const;
const invalid = {
  kind: 'error',
  status: 400,
  type: 'ValidationException',
  message: 'One or more parameter values were invalid: arn:aws:dynamodb secret',
} as const;
const cancelled = (...reasons: string[]) =>
  ({
    kind: 'error',
    status: 400,
    type: 'TransactionCanceledException',
    message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.join(', ')}]`,
    extra: { CancellationReasons: reasons.map((Code) => ({ Code })) },
  }) as const;

const rename = (expectedRevision: number, name: string) =>
  api.call(callers.secretariat, doc.UpdateMemberDocument, { input: { country: 'TH', expectedRevision, name } });
const thailand = async () => {
  const member = dataOf(await api.call(callers.secretariat, doc.MemberDocument, { country: 'TH' })).member;
  if (!member) throw new Error('TH is no member');
  return member;
};
const events = () => auditEvents(api.endpoint, api.tableNames);

describe('faults of DynamoDB', () => {
  it('retries throttled reads and a server error (the SDK), and answers as if nothing happened', async () => {
    proxy.inject('BatchGetItem', throttled, serverError);
    const response = await api.call({ sub: 'nz', country: 'NZ' }, doc.MemberDocument, { country: 'TH' });
    expect(response.errors).toBeUndefined();
    expect(proxy.received.filter((operation) => operation === 'BatchGetItem').length).toBeGreaterThanOrEqual(3);
  });

  it('retries a throttled transaction and writes it once', async () => {
    proxy.inject('TransactWriteItems', throttled, cancelled('ThrottlingError', 'None'));
    expect((await rename(1, 'Thailand 2')).errors).toBeUndefined();
    expect(await thailand()).toMatchObject({ name: 'Thailand 2', revision: 2 });
    expect(await events()).toHaveLength(1);
  });

  it('writes a transaction once when the answer is lost and the SDK repeats it with the same token', async () => {
    // The first attempt is written but answered after the client's 2.5 s timeout.
    const { revision } = await thailand();
    proxy.inject('TransactWriteItems', { kind: 'slow', ms: 3000 });
    const response = await rename(revision, 'Thailand timeout');
    expect(response.errors).toBeUndefined();
    expect(proxy.received.filter((operation) => operation === 'TransactWriteItems')).toHaveLength(2);
    expect(await thailand()).toMatchObject({ name: 'Thailand timeout', revision: revision + 1 });
    const recorded = (await events()).filter((event) => event.action === 'updateMember');
    expect(recorded.length).toBeGreaterThanOrEqual(1);
    expect(new Set(recorded.map((event) => event.entity))).toEqual(new Set(['member/TH']));
  }, 20_000);

  it('answers a failed condition as CONFLICT and another transaction holding the item, after retries, as CONFLICT', async () => {
    const before = await thailand();
    proxy.inject('TransactWriteItems', cancelled('ConditionalCheckFailed', 'None'));
    expect(codes(await rename(before.revision, 'x'))).toEqual(['CONFLICT']);
    proxy.inject(
      'TransactWriteItems',
      cancelled('TransactionConflict'),
      cancelled('TransactionConflict'),
      cancelled('TransactionConflict'),
    );
    expect(codes(await rename(before.revision, 'x'))).toEqual(['CONFLICT']);
    expect(await thailand()).toEqual(before);
    expect(logged).toHaveLength(0);
  });

  it('answers what cannot be retried as INTERNAL_SERVER_ERROR, without AWS text, logged with the request id, once', async () => {
    const before = await thailand();
    const eventsBefore = await events();
    for (const fault of [invalid, cancelled('ValidationError')]) {
      proxy.clear();
      proxy.inject('TransactWriteItems', fault);
      const response = await rename(before.revision, 'x');
      expect(codes(response)).toEqual(['INTERNAL_SERVER_ERROR']);
      expect(response.raw).not.toMatch(/arn:aws|Validation|Transaction|dynamodb/i);
      expect(proxy.received.filter((operation) => operation === 'TransactWriteItems')).toHaveLength(1);
    }
    expect(logged).toHaveLength(2);
    expect(logged.every((entry) => typeof entry.requestId === 'string')).toBe(true);
    expect(await thailand()).toEqual(before);
    expect(await events()).toEqual(eventsBefore);
  });

  it('answers a query whose reads keep failing as INTERNAL_SERVER_ERROR, then recovers', async () => {
    proxy.inject('Query', serverError, serverError, serverError);
    const failed = await api.call(callers.secretariat, doc.MembersDocument);
    expect(codes(failed)).toEqual(['INTERNAL_SERVER_ERROR']);
    expect((await api.call(callers.secretariat, doc.MembersDocument)).errors).toBeUndefined();
  });
});

describe('every kind of call', () => {
  const au: Identity = { sub: 'au-official', country: 'AU' };
  const requests: Record<string, () => Promise<GraphqlResponse>> = {
    BatchGetItem: () => api.call({ sub: 'nz', country: 'NZ' }, doc.ViewerDocument),
    Query: () => api.call(callers.secretariat, doc.MembersDocument),
    GetItem: () =>
      api.call(au, doc.CreateOperationDocument, {
        input: {
          jpaNumber: 8,
          codeName: 'Keyed',
          crimeTypes: ['PEOPLE_SMUGGLING'],
          startsOn: '2027-01-01',
          idempotencyKey: `k-${crypto.randomUUID()}`,
        },
      }),
    TransactWriteItems: () =>
      api.call(callers.secretariat, doc.DraftTermsOfReferenceDocument, { input: { title: 'Draft', text: 'Text' } }),
  };
  for (const [operation, request] of Object.entries(requests)) {
    it(`${operation}: retries a service error and a timeout; answers INTERNAL_SERVER_ERROR when they last, and recovers`, async () => {
      proxy.inject(operation, serverError, { kind: 'reset' });
      expect((await request()).errors).toBeUndefined();
      proxy.inject(operation, serverError, serverError, serverError);
      const failed = await request();
      expect(codes(failed)).toEqual(['INTERNAL_SERVER_ERROR']);
      expect(failed.raw).not.toMatch(/InternalServerError|dynamodb|arn:aws/i);
      expect((await request()).errors).toBeUndefined();
    });
  }
});

describe('a handler that cannot reach DynamoDB', () => {
  it('answers each request with INTERNAL_SERVER_ERROR while DynamoDB is unreachable, and recovers when it is back', async () => {
    const flaky = new FaultProxy(inject('dynamoEndpoint'));
    const endpoint = await flaky.start();
    const port = Number(new URL(endpoint).port);
    const unreachable = await createTestApi({ client: createDocumentClient({ endpoint }), logger });
    await flaky.stop();
    const down = await unreachable.call(callers.secretariat, doc.MembersDocument);
    expect(codes(down)).toEqual(['INTERNAL_SERVER_ERROR']);
    await flaky.start(port);
    const up = await unreachable.call(callers.secretariat, doc.MembersDocument);
    expect(up.errors).toBeUndefined();
    await flaky.stop();
  }, 30_000);
});
