import { Aws, CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  type CfnUserPool,
  ClientAttributes,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolClientIdentityProvider,
  type UserPoolClient,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config.ts';
import { userPoolOutputName } from '../stack-names.ts';

/** Properties of the {@link AuthStack}. */
export interface AuthStackProps extends StackProps {
  readonly config: StageConfig;
}

/** The Cognito groups the API authorizes by; they arrive in the `cognito:groups` claim. */
export const userGroups = {
  secretariat: 'Runs the working group: manages members, JPAs, operations and the Terms of Reference.',
  observer: 'Follows the working group without being a member country.',
} as const;

/**
 * Token lifetimes, chosen on purpose: API Gateway cannot revoke an ID token, so a user who is
 * disabled or leaves a group keeps the old rights until the token expires. Fifteen minutes
 * bounds that; the front end refreshes silently, and the refresh token ends the session after
 * a working day, when the user signs in again with MFA.
 */
export const tokenLifetimes = {
  idToken: Duration.minutes(15),
  accessToken: Duration.minutes(15),
  refreshToken: Duration.hours(12),
  /** Time to finish the sign-in (password, then TOTP) before starting over. */
  authSession: Duration.minutes(5),
} as const;

/**
 * The Cognito user pool that signs in working-group users, its managed sign-in pages, and the
 * app client whose ID tokens the API accepts. Accounts are created by the secretariat, never by
 * the public; every user has an authenticator app (TOTP) as a second factor.
 */
export class AuthStack extends Stack {
  /** The pool of working-group users. */
  readonly userPool: UserPool;
  /** The client the web app signs in with; the API accepts only its tokens. */
  readonly appClient: UserPoolClient;
  /** The hosted sign-in domain the front end redirects to (authorization-code flow). */
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: AuthStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: `bali-disruption-${config.stage}`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      mfa: Mfa.REQUIRED,
      // An authenticator app only: SMS codes can be intercepted and need an SMS sending role.
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        passwordHistorySize: 5,
        tempPasswordValidity: Duration.days(3),
      },
      // Plus: threat protection blocks sign-ins with leaked credentials and risky patterns. At a
      // working group's few hundred users it costs a few dollars a month.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      customAttributes: {
        // ISO 3166-1 alpha-2 code of the member country a user speaks for. Mutable so that the
        // secretariat can correct it; the app client below cannot write it.
        country: new StringAttribute({ minLen: 2, maxLen: 2, mutable: true }),
      },
      removalPolicy: config.removalPolicy,
      deletionProtection: config.deletionProtection,
    });

    if (config.sesSender) {
      // CDK's UserPoolEmail.withSES builds the identity's ARN from this stack's account and
      // region; the setting names the identity itself, which may live in another SES region.
      const pool = this.userPool.node.defaultChild as CfnUserPool;
      pool.emailConfiguration = {
        emailSendingAccount: 'DEVELOPER',
        from: config.sesSender.fromAddress,
        sourceArn: config.sesSender.identityArn,
      };
    }

    for (const [groupName, description] of Object.entries(userGroups)) {
      const groupId = `${groupName.charAt(0).toUpperCase()}${groupName.slice(1)}Group`;
      this.userPool.addGroup(groupId, { groupName, description });
    }

    this.domain = this.userPool.addDomain('Domain', {
      // Unique per stage and account, as Cognito prefixes must be unique within a region.
      cognitoDomain: { domainPrefix: config.authDomainPrefix ?? `bali-disruption-${config.stage}-${Aws.ACCOUNT_ID}` },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });

    const oAuthEnabled = config.callbackUrls.length > 0;
    this.appClient = this.userPool.addClient('AppClient', {
      userPoolClientName: 'web',
      // A browser app cannot keep a secret: it proves itself with PKCE in the code flow instead.
      generateSecret: false,
      // Sign-in happens on the managed pages; the client itself may only refresh tokens.
      authFlows: { userSrp: false },
      // Without a front-end origin there is nowhere to send a code: the client stays closed.
      ...(oAuthEnabled
        ? {
            oAuth: {
              flows: { authorizationCodeGrant: true },
              scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
              callbackUrls: [...config.callbackUrls],
              logoutUrls: [...config.callbackUrls],
            },
          }
        : { disableOAuth: true }),
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: tokenLifetimes.idToken,
      accessTokenValidity: tokenLifetimes.accessToken,
      refreshTokenValidity: tokenLifetimes.refreshToken,
      authSessionValidity: tokenLifetimes.authSession,
      // The API trusts `custom:country` from the ID token, so users must be able to read it but
      // never set it themselves (with their own access token and UpdateUserAttributes).
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes('country'),
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true, fullname: true }),
    });

    // The newer managed login shows no pages for a client without a style; Cognito's default will do.
    const branding = new CfnManagedLoginBranding(this, 'LoginBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.appClient.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    branding.node.addDependency(this.domain);

    // Operations scripts (infra/ops) create users here.
    new CfnOutput(this, userPoolOutputName, { value: this.userPool.userPoolId, description: 'Cognito user pool id' });
  }
}
