import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretsClient } from '../../functions/graphql/cursor-key.ts';

/** A Secrets Manager endpoint that takes every request and never answers. */
let stalled: Server;
let attempts = 0;
let endpoint: string;

beforeAll(async () => {
  stalled = createServer(() => {
    attempts += 1;
  });
  await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(stalled.address() as AddressInfo).port}`;
});

afterAll(async () => {
  stalled.closeAllConnections();
  await new Promise((resolve) => stalled.close(resolve));
});

describe('the Secrets Manager client of the cursor key', () => {
  it('gives up on an endpoint that never answers after a bounded number of attempts, rather than hanging', async () => {
    const read = createSecretsClient({ endpoint }).send(new GetSecretValueCommand({ SecretId: 'cursor-key' }));
    await expect(read).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(attempts).toBe(3);
  });
});
