import { Stack, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  StringAttribute,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config.ts';

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
 * The Cognito user pool that signs in working-group users, and the app client the API accepts
 * tokens from. Accounts are created by the secretariat, never by the public.
 */
export class AuthStack extends Stack {
  /** The pool of working-group users. */
  readonly userPool: UserPool;
  /** The client the web app signs in with; the API accepts only its tokens. */
  readonly appClient: UserPoolClient;

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
      customAttributes: {
        // ISO 3166-1 alpha-2 code of the member country a user speaks for. Mutable so that the
        // secretariat can correct it; the app client below cannot write it.
        country: new StringAttribute({ minLen: 2, maxLen: 2, mutable: true }),
      },
      removalPolicy: config.removalPolicy,
      deletionProtection: config.deletionProtection,
    });

    for (const [groupName, description] of Object.entries(userGroups)) {
      const groupId = `${groupName.charAt(0).toUpperCase()}${groupName.slice(1)}Group`;
      this.userPool.addGroup(groupId, { groupName, description });
    }

    this.appClient = this.userPool.addClient('AppClient', {
      // A browser client cannot keep a secret; SRP keeps the password off the wire.
      generateSecret: false,
      authFlows: { userSrp: true },
      // No hosted UI or OAuth flows until a domain and callback URLs exist.
      disableOAuth: true,
      preventUserExistenceErrors: true,
      // The API trusts `custom:country` from the ID token, so users must be able to read it but
      // never set it themselves (with their own access token and UpdateUserAttributes).
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes('country'),
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true, fullname: true }),
    });
  }
}
