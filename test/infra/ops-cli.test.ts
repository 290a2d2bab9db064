import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  CloudFormationClient,
  CloudFormationServiceException,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { profileKey } from '../../functions/membership/membership.keys.ts';
import { createDocumentClient } from '../../functions/shared/data/dynamo.ts';
import { tableIds, type TableNames } from '../../functions/shared/data/tables.ts';
import { workingGroupProfile } from '../../infra/local/sample-data/membership.ts';
import { runOps } from '../../infra/ops/cli.ts';
import { initialiseWorkingGroup } from '../../infra/ops/working-group.ts';
import { tableOutputNames } from '../../infra/stack-names.ts';
import { freshTables } from '../support/tables.ts';

const cloudFormation = new CloudFormationClient({ region: 'local' });
const cognito = new CognitoIdentityProviderClient({ region: 'local' });
const cfnMock = mockClient(cloudFormation);
const cognitoMock = mockClient(cognito);
let dynamo: DynamoDBDocumentClient;
let tableNames: TableNames;
let log: string[];

// Never called here: only `verify-audit --archive` reads the archive (test/infra/ops-verify-audit.test.ts).
const s3 = new S3Client({ region: 'ap-southeast-2' });
const kms = new KMSClient({ region: 'ap-southeast-2' });
// Never called here: only `rotate-cursor-key` writes the cursor secret (test/infra/ops-cursor-key.test.ts).
const secretsManager = new SecretsManagerClient({ region: 'ap-southeast-2' });
const run = (...argv: string[]) =>
  runOps(argv, { cloudFormation, cognito, dynamo, s3, kms, secretsManager }, (line) => log.push(line));
/** The profile item as stored, without its keys; null while there is none. */
async function profile(): Promise<Record<string, unknown> | null> {
  const { Item: item } = await dynamo.send(
    new GetCommand({ TableName: tableNames.membership, Key: profileKey, ConsistentRead: true }),
  );
  if (!item) return null;
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest;
}

beforeAll(async () => {
  const fresh = await freshTables();
  tableNames = fresh.tableNames;
  dynamo = createDocumentClient({ endpoint: fresh.endpoint });
});

beforeEach(() => {
  log = [];
  cfnMock.reset();
  cognitoMock.reset();
  // Only the prod stage is deployed, as CloudFormation describes its Auth and Data stacks.
  cfnMock.on(DescribeStacksCommand).rejects(
    new CloudFormationServiceException({
      name: 'ValidationError',
      message: 'Stack with id X does not exist',
      $fault: 'client',
      $metadata: {},
    }),
  );
  cfnMock.on(DescribeStacksCommand, { StackName: 'BaliDisruption-prod-Auth' }).resolves({
    Stacks: [
      {
        StackName: 'BaliDisruption-prod-Auth',
        StackStatus: 'CREATE_COMPLETE',
        CreationTime: new Date(),
        Outputs: [{ OutputKey: 'UserPoolId', OutputValue: 'pool-prod' }],
      },
    ],
  });
  cfnMock.on(DescribeStacksCommand, { StackName: 'BaliDisruption-prod-Data' }).resolves({
    Stacks: [
      {
        StackName: 'BaliDisruption-prod-Data',
        StackStatus: 'CREATE_COMPLETE',
        CreationTime: new Date(),
        Outputs: tableIds.map((id) => ({ OutputKey: tableOutputNames[id], OutputValue: tableNames[id] })),
      },
    ],
  });
});

describe('the working group bootstrap', () => {
  it('writes the profile into empty tables once, and changes nothing when run again', async () => {
    expect(await profile()).toBeNull();
    expect(await initialiseWorkingGroup(dynamo, tableNames, '2026-03-01T00:00:00.000Z')).toBe(true);
    expect(await profile()).toEqual({ ...workingGroupProfile });
    expect(await initialiseWorkingGroup(dynamo, tableNames, '2026-03-02T00:00:00.000Z')).toBe(false);
    expect(
      await Promise.all([initialiseWorkingGroup(dynamo, tableNames), initialiseWorkingGroup(dynamo, tableNames)]),
    ).toEqual([false, false]);
    expect(await profile()).toEqual({ ...workingGroupProfile });
  });
});

describe('npm run ops', () => {
  it('first-secretariat: finds the stage by its outputs, writes the profile if needed, and creates the user', async () => {
    await run('first-secretariat', '--stage', 'prod', '--email', 'sec@example.org', '--name', 'Secretariat One');
    expect(await profile()).toEqual({ ...workingGroupProfile });
    expect(cognitoMock.commandCalls(AdminCreateUserCommand)[0]?.args[0].input).toMatchObject({
      UserPoolId: 'pool-prod',
      Username: 'sec@example.org',
    });
    expect(cognitoMock.commandCalls(AdminAddUserToGroupCommand)[0]?.args[0].input).toEqual({
      UserPoolId: 'pool-prod',
      Username: 'sec@example.org',
      GroupName: 'secretariat',
    });
    expect(log).toEqual([
      expect.stringMatching(/^prod: working group profile (written|already there)$/),
      'sec@example.org created in secretariat: an invitation with a temporary password is on its way',
    ]);
  });

  it('create-user: an official of a member country', async () => {
    await run('create-user', '--stage', 'prod', '--email', 'th@example.org', '--country', 'TH');
    expect(cognitoMock.commandCalls(AdminCreateUserCommand)[0]?.args[0].input.UserAttributes).toContainEqual({
      Name: 'custom:country',
      Value: 'TH',
    });
    expect(cognitoMock.commandCalls(AdminAddUserToGroupCommand)).toHaveLength(0);
  });

  it('promote and set-country', async () => {
    await run('promote', '--stage', 'prod', '--email', 'th@example.org', '--group', 'secretariat');
    await run('set-country', '--stage', 'prod', '--email', 'th@example.org', '--country', 'VN');
    expect(cognitoMock.commandCalls(AdminAddUserToGroupCommand)[0]?.args[0].input.GroupName).toBe('secretariat');
    expect(cognitoMock.commandCalls(AdminUpdateUserAttributesCommand)[0]?.args[0].input.UserAttributes).toEqual([
      { Name: 'custom:country', Value: 'VN' },
    ]);
  });

  it('refuses an unknown command or stage, a missing option, and a stage that is not deployed', async () => {
    await expect(run('drop-tables', '--stage', 'prod')).rejects.toThrow(/unknown command "drop-tables"/);
    await expect(run('init-data')).rejects.toThrow(/--stage is required/);
    await expect(run('init-data', '--stage', 'production')).rejects.toThrow(/unknown stage/);
    await expect(run('promote', '--stage', 'prod', '--email', 'a@example.org')).rejects.toThrow(/--group is required/);
    await expect(run('init-data', '--stage', 'dev')).rejects.toThrow(
      /BaliDisruption-dev-Auth has no output UserPoolId/,
    );
  });
});
