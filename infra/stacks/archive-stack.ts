import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key, KeySpec, KeyUsage, type IKey } from 'aws-cdk-lib/aws-kms';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import {
  archiveEnvironment,
  archiveServiceName,
  archivedTableIds,
  digestServiceName,
} from '../../functions/archive/archive.config.ts';
import { chainsPartition } from '../../functions/audit/audit.keys.ts';
import type { TableId } from '../../functions/shared/data/tables.ts';
import type { StageConfig } from '../config.ts';
import { ArchiveBucket } from '../constructs/archive-bucket.ts';
import { BackgroundFunction } from '../constructs/background-function.ts';
import { tableKeyStatement } from '../constructs/table-access.ts';
import { archiveOutputNames } from '../stack-names.ts';
import { digestPrefix, streamPrefix } from '../../functions/archive/archive.layout.ts';

/** Properties of the {@link ArchiveStack}: the tables whose streams it archives, from the Data stack. */
export interface ArchiveStackProps extends StackProps {
  readonly config: StageConfig;
  readonly tables: Readonly<Record<TableId, ITable>>;
  /** The key the tables (and so their streams) are encrypted under. */
  readonly tableKey: IKey;
}

/**
 * How the archiving function reads a stream. Lambda retries a batch from its first record not
 * archived (partial batch failures; never bisected, which would start a retry in the middle of an
 * object already written, where its key cannot find it) up to 10 times with growing waits, for at
 * most 12 hours, then sends the batch's shard and sequence range to the on-failure queue: the
 * stream keeps records 24 hours, which leaves 12 to archive them by hand (docs/operations.md).
 */
export const archiveStreamSettings = {
  startingPosition: StartingPosition.TRIM_HORIZON,
  batchSize: 100,
  // A few writes a day: waiting a minute for company makes fewer, larger objects.
  maxBatchingWindow: Duration.minutes(1),
  bisectBatchOnError: false,
  reportBatchItemFailures: true,
  retryAttempts: 10,
  maxRecordAge: Duration.hours(12),
  // One batch at a time per shard: the next batch's key depends on how far this one got.
  parallelizationFactor: 1,
} as const;

/**
 * The write-once archive of the append-only tables (the audit trail, the read records):
 *
 * ```
 * table stream ──▶ archiving function ──▶ S3, Object Lock: stream/<table>/…jsonl
 *                        └─ retries spent ──▶ SQS on-failure queue (alarm in Monitoring)
 * daily schedule ──▶ digest function: CHAINS heads, Merkle root, KMS signature ──▶ digests/<date>.json
 * ```
 *
 * Depends on the Data stack only; Monitoring watches it. The bucket, its keys and the signing key
 * are retained in every stage (see `ArchiveBucket`).
 */
export class ArchiveStack extends Stack {
  readonly archive: ArchiveBucket;
  readonly archiveFunction: BackgroundFunction;
  readonly digestFunction: BackgroundFunction;
  /** Where the shard and sequence range of a batch go once its retries are spent. */
  readonly failedBatches: Queue;
  /** The asymmetric key the digests are signed with. */
  readonly signingKey: Key;

  constructor(scope: Construct, id: string, props: ArchiveStackProps) {
    super(scope, id, props);
    const { config } = props;
    const tableNames = Object.fromEntries(
      archivedTableIds.map((tableId) => [tableId, props.tables[tableId].tableName]),
    );
    this.archive = new ArchiveBucket(this, 'Archive', { stage: config.stage, lock: config.auditArchive });
    const functionDefaults = {
      logRetention: config.logRetention,
      logRemovalPolicy: config.removalPolicy,
      logLevel: config.logLevel,
    };

    this.failedBatches = new Queue(this, 'FailedBatches', {
      // The messages name a shard and sequence numbers, never an item; SQS's own key suffices.
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // SQS's longest: two weeks to read what failed, although the stream keeps the records a day.
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.failedBatches).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter destination of the archive stream mappings; its messages are read by ' +
        'an operator (docs/operations.md) and a queue behind it would only move them further away.',
    });

