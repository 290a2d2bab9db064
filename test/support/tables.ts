import { inject } from 'vitest';
import {
  createDocumentClient,
  createDynamoClient,
  partitionQuery,
  queryAll,
} from '../../functions/shared/data/dynamo.ts';
import { tables, type TableNames } from '../../functions/shared/data/tables.ts';
import { createTables, prefixedTableNames } from '../../infra/local/tables.ts';
import { chainPartition, chainsPartition, timeKey } from '../../functions/audit/audit.keys.ts';
import { readPartition } from '../../functions/operation/operation.keys.ts';
import { verifyAuditTrail } from '../../infra/ops/verify-audit.ts';

/** Fresh tables with a unique prefix on the run's DynamoDB Local. */
export async function freshTables(): Promise<{ endpoint: string; tableNames: TableNames }> {
  const endpoint = inject('dynamoEndpoint');
  const tableNames = prefixedTableNames(`t${crypto.randomUUID().slice(0, 8)}`);
  await createTables(createDynamoClient({ endpoint }), tableNames);
  return { endpoint, tableNames };
}

/** The read records of an operation, straight from the table, newest first. */
export async function storedReads(
  api: { readonly endpoint: string; readonly tableNames: TableNames },
  operationId: string,
): Promise<Record<string, unknown>[]> {
  const query = partitionQuery({
    table: api.tableNames.reads,
    keys: tables.reads,
    partition: readPartition(operationId),
    descending: true,
  });
  return queryAll(createDocumentClient({ endpoint: api.endpoint }), query);
}

/**
 * Every audit event requests have written so far (the sample data's own trail left out), whoever
 * may read it, newest first: each chain read straight from the table (the evidence, not a
 * reader's view of it).
 */
export async function auditEvents(endpoint: string, tableNames: TableNames): Promise<Record<string, unknown>[]> {
  const client = createDocumentClient({ endpoint });
  const partition = (pk: string) =>
    queryAll(
      client,
      partitionQuery({ table: tableNames.audit, keys: tables.audit, partition: pk, consistentRead: true }),
    );
  const heads = await partition(chainsPartition);
  const chains = await Promise.all(heads.map((head) => partition(chainPartition(String(head.entity)))));
  const time = (item: Record<string, unknown>) => timeKey({ at: String(item.at), id: String(item.id) });
  return chains
    .flat()
    .filter((event) => event.actor !== 'sample-data')
    .sort((a, b) => time(b).localeCompare(time(a)));
}

/**
 * Where the audit chains break, as `verify-audit` finds it (infra/ops/verify-audit.ts): every
 * chain's events, head and views. An empty list for a trail that is whole.
 */
export async function brokenChains(endpoint: string, tableNames: TableNames): Promise<string[]> {
  const { breaks } = await verifyAuditTrail(createDocumentClient({ endpoint }), tableNames.audit);
  return breaks.map((broken) => `${broken.entity} #${broken.sequence}: ${broken.what}`);
}
