import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { addToGroup, createUser, removeFromGroup, setCountry } from '../../infra/ops/users.ts';

const cognito = new CognitoIdentityProviderClient({ region: 'local' });
const mock = mockClient(cognito);
const pool = 'ap-southeast-2_pool';

beforeEach(() => {
  mock.reset();
});

/** The commands sent, by name, with their input. */
const sent = () => mock.calls().map((call) => [call.args[0].constructor.name, call.args[0].input] as const);

describe('createUser', () => {
  it('creates a secretariat user invited by e-mail, with a verified address, and puts them in the group', async () => {
    expect(
      await createUser(cognito, pool, { email: 'sec@example.org', name: 'Secretariat One', groups: ['secretariat'] }),
    ).toBe(true);
    expect(sent()).toEqual([
      [
        'AdminCreateUserCommand',
        {
          UserPoolId: pool,
          Username: 'sec@example.org',
          DesiredDeliveryMediums: ['EMAIL'],
          UserAttributes: [
            { Name: 'email', Value: 'sec@example.org' },
            { Name: 'email_verified', Value: 'true' },
            { Name: 'name', Value: 'Secretariat One' },
          ],
        },
      ],
      ['AdminAddUserToGroupCommand', { UserPoolId: pool, Username: 'sec@example.org', GroupName: 'secretariat' }],
    ]);
  });

  it('sets the country of an official and adds no group', async () => {
    await createUser(cognito, pool, { email: 'th@example.org', country: 'TH' });
    expect(mock.commandCalls(AdminCreateUserCommand)[0]?.args[0].input.UserAttributes).toContainEqual({
      Name: 'custom:country',
      Value: 'TH',
    });
    expect(mock.commandCalls(AdminAddUserToGroupCommand)).toHaveLength(0);
  });

  it('is safe to repeat: an existing user keeps their password and gets the country and group', async () => {
    mock
      .on(AdminCreateUserCommand)
      .rejects(new UsernameExistsException({ message: 'User account already exists', $metadata: {} }));
    expect(await createUser(cognito, pool, { email: 'nz@example.org', country: 'NZ', groups: ['observer'] })).toBe(
      false,
    );
    expect(sent().map(([name]) => name)).toEqual([
      'AdminCreateUserCommand',
      'AdminUpdateUserAttributesCommand',
      'AdminAddUserToGroupCommand',
    ]);
    expect(mock.commandCalls(AdminUpdateUserAttributesCommand)[0]?.args[0].input.UserAttributes).toEqual([
      { Name: 'custom:country', Value: 'NZ' },
    ]);
  });

  it('passes on any other Cognito error', async () => {
    mock.on(AdminCreateUserCommand).rejects(new Error('AccessDenied'));
    await expect(createUser(cognito, pool, { email: 'sec@example.org' })).rejects.toThrow('AccessDenied');
  });

  it('refuses what Cognito would store wrongly, before asking it anything', async () => {
    await expect(createUser(cognito, pool, { email: 'not-an-address' })).rejects.toThrow(/e-mail/);
    await expect(createUser(cognito, pool, { email: 'x@example.org', country: 'XX' })).rejects.toThrow(/country code/);
    await expect(
      createUser(cognito, pool, { email: 'x@example.org', groups: ['admin' as 'observer'] }),
    ).rejects.toThrow(/not a group/);
    expect(mock.calls()).toHaveLength(0);
  });
});

describe('changing a user', () => {
  it('promotes a user by adding the group', async () => {
    await addToGroup(cognito, pool, 'th@example.org', 'secretariat');
    expect(sent()).toEqual([
      ['AdminAddUserToGroupCommand', { UserPoolId: pool, Username: 'th@example.org', GroupName: 'secretariat' }],
    ]);
  });

  it('demotes a user and signs them out everywhere, so no refresh token brings the group back', async () => {
    await removeFromGroup(cognito, pool, 'th@example.org', 'secretariat');
    expect(mock.commandCalls(AdminRemoveUserFromGroupCommand)[0]?.args[0].input).toEqual({
      UserPoolId: pool,
      Username: 'th@example.org',
      GroupName: 'secretariat',
    });
    expect(mock.commandCalls(AdminUserGlobalSignOutCommand)).toHaveLength(1);
  });

  it('sets the country as an administrator', async () => {
    await setCountry(cognito, pool, 'vn@example.org', 'VN');
    expect(sent()).toEqual([
      [
        'AdminUpdateUserAttributesCommand',
        { UserPoolId: pool, Username: 'vn@example.org', UserAttributes: [{ Name: 'custom:country', Value: 'VN' }] },
      ],
    ]);
  });
});
