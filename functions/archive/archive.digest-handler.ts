import { Logger } from '@aws-lambda-powertools/logger';
import { KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../shared/data/dynamo.ts';
import { digestServiceName, readArchiveConfig } from './archive.config.ts';
import { signedDigest, type DigestSigner } from './archive.digest.ts';
import { digestKey } from './archive.layout.ts';
import { chainHeads } from './archive.repository.ts';
import { httpStatus } from './archive.stream.ts';

/** What the digest needs: where the heads are, who signs, where the digest goes. */
export interface DigestDeps {
  readonly dynamo: DynamoDBDocumentClient;
  readonly auditTable: string;
  readonly signer: DigestSigner;
  readonly s3: S3Client;
  readonly bucket: string;
  readonly now: () => Date;
  readonly logger: Logger;
}

/** Where the day's digest went, and whether this run wrote it (false: an earlier run of the day did). */
export interface DigestWritten {
  readonly key: string;
  readonly written: boolean;
  readonly chains: number;
  readonly root: string;
}

/** Signs with an asymmetric KMS key: ECDSA_SHA_256 over the message itself (KMS hashes it). */
export function kmsSigner(kms: KMSClient, keyId: string): DigestSigner {
  return {
    keyId,
    async sign(message) {
      const { Signature } = await kms.send(
        new SignCommand({ KeyId: keyId, Message: message, MessageType: 'RAW', SigningAlgorithm: 'ECDSA_SHA_256' }),
      );
      if (!Signature) throw new Error('KMS returned no signature');
      return Signature;
    },
  };
}

/**
 * Reads every chain head, signs their Merkle root and stores `digests/<date>.json`, once a day. The
 * write is conditioned on the key being free: a second run on the same day (EventBridge retries a
 * failed invocation) leaves the first digest as it is.
 */
export async function writeDigest(deps: DigestDeps): Promise<DigestWritten> {
  const heads = await chainHeads(deps.dynamo, deps.auditTable);
  const digest = await signedDigest(heads, deps.now().toISOString(), deps.signer);
  const key = digestKey(digest.date);
  const summary = { key, chains: digest.heads.length, root: digest.root };
  try {
    await deps.s3.send(
      new PutObjectCommand({
        Bucket: deps.bucket,
        Key: key,
        Body: `${JSON.stringify(digest, null, 2)}\n`,
        ContentType: 'application/json',
        IfNoneMatch: '*',
        ChecksumAlgorithm: 'SHA256',
      }),
    );
  } catch (error) {
    if (httpStatus(error) !== 412) throw error;
    deps.logger.info('digest of the day already written', summary);
    return { ...summary, written: false };
  }
  deps.logger.info('digest written', summary);
  return { ...summary, written: true };
}

let deps: DigestDeps | undefined;

/** The Lambda entry, run by the daily schedule; a failure throws, so Lambda retries and the alarm sees it. */
export const handler = async (): Promise<DigestWritten> => {
  if (!deps) {
    const config = readArchiveConfig(process.env);
    const auditTable = Object.entries(config.tableIds).find(([, id]) => id === 'audit')?.[0];
    if (!auditTable || !config.signingKeyId)
      throw new Error('missing environment variables: AUDIT_TABLE, DIGEST_SIGNING_KEY_ID');
    deps = {
      dynamo: createDocumentClient(),
      auditTable,
      signer: kmsSigner(new KMSClient({}), config.signingKeyId),
      s3: new S3Client({}),
      bucket: config.bucket,
      now: () => new Date(),
      logger: new Logger({ serviceName: digestServiceName }),
    };
  }
  return writeDigest(deps);
};
