import { execFile, spawn } from 'node:child_process';
import { readFileSync, utimesSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startLocalEnvironment, type LocalEnvironment } from '../../infra/local/environment.ts';
import { freePort } from '../support/global-setup.ts';

const run = promisify(execFile);
const tablePrefix = `dev${crypto.randomUUID().slice(0, 8)}`;
let local: LocalEnvironment;

beforeAll(async () => {
  local = await startLocalEnvironment({
    port: 0,
    dynamoPort: 0,
    dataDir: ':memory:',
    dynamoEndpoint: inject('dynamoEndpoint'),
    tablePrefix,
  });
});

afterAll(async () => {
  await local?.stop();
});

/** The command of an npm script, run with this process's Node (24, as npm scripts run it). */
function npmScript(name: string): string[] {
  const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
  const [command, ...args] = (scripts[name] ?? '').split(' ');
  expect(command, `npm run ${name}`).toBe('node');
  return args;
}

async function graphql(url: string, token: string, query: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return ((await response.json()) as { data: Record<string, unknown> }).data;
}

async function token(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [...npmScript('token'), ...args, '--url', local.url]);
  return stdout.trim();
}

describe('the developer scripts', () => {
  it('npm run token prints a token of the running server for a group or a country, and nothing else', async () => {
    const secretariat = await token('--group', 'secretariat');
    expect(secretariat).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(await graphql(local.url, secretariat, '{ viewer { subject roles } }')).toEqual({
      viewer: { subject: 'dev-secretariat', roles: ['SECRETARIAT'] },
    });
    const vietnam = await token('--country', 'VN');
    expect(await graphql(local.url, vietnam, '{ viewer { roles country isCoChair } }')).toEqual({
      viewer: { roles: ['OFFICIAL'], country: 'VN', isCoChair: true },
    });
  });

  it('npm run token says where no server answers', async () => {
    const failed = await run(process.execPath, [
      ...npmScript('token'),
      '--group',
      'secretariat',
      '--url',
      `http://127.0.0.1:${await freePort()}`,
    ]).catch((error: unknown) => error);
    expect(failed).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('no local server answers') });
  });

  it('npm run reset puts the sample data back under the running server', async () => {
    const secretariat = await token('--group', 'secretariat');
    await graphql(
      local.url,
      secretariat,
      'mutation { addMember(input: {country: "FJ", name: "Fiji", joinedOn: "2026-11-01"}) { country } }',
    );
    expect(await graphql(local.url, secretariat, '{ workingGroup { memberCount } }')).toEqual({
      workingGroup: { memberCount: 17 },
    });

    const { stdout } = await run(process.execPath, npmScript('reset'), {
      env: { ...process.env, DYNAMODB_ENDPOINT: local.dynamoEndpoint, TABLE_PREFIX: tablePrefix },
    });
    expect(stdout).toContain('hold the sample data again');
    expect(
      await graphql(local.url, secretariat, '{ workingGroup { memberCount } member(country: "FJ") { name } }'),
    ).toEqual({
      workingGroup: { memberCount: 16 },
      member: null,
    });
  });

  it('npm run dev restarts the server when a source file changes', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, npmScript('dev'), {
      env: {
        ...process.env,
        PORT: String(port),
        DYNAMODB_ENDPOINT: local.dynamoEndpoint,
        TABLE_PREFIX: `${tablePrefix}w`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const starts = () => output.split('Bali Process Disruption Working Group API on').length - 1;
    const until = async (condition: () => boolean) => {
      const deadline = Date.now() + 20_000;
      while (!condition()) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`npm run dev: ${output}`);
        await new Promise((done) => setTimeout(done, 100));
      }
    };
    try {
      await until(() => starts() === 1);
      // A save, as an editor makes it: the file's time changes (its content need not).
      const now = new Date();
      utimesSync('infra/local/main.ts', now, now);
      await until(() => starts() === 2);
      expect(output).toContain("Restarting 'infra/local/main.ts'");
      expect(output).toContain('SIGTERM: stopping');
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    } finally {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
