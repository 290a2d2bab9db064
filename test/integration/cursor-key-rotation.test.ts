import { GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGraphqlHandler, type LambdaHandler } from '../../functions/graphql/create-handler.ts';
import { keyRingRetryMs, keyRingTtlMs } from '../../functions/graphql/cursor-key.ts';
import type { Clock } from '../../functions/shared/runtime/clock.ts';
import type { Config } from '../../functions/shared/runtime/config.ts';
import { rotateCursorKey } from '../../infra/ops/cursor-key.ts';
import { apiGatewayEvent, flattenClaims, lambdaContext } from '../../infra/local/lambda-event.ts';
import { loadSampleData } from '../../infra/local/sample-data/load.ts';
import { freshTables } from '../support/tables.ts';

/**
 * The function and `rotate-cursor-key` around one secret. There is no local Secrets Manager:
 * every SecretsManagerClient is mocked, and the mock keeps what was last put, as the secret would.
 */
const secrets = mockClient(SecretsManagerClient);
const secretArn = 'arn:aws:secretsmanager:local:000000000000:secret:CursorKey-abc123';
const firstDeployment = 'Ab3dEf6hIj9lMn2pQr5tUv8xYz1bCd4fGh7jKl0nOp3rSt6vWx9zAb2dEf5hIj8l';
const start = Date.parse('2026-05-01T09:00:00.000Z');
const hour = 3_600_000;
let secret: string;
let now: number;
const clock: Clock = { now: () => new Date(now).toISOString() };
let config: Config;

/** NZ reads two operations of the sample data: a page of one has a next page and an end cursor. */
const page = `query Page($after: String) { operations(first: 1, after: $after) { pageInfo { hasNextPage endCursor } } }`;
const nz = flattenClaims({ sub: 'nz-official', token_use: 'id', 'custom:country': 'NZ' });

/** A container: the handler the Lambda entry builds, on the secret, with the test's clock. */
function container(): LambdaHandler {
  return createGraphqlHandler(config, { clock });
}

interface PageAnswer {
  data?: { operations: { pageInfo: { hasNextPage: boolean; endCursor: string | null } } } | null;
  errors?: { message: string; extensions: { code: string } }[];
}

async function ask(handler: LambdaHandler, after: string | null, query = page): Promise<PageAnswer> {
  const requestId = crypto.randomUUID();
  const event = apiGatewayEvent(
    {
      method: 'POST',
      path: '/graphql',
      rawQueryString: '',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables: { after } }),
      sourceIp: '127.0.0.1',
      claims: nz,
    },
    requestId,
  );
  return JSON.parse((await handler(event, lambdaContext(requestId))).body ?? '') as PageAnswer;
}

/** The end cursor of the first page, as `handler` signs it now. */
async function firstCursor(handler: LambdaHandler): Promise<string> {
  const cursor = (await ask(handler, null)).data?.operations.pageInfo.endCursor;
  if (!cursor) throw new Error('the first page has no end cursor');
  return cursor;
}

/** Whether `handler` takes `cursor` for the next page, or refuses it as docs/api.md says. */
async function accepts(handler: LambdaHandler, cursor: string): Promise<boolean> {
  const answer = await ask(handler, cursor);
  if (answer.data?.operations) return true;
  expect(answer.errors).toEqual([
    expect.objectContaining({
      message: 'after is not a cursor of this list with these arguments',
      extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
    }),
  ]);
  return false;
}

let rotationReads: number;
/** How often containers read the secret (the command's own read left out). */
const reads = () => secrets.commandCalls(GetSecretValueCommand).length - rotationReads;

/** `npm run ops -- rotate-cursor-key --grace-hours <graceHours>`, now. */
async function rotate(graceHours: number): Promise<void> {
  await rotateCursorKey(new SecretsManagerClient({ region: 'local' }), secretArn, { graceHours, now: new Date(now) });
  rotationReads += 1;
}

beforeAll(async () => {
  const { endpoint, tableNames } = await freshTables();
  await loadSampleData(endpoint, tableNames, '2026-01-01T00:00:00.000Z');
  config = { tableNames, dynamoEndpoint: endpoint, introspection: false, cursorKey: { secretArn } };
});

beforeEach(() => {
  secrets.reset();
  rotationReads = 0;
  secret = firstDeployment;
  now = start;
  secrets.on(GetSecretValueCommand, { SecretId: secretArn }).callsFake(async () => ({ SecretString: secret }));
  secrets.on(PutSecretValueCommand, { SecretId: secretArn }).callsFake(async (input: { SecretString?: string }) => {
    secret = input.SecretString ?? '';
    return { ARN: secretArn };
  });
});

afterAll(() => {
  secrets.restore();
});

describe('rotating the cursor key', () => {
  it('reaches a warm container within the TTL, read first by a list; its old cursors work through the grace, then are refused', async () => {
    const warm = container();
    // A request that lists nothing does not read the secret.
    expect((await ask(warm, null, '{ viewer { subject } }')).errors).toBeUndefined();
    expect(reads()).toBe(0);
    const beforeRotation = await firstCursor(warm);
    expect(reads()).toBe(1);

    await rotate(24);
    now = start + keyRingTtlMs - 1;
    const stillOldKey = await firstCursor(warm);
    expect(await accepts(warm, beforeRotation)).toBe(true);
    expect(reads()).toBe(1);

    now = start + keyRingTtlMs;
    const newKey = await firstCursor(warm);
    expect(reads()).toBe(2);
    expect(await accepts(warm, beforeRotation)).toBe(true);
    expect(await accepts(warm, stillOldKey)).toBe(true);

    now = start + 24 * hour - 1;
    expect(await accepts(warm, beforeRotation)).toBe(true);
    now = start + 24 * hour;
    expect(await accepts(warm, beforeRotation)).toBe(false);
    expect(await accepts(warm, stillOldKey)).toBe(false);
    expect(await accepts(warm, newKey)).toBe(true);
  });

  it('is taken up at once by a new container, whose cursors a warm one reads by reading the ring early', async () => {
    const warm = container();
    const old = await firstCursor(warm);
    await rotate(24);
    now = start + keyRingRetryMs;
    const cold = container();
    const fresh = await firstCursor(cold);
    expect(await accepts(cold, old)).toBe(true);
    expect(await accepts(warm, fresh)).toBe(true);
    expect(reads()).toBe(3);
  });

  it('without grace, refuses the cursors of the replaced key once the ring is read again', async () => {
    const warm = container();
    const old = await firstCursor(warm);
    await rotate(0);
    expect(await accepts(warm, old)).toBe(true);
    now = start + keyRingTtlMs;
    expect(await accepts(warm, old)).toBe(false);
    expect(await accepts(container(), old)).toBe(false);
  });

  it('keeps paginating on the ring it has while Secrets Manager fails after the TTL; a new container fails', async () => {
    const warm = container();
    const old = await firstCursor(warm);
    secrets.on(GetSecretValueCommand, { SecretId: secretArn }).rejects(new Error('Secrets Manager is unavailable'));
    now = start + keyRingTtlMs;
    expect(await accepts(warm, old)).toBe(true);
    expect(reads()).toBe(2);
    expect((await ask(warm, null)).data?.operations.pageInfo.hasNextPage).toBe(true);
    expect((await ask(container(), null)).errors?.map((error) => error.extensions.code)).toEqual([
      'INTERNAL_SERVER_ERROR',
    ]);
  });
});
