import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { createDocumentClient, createDynamoClient } from '../../functions/shared/data/dynamo.ts';
import type { TableNames } from '../../functions/shared/data/tables.ts';
import { createTables, prefixedTableNames } from '../../infra/local/tables.ts';
import { allEventsStream } from '../../functions/audit/audit.keys.ts';

/** Fresh tables with a unique prefix on the run's DynamoDB Local. */
export async function freshTables(): Promise<{ endpoint: string; tableNames: TableNames }> {
  const endpoint = inject('dynamoEndpoint');
  const tableNames = prefixedTableNames(`t${crypto.randomUUID().slice(0, 8)}`);
  await createTables(createDynamoClient({ endpoint }), tableNames);
  return { endpoint, tableNames };
}

/** Every audit event written so far, newest first, read straight from the table. */
export async function auditEvents(endpoint: string, tableNames: TableNames): Promise<Record<string, unknown>[]> {
  const output = await createDocumentClient({ endpoint }).send(
    new QueryCommand({
      TableName: tableNames.audit,
      IndexName: 'eventsByTime',
      KeyConditionExpression: 'streamKey = :s',
      ExpressionAttributeValues: { ':s': allEventsStream },
      ScanIndexForward: false,
    }),
  );
  return output.Items ?? [];
}
