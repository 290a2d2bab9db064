import { createHash, generateKeyPairSync, sign, verify } from 'node:crypto';
import { KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, describe, expect, it } from 'vitest';
import { kmsSigner, writeDigest, type DigestDeps } from '../../functions/archive/archive.digest-handler.ts';
import { digestFault, merkleRoot, signedDigest, type DigestSigner } from '../../functions/archive/archive.digest.ts';
import { digestMessage, type DigestDocument, type DigestHead } from '../../functions/archive/archive.layout.ts';
import { chainHeadKey } from '../../functions/audit/audit.keys.ts';
import { createDocumentClient } from '../../functions/shared/data/dynamo.ts';
import { archiveStore } from '../support/archive-store.ts';
import { freshTables } from '../support/tables.ts';

const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const otherKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' });

/** Signs as KMS does with ECDSA_SHA_256: SHA-256 of the message, DER-encoded signature. */
const localSigner = (privateKey = keys.privateKey): DigestSigner => ({
  keyId: 'local-test-key',
  sign: async (message) => sign('sha256', message, privateKey),
});

const sha256 = (...parts: (Buffer | string)[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};
const leaf = (head: DigestHead) => sha256(Buffer.from([0]), JSON.stringify([head.entity, head.sequence, head.hash]));
const node = (left: Buffer, right: Buffer) => sha256(Buffer.from([1]), left, right);

const heads: DigestHead[] = [
  { entity: 'member/TH', sequence: 3, hash: 'c'.repeat(64) },
  { entity: 'jpa/8', sequence: 2, hash: 'b'.repeat(64) },
  { entity: 'cochairs', sequence: 1, hash: 'a'.repeat(64) },
];
const [cochairs, jpa, member] = [heads[2], heads[1], heads[0]] as [DigestHead, DigestHead, DigestHead];

describe('the Merkle root over the chain heads', () => {
  it('is SHA-256 of nothing for no heads, and the leaf hash for one', () => {
    expect(merkleRoot([])).toBe(sha256('').toString('hex'));
    expect(merkleRoot([jpa])).toBe(leaf(jpa).toString('hex'));
  });

  it('hashes leaves 0x00 ‖ JSON.stringify([entity, sequence, hash]) in entity order, pairs 0x01 ‖ left ‖ right, and promotes an odd node', () => {
    const expected = node(node(leaf(cochairs), leaf(jpa)), leaf(member)).toString('hex');
    expect(merkleRoot(heads)).toBe(expected);
    expect(merkleRoot([member, cochairs, jpa])).toBe(expected);
  });

  it('promotes rather than duplicates, so a repeated last head changes the root', () => {
    const five = [
      ...heads,
      { entity: 'tor/1', sequence: 1, hash: 'd'.repeat(64) },
      { entity: 'tor/2', sequence: 1, hash: 'e'.repeat(64) },
    ];
    const sorted = [...five].sort((a, b) => (a.entity < b.entity ? -1 : 1)).map(leaf);
    const [a, b, c, d, e] = sorted as [Buffer, Buffer, Buffer, Buffer, Buffer];
    expect(merkleRoot(five)).toBe(node(node(node(a, b), node(c, d)), e).toString('hex'));
    expect(merkleRoot([...heads, member])).not.toBe(merkleRoot(heads));
  });

  it('changes with any head’s sequence or hash', () => {
    const root = merkleRoot(heads);
    expect(merkleRoot([{ ...member, sequence: 4 }, cochairs, jpa])).not.toBe(root);
    expect(merkleRoot([{ ...member, hash: 'f'.repeat(64) }, cochairs, jpa])).not.toBe(root);
  });
});

describe('a signed digest', () => {
  it('carries the heads in leaf order, their root, and a signature the public key verifies', async () => {
    const digest = await signedDigest(heads, '2026-11-30T00:05:00.000Z', localSigner());
    expect(digest).toMatchObject({
      format: 'bali-disruption-audit-digest/1',
      date: '2026-11-30',
      time: '2026-11-30T00:05:00.000Z',
      heads: [cochairs, jpa, member],
      root: merkleRoot(heads),
      signature: { keyId: 'local-test-key', algorithm: 'ECDSA_SHA_256' },
    });
    const message = Buffer.from(
      JSON.stringify(['bali-disruption-audit-digest/1', '2026-11-30', '2026-11-30T00:05:00.000Z', 3, digest.root]),
    );
    expect(digestMessage(digest)).toEqual(message);
    expect(verify('sha256', message, keys.publicKey, Buffer.from(digest.signature.value, 'base64'))).toBe(true);
    expect(digestFault(digest, keys.publicKey)).toBeUndefined();
  });

  it('is found out when a head, the root, the time or the signer changes', async () => {
    const digest = await signedDigest(heads, '2026-11-30T00:05:00.000Z', localSigner());
    const changedHead: DigestDocument = { ...digest, heads: [cochairs, jpa, { ...member, sequence: 2 }] };
    expect(digestFault(changedHead, keys.publicKey)).toBe('its Merkle root does not match its heads');
    const rehashed: DigestDocument = { ...changedHead, root: merkleRoot(changedHead.heads) };
    expect(digestFault(rehashed, keys.publicKey)).toBe('its signature does not verify');
    expect(digestFault({ ...digest, time: '2026-11-30T00:06:00.000Z' }, keys.publicKey)).toBe(
      'its signature does not verify',
    );
    expect(digestFault(digest, otherKeys.publicKey)).toBe('its signature does not verify');
  });

  it('is signed through KMS with ECDSA_SHA_256 over the raw message', async () => {
    const kms = new KMSClient({ region: 'local' });
    const mock = mockClient(kms);
    mock.on(SignCommand).callsFake(async (input: SignCommand['input']) => ({
      Signature: sign('sha256', input.Message as Uint8Array, keys.privateKey),
    }));
    const digest = await signedDigest(heads, '2026-11-30T00:05:00.000Z', kmsSigner(kms, 'arn:aws:kms:key/1'));
    expect(mock.commandCalls(SignCommand)[0]?.args[0].input).toMatchObject({
      KeyId: 'arn:aws:kms:key/1',
      MessageType: 'RAW',
      SigningAlgorithm: 'ECDSA_SHA_256',
    });
    expect(digest.signature.keyId).toBe('arn:aws:kms:key/1');
    expect(digestFault(digest, keys.publicKey)).toBeUndefined();
  });
});

describe('the daily digest, from the CHAINS partition of DynamoDB Local', () => {
  let deps: DigestDeps;
  let store: ReturnType<typeof archiveStore>;

  beforeAll(async () => {
    const { endpoint, tableNames } = await freshTables();
    const dynamo = createDocumentClient({ endpoint });
    for (const head of heads)
      await dynamo.send(
        new PutCommand({ TableName: tableNames.audit, Item: { ...chainHeadKey(head.entity), ...head } }),
      );
    // Not a head: an event of the same entity, which the digest must not read as one.
    await dynamo.send(
      new PutCommand({
        TableName: tableNames.audit,
        Item: { pk: 'CHAIN#jpa/8', sk: '0000000002', entity: 'jpa/8', sequence: 2, hash: 'b'.repeat(64) },
      }),
    );
    store = archiveStore();
    deps = {
      dynamo,
      auditTable: tableNames.audit,
      signer: localSigner(),
      s3: store.s3,
      bucket: 'archive',
      now: () => new Date('2026-11-30T00:05:00.000Z'),
      logger: new Logger({ serviceName: 'digest-test' }),
    };
  });

  it('stores digests/<date>.json with every head, their root and a valid signature', async () => {
    expect(await writeDigest(deps)).toEqual({
      key: 'digests/2026-11-30.json',
      written: true,
      chains: 3,
      root: merkleRoot(heads),
    });
    const stored = JSON.parse(store.objects.get('digests/2026-11-30.json')?.body ?? '{}') as DigestDocument;
    expect(stored.heads).toEqual([cochairs, jpa, member]);
    expect(digestFault(stored, keys.publicKey)).toBeUndefined();
  });

  it('leaves the day’s digest as it is when the schedule runs again that day', async () => {
    const before = store.objects.get('digests/2026-11-30.json');
    const again = await writeDigest({ ...deps, now: () => new Date('2026-11-30T07:00:00.000Z') });
    expect(again.written).toBe(false);
    expect(store.objects.get('digests/2026-11-30.json')).toBe(before);
  });
});
