/**
 * The digest's one read of the audit table (keys in functions/audit/audit.keys.ts):
 *
 * | access pattern | key condition |
 * | --- | --- |
 * | every chain head | pk = `CHAINS` (sk = `<entity>`), every page |
 *
 * One partition, paged by DynamoDB's 1 MB limit: no Scan, and the function's role may Query
 * nothing else (its policy's `dynamodb:LeadingKeys` condition).
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as v from 'valibot';
import { chainsPartition } from '../audit/audit.keys.ts';
import { partitionQuery } from '../shared/data/dynamo.ts';
import { itemCodec } from '../shared/data/item-codec.ts';
import { tables } from '../shared/data/tables.ts';
import type { DigestHead } from './archive.layout.ts';

const headCodec = itemCodec({ entity: v.string(), sequence: v.pipe(v.number(), v.integer()), hash: v.string() });

/** Every chain head, in key order, as written (entity, sequence, hash). */
export async function chainHeads(client: DynamoDBDocumentClient, auditTable: string): Promise<DigestHead[]> {
  const heads: DigestHead[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const output = await client.send(
      new QueryCommand({
        ...partitionQuery({ table: auditTable, keys: tables.audit, partition: chainsPartition, consistentRead: true }),
        ExclusiveStartKey: startKey,
      }),
    );
    heads.push(...(output.Items ?? []).map(headCodec.decode));
    startKey = output.LastEvaluatedKey;
  } while (startKey);
  return heads;
}
