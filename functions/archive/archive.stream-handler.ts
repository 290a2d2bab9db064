import { Logger } from '@aws-lambda-powertools/logger';
import { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { archiveServiceName, readArchiveConfig } from './archive.config.ts';
import { ArchiveWriteError, archiveBatch, type ArchiveTarget } from './archive.stream.ts';

export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;

/**
 * The archiving function: each batch of an append-only table's stream becomes one object in the
 * write-once bucket (`archive.stream.ts`). A batch it could not archive is reported as a partial
 * failure at its first record not archived, so Lambda retries from there (and, retries spent, sends
 * the batch's shard and sequence range to the on-failure queue); records before it stay archived.
 */
export function createStreamHandler(target: ArchiveTarget, logger: Logger): StreamHandler {
  return async (event) => {
    const first = event.Records[0]?.dynamodb?.SequenceNumber;
    if (first === undefined) return { batchItemFailures: [] };
    try {
      const { written, alreadyArchived } = await archiveBatch(target, event.Records);
      logger.info('batch archived', { records: event.Records.length, written, alreadyArchived });
      return { batchItemFailures: [] };
    } catch (error) {
      const firstUnarchived = error instanceof ArchiveWriteError ? error.firstUnarchived : first;
      logger.error('batch not archived', { records: event.Records.length, firstUnarchived, error });
      return { batchItemFailures: [{ itemIdentifier: firstUnarchived }] };
    }
  };
}

let built: StreamHandler | undefined;

/** The Lambda entry, built on the first batch; a build that fails is not kept, and the batch is retried. */
export const handler: StreamHandler = async (event) => {
  built ??= createStreamHandler(
    { s3: new S3Client({}), ...readArchiveConfig(process.env) },
    new Logger({ serviceName: archiveServiceName }),
  );
  return built(event);
};
