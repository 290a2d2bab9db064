import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { archivedTableIds } from '../../functions/archive/archive.config.ts';
import { tableIds } from '../../functions/shared/data/tables.ts';
import { esbuildOptions } from '../../infra/bundling/function-bundle.ts';
import { stageConfig } from '../../infra/config.ts';
import { addStageStacks } from '../../infra/stacks/stage-stacks.ts';
import { newApp, prodSettings, removeApps, skipBundling } from './stage-app.ts';

const prod = addStageStacks(newApp(skipBundling), stageConfig('prod', prodSettings));
const dev = addStageStacks(newApp(skipBundling), stageConfig('dev'));
const template = Template.fromStack(prod.archive);
const devTemplate = Template.fromStack(dev.archive);
const dataTemplate = Template.fromStack(prod.data);
const monitoringTemplate = Template.fromStack(prod.monitoring);
afterAll(removeApps);

const logicalId = (stack: typeof prod.archive, construct: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(construct.node.defaultChild as CfnElement);
const bucketId = logicalId(prod.archive, prod.archive.archive.bucket);
const sevenYears = 7 * 365 + 2;

/** The statements of the policy attached to a role, by the role's logical id prefix. */
function statementsOf(roleIdPrefix: string): { Action: string | string[]; Resource: unknown; Condition?: unknown }[] {
  const policies = Object.entries(template.findResources('AWS::IAM::Policy')).filter(([id]) =>
    id.startsWith(roleIdPrefix),
  );
  expect(policies).toHaveLength(1);
  return policies[0]?.[1].Properties.PolicyDocument.Statement;
}
const actionsOf = (roleIdPrefix: string) =>
  statementsOf(roleIdPrefix)
    .flatMap((s) => [s.Action].flat())
    .sort();

describe('the archive bucket', () => {
  it('locks every object: COMPLIANCE for seven years in prod, GOVERNANCE for a day in dev', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: sevenYears } },
      },
      VersioningConfiguration: { Status: 'Enabled' },
    });
    devTemplate.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockConfiguration: { Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 1 } } },
    });
  });

  it('takes its retention from the stage setting', () => {
    const config = stageConfig('prod', { ...prodSettings, auditArchiveRetentionDays: 3650 });
    const stacks = addStageStacks(newApp(skipBundling), config);
    Template.fromStack(stacks.archive).hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockConfiguration: { Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 3650 } } },
    });
  });

  it('encrypts under its own rotated KMS key, blocks public access and logs access', () => {
    const keyId = logicalId(prod.archive, prod.archive.archive.key);
    template.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] },
            },
          },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: { DestinationBucketName: Match.anyValue(), LogFilePrefix: 'archive/' },
    });
    template.hasResource('AWS::KMS::Key', {
      Properties: { EnableKeyRotation: true, KeySpec: Match.absent() },
      DeletionPolicy: 'Retain',
    });
  });

  it('refuses plain HTTP, old TLS and every removal of an object or a version', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
          Match.objectLike({
            Sid: 'WriteOnce',
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
          }),
        ]),
      },
    });
  });

  it('is kept, with its keys and its access logs, when the stack is deleted, in every stage', () => {
    for (const stageTemplate of [template, devTemplate]) {
      for (const type of ['AWS::S3::Bucket', 'AWS::KMS::Key']) {
        const resources = Object.values(stageTemplate.findResources(type));
        expect(resources.length).toBeGreaterThan(0);
        for (const resource of resources)
          expect([resource.DeletionPolicy, resource.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
      }
    }
  });
});

