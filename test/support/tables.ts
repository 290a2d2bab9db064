import { paginateQuery } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { createDocumentClient, createDynamoClient } from '../../functions/shared/data/dynamo.ts';
import type { TableNames } from '../../functions/shared/data/tables.ts';
import { createTables, prefixedTableNames } from '../../infra/local/tables.ts';
import { chainPartition, chainsPartition, timeKey } from '../../functions/audit/audit.keys.ts';
import { auditEventCodec } from '../../functions/audit/audit.items.ts';
import { eventHash } from '../../functions/shared/domain/audit-events.ts';

/** Fresh tables with a unique prefix on the run's DynamoDB Local. */
export async function freshTables(): Promise<{ endpoint: string; tableNames: TableNames }> {
  const endpoint = inject('dynamoEndpoint');
  const tableNames = prefixedTableNames(`t${crypto.randomUUID().slice(0, 8)}`);
  await createTables(createDynamoClient({ endpoint }), tableNames);
  return { endpoint, tableNames };
}

/**
 * Every audit event requests have written so far (the sample data's own trail left out), whoever
 * may read it, newest first: each chain read straight from the table (the evidence, not a
 * reader's view of it).
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
  return chains
    .flat()
    .filter((event) => event.actor !== 'sample-data')
    .sort((a, b) => time(b).localeCompare(time(a)));
}

/**
 * Where the audit chains break, read straight from the table: each entity's events numbered 1, 2,
 * … each naming the hash of the one before, each hash that of its own fields, and the head at the
 * last event. An empty list for a trail that is whole.
 */
export async function brokenChains(endpoint: string, tableNames: TableNames): Promise<string[]> {
  const client = createDocumentClient({ endpoint });
  const read = async (pk: string) => {
    const items: Record<string, unknown>[] = [];
    for await (const page of paginateQuery(
      { client },
      { TableName: tableNames.audit, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } },
    )) {
      items.push(...(page.Items ?? []));
    }
    return items;
  };
  const broken: string[] = [];
  for (const head of await read(chainsPartition)) {
    const events = (await read(chainPartition(String(head.entity)))).map((item) => auditEventCodec.decode(item));
    events.forEach((event, index) => {
      const previous = index === 0 ? null : events[index - 1]!.hash;
      if (event.sequence !== index + 1 || event.previousHash !== previous || event.hash !== eventHash(event)) {
        broken.push(`${event.entity} #${event.sequence}`);
      }
    });
    const last = events.at(-1);
    if (last?.sequence !== head.sequence || last?.hash !== head.hash) broken.push(`${String(head.entity)} head`);
  }
  return broken;
}
