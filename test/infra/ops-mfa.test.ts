import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  AdminDeleteSoftwareTokenCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  TooManyRequestsException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { tableIds } from '../../functions/shared/data/tables.ts';
import { runOps, usage } from '../../infra/ops/cli.ts';
import { resetAuthenticator } from '../../infra/ops/mfa.ts';
import { tableOutputNames } from '../../infra/stack-names.ts';
import { opsClients } from '../support/ops-clients.ts';

const cognito = new CognitoIdentityProviderClient({ region: 'local' });
const cloudFormation = new CloudFormationClient({ region: 'local' });
const mock = mockClient(cognito);
const cfnMock = mockClient(cloudFormation);
const pool = 'ap-southeast-2_pool';
// Resetting an authenticator touches no table, archive or key.
const clients = opsClients({ cognito, cloudFormation });
let log: string[];
const run = (...argv: string[]) => runOps(argv, clients, (line) => log.push(line));

/** The commands sent, by name, with their input, in order. */
const sent = () => mock.calls().map((call) => [call.args[0].constructor.name, call.args[0].input] as const);

const unknownUser = () => new UserNotFoundException({ message: 'User does not exist.', $metadata: {} });

beforeEach(() => {
  log = [];
  mock.reset();
  cfnMock.reset();
  const stack = (name: string, outputs: { OutputKey: string; OutputValue: string }[]) => ({
    Stacks: [{ StackName: name, StackStatus: 'CREATE_COMPLETE' as const, CreationTime: new Date(), Outputs: outputs }],
  });
  cfnMock
    .on(DescribeStacksCommand, { StackName: 'BaliDisruption-prod-Auth' })
    .resolves(stack('BaliDisruption-prod-Auth', [{ OutputKey: 'UserPoolId', OutputValue: pool }]));
  cfnMock.on(DescribeStacksCommand, { StackName: 'BaliDisruption-prod-Data' }).resolves(
    stack(
      'BaliDisruption-prod-Data',
      tableIds.map((id) => ({ OutputKey: tableOutputNames[id], OutputValue: `prod-${id}` })),
    ),
  );
});

describe('resetAuthenticator', () => {
  it('deletes the registered authenticator, then signs the user out everywhere', async () => {
    expect(await resetAuthenticator(cognito, pool, 'th@example.org')).toBe(true);
    expect(sent()).toEqual([
      ['AdminDeleteSoftwareTokenCommand', { UserPoolId: pool, Username: 'th@example.org' }],
      ['AdminUserGlobalSignOutCommand', { UserPoolId: pool, Username: 'th@example.org' }],
    ]);
  });

  it('changes nothing for a user the pool does not have', async () => {
    mock.on(AdminDeleteSoftwareTokenCommand).rejects(unknownUser());
    expect(await resetAuthenticator(cognito, pool, 'nobody@example.org')).toBe(false);
    expect(mock.commandCalls(AdminUserGlobalSignOutCommand)).toHaveLength(0);
  });

  it('passes on any other Cognito error, and signs nobody out', async () => {
    mock
      .on(AdminDeleteSoftwareTokenCommand)
      .rejects(new TooManyRequestsException({ message: 'Too many requests', $metadata: {} }));
    await expect(resetAuthenticator(cognito, pool, 'th@example.org')).rejects.toThrow('Too many requests');
    expect(mock.commandCalls(AdminUserGlobalSignOutCommand)).toHaveLength(0);
  });
});

describe('npm run ops -- reset-mfa', () => {
  it('is in the usage text', () => {
    expect(usage).toMatch(/^ {2}reset-mfa --email E\s+remove a lost authenticator/m);
  });

  it('resets the user of the stage’s pool and says what happens at their next sign-in', async () => {
    expect(await run('reset-mfa', '--stage', 'prod', '--email', 'th@example.org')).toBe(0);
    expect(sent()).toEqual([
      ['AdminDeleteSoftwareTokenCommand', { UserPoolId: pool, Username: 'th@example.org' }],
      ['AdminUserGlobalSignOutCommand', { UserPoolId: pool, Username: 'th@example.org' }],
    ]);
    expect(log).toEqual([
      'th@example.org: authenticator removed and signed out everywhere; at the next sign-in, after the password, they set up a new authenticator app (the old one no longer works); tokens already issued expire within 15 minutes',
    ]);
  });

  it('refuses an unknown user with one clear line', async () => {
    mock.on(AdminDeleteSoftwareTokenCommand).rejects(unknownUser());
    await expect(run('reset-mfa', '--stage', 'prod', '--email', 'nobody@example.org')).rejects.toThrow(
      /^no user nobody@example\.org in the prod pool$/,
    );
    expect(log).toEqual([]);
  });

  it('needs the e-mail', async () => {
    await expect(run('reset-mfa', '--stage', 'prod')).rejects.toThrow('--email is required');
    expect(mock.calls()).toHaveLength(0);
  });
});
