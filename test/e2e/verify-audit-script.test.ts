import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { viewKey } from '../../functions/audit/audit.keys.ts';
import { createDocumentClient, createDynamoClient } from '../../functions/shared/data/dynamo.ts';
import { startLocalEnvironment, type LocalEnvironment } from '../../infra/local/environment.ts';
import { createTables, prefixedTableNames } from '../../infra/local/tables.ts';
import { writeChains } from '../support/audit-chains.ts';
import { freePort } from '../support/global-setup.ts';

const endpoint = inject('dynamoEndpoint');
const tablePrefix = `va${crypto.randomUUID().slice(0, 8)}`;
const tableNames = prefixedTableNames(tablePrefix);
const client = createDocumentClient({ endpoint });

/** `npm run verify-audit` as a process (this process's Node, as npm runs it), with these variables. */
async function verifyAudit(variables: Record<string, string>) {
  const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
  const [command, ...args] = (scripts['verify-audit'] ?? '').split(' ');
  expect(command).toBe('node');
  const { DYNAMODB_ENDPOINT: _endpoint, DYNAMODB_PORT: _port, TABLE_PREFIX: _prefix, ...env } = process.env;
  return promisify(execFile)(process.execPath, args, { env: { ...env, ...variables } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout,
      stderr: error.stderr,
    }),
  );
}

beforeAll(async () => {
  await createTables(createDynamoClient({ endpoint }), tableNames);
  await writeChains(client, tableNames.audit, [
    { entity: 'jpa/3', audiences: [['*'], ['*'], ['*']] },
    {
      entity: 'operation/n2k',
      audiences: [
        ['AU', 'ID'],
        ['AU', 'ID'],
      ],
    },
  ]);
});

describe('npm run verify-audit', () => {
  it('reads the tables of TABLE_PREFIX on DYNAMODB_PORT and exits 0 when every chain holds', async () => {
    const port = new URL(endpoint).port;
    expect(await verifyAudit({ DYNAMODB_PORT: port, TABLE_PREFIX: tablePrefix })).toEqual({
      code: 0,
      stdout: 'audit: 5 events in 2 chains verified\n',
      stderr: '',
    });
  });

  it('exits 1 naming the broken entity and sequence on the last line of standard output', async () => {
    await client.send(new DeleteCommand({ TableName: tableNames.audit, Key: viewKey('ID', 'operation/n2k', 2) }));
    expect(await verifyAudit({ DYNAMODB_ENDPOINT: endpoint, TABLE_PREFIX: tablePrefix })).toEqual({
      code: 1,
      stdout: 'audit: chain broken at operation/n2k #2: no view for ID\n',
      stderr: 'broken: operation/n2k #2: no view for ID\n',
    });
  });

  it('says to start the local server when nothing answers, and exits 1', async () => {
    const port = await freePort();
    expect(await verifyAudit({ DYNAMODB_PORT: String(port) })).toEqual({
      code: 1,
      stdout: '',
      stderr: `verify-audit: no DynamoDB answers at http://127.0.0.1:${port}: start the local server with npm start, or set DYNAMODB_ENDPOINT\n`,
    });
  });

  it('says when TABLE_PREFIX names no tables, and exits 1', async () => {
    expect(await verifyAudit({ DYNAMODB_ENDPOINT: endpoint, TABLE_PREFIX: 'nosuchprefix' })).toEqual({
      code: 1,
      stdout: '',
      stderr: `verify-audit: there is no table nosuchprefix-audit at ${endpoint}: is TABLE_PREFIX (nosuchprefix) the server's?\n`,
    });
  });
});

describe('npm run verify-audit on what npm start leaves', () => {
  let local: LocalEnvironment;
  const startPrefix = `vs${crypto.randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    local = await startLocalEnvironment({
      port: 0,
      dynamoPort: 0,
      dataDir: ':memory:',
      dynamoEndpoint: endpoint,
      tablePrefix: startPrefix,
    });
  });

  afterAll(async () => {
    await local?.stop();
  });

  it('verifies the sample data: every member, JPA, operation, Terms of Reference version and meeting, the co-chairs and the published report', async () => {
    const { code, stdout } = await verifyAudit({ DYNAMODB_ENDPOINT: local.dynamoEndpoint, TABLE_PREFIX: startPrefix });
    // 16 members, 1 rotation, 8 JPAs (created; made ACTIVE; 7 concluded), 4 operations, 2 versions drafted and
    // adopted; 5 recommendations (added; 4 status changes and 4 progress notes) and 4 work-plan items (created;
    // 4 status changes); 3 meetings (scheduled; attendance recorded; minutes added to two); the 2024 report published.
    expect({ code, stdout }).toEqual({ code: 0, stdout: 'audit: 78 events in 44 chains verified\n' });
  });
});
