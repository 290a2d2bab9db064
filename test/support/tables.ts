import { paginateQuery } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { createDocumentClient, createDynamoClient } from '../../functions/shared/data/dynamo.ts';
import type { TableNames } from '../../functions/shared/data/tables.ts';
import { createTables, prefixedTableNames } from '../../infra/local/tables.ts';
import { chainPartition, chainsPartition, timeKey } from '../../functions/audit/audit.keys.ts';

/** Fresh tables with a unique prefix on the run's DynamoDB Local. */
export async function freshTables(): Promise<{ endpoint: string; tableNames: TableNames }> {
  const endpoint = inject('dynamoEndpoint');
  const tableNames = prefixedTableNames(`t${crypto.randomUUID().slice(0, 8)}`);
  await createTables(createDynamoClient({ endpoint }), tableNames);
  return { endpoint, tableNames };
}

/**
 * Every audit event written so far, whoever may read it, newest first: each chain read straight
 * from the table (the tests' view of the evidence, not a reader's).
 */
export async function auditEvents(endpoint: string, tableNames: TableNames): Promise<Record<string, unknown>[]> {
  const client = createDocumentClient({ endpoint });
  const partition = async (pk: string) => {
    const items: Record<string, unknown>[] = [];
    for await (const page of paginateQuery(
      { client },
      {
        TableName: tableNames.audit,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ConsistentRead: true,
      },
    )) {
      items.push(...(page.Items ?? []));
    }
    return items;
  };
  const heads = await partition(chainsPartition);
  const chains = await Promise.all(heads.map((head) => partition(chainPartition(String(head.entity)))));
  const time = (item: Record<string, unknown>) => timeKey({ at: String(item.at), id: String(item.id) });
  return chains.flat().sort((a, b) => time(b).localeCompare(time(a)));
}
