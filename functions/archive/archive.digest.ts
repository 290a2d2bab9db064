import { createHash, verify, type KeyObject } from 'node:crypto';
import { digestFormat, digestMessage, type DigestDocument, type DigestHead } from './archive.layout.ts';

/**
 * Signs digests. On AWS an asymmetric KMS key (ECC_NIST_P256, SIGN_VERIFY) whose private half never
 * leaves KMS; in tests a local P-256 key pair. Either way: ECDSA over SHA-256 of the message,
 * DER-encoded, which `node:crypto`'s `verify('sha256', …)` checks with the public key.
 */
export interface DigestSigner {
  /** What the digest names as its key: the KMS key's ARN, or a local key's name. */
  readonly keyId: string;
  sign(message: Uint8Array): Promise<Uint8Array>;
}

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

const leafPrefix = Buffer.from([0]);
const nodePrefix = Buffer.from([1]);

/**
 * The heads in leaf order: by entity, comparing the UTF-8 bytes (DynamoDB's order of the `CHAINS`
 * partition's sort key), so the order is the same whoever sorts them.
 */
export function leafOrder(heads: readonly DigestHead[]): DigestHead[] {
  return [...heads].sort((a, b) => Buffer.compare(Buffer.from(a.entity, 'utf8'), Buffer.from(b.entity, 'utf8')));
}

/**
 * The Merkle root over the chain heads, as lower-case hex. The Merkle Tree Hash of RFC 6962
 * (Certificate Transparency), section 2.1, with SHA-256:
 *
 * - the leaves are the heads in {@link leafOrder}; a leaf's data is the UTF-8 bytes of
 *   `JSON.stringify([entity, sequence, hash])` and its hash `SHA-256(0x00 ‖ data)`;
 * - an inner node is `SHA-256(0x01 ‖ left ‖ right)` over the two 32-byte child hashes;
 * - level by level, nodes are paired from the left; an odd node at the end of a level is promoted
 *   unchanged to the next level (never duplicated: duplication would give `[a, b, c]` and
 *   `[a, b, c, c]` the same root), which is RFC 6962's split at the largest power of two;
 * - the root of no heads is `SHA-256()` of nothing.
 *
 * The 0x00/0x01 prefixes keep a leaf from passing for an inner node.
 */
export function merkleRoot(heads: readonly DigestHead[]): string {
  let level = leafOrder(heads).map((head) =>
    sha256(leafPrefix, Buffer.from(JSON.stringify([head.entity, head.sequence, head.hash]), 'utf8')),
  );
  if (level.length === 0) return sha256().toString('hex');
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const [left, right] = [level[i]!, level[i + 1]];
      next.push(right ? sha256(nodePrefix, left, right) : left);
    }
    level = next;
  }
  return level[0]!.toString('hex');
}

/** The digest of these heads, read at `time`, signed. */
export async function signedDigest(
  heads: readonly DigestHead[],
  time: string,
  signer: DigestSigner,
): Promise<DigestDocument> {
  const ordered = leafOrder(heads).map(({ entity, sequence, hash }) => ({ entity, sequence, hash }));
  const unsigned: Omit<DigestDocument, 'signature'> = {
    format: digestFormat,
    date: time.slice(0, 10),
    time,
    heads: ordered,
    root: merkleRoot(ordered),
  };
  const signature = await signer.sign(digestMessage(unsigned));
  return {
    ...unsigned,
    signature: { keyId: signer.keyId, algorithm: 'ECDSA_SHA_256', value: Buffer.from(signature).toString('base64') },
  };
}

/**
 * What is wrong with a digest, or undefined: its format, its root against its heads, and its
 * signature against the public key of the key it names.
 */
export function digestFault(digest: DigestDocument, publicKey: KeyObject): string | undefined {
  if (digest.format !== digestFormat) return `unknown format ${JSON.stringify(digest.format)}`;
  if (digest.signature.algorithm !== 'ECDSA_SHA_256') return 'not signed with ECDSA_SHA_256';
  if (merkleRoot(digest.heads) !== digest.root) return 'its Merkle root does not match its heads';
  const signature = Buffer.from(digest.signature.value, 'base64');
  if (!verify('sha256', digestMessage(digest), publicKey, signature)) return 'its signature does not verify';
  return undefined;
}
