import { KMSClient } from '@aws-sdk/client-kms';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DeleteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chainEventKey } from '../../functions/audit/audit.keys.ts';
import { createDocumentClient } from '../../functions/shared/data/dynamo.ts';
import { tableIds, type TableNames } from '../../functions/shared/data/tables.ts';
import { runOps, usage } from '../../infra/ops/cli.ts';
import { archiveOutputNames, tableOutputNames } from '../../infra/stack-names.ts';
import { writeChains } from '../support/audit-chains.ts';
import { freshTables } from '../support/tables.ts';

const cloudFormation = new CloudFormationClient({ region: 'local' });
const cognito = new CognitoIdentityProviderClient({ region: 'local' });
const cfnMock = mockClient(cloudFormation);
let dynamo: DynamoDBDocumentClient;
let tableNames: TableNames;
let log: string[];

// The archive's bucket, empty: what `--archive` finds of a stage whose stream never archived anything.
const s3 = new S3Client({ region: 'ap-southeast-2' });
const kms = new KMSClient({ region: 'ap-southeast-2' });
// Never called here: only `rotate-cursor-key` writes the cursor secret (test/infra/ops-cursor-key.test.ts).
const secretsManager = new SecretsManagerClient({ region: 'ap-southeast-2' });
const s3Mock = mockClient(s3);
const run = (...argv: string[]) =>
  runOps(argv, { cloudFormation, cognito, dynamo, s3, kms, secretsManager }, (line) => log.push(line));

beforeAll(async () => {
  const fresh = await freshTables();
  tableNames = fresh.tableNames;
  dynamo = createDocumentClient({ endpoint: fresh.endpoint });
  await writeChains(dynamo, tableNames.audit, [
    { entity: 'member/TH', audiences: [['*'], ['*']] },
    {
      entity: 'operation/one',
      audiences: [
        ['TH', 'VN'],
        ['TH', 'VN'],
        ['TH', 'VN'],
      ],
    },
  ]);
});

beforeEach(() => {
  log = [];
  cfnMock.reset();
  // The dev stage, as CloudFormation describes its Auth and Data stacks, on this file's tables.
  const stack = (name: string, outputs: { OutputKey: string; OutputValue: string }[]) => ({
    Stacks: [{ StackName: name, StackStatus: 'CREATE_COMPLETE' as const, CreationTime: new Date(), Outputs: outputs }],
  });
  cfnMock
    .on(DescribeStacksCommand, { StackName: 'BaliDisruption-dev-Auth' })
    .resolves(stack('BaliDisruption-dev-Auth', [{ OutputKey: 'UserPoolId', OutputValue: 'pool-dev' }]));
  cfnMock.on(DescribeStacksCommand, { StackName: 'BaliDisruption-dev-Data' }).resolves(
    stack(
      'BaliDisruption-dev-Data',
      tableIds.map((id) => ({ OutputKey: tableOutputNames[id], OutputValue: tableNames[id] })),
    ),
  );
});

describe('npm run ops -- verify-audit', () => {
  it('is in the usage text', () => {
    expect(usage).toMatch(/^ {2}verify-audit \[--archive\]\s+walk every audit chain/m);
  });

  it('walks the chains of the stage’s audit table and exits 0 when they hold', async () => {
    expect(await run('verify-audit', '--stage', 'dev')).toBe(0);
    expect(log).toEqual(['audit: 5 events in 2 chains verified']);
  });

  it('with --archive, also checks the archive, and exits 1 for events missing from it, the chains’ line last', async () => {
    cfnMock.on(DescribeStacksCommand, { StackName: 'BaliDisruption-dev-Archive' }).resolves({
      Stacks: [
        {
          StackName: 'BaliDisruption-dev-Archive',
          StackStatus: 'CREATE_COMPLETE',
          CreationTime: new Date(),
          Outputs: [
            { OutputKey: archiveOutputNames.bucket, OutputValue: 'archive-dev' },
            { OutputKey: archiveOutputNames.signingKey, OutputValue: 'arn:aws:kms:ap-southeast-2:1:key/digest' },
          ],
        },
      ],
    });
    s3Mock.reset();
    s3Mock.on(ListObjectsV2Command).resolves({ Contents: [], IsTruncated: false });
    expect(await run('verify-audit', '--stage', 'dev', '--archive')).toBe(1);
    expect(log.at(-1)).toBe('audit: 5 events in 2 chains verified');
    expect(log.at(-2)).toMatch(/^archive: .*member\/TH #1/);
    expect(s3Mock.commandCalls(ListObjectsV2Command)[0]?.args[0].input.Bucket).toBe('archive-dev');
  });

  it('exits 1 naming the first broken entity and sequence on its last line', async () => {
    await dynamo.send(new DeleteCommand({ TableName: tableNames.audit, Key: chainEventKey('operation/one', 2) }));
    expect(await run('verify-audit', '--stage', 'dev')).toBe(1);
    expect(log).toEqual([
      'broken: operation/one #2: event #2 is missing (the next is #3)',
      'audit: chain broken at operation/one #2: event #2 is missing (the next is #3)',
    ]);
  });
});
