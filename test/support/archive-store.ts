import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  type GetObjectCommandOutput,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';

export interface StoredObject {
  readonly body: string;
  readonly metadata: Record<string, string>;
}

function s3Error(name: string, status: number): S3ServiceException {
  return new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status }, message: name });
}

/**
 * An S3 client whose bucket is a Map, answering as S3 does what the archive asks: PutObject with
 * `If-None-Match: *` (412 when the key is taken), HeadObject and GetObject (404 when absent),
 * ListObjectsV2 by prefix in key order, a page of `pageSize` keys at a time. `refusePuts` makes
 * it answer 500 to the writes of some keys.
 */
export function archiveStore(pageSize = 1000) {
  const objects = new Map<string, StoredObject>();
  let refused: (key: string) => boolean = () => false;
  const s3 = new S3Client({ region: 'local' });
  const mock = mockClient(s3);
  mock.on(PutObjectCommand).callsFake(async (input: PutObjectCommand['input']) => {
    const key = input.Key as string;
    if (refused(key)) throw s3Error('InternalError', 500);
    if (input.IfNoneMatch === '*' && objects.has(key)) throw s3Error('PreconditionFailed', 412);
    objects.set(key, { body: String(input.Body), metadata: { ...input.Metadata } });
    return {};
  });
  const stored = (key: string | undefined) => {
    const object = objects.get(key as string);
    if (!object) throw s3Error('NotFound', 404);
    return object;
  };
  mock.on(HeadObjectCommand).callsFake(async (input: HeadObjectCommand['input']) => ({
    Metadata: stored(input.Key).metadata,
  }));
  mock.on(GetObjectCommand).callsFake(async (input: GetObjectCommand['input']) => {
    const { body, metadata } = stored(input.Key);
    return { Metadata: metadata, Body: { transformToString: async () => body } } as unknown as GetObjectCommandOutput;
  });
  mock.on(ListObjectsV2Command).callsFake(async (input: ListObjectsV2Command['input']) => {
    const keys = [...objects.keys()]
      .filter((key) => key.startsWith(input.Prefix ?? ''))
      .sort()
      .filter((key) => !input.ContinuationToken || key > input.ContinuationToken);
    const page = keys.slice(0, pageSize);
    const truncated = keys.length > page.length;
    return {
      Contents: page.map((Key) => ({ Key })),
      IsTruncated: truncated,
      ...(truncated ? { NextContinuationToken: page.at(-1) } : {}),
    };
  });
  const refusePuts = (which: (key: string) => boolean) => {
    refused = which;
  };
  return { s3, mock, objects, refusePuts };
}
