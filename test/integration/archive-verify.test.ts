import { generateKeyPairSync, sign } from 'node:crypto';
import { GetPublicKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { signedDigest, type DigestSigner } from '../../functions/archive/archive.digest.ts';
import {
  digestKey,
  streamObjectKey,
  type ArchivedRecord,
  type DigestHead,
  type StreamImage,
} from '../../functions/archive/archive.layout.ts';
import { chainEventKey, chainHeadKey } from '../../functions/audit/audit.keys.ts';
import { chainOnto } from '../../functions/shared/domain/audit-events.ts';
import { createDocumentClient } from '../../functions/shared/data/dynamo.ts';
import { verifyArchive } from '../../infra/ops/verify-archive.ts';
import { archiveStore } from '../support/archive-store.ts';
import { freshTables } from '../support/tables.ts';

/*
 * `verify-audit --archive` against an audit table on DynamoDB Local, written in the documented
 * layout, and an archive bucket (a Map behind aws-sdk-client-mock) holding what the archiving and
 * digest functions would have written, with a local P-256 key pair in place of the KMS key.
 */

/** An event chained onto its entity's chain, whatever the audit module calls its type. */
type ChainedAuditEvent = ReturnType<typeof chainOnto>;

const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const intruder = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const signingKeyId = 'arn:aws:kms:ap-southeast-2:111122223333:key/digest';
const signer = (privateKey = keys.privateKey): DigestSigner => ({
  keyId: signingKeyId,
  sign: async (message) => sign('sha256', message, privateKey),
});

/** The events of one entity's chain, as the audit service would chain them. */
function chain(entity: string, length: number): ChainedAuditEvent[] {
  const events: ChainedAuditEvent[] = [];
  for (let n = 1; n <= length; n++) {
    const previous = events.at(-1);
    const draft = {
      id: crypto.randomUUID(),
      at: `2026-11-0${n}T10:00:00.000Z`,
      actor: 'secretariat-1',
      actorCountry: null,
      action: 'updateMember',
      entity,
      summary: `change ${n}`,
    };
    events.push(chainOnto(draft, previous ? { entity, sequence: previous.sequence, hash: previous.hash } : null));
  }
  return events;
}

const itemOf = (event: ChainedAuditEvent) => ({ ...chainEventKey(event.entity, event.sequence), ...event });
const headOf = (event: ChainedAuditEvent): DigestHead => ({
  entity: event.entity,
  sequence: event.sequence,
  hash: event.hash,
});

let sequenceNumber = 100;

/** The archived line of an inserted item, as the archiving function writes it. */
function archivedInsert(item: Record<string, unknown>): ArchivedRecord {
  sequenceNumber += 1;
  return {
    table: 'audit',
    eventID: crypto.randomUUID(),
    eventName: 'INSERT',
    sequenceNumber: String(sequenceNumber),
    approximateCreationDateTime: 1_796_000_000,
    keys: marshall({ pk: item.pk, sk: item.sk }) as unknown as StreamImage,
    newImage: marshall(item, { removeUndefinedValues: true }) as unknown as StreamImage,
  };
}

/**
 * A stage whose table holds chains `member/TH` (3 events) and `jpa/8` (2), whose archive holds
 * every item written (events and heads, one object per entity) and a digest of the heads.
 */
async function stage() {
  const { endpoint, tableNames } = await freshTables();
  const dynamo = createDocumentClient({ endpoint });
  const store = archiveStore(2);
  const chains = [chain('member/TH', 3), chain('jpa/8', 2)];
  for (const events of chains) {
    const items = events.map(itemOf);
    const last = events.at(-1) as ChainedAuditEvent;
    const head = { ...chainHeadKey(last.entity), ...headOf(last) };
    for (const item of [...items, head]) await dynamo.send(new PutCommand({ TableName: tableNames.audit, Item: item }));
    const lines = [...items, head].map(archivedInsert);
    store.objects.set(streamObjectKey('audit', lines[0] as ArchivedRecord), {
      body: lines.map((line) => `${JSON.stringify(line)}\n`).join(''),
      metadata: {},
    });
  }
  const heads = chains.map((events) => headOf(events.at(-1) as ChainedAuditEvent));
  const putDigest = async (digestHeads: DigestHead[], time: string, digestSigner = signer()) => {
    const digest = await signedDigest(digestHeads, time, digestSigner);
    store.objects.set(digestKey(digest.date), { body: JSON.stringify(digest), metadata: {} });
  };
  await putDigest(
    [headOf(chains[0]?.[1] as ChainedAuditEvent), headOf(chains[1]?.[0] as ChainedAuditEvent)],
    '2026-11-28T00:05:00.000Z',
  );
  await putDigest(heads, '2026-11-29T00:05:00.000Z');

  const kms = new KMSClient({ region: 'local' });
  mockClient(kms)
    .on(GetPublicKeyCommand, { KeyId: signingKeyId })
    .resolves({ PublicKey: keys.publicKey.export({ format: 'der', type: 'spki' }) });
  const logged: string[] = [];
  const verify = () =>
    verifyArchive(
      { dynamo, s3: store.s3, kms },
      { tableNames, archive: { bucketName: 'archive', signingKeyId } },
      (line) => logged.push(line),
    );
  return { dynamo, tableNames, store, chains, heads, putDigest, verify, logged };
}

describe('verify-audit --archive', () => {
  it('passes when every event is archived, every digest verifies and the chains extend the last one', async () => {
    const { verify, logged } = await stage();
    expect(await verify()).toEqual({ ok: true, line: 'archive: 5 events archived, 2 digests verified' });
    expect(logged).toEqual(['archive: 2 objects of the audit stream read']);
  });

  it('finds an archived event that was changed', async () => {
    const { store, verify } = await stage();
    const [key, object] = [...store.objects].find(([k]) => k.startsWith('stream/')) as [string, { body: string }];
    store.objects.set(key, { body: object.body.replace('change 2', 'nothing happened'), metadata: {} });
    const { ok, line } = await verify();
    expect(ok).toBe(false);
    expect(line).toMatch(
      /^archive: stream\/audit\/.+ holds CHAIN#(member\/TH|jpa\/8) #2 changed after it was archived$/,
    );
  });

  it('finds an event of the table that is not in the archive', async () => {
    const { dynamo, tableNames, chains, verify } = await stage();
    const next = chainOnto(
      {
        id: crypto.randomUUID(),
        at: '2026-11-30T10:00:00.000Z',
        actor: 'secretariat-1',
        actorCountry: null,
        action: 'updateJpa',
        entity: 'jpa/8',
        summary: 'unarchived',
      },
      headOf(chains[1]?.[1] as ChainedAuditEvent),
    );
    await dynamo.send(new PutCommand({ TableName: tableNames.audit, Item: itemOf(next) }));
    expect(await verify()).toEqual({ ok: false, line: 'archive: jpa/8 #3 is not in the archive' });
  });

  it('finds an event of the table that differs from its archived copy', async () => {
    const { dynamo, tableNames, chains, verify } = await stage();
    const forged = { ...itemOf(chains[0]?.[0] as ChainedAuditEvent), hash: 'f'.repeat(64) };
    await dynamo.send(new PutCommand({ TableName: tableNames.audit, Item: forged }));
    expect((await verify()).line).toMatch(/^archive: member\/TH #1 differs from the archive \(stream\/audit\/.+\)$/);
  });

  it('finds a digest whose signature does not verify with the stage’s key', async () => {
    const { heads, putDigest, verify } = await stage();
    await putDigest(heads, '2026-11-30T00:05:00.000Z', signer(intruder.privateKey));
    expect(await verify()).toEqual({
      ok: false,
      line: 'archive: digests/2026-11-30.json: its signature does not verify',
    });
  });

  it('finds a digest whose heads were changed after signing', async () => {
    const { store, verify } = await stage();
    const digest = JSON.parse(store.objects.get('digests/2026-11-28.json')?.body ?? '{}') as { heads: DigestHead[] };
    digest.heads[0] = { ...(digest.heads[0] as DigestHead), sequence: 9 };
    store.objects.set('digests/2026-11-28.json', { body: JSON.stringify(digest), metadata: {} });
    expect((await verify()).line).toBe('archive: digests/2026-11-28.json: its Merkle root does not match its heads');
  });

  it('finds chains that do not extend the last digest', async () => {
    const { heads, putDigest, verify } = await stage();
    const [member, jpa] = heads as [DigestHead, DigestHead];
    await putDigest([{ ...member, hash: 'e'.repeat(64) }, jpa], '2026-11-30T00:05:00.000Z');
    expect(await verify()).toEqual({
      ok: false,
      line: 'archive: member/TH does not extend the digest of 2026-11-30: #3 differs',
    });
    await putDigest([member, { ...jpa, sequence: 4 }], '2026-12-01T00:05:00.000Z');
    expect((await verify()).line).toBe('archive: jpa/8 does not extend the digest of 2026-12-01: #4 is missing');
  });
});
