import { CreateTableCommand, DescribeTableCommand, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { AuditRepository } from '../../functions/audit/audit.repository.ts';
import { createDocumentClient, createDynamoClient } from '../../functions/shared/data/dynamo.ts';
import { tables } from '../../functions/shared/data/tables.ts';
import { createTables, prefixedTableNames } from '../../infra/local/tables.ts';

/**
 * A developer's `.data` keeps the tables made by an older checkout: `npm start` must bring them
 * up to the definitions, adding an index defined since, with the items already there indexed.
 */
describe('local tables made before an index was defined', () => {
  it('get the index when the environment starts, and it finds the items written before', async () => {
    const endpoint = inject('dynamoEndpoint');
    const client = createDynamoClient({ endpoint });
    const names = prefixedTableNames(`old${crypto.randomUUID().slice(0, 8)}`);
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
    const id = crypto.randomUUID();
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
    const documents = createDocumentClient({ endpoint });
    await documents.send(
      new PutCommand({
        TableName: names.audit,
        Item: { pk: 'CHAIN#member/VN', sk: '0000000001', ...event, audience: ['*'] },
      }),
    );

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
  }, 120_000);
});
