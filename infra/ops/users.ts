import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  UsernameExistsException,
  type AttributeType,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { isCountryCode } from '../../functions/shared/domain/country-codes.ts';

/** The groups of the user pool (see the Auth stack), by the names the API reads. */
export const groupNames = ['secretariat', 'observer'] as const;

export type GroupName = (typeof groupNames)[number];

/** A user as the secretariat describes one. */
export interface NewUser {
  readonly email: string;
  /** Full name, shown to other users. */
  readonly name?: string;
  /** ISO 3166-1 alpha-2 code of the member country the user speaks for. */
  readonly country?: string;
  readonly groups?: readonly GroupName[];
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks what a person typed before Cognito is asked anything. */
export function checkUser(user: NewUser): void {
  if (!emailPattern.test(user.email)) throw new Error(`${JSON.stringify(user.email)} is not an e-mail address`);
  if (user.country !== undefined) checkCountry(user.country);
  for (const group of user.groups ?? []) checkGroup(group);
}

export function checkCountry(country: string): void {
  if (!isCountryCode(country)) throw new Error(`${JSON.stringify(country)} is not an ISO 3166-1 alpha-2 country code`);
}

export function checkGroup(group: string): asserts group is GroupName {
  if (!(groupNames as readonly string[]).includes(group)) {
    throw new Error(`${JSON.stringify(group)} is not a group: expected one of ${groupNames.join(', ')}`);
  }
}

/**
 * Creates a user, who receives Cognito's invitation with a temporary password (valid three
 * days) and sets up an authenticator app at the first sign-in. The e-mail counts as verified:
 * the secretariat vouches for it. Safe to repeat: an existing user keeps their password and
 * gets the country and groups asked for.
 *
 * @returns whether the user was created (`false`: the user existed already)
 */
export async function createUser(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
  user: NewUser,
): Promise<boolean> {
  checkUser(user);
  const attributes: AttributeType[] = [
    { Name: 'email', Value: user.email },
    { Name: 'email_verified', Value: 'true' },
    ...(user.name ? [{ Name: 'name', Value: user.name }] : []),
    ...(user.country ? [{ Name: 'custom:country', Value: user.country }] : []),
  ];
  let created = true;
  try {
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: user.email,
        UserAttributes: attributes,
        DesiredDeliveryMediums: ['EMAIL'],
      }),
    );
  } catch (error) {
    if (!(error instanceof UsernameExistsException)) throw error;
    created = false;
    if (user.country) await setCountry(cognito, userPoolId, user.email, user.country);
  }
  for (const group of user.groups ?? []) await addToGroup(cognito, userPoolId, user.email, group);
  return created;
}

/** Puts a user in a group; the new right arrives with the user's next token (15 minutes at most). */
export async function addToGroup(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
  email: string,
  group: GroupName,
): Promise<void> {
  checkGroup(group);
  await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: email, GroupName: group }));
}

/**
 * Takes a user out of a group and signs them out everywhere, so no refresh token brings the old
 * group back; an ID token already issued still works until it expires (15 minutes at most).
 */
export async function removeFromGroup(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
  email: string,
  group: GroupName,
): Promise<void> {
  checkGroup(group);
  await cognito.send(
    new AdminRemoveUserFromGroupCommand({ UserPoolId: userPoolId, Username: email, GroupName: group }),
  );
  await cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: userPoolId, Username: email }));
}

/** Sets the country a user speaks for: an administrator's action, the app client cannot write it. */
export async function setCountry(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
  email: string,
  country: string,
): Promise<void> {
  checkCountry(country);
  await cognito.send(
    new AdminUpdateUserAttributesCommand({
      UserPoolId: userPoolId,
      Username: email,
      UserAttributes: [{ Name: 'custom:country', Value: country }],
    }),
  );
}
