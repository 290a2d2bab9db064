/**
 * What the archive reads of the audit table (keys in functions/audit/audit.keys.ts):
 *
 * | access pattern | key condition | who |
 * | --- | --- | --- |
 * | every chain head | pk = `CHAINS` (sk = `<entity>`), every page | the digest function, `verify-audit --archive` |
 * | one entity's chain events | pk = `CHAIN#<entity>`, every page | `verify-audit --archive` |
 *
 * Partitions paged by DynamoDB's 1 MB limit, never a Scan. The digest function's role may Query the
 * `CHAINS` partition and nothing else (its policy's `dynamodb:LeadingKeys` condition).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as v from 'valibot';
import { chainPartition, chainsPartition } from '../audit/audit.keys.ts';
import { chainHeadCodec } from '../audit/audit.items.ts';
import { partitionQuery, queryAll } from '../shared/data/dynamo.ts';
import { itemCodec } from '../shared/data/item-codec.ts';
import { tables } from '../shared/data/tables.ts';
import type { DigestHead } from './archive.layout.ts';

/** The whole of one audit table partition, strongly consistent. */
const partition = (client: DynamoDBDocumentClient, auditTable: string, pk: string) =>
  queryAll(client, partitionQuery({ table: auditTable, keys: tables.audit, partition: pk, consistentRead: true }));

/** Every chain head, in key order, as written (entity, sequence, hash). */
export async function chainHeads(client: DynamoDBDocumentClient, auditTable: string): Promise<DigestHead[]> {
  return (await partition(client, auditTable, chainsPartition)).map(chainHeadCodec.decode);
}

const eventCodec = itemCodec({ pk: v.string(), sk: v.string(), hash: v.string() });

/** One chain event as the archive check compares it: its keys and its hash. */
export interface ChainEventRef {
  readonly pk: string;
  readonly sk: string;
  readonly hash: string;
}

/** Every event of one entity's chain (pk = `CHAIN#<entity>`), in sequence order, every page. */
export async function chainEventRefs(
  client: DynamoDBDocumentClient,
  auditTable: string,
  entity: string,
): Promise<ChainEventRef[]> {
  return (await partition(client, auditTable, chainPartition(entity))).map(eventCodec.decode);
}
