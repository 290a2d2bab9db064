import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { createDynamoClient } from '../../functions/shared/data/dynamo.ts';
import {
  readDocumentsMode,
  readExecution,
  type Config,
  type DocumentsMode,
  type Execution,
} from '../../functions/shared/runtime/config.ts';
import type { TableNames } from '../../functions/shared/data/tables.ts';
import { createGraphqlHandler } from '../../functions/graphql/create-handler.ts';
import { DevTokens } from './dev-tokens.ts';
import { startDynamoLocal, useRunningDynamo } from './dynamodb-local.ts';
import { createLocalServer } from './http-server.ts';
import { loadSampleData } from './sample-data/load.ts';
import { createTables, prefixedTableNames } from './tables.ts';

export interface LocalOptions {
  /** HTTP port; 0 picks a free one. */
  readonly port: number;
  readonly dynamoPort: number;
  /** Where DynamoDB Local keeps its data, or ':memory:'. */
  readonly dataDir: string;
  /** A running DynamoDB to use instead of starting DynamoDB Local. */
  readonly dynamoEndpoint?: string;
  /** Table name prefix, so several environments can share one DynamoDB. */
  readonly tablePrefix: string;
  /** The executor, as the Lambda's GRAPHQL_EXECUTION names it. @default 'jit' */
  readonly execution?: Execution;
  /** Which documents run (docs/api.md, "Transport"). @default 'open' */
  readonly documents?: DocumentsMode;
}

export interface LocalEnvironment {
  readonly url: string;
  readonly dynamoEndpoint: string;
  readonly tableNames: TableNames;
  /** True when this start loaded the sample data (false when the tables already held it). */
  readonly loadedSampleData: boolean;
  /** The key the server signs and verifies dev tokens with. */
  readonly tokens: DevTokens;
  stop(): Promise<void>;
}

/**
 * Reads docs/api.md's environment variables: PORT, DYNAMODB_PORT, DATA_DIR, DYNAMODB_ENDPOINT,
 * TABLE_PREFIX, GRAPHQL_EXECUTION, DOCUMENTS. A bad value fails with a message naming it.
 */
export function optionsFromEnv(env: Record<string, string | undefined>): LocalOptions {
  const port = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name} must be a port number`);
    return value;
  };
  return {
    port: port('PORT', 4000),
    dynamoPort: port('DYNAMODB_PORT', 8000),
    dataDir: env.DATA_DIR || '.data',
    ...(env.DYNAMODB_ENDPOINT ? { dynamoEndpoint: env.DYNAMODB_ENDPOINT } : {}),
    tablePrefix: env.TABLE_PREFIX || 'local',
    execution: readExecution(env),
    documents: readDocumentsMode(env),
  };
}

/**
 * The whole local stack: DynamoDB (started or given), the tables from the shared definitions,
 * the sample data (once), the Lambda handler and the HTTP front. `stop` undoes it all.
 */
export async function startLocalEnvironment(options: LocalOptions): Promise<LocalEnvironment> {
  const dynamo = options.dynamoEndpoint
    ? await useRunningDynamo(options.dynamoEndpoint)
    : await startDynamoLocal(options.dynamoPort, options.dataDir);
  try {
    const tableNames = prefixedTableNames(options.tablePrefix);
    await createTables(createDynamoClient({ endpoint: dynamo.endpoint }), tableNames);
    const loadedSampleData = await loadSampleData(dynamo.endpoint, tableNames, new Date().toISOString());
    // Cursors are signed with a key made at start: they do not outlive the local server.
    const config: Config = {
      tableNames,
      dynamoEndpoint: dynamo.endpoint,
      introspection: true,
      cursorKey: { key: randomBytes(32) },
      execution: options.execution,
      documents: options.documents ?? 'open',
    };
    const handler = createGraphqlHandler(config);
    const tokens = await DevTokens.create();
    const server = createLocalServer(handler, tokens, { documents: config.documents ?? 'open' });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      dynamoEndpoint: dynamo.endpoint,
      tableNames,
      loadedSampleData,
      tokens,
      stop: async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await dynamo.stop();
      },
    };
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
}
