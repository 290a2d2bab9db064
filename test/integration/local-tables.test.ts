import { CreateTableCommand, DescribeTableCommand, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditRepository } from '../../functions/audit/audit.repository.ts';
import { createDocumentClient, createDynamoClient } from '../../functions/shared/data/dynamo.ts';
import { tables } from '../../functions/shared/data/tables.ts';
import { startDynamoLocal, type RunningDynamo } from '../../infra/local/dynamodb-local.ts';
import { createTables, prefixedTableNames } from '../../infra/local/tables.ts';
import { freePort } from '../support/global-setup.ts';

/**
 * A developer's `.data` keeps the tables made by an older checkout: `npm start` must bring them
 * up to the definitions, adding an index defined since, with the items already there indexed.
 * A DynamoDB Local of its own over a data directory, as `npm start` runs one: the run's shared
 * in-memory one, busy with every other file's tables, may leave a new index CREATING for minutes.
 */
describe('local tables made before an index was defined', () => {
  it('get the index when the environment starts, and it finds the items written before', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'old-data-'));
    const start = async () => startDynamoLocal(await freePort(), dataDir);
    let dynamo: RunningDynamo = await start();
    try {
      await writeOldTable(dynamo.endpoint);
      // The developer updates the checkout and starts again on the same data.
      await dynamo.stop();
      dynamo = await start();
      await upgradesOldTable(dynamo.endpoint);
    } finally {
      await dynamo.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});

const names = prefixedTableNames('local');
const id = '3f2b8c1e-4d5a-4e6f-8a7b-9c0d1e2f3a4b';
const event = {
  id,
  at: '2024-07-01T00:00:00.000Z',
  actor: 'sec-1',
  actorCountry: null,
  action: 'addMember',
  entity: 'member/VN',
  summary: 'added',
  sequence: 1,
  previousHash: null,
  hash: 'a'.repeat(64),
};

async function writeOldTable(endpoint: string): Promise<void> {
  const client = createDynamoClient({ endpoint });
  // The audit table as it was before eventsById: keys and eventsByTime only.
  const before: CreateTableCommandInput = {
    TableName: names.audit,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: ['pk', 'sk', 'streamKey', 'timeKey'].map((name) => ({
      AttributeName: name,
      AttributeType: 'S',
    })),
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: 'eventsByTime',
        KeySchema: [
          { AttributeName: 'streamKey', KeyType: 'HASH' },
          { AttributeName: 'timeKey', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  };
  await client.send(new CreateTableCommand(before));
  const documents = createDocumentClient({ endpoint });
  await documents.send(
    new PutCommand({
      TableName: names.audit,
      Item: { pk: 'CHAIN#member/VN', sk: '0000000001', ...event, audience: ['*'] },
    }),
  );
}

async function upgradesOldTable(endpoint: string): Promise<void> {
  const client = createDynamoClient({ endpoint });
  const documents = createDocumentClient({ endpoint });
  await createTables(client, names);

  const { Table } = await client.send(new DescribeTableCommand({ TableName: names.audit }));
  expect(Table?.GlobalSecondaryIndexes?.map((index) => [index.IndexName, index.IndexStatus]).sort()).toEqual(
    Object.keys(tables.audit.indexes)
      .map((name) => [name, 'ACTIVE'])
      .sort(),
  );
  expect(await new AuditRepository(documents, names).eventById(id)).toEqual({ event, audience: ['*'] });

  // Starting again changes nothing.
  await createTables(client, names);
}
