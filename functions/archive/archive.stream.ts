import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBRecord } from 'aws-lambda';
import { lastSequenceMetadata, streamObjectKey, type ArchivedRecord, type StreamImage } from './archive.layout.ts';

/** Where the archive is: the bucket, and the table id of each archived table's physical name. */
export interface ArchiveTarget {
  readonly s3: S3Client;
  readonly bucket: string;
  readonly tableIds: Readonly<Record<string, string>>;
}

/** What one batch left in the bucket: the keys written, and the records already there from an earlier try. */
export interface BatchArchived {
  readonly written: readonly string[];
  readonly alreadyArchived: number;
}

/** A write failed; every record from `firstUnarchived` on is not in the archive yet. */
export class ArchiveWriteError extends Error {
  override name = 'ArchiveWriteError';
  readonly firstUnarchived: string;

  constructor(firstUnarchived: string, cause: unknown) {
    super(`archiving stopped at sequence ${firstUnarchived}`, { cause });
    this.firstUnarchived = firstUnarchived;
  }
}

/**
 * Writes a stream batch as one JSON Lines object, so that however often Lambda retries it, no
 * record is archived twice and none is skipped:
 *
 * 1. the object's key is a function of its first record (`archive.layout.ts`), and the write is
 *    conditioned on the key being free (`If-None-Match: *`);
 * 2. a retry of a batch starts at the same record (the mapping reports partial failures and never
 *    bisects; a failure is reported at the first record not written), so it asks for a key an
 *    earlier try may have taken: S3 answers 412, and the object's `last-sequence` metadata says
 *    how far that try got;
 * 3. the records after it (a retried batch may have grown) are written the same way, keyed by the
 *    first of them; an earlier try may have written those too, and so on until nothing is left.
 *
 * Records of one batch come from one shard of one table, in order, so sequence numbers compare
 * within it. Object Lock keeps every object written, whatever happens next.
 *
 * @throws ArchiveWriteError naming the first record not archived, when S3 refuses or fails a write
 */
export async function archiveBatch(target: ArchiveTarget, records: readonly DynamoDBRecord[]): Promise<BatchArchived> {
  const lines = records.map((record) => archivedRecord(target, record));
  const written: string[] = [];
  let alreadyArchived = 0;
  let remaining = lines;
  while (remaining.length > 0) {
    const [first] = remaining as [ArchivedRecord, ...ArchivedRecord[]];
    const key = streamObjectKey(first.table, first);
    const last = remaining.at(-1)!;
    let takenUpTo: bigint | undefined;
    try {
      takenUpTo = (await putOnce(target, key, remaining, last.sequenceNumber))
        ? undefined
        : await lastSequence(target, key);
    } catch (error) {
      throw new ArchiveWriteError(first.sequenceNumber, error);
    }
    if (takenUpTo === undefined) {
      written.push(key);
      break;
    }
    const rest = remaining.filter((line) => BigInt(line.sequenceNumber) > takenUpTo);
    // The object at this key starts with `first`, so it holds it at least; anything else is not ours.
    if (rest.length === remaining.length)
      throw new ArchiveWriteError(first.sequenceNumber, new Error(`${key} ends before it starts`));
    alreadyArchived += remaining.length - rest.length;
    remaining = rest;
  }
  return { written, alreadyArchived };
}

/** Writes the object unless its key is taken; false when it was. */
async function putOnce(
  target: ArchiveTarget,
  key: string,
  lines: readonly ArchivedRecord[],
  lastSequenceNumber: string,
): Promise<boolean> {
  try {
    await target.s3.send(
      new PutObjectCommand({
        Bucket: target.bucket,
        Key: key,
        Body: lines.map((line) => `${JSON.stringify(line)}\n`).join(''),
        ContentType: 'application/x-ndjson',
        IfNoneMatch: '*',
        Metadata: { [lastSequenceMetadata]: lastSequenceNumber, records: String(lines.length) },
        // Object Lock asks every write for an integrity checksum; SHA-256 is also what an auditor recomputes.
        ChecksumAlgorithm: 'SHA256',
      }),
    );
    return true;
  } catch (error) {
    if (httpStatus(error) === 412) return false;
    throw error;
  }
}

/** The last sequence number in an object an earlier try wrote. */
async function lastSequence(target: ArchiveTarget, key: string): Promise<bigint> {
  const head = await target.s3.send(new HeadObjectCommand({ Bucket: target.bucket, Key: key }));
  const value = head.Metadata?.[lastSequenceMetadata];
  if (!value || !/^\d+$/.test(value)) throw new Error(`${key} carries no ${lastSequenceMetadata}`);
  return BigInt(value);
}

/** The HTTP status of an AWS SDK error (412 for a write that `IfNoneMatch` refused), if it has one. */
export function httpStatus(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
}

/** The line of a stream record; a record of a table not archived is a misconfiguration, and fails. */
function archivedRecord(target: ArchiveTarget, record: DynamoDBRecord): ArchivedRecord {
  const tableName = record.eventSourceARN?.split('/')[1];
  const table = tableName === undefined ? undefined : target.tableIds[tableName];
  const stream = record.dynamodb;
  if (!table || !stream?.SequenceNumber || !record.eventID || !record.eventName || !stream.Keys)
    throw new Error(`not an archived table's stream record: ${record.eventSourceARN} ${record.eventID}`);
  return {
    table,
    eventID: record.eventID,
    eventName: record.eventName,
    sequenceNumber: stream.SequenceNumber,
    approximateCreationDateTime: stream.ApproximateCreationDateTime ?? 0,
    keys: stream.Keys as StreamImage,
    ...(stream.NewImage ? { newImage: stream.NewImage as StreamImage } : {}),
    ...(stream.OldImage ? { oldImage: stream.OldImage as StreamImage } : {}),
    ...(record.userIdentity
      ? {
          userIdentity: {
            type: String(record.userIdentity.type),
            principalId: String(record.userIdentity.principalId),
          },
        }
      : {}),
  };
}