describe('the streams of the append-only tables', () => {
  it('carry both images on every append-only table, and exist on no other', () => {
    const resources = dataTemplate.toJSON().Resources as Record<string, { Properties: Record<string, unknown> }>;
    for (const tableId of tableIds) {
      const table = resources[prod.data.getLogicalId(prod.data.tables[tableId].node.defaultChild as CfnElement)];
      const stream = table?.Properties.StreamSpecification;
      if (archivedTableIds.includes(tableId)) expect(stream).toEqual({ StreamViewType: 'NEW_AND_OLD_IMAGES' });
      else expect(stream).toBeUndefined();
    }
  });

  it('feed the archiving function: from the start, partial failures, no bisecting, bounded retries, a failure queue', () => {
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', archivedTableIds.length);
    const queueId = logicalId(prod.archive, prod.archive.failedBatches);
    template.allResourcesProperties('AWS::Lambda::EventSourceMapping', {
      StartingPosition: 'TRIM_HORIZON',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: false,
      MaximumRetryAttempts: 10,
      MaximumRecordAgeInSeconds: 12 * 3600,
      ParallelizationFactor: 1,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
    });
  });

  it('send failed batches to an encrypted queue that accepts only TLS', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 86400,
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});

describe('the archive functions', () => {
  it('run on Node 24, ARM64, with JSON logs and the bucket and tables in their environment', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    expect(functions).toHaveLength(2);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        LoggingConfig: { LogFormat: 'JSON' },
        Environment: { Variables: { ARCHIVE_BUCKET: { Ref: bucketId }, AUDIT_TABLE: expect.anything() } },
      });
    }
  });

  it('let the archiver read the streams and write new stream objects, and nothing else of the bucket', () => {
    expect(actionsOf('ArchiverRoleDefaultPolicy')).toEqual(
      [
        'dynamodb:DescribeStream',
        'dynamodb:GetRecords',
        'dynamodb:GetShardIterator',
        'dynamodb:ListStreams',
        'kms:Decrypt',
        'kms:Decrypt',
        'kms:DescribeKey',
        'kms:GenerateDataKey',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        's3:GetObject',
        's3:PutObject',
        'sqs:GetQueueAttributes',
        'sqs:GetQueueUrl',
        'sqs:SendMessage',
      ].sort(),
    );
    const s3 = statementsOf('ArchiverRoleDefaultPolicy').find((s) => [s.Action].flat().includes('s3:PutObject'));
    expect(s3?.Resource).toEqual({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/stream/*']] });
  });

  it('let the digest read only the CHAINS partition, sign with its key and write new digests', () => {
    const statements = statementsOf('DigestRoleDefaultPolicy');
    expect(actionsOf('DigestRoleDefaultPolicy')).toEqual(
      [
        'dynamodb:Query',
        'kms:Decrypt',
        'kms:DescribeKey',
        'kms:Encrypt',
        'kms:GenerateDataKey',
        'kms:ReEncryptFrom',
        'kms:ReEncryptTo',
        'kms:Decrypt',
        'kms:GenerateDataKey',
        'kms:Sign',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        's3:PutObject',
      ].sort(),
    );
    expect(statements.find((s) => s.Action === 'dynamodb:Query')?.Condition).toEqual({
      'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['CHAINS'] },
    });
    const signingKeyId = logicalId(prod.archive, prod.archive.signingKey);
    expect(statements.find((s) => s.Action === 'kms:Sign')?.Resource).toEqual({ 'Fn::GetAtt': [signingKeyId, 'Arn'] });
  });

  it('sign digests with a retained asymmetric P-256 key for signing only', () => {
    template.hasResource('AWS::KMS::Key', {
      Properties: { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' },
      DeletionPolicy: 'Retain',
    });
  });

  it('write a digest every day, shortly after midnight UTC', () => {
    const digestId = logicalId(prod.archive, prod.archive.digestFunction.function);
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(5 0 * * ? *)',
      State: 'ENABLED',
      Targets: [
        Match.objectLike({ Arn: { 'Fn::GetAtt': [digestId, 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 2 } }),
      ],
    });
  });

  it('publish the bucket and the signing key for the operations scripts', () => {
    const outputs = template.findOutputs('*');
    expect(outputs.ArchiveBucketName?.Value).toEqual({ Ref: bucketId });
    expect(outputs.DigestSigningKeyId?.Value).toEqual({
      'Fn::GetAtt': [logicalId(prod.archive, prod.archive.signingKey), 'Arn'],
    });
  });

  it('bundle apart from the GraphQL function: neither handler carries graphql or Apollo', async () => {
    for (const entry of [
      'functions/archive/archive.stream-handler.ts',
      'functions/archive/archive.digest-handler.ts',
    ]) {
      const { metafile } = await build({ ...esbuildOptions(entry, 'index.mjs'), write: false, metafile: true });
      const inputs = Object.keys(metafile.inputs);
      expect(inputs.some((file) => file.includes('node_modules/@aws-lambda-powertools/logger/'))).toBe(true);
      expect(inputs.filter((file) => /node_modules\/(graphql|@apollo)\//.test(file))).toEqual([]);
    }
  });
});

describe('the archive alarms', () => {
  it('fire on a failed batch, an archiver error and a digest error, and tell the alarm topic', () => {
    const topicId = prod.monitoring.getLogicalId(prod.monitoring.alarmTopic.node.defaultChild as CfnElement);
    for (const [name, metric] of [
      ['ArchiveFailedBatches', 'ApproximateNumberOfMessagesVisible'],
      ['ArchiveErrors', 'Errors'],
      ['DigestErrors', 'Errors'],
    ]) {
      monitoringTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: `BaliDisruption-prod-${name}`,
        MetricName: metric,
        Threshold: 1,
        AlarmActions: [{ Ref: topicId }],
        OKActions: [{ Ref: topicId }],
      });
    }
  });

  it('make Monitoring depend on the archive, and nothing on Monitoring', () => {
    expect(prod.archive.dependencies).toEqual([prod.data]);
    expect(prod.monitoring.dependencies).toContain(prod.archive);
  });
});