    this.archiveFunction = new BackgroundFunction(this, 'Archiver', {
      ...functionDefaults,
      entry: 'functions/archive/archive.stream-handler.ts',
      description: 'Writes each stream batch of the append-only tables as one object in the write-once archive',
      serviceName: archiveServiceName,
      environment: archiveEnvironment(this.archive.bucket.bucketName, tableNames),
      memorySize: 256,
      timeout: Duration.minutes(1),
    });
    this.archive.grantWriteOnce(this.archiveFunction.role, streamPrefix, true);
    for (const tableId of archivedTableIds) {
      this.archiveFunction.function.addEventSource(
        new DynamoEventSource(props.tables[tableId], {
          ...archiveStreamSettings,
          onFailure: new SqsDlq(this.failedBatches),
        }),
      );
    }
    const archiverPolicy = Validations.of(this.archiveFunction.role.node.findChild('DefaultPolicy'));
    archiverPolicy.acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason:
        'Reading a table stream needs dynamodb:ListStreams, which takes no resource (the event source mapping adds ' +
        'it). Every other statement names its stream, queue, key or log group.',
    });
    archiverPolicy.acknowledge({
      id: this.objectsFinding(streamPrefix),
      reason:
        'Each stream batch is a new object under stream/ whose key is only known from the records, so PutObject (and ' +
        'the HeadObject of a retry) name that prefix. The role cannot delete, overwrite (If-None-Match) or change retention.',
    });

    this.signingKey = new Key(this, 'DigestSigningKey', {
      alias: `alias/bali-disruption-${config.stage}-audit-digest`,
      description: `Signs the daily audit digests of the Bali Process disruption API (${config.stage})`,
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      // Old digests are verified with this key's public half for as long as the archive is kept.
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });
    this.digestFunction = new BackgroundFunction(this, 'Digest', {
      ...functionDefaults,
      entry: 'functions/archive/archive.digest-handler.ts',
      description: 'Signs a Merkle root over every audit chain head each day and stores it in the archive',
      serviceName: digestServiceName,
      environment: {
        ...archiveEnvironment(this.archive.bucket.bucketName, tableNames),
        DIGEST_SIGNING_KEY_ID: this.signingKey.keyArn,
      },
      memorySize: 512,
      timeout: Duration.minutes(5),
    });
    const digestRole = this.digestFunction.role;
    digestRole.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [props.tables.audit.tableArn],
        // The chain heads' partition and nothing else of the trail.
        conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [chainsPartition] } },
      }),
    );
    digestRole.addToPrincipalPolicy(tableKeyStatement(props.tableKey, this));
    digestRole.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['kms:Sign'], resources: [this.signingKey.keyArn] }),
    );
    this.archive.grantWriteOnce(digestRole, digestPrefix, false);
    Validations.of(digestRole.node.findChild('DefaultPolicy')).acknowledge({
      id: this.objectsFinding(digestPrefix),
      reason:
        'A digest is a new object under digests/ each day, so PutObject names that prefix; the function may not read, ' +
        'overwrite (If-None-Match) or delete anything, and every other statement names its table, key or log group.',
    });
    new Rule(this, 'DailyDigest', {
      description: 'Writes the day audit digest to the archive',
      // Shortly after midnight UTC, so the digest's date is the day it covers the end of.
      schedule: Schedule.cron({ minute: '5', hour: '0' }),
      targets: [new LambdaFunction(this.digestFunction.function, { retryAttempts: 2, maxEventAge: Duration.hours(6) })],
    });

    const outputs: Record<string, [value: string, description: string]> = {
      [archiveOutputNames.bucket]: [this.archive.bucket.bucketName, 'The write-once archive (S3 Object Lock)'],
      [archiveOutputNames.signingKey]: [this.signingKey.keyArn, 'The KMS key whose public half verifies the digests'],
      FailedBatchesQueueUrl: [this.failedBatches.queueUrl, 'Stream batches the archive could not write'],
    };
    for (const [name, [value, description]] of Object.entries(outputs))
      new CfnOutput(this, name, { value, description });
  }

  /** cdk-nag's finding for a statement on the archive's objects under `prefix`. */
  private objectsFinding(prefix: string): string {
    const bucketId = this.getLogicalId(this.archive.bucket.node.defaultChild as CfnBucket);
    return `AwsSolutions::AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}*]`;
  }
}
