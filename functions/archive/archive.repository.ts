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
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as v from 'valibot';
import { chainPartition, chainsPartition } from '../audit/audit.keys.ts';
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
  const events: ChainEventRef[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const output = await client.send(
      new QueryCommand({
        ...partitionQuery({
          table: auditTable,
          keys: tables.audit,
          partition: chainPartition(entity),
          consistentRead: true,
        }),
        ExclusiveStartKey: startKey,
      }),
    );
    events.push(...(output.Items ?? []).map(eventCodec.decode));
    startKey = output.LastEvaluatedKey;
  } while (startKey);
  return events;
}
