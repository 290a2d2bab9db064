import { afterEach, describe, expect, it, vi } from 'vitest';
import { tableEnvironment } from '../../functions/shared/runtime/config.ts';
import { apiGatewayEvent, lambdaContext } from '../../infra/local/lambda-event.ts';
import { freshTables } from '../support/tables.ts';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  vi.resetModules();
});

const request = (requestId: string) =>
  apiGatewayEvent(
    {
      method: 'POST',
      path: '/graphql',
      rawQueryString: '',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ viewer { subject roles } }' }),
      sourceIp: '127.0.0.1',
      claims: { sub: 'ops', token_use: 'id', 'cognito:groups': '[secretariat]' },
    },
    requestId,
  );

describe('the Lambda entry', () => {
  it('answers every request with a clear error while its configuration is missing, and recovers once it is there', async () => {
    for (const name of Object.keys(process.env))
      if (
        name.endsWith('_TABLE') ||
        name === 'CURSOR_SECRET_ARN' ||
        name === 'READ_RECORD_RETENTION_DAYS' ||
        name === 'DOCUMENTS'
      )
        delete process.env[name];
    process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
    const { handler } = await import('../../functions/graphql/handler.ts');

    for (const id of ['r1', 'r2']) {
      const failed = await handler(request(id), lambdaContext(id));
      expect(failed.statusCode).toBe(500);
      expect(JSON.parse(failed.body ?? '')).toEqual({
        errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
      });
    }

    const { endpoint, tableNames } = await freshTables();
    Object.assign(process.env, tableEnvironment(tableNames), {
      DYNAMODB_ENDPOINT: endpoint,
      CURSOR_SECRET_ARN: 'arn:aws:secretsmanager:local:000000000000:secret:cursor',
      READ_RECORD_RETENTION_DAYS: '30',
      DOCUMENTS: 'open',
    });
    const recovered = await handler(request('r3'), lambdaContext('r3'));
    expect(recovered.statusCode).toBe(200);
    expect(JSON.parse(recovered.body ?? '')).toEqual({ data: { viewer: { subject: 'ops', roles: ['SECRETARIAT'] } } });
  });
});
