import { createServer } from 'node:net';
import type { TestProject } from 'vitest/node';
import { startDynamoLocal } from '../../infra/local/dynamodb-local.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

/**
 * Starts one in-memory DynamoDB Local for the run, on a free port, and stops it afterwards. Each
 * test layer that needs it names this file; the first to run starts it and provides its endpoint
 * through the root project, which every layer reads, so the others find it there.
 */
export async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const root = project.vitest.getRootProject();
  if (root.getProvidedContext().dynamoEndpoint) return undefined;
  const dynamo = await startDynamoLocal(await freePort(), ':memory:');
  root.provide('dynamoEndpoint', dynamo.endpoint);
  return () => dynamo.stop();
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
