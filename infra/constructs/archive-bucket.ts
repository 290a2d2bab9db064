import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AnyPrincipal, Effect, PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectLockRetention, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { StageConfig } from '../config.ts';

/** Properties of an {@link ArchiveBucket}. */
export interface ArchiveBucketProps {
  readonly stage: StageConfig['stage'];
  /** Object Lock's mode and how long every object is locked. */
  readonly lock: StageConfig['auditArchive'];
}

/**
 * The write-once bucket of the audit archive, with the key it is encrypted under and a bucket for
 * its access logs.
 *
 * - S3 Object Lock on every object by default (versioning comes with it): COMPLIANCE in prod, which
 *   nobody, the account's root user included, can shorten or lift; GOVERNANCE in dev, which a
 *   principal allowed `s3:BypassGovernanceRetention` can.
 * - A bucket policy that denies every principal the removal of an object or a version, TLS below
 *   1.2 and plain HTTP; all public access blocked; objects owned by the bucket owner.
 * - SSE-KMS under a key of its own (with S3 Bucket Keys, so a batch costs no KMS call).
 * - Retained, with its key, whatever the stage: evidence outlives the stack that wrote it, and a
 *   locked object could not be deleted with the stack anyway.
 */
export class ArchiveBucket extends Construct {
  readonly bucket: Bucket;
  readonly key: Key;
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string, props: ArchiveBucketProps) {
    super(scope, id);
    const retention = Duration.days(props.lock.retentionDays);
    this.key = new Key(this, 'Key', {
      alias: `alias/bali-disruption-${props.stage}-archive`,
      description: `Encrypts the write-once audit archive of the Bali Process disruption API (${props.stage})`,
      enableKeyRotation: true,
      // Without the key the archive is unreadable: it stays as long as the objects do.
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });
    this.accessLogs = new Bucket(this, 'AccessLogs', {
      // Server access logs cannot be delivered under SSE-KMS.
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      // Who read or wrote the evidence is kept as long as the evidence.
      lifecycleRules: [{ expiration: retention }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = new Bucket(this, 'Bucket', {
      objectLockEnabled: true,
      objectLockDefaultRetention:
        props.lock.mode === 'COMPLIANCE'
          ? ObjectLockRetention.compliance(retention)
          : ObjectLockRetention.governance(retention),
      versioned: true,
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'archive/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'WriteOnce',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        // A delete marker would hide an object from a listing; Object Lock alone does not refuse one.
        actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
        resources: [this.bucket.arnForObjects('*')],
      }),
    );
  }

  /** Lets a function write new objects under `prefix` (and read what it wrote there): no retention change, no delete. */
  grantWriteOnce(grantee: IGrantable, prefix: string, read: boolean): void {
    const actions = read ? ['s3:PutObject', 's3:GetObject'] : ['s3:PutObject'];
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions, resources: [this.bucket.arnForObjects(`${prefix}*`)] }),
    );
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        // PutObject under a KMS key with S3 Bucket Keys; only through S3.
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [this.key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${Stack.of(this).region}.${Stack.of(this).urlSuffix}` } },
      }),
    );
  }
}
