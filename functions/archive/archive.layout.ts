/**
 * The layout of the write-once archive bucket, built here and nowhere else: the archiving
 * function writes it, the digest function adds to it, and `verify-audit --archive` reads it.
 *
 * | key | what | written by |
 * | --- | --- | --- |
 * | `stream/<table>/<yyyy>/<mm>/<dd>/<sequence>-<eventID>.jsonl` | one stream batch (or the part of a retried batch not archived yet): one {@link ArchivedRecord} per line, in stream order | the archiving function |
 * | `digests/<yyyy-mm-dd>.json` | one {@link DigestDocument} per day | the digest function |
 *
 * `<table>` is the table's id (`audit`, `reads`: every table marked `appendOnly`), `<yyyy>/<mm>/<dd>`
 * the UTC day of the first record's `approximateCreationDateTime`, `<sequence>` the first
 * record's stream sequence number zero-padded to 40 digits (so keys sort as the numbers do) and
 * `<eventID>` its stream event id, unique across streams and shards. Every key is a function of the
 * records alone, so a retried batch asks for the same key and S3 (`If-None-Match: *`) refuses to
 * write it twice. Each stream object carries the last sequence number it holds as the metadata
 * `last-sequence` (S3: `x-amz-meta-last-sequence`), from which a retry learns where to go on.
 *
 * No AWS SDK here: the operations scripts read the layout without the function's code.
 */

/** Stream sequence numbers are at most 40 digits; padded, their keys sort as the numbers do. */
export const sequenceDigits = 40;

export const streamPrefix = 'stream/';

export const digestPrefix = 'digests/';

/** The S3 user metadata (without `x-amz-meta-`) holding a stream object's last sequence number. */
export const lastSequenceMetadata = 'last-sequence';

/** The objects of one table's stream: `stream/<table>/`. */
export const tableStreamPrefix = (tableId: string): string => `${streamPrefix}${tableId}/`;

/** What a stream object's key is made of: its first record. */
export interface FirstRecord {
  readonly sequenceNumber: string;
  readonly eventID: string;
  /** Epoch seconds, as the stream gives it. */
  readonly approximateCreationDateTime: number;
}

/** `stream/<table>/<yyyy>/<mm>/<dd>/<sequence>-<eventID>.jsonl` of the object that starts at `first`. */
export function streamObjectKey(tableId: string, first: FirstRecord): string {
  const day = new Date(first.approximateCreationDateTime * 1000).toISOString().slice(0, 10).replaceAll('-', '/');
  return `${tableStreamPrefix(tableId)}${day}/${first.sequenceNumber.padStart(sequenceDigits, '0')}-${first.eventID}.jsonl`;
}

/** `digests/<yyyy-mm-dd>.json` of the digest written on that UTC day. */
export const digestKey = (date: string): string => `${digestPrefix}${date}.json`;

/** An attribute value as DynamoDB Streams deliver it (`{"S": "…"}`, `{"N": "3"}`, …). */
export type StreamAttribute = Readonly<Record<string, unknown>>;

export type StreamImage = Readonly<Record<string, StreamAttribute>>;

/**
 * One line of a stream object: the stream record as DynamoDB delivered it, images in DynamoDB's
 * typed JSON (nothing converted, so nothing lost), and the table it came from. Both images are
 * kept: an item overwritten or removed shows what it was (`oldImage`) and what it became.
 */
export interface ArchivedRecord {
  readonly table: string;
  readonly eventID: string;
  /** `INSERT`, `MODIFY` or `REMOVE`. */
  readonly eventName: string;
  readonly sequenceNumber: string;
  readonly approximateCreationDateTime: number;
  readonly keys: StreamImage;
  readonly newImage?: StreamImage;
  readonly oldImage?: StreamImage;
  /** Set by DynamoDB on the removals its TTL makes (`dynamodb.amazonaws.com`). */
  readonly userIdentity?: { readonly type: string; readonly principalId: string };
}

/** A chain head as the digest lists it (docs/api.md, "Audit chain"). */
export interface DigestHead {
  readonly entity: string;
  readonly sequence: number;
  readonly hash: string;
}

/**
 * `digests/<date>.json`. The signature is over {@link digestMessage} of the document, which binds
 * the format, the date, the time, the number of chains and the Merkle root; the root binds every
 * head (`functions/archive/archive.digest.ts`).
 */
export interface DigestDocument {
  readonly format: typeof digestFormat;
  /** The UTC day the digest was made, as its key names it. */
  readonly date: string;
  /** When the heads were read, ISO 8601. */
  readonly time: string;
  /** Every chain head, in the leaf order of the Merkle tree. */
  readonly heads: readonly DigestHead[];
  /** Lower-case hex SHA-256 Merkle root over `heads`. */
  readonly root: string;
  readonly signature: {
    /** The ARN of the KMS key that signed (a local key's name in tests). */
    readonly keyId: string;
    readonly algorithm: 'ECDSA_SHA_256';
    /** DER-encoded ECDSA signature, base64. */
    readonly value: string;
  };
}

export const digestFormat = 'bali-disruption-audit-digest/1';

/** The exact bytes signed: the UTF-8 of `JSON.stringify([format, date, time, heads.length, root])`. */
export function digestMessage(digest: Pick<DigestDocument, 'format' | 'date' | 'time' | 'heads' | 'root'>): Buffer {
  return Buffer.from(
    JSON.stringify([digest.format, digest.date, digest.time, digest.heads.length, digest.root]),
    'utf8',
  );
}
