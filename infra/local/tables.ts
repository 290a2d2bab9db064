import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  indexList,
  tableIds,
  tables,
  type TableDefinition,
  type TableNames,
} from '../../functions/shared/data/tables.ts';

/** Table names with a prefix, e.g. `local-membership`; tests use a prefix per file. */
export function prefixedTableNames(prefix: string): TableNames {
  return Object.fromEntries(tableIds.map((id) => [id, `${prefix}-${id}`])) as TableNames;
}

/**
 * Creates every table of `functions/shared/data/tables.ts` that does not exist yet, with the same
 * keys and indexes the CDK stack gives them, and waits until each is ACTIVE.
 */
export async function createTables(client: DynamoDBClient, names: TableNames): Promise<void> {
  await Promise.all(tableIds.map((id) => createTable(client, names[id], tables[id])));
}

export async function deleteTables(client: DynamoDBClient, names: TableNames): Promise<void> {
  await Promise.all(tableIds.map((id) => client.send(new DeleteTableCommand({ TableName: names[id] }))));
}

async function createTable(client: DynamoDBClient, name: string, definition: TableDefinition): Promise<void> {
  const attributes = new Set([definition.partitionKey, definition.sortKey]);
  for (const index of indexList(definition)) attributes.add(index.partitionKey).add(index.sortKey);
  const attributeDefinitions: AttributeDefinition[] = [...attributes].map((attribute) => ({
    AttributeName: attribute,
    AttributeType: 'S',
  }));
  try {
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: attributeDefinitions,
        KeySchema: [
          { AttributeName: definition.partitionKey, KeyType: 'HASH' },
          { AttributeName: definition.sortKey, KeyType: 'RANGE' },
        ],
        ...(indexList(definition).length > 0
          ? {
              GlobalSecondaryIndexes: indexList(definition).map((index) => ({
                IndexName: index.name,
                KeySchema: [
                  { AttributeName: index.partitionKey, KeyType: 'HASH' },
                  { AttributeName: index.sortKey, KeyType: 'RANGE' },
                ],
                Projection: { ProjectionType: 'ALL' },
              })),
            }
          : {}),
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    return;
  }
  while ((await client.send(new DescribeTableCommand({ TableName: name }))).Table?.TableStatus !== 'ACTIVE') {
    await new Promise((done) => setTimeout(done, 50));
  }
  if (definition.timeToLiveAttribute) {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: name,
        TimeToLiveSpecification: { AttributeName: definition.timeToLiveAttribute, Enabled: true },
      }),
    );
  }
}
