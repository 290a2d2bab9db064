import { DeleteTableCommand, ResourceNotFoundException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoClient } from '../../functions/shared/data/dynamo.ts';
import { tableIds, type TableNames } from '../../functions/shared/data/tables.ts';
import { dynamoAnswers, startDynamoLocal, useRunningDynamo } from './dynamodb-local.ts';
import { optionsFromEnv } from './environment.ts';
import { loadSampleData } from './sample-data/load.ts';
import { createTables, prefixedTableNames } from './tables.ts';

/**
 * `npm run reset`: the local data back to the sample data, with the same environment variables
 * as `npm start`. While the server runs, its tables are emptied and refilled under it (the next
 * request sees the sample); with no server running, DynamoDB Local is started on DATA_DIR for the
 * reset alone. Tokens stay valid: they belong to the server, not to the data.
 */
const options = optionsFromEnv(process.env);
const endpoint = options.dynamoEndpoint ?? `http://127.0.0.1:${options.dynamoPort}`;
const running = options.dynamoEndpoint !== undefined || (await dynamoAnswers(createDynamoClient({ endpoint })));

if (!running && options.dataDir === ':memory:') {
  process.stdout.write(
    'nothing to reset: DATA_DIR is :memory: and no server runs, so the next start loads the sample data anyway\n',
  );
  process.exit(0);
}

const dynamo = running ? await useRunningDynamo(endpoint) : await startDynamoLocal(options.dynamoPort, options.dataDir);
try {
  const client = createDynamoClient({ endpoint: dynamo.endpoint });
  const tableNames = prefixedTableNames(options.tablePrefix);
  await deleteTables(client, tableNames);
  await createTables(client, tableNames);
  await loadSampleData(dynamo.endpoint, tableNames, new Date().toISOString());
  process.stdout.write(
    `reset: the ${options.tablePrefix}-* tables on ${dynamo.endpoint} hold the sample data again` +
      `${running ? ' (the running server uses them now)' : ` (in ${options.dataDir})`}\n`,
  );
} finally {
  await dynamo.stop();
}

/** Deletes the tables that exist; a table already gone is what was wanted. */
async function deleteTables(client: DynamoDBClient, names: TableNames): Promise<void> {
  await Promise.all(
    tableIds.map((id) =>
      client.send(new DeleteTableCommand({ TableName: names[id] })).catch((error: unknown) => {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      }),
    ),
  );
}
