import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';
import {
  indexList,
  tableIds,
  tables,
  type IndexDefinition,
  type TableDefinition,
  type TableNames,
} from '../../functions/shared/data/tables.ts';

/** Table names with a prefix, e.g. `local-membership`; tests use a prefix per file. */
export function prefixedTableNames(prefix: string): TableNames {
  return Object.fromEntries(tableIds.map((id) => [id, `${prefix}-${id}`])) as TableNames;
}

/**
 * Creates every table of `functions/shared/data/tables.ts` that does not exist yet, with the same
 * keys and indexes the CDK stack gives them, and waits until each is ACTIVE. A table that exists
 * (a `.data` directory from before an index was defined) gets the indexes it lacks, one at a
 * time as DynamoDB takes them, each waited for until ACTIVE, its items indexed.
 */
export async function createTables(client: DynamoDBClient, names: TableNames): Promise<void> {
  await Promise.all(tableIds.map((id) => createTable(client, names[id], tables[id])));
}

export async function deleteTables(client: DynamoDBClient, names: TableNames): Promise<void> {
  await Promise.all(tableIds.map((id) => client.send(new DeleteTableCommand({ TableName: names[id] }))));
}

async function createTable(client: DynamoDBClient, name: string, definition: TableDefinition): Promise<void> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: attributeDefinitions(definition),
        KeySchema: [
          { AttributeName: definition.partitionKey, KeyType: 'HASH' },
          { AttributeName: definition.sortKey, KeyType: 'RANGE' },
        ],
        ...(indexList(definition).length > 0 ? { GlobalSecondaryIndexes: indexList(definition).map(indexOf) } : {}),
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    await addMissingIndexes(client, name, definition);
    return;
  }
  await untilActive(client, name);
  if (definition.timeToLiveAttribute) {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: name,
        TimeToLiveSpecification: { AttributeName: definition.timeToLiveAttribute, Enabled: true },
      }),
    );
  }
}

function attributeDefinitions(definition: TableDefinition): AttributeDefinition[] {
  const attributes = new Set([definition.partitionKey, definition.sortKey]);
  for (const index of indexList(definition)) attributes.add(index.partitionKey).add(index.sortKey);
  return [...attributes].map((attribute) => ({ AttributeName: attribute, AttributeType: 'S' }));
}

function indexOf(index: IndexDefinition): GlobalSecondaryIndex {
  return {
    IndexName: index.name,
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: 'HASH' },
      { AttributeName: index.sortKey, KeyType: 'RANGE' },
    ],
    Projection: { ProjectionType: 'ALL' },
  };
}

/** DynamoDB creates one index per UpdateTable; each is backfilled before it is ACTIVE. */
async function addMissingIndexes(client: DynamoDBClient, name: string, definition: TableDefinition): Promise<void> {
  await untilActive(client, name);
  const existing = new Set(
    (await describe(client, name)).GlobalSecondaryIndexes?.map((index) => index.IndexName ?? '') ?? [],
  );
  for (const index of indexList(definition).filter((defined) => !existing.has(defined.name))) {
    await client.send(
      new UpdateTableCommand({
        TableName: name,
        AttributeDefinitions: attributeDefinitions(definition),
        GlobalSecondaryIndexUpdates: [{ Create: indexOf(index) }],
      }),
    );
    await untilActive(client, name);
  }
}

async function describe(client: DynamoDBClient, name: string) {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
  if (!Table) throw new Error(`DynamoDB described no table ${name}`);
  return Table;
}

/** Until the table and every index of it are ACTIVE. */
async function untilActive(client: DynamoDBClient, name: string): Promise<void> {
  for (;;) {
    const table = await describe(client, name);
    if (
      table.TableStatus === 'ACTIVE' &&
      (table.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE')
    )
      return;
    await new Promise((done) => setTimeout(done, 50));
  }
}
