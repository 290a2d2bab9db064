import {
  AdminDeleteSoftwareTokenCommand,
  AdminUserGlobalSignOutCommand,
  UserNotFoundException,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';

/**
 * Resets the authenticator of a user who lost it, so that their next sign-in, after the password,
 * asks them to set up a new one; then signs them out everywhere, so no refresh token (on the lost
 * phone, say) outlives the reset.
 *
 * The pool requires MFA, and Cognito does not let `AdminSetUserMFAPreference` turn TOTP off for
 * anyone in such a pool: the old registration would stay, and with it the old secret.
 * `AdminDeleteSoftwareToken` removes the registration and the user's TOTP preference; with no
 * factor left in a pool that requires one, Cognito answers the next sign-in with `MFA_SETUP`,
 * and the old secret no longer signs anyone in.
 *
 * @returns false for a user the pool does not have (nothing was changed), else true
 */
export async function resetAuthenticator(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
  email: string,
): Promise<boolean> {
  try {
    await cognito.send(new AdminDeleteSoftwareTokenCommand({ UserPoolId: userPoolId, Username: email }));
  } catch (error) {
    if (error instanceof UserNotFoundException) return false;
    throw error;
  }
  await cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: userPoolId, Username: email }));
  return true;
}
