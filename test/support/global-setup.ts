import { createServer } from 'node:net';
import type { TestProject } from 'vitest/node';
import { startDynamoLocal, type RunningDynamo } from '../../infra/local/dynamodb-local.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

let dynamo: RunningDynamo | undefined;

/** Starts one in-memory DynamoDB Local for the run, on a free port, and stops it afterwards. */
export async function setup(project: TestProject): Promise<void> {
  dynamo = await startDynamoLocal(await freePort(), ':memory:');
  project.provide('dynamoEndpoint', dynamo.endpoint);
}

export async function teardown(): Promise<void> {
  await dynamo?.stop();
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
