import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/global-setup.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'bali-npm-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

interface Started {
  child: ChildProcess;
  url: string;
  dynamoPort: number;
  output: () => string;
}

/** Runs `npm start`'s entry as its own process, as a developer would, and waits for health. */
async function start(): Promise<Started> {
  const [port, dynamoPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, ['infra/local/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      DYNAMODB_PORT: String(dynamoPort),
      DATA_DIR: dataDir,
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited: ${output}`);
    const healthy = await fetch(`${url}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return { child, url, dynamoPort, output: () => output };
    if (Date.now() > deadline) throw new Error(`npm start did not become healthy: ${output}`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

async function stop(started: Started, signal: NodeJS.Signals): Promise<number | null> {
  const exited = new Promise<number | null>((done) => started.child.once('exit', (code) => done(code)));
  started.child.kill(signal);
  return exited;
}

const portIsClosed = (port: number) =>
  new Promise<boolean>((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(false);
    });
    socket.once('error', () => done(true));
  });

async function asSecretariat(url: string, query: string) {
  const { token } = (await (
    await fetch(`${url}/dev/token`, { method: 'POST', body: '{"sub":"ops","groups":["secretariat"]}' })
  ).json()) as { token: string };
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data: Record<string, { memberCount?: number; country?: string } | null> };
}

describe('npm start', () => {
  it('keeps what it wrote across restarts on a persisted DATA_DIR, loads sample data once, and stops DynamoDB Local on SIGTERM and Ctrl-C', async () => {
    const first = await start();
    expect(first.output()).toContain('sample data: loaded');
    await asSecretariat(
      first.url,
      'mutation { addMember(input: {country: "FJ", name: "Fiji", joinedOn: "2026-11-01"}) { country } }',
    );
    expect(await stop(first, 'SIGTERM')).toBe(0);
    expect(await portIsClosed(first.dynamoPort)).toBe(true);

    const second = await start();
    expect(second.output()).toContain('sample data: already present, kept');
    const after = await asSecretariat(second.url, '{ workingGroup { memberCount } member(country: "FJ") { country } }');
    expect(after.data.workingGroup?.memberCount).toBe(17);
    expect(after.data.member?.country).toBe('FJ');
    expect(await stop(second, 'SIGINT')).toBe(0);
    expect(await portIsClosed(second.dynamoPort)).toBe(true);
  }, 120_000);
});
