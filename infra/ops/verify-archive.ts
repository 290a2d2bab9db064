import { createPublicKey, type KeyObject } from 'node:crypto';
import { GetPublicKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import * as v from 'valibot';
import { digestFault } from '../../functions/archive/archive.digest.ts';
import {
  digestFormat,
  digestPrefix,
  tableStreamPrefix,
  type ArchivedRecord,
  type DigestDocument,
} from '../../functions/archive/archive.layout.ts';
import { chainEventRefs, chainHeads, type ChainEventRef } from '../../functions/archive/archive.repository.ts';
import { eventHash } from '../../functions/shared/domain/audit-events.ts';
import type { TableNames } from '../../functions/shared/data/tables.ts';
import type { ArchiveResources } from './stage-outputs.ts';

/** The clients the archive check uses; tests hand in mocked ones. */
export interface ArchiveClients {
  readonly dynamo: DynamoDBDocumentClient;
  readonly s3: S3Client;
  readonly kms: KMSClient;
}

/** The outcome: `ok`, and the line `verify-audit` prints last for the archive. */
export interface ArchiveCheck {
  readonly ok: boolean;
  readonly line: string;
}

class ArchiveFault extends Error {}

const fail = (what: string): never => {
  throw new ArchiveFault(what);
};

const archivedEvent = v.object({
  id: v.string(),
  entity: v.string(),
  sequence: v.number(),
  at: v.string(),
  actor: v.string(),
  actorCountry: v.nullish(v.string(), null),
  action: v.string(),
  summary: v.string(),
  previousHash: v.nullish(v.string(), null),
  hash: v.string(),
});

const digestSchema = v.object({
  format: v.literal(digestFormat),
  date: v.string(),
  time: v.string(),
  heads: v.array(v.object({ entity: v.string(), sequence: v.number(), hash: v.string() })),
  root: v.string(),
  signature: v.object({ keyId: v.string(), algorithm: v.literal('ECDSA_SHA_256'), value: v.string() }),
});

/**
 * `verify-audit --archive`, after the table's own check: the write-once archive against the audit
 * table, in three checks, stopping at the first that fails:
 *
 * 1. every digest (`digests/*.json`) names the stage's signing key, its Merkle root matches its
 *    heads and its signature verifies with the key's public half (KMS GetPublicKey, checked here
 *    with node:crypto, so the check needs no kms:Verify);
 * 2. every chain event in the table (`CHAIN#<entity>`, read chain by chain from the `CHAINS`
 *    partition) is in the archive with the hash it has in the table: the first image the archive
 *    holds of that key, which must itself hash to its `hash`, so an archived line that was changed
 *    is found out too;
 * 3. the chains extend the last digest: for each head it lists, the chain still has that sequence,
 *    with that hash.
 *
 * Reads every archived object of the audit stream and every digest once, and each chain once:
 * linear in the size of the trail.
 *
 * @returns `archive: <n> events archived, <d> digests verified`, or `archive: <what failed>`
 */
export async function verifyArchive(
  clients: ArchiveClients,
  resources: { readonly tableNames: TableNames; readonly archive: ArchiveResources },
  log: (line: string) => void,
): Promise<ArchiveCheck> {
  const { archive } = resources;
  try {
    const digests = await verifiedDigests(clients, archive.bucketName, archive.signingKeyId);
    const archived = await archivedChainEvents(clients.s3, archive.bucketName, log);
    const chains = new Map<string, ChainEventRef[]>();
    for (const head of await chainHeads(clients.dynamo, resources.tableNames.audit))
      chains.set(head.entity, await chainEventRefs(clients.dynamo, resources.tableNames.audit, head.entity));
    let events = 0;
    for (const [entity, chain] of chains) {
      for (const event of chain) {
        const copy = archived.get(`${event.pk}\u0000${event.sk}`);
        if (!copy) fail(`${entity} #${Number(event.sk)} is not in the archive`);
        else if (copy.hash !== event.hash)
          fail(`${entity} #${Number(event.sk)} differs from the archive (${copy.object})`);
        events += 1;
      }
    }
    const last = digests.at(-1);
    for (const head of last?.heads ?? []) {
      const event = chains.get(head.entity)?.find((e) => Number(e.sk) === head.sequence);
      if (event?.hash !== head.hash)
        fail(
          `${head.entity} does not extend the digest of ${last?.date}: #${head.sequence} ${event ? 'differs' : 'is missing'}`,
        );
    }
    return { ok: true, line: `archive: ${events} events archived, ${digests.length} digests verified` };
  } catch (error) {
    if (error instanceof ArchiveFault) return { ok: false, line: `archive: ${error.message}` };
    throw error;
  }
}

/** Every key under a prefix, in key order (for digests: date order). */
async function listKeys(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    keys.push(...(page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : [])));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

async function text(s3: S3Client, bucket: string, key: string): Promise<string> {
  const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return (await Body?.transformToString('utf8')) ?? '';
}

async function verifiedDigests(clients: ArchiveClients, bucket: string, keyId: string): Promise<DigestDocument[]> {
  let publicKey: KeyObject | undefined;
  const digests: DigestDocument[] = [];
  for (const key of await listKeys(clients.s3, bucket, digestPrefix)) {
    const parsed = v.safeParse(digestSchema, parseJson(await text(clients.s3, bucket, key)));
    if (!parsed.success) fail(`${key} is not a digest`);
    const digest = parsed.output as DigestDocument;
    if (digest.signature.keyId !== keyId) fail(`${key} is signed by ${digest.signature.keyId}, not the stage's key`);
    publicKey ??= await kmsPublicKey(clients.kms, keyId);
    const fault = digestFault(digest, publicKey);
    if (fault) fail(`${key}: ${fault}`);
    digests.push(digest);
  }
  return digests;
}

async function kmsPublicKey(kms: KMSClient, keyId: string): Promise<KeyObject> {
  const { PublicKey } = await kms.send(new GetPublicKeyCommand({ KeyId: keyId }));
  if (!PublicKey) return fail(`KMS gave no public key for ${keyId}`);
  return createPublicKey({ key: Buffer.from(PublicKey), format: 'der', type: 'spki' });
}

/**
 * The first archived image of every chain event, by `pk`, `sk`: what the event was when it was
 * written. Each must hash to its own `hash`, or the archived line was changed.
 */
async function archivedChainEvents(
  s3: S3Client,
  bucket: string,
  log: (line: string) => void,
): Promise<Map<string, { hash: string; object: string }>> {
  const archived = new Map<string, { hash: string; object: string }>();
  const keys = await listKeys(s3, bucket, tableStreamPrefix('audit'));
  for (const key of keys) {
    for (const line of (await text(s3, bucket, key)).split('\n').filter((l) => l.length > 0)) {
      const record = parseJson(line) as ArchivedRecord;
      const image = record?.newImage;
      if (record?.eventName !== 'INSERT' || !image) continue;
      const item = unmarshall(image as unknown as Parameters<typeof unmarshall>[0]);
      if (typeof item.pk !== 'string' || !item.pk.startsWith('CHAIN#') || typeof item.sk !== 'string') continue;
      const parsed = v.safeParse(archivedEvent, item);
      if (!parsed.success || eventHash(parsed.output) !== parsed.output.hash)
        fail(`${key} holds ${item.pk} #${Number(item.sk)} changed after it was archived`);
      const id = `${item.pk}\u0000${item.sk}`;
      if (!archived.has(id)) archived.set(id, { hash: String(item.hash), object: key });
    }
  }
  log(`archive: ${keys.length} objects of the audit stream read`);
  return archived;
}

function parseJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}
