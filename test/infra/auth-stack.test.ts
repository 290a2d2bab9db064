import { afterAll, describe, expect, it } from 'vitest';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { stageConfig, type Stage } from '../../infra/config.ts';
import { groupNames } from '../../infra/ops/users.ts';
import type { DeploymentSettings } from '../../infra/settings.ts';
import { AuthStack, tokenLifetimes, userGroups } from '../../infra/stacks/auth-stack.ts';
import { newApp, prodSettings, removeApps } from './stage-app.ts';

function synth(stage: Stage, settings: DeploymentSettings = {}): Template {
  return Template.fromStack(new AuthStack(newApp(), 'Auth', { config: stageConfig(stage, settings) }));
}

const dev = synth('dev');
const prod = synth('prod', prodSettings);
const prodWithoutOrigins = synth('prod');
afterAll(removeApps);

describe('AuthStack', () => {
  it('lets only administrators create accounts', () => {
    dev.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
  });

  it('signs users in by email', () => {
    dev.hasResourceProperties('AWS::Cognito::UserPool', {
      UsernameAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
    });
  });

  it('requires an authenticator app (TOTP) as second factor, and no SMS', () => {
    for (const template of [dev, prod]) {
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        MfaConfiguration: 'ON',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      });
    }
  });

  it('requires passwords of at least 12 characters with every class, not reused', () => {
    prod.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
          PasswordHistorySize: 5,
          TemporaryPasswordValidityDays: 3,
        },
      },
    });
  });

  it('enforces threat protection (compromised credentials, risky sign-ins)', () => {
    prod.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
  });

  it('carries a mutable two-letter country attribute', () => {
    dev.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([
        {
          Name: 'country',
          AttributeDataType: 'String',
          Mutable: true,
          StringAttributeConstraints: { MinLength: '2', MaxLength: '2' },
        },
      ]),
    });
  });

  it('has exactly the secretariat and observer groups, the ones the operations scripts know', () => {
    dev.resourceCountIs('AWS::Cognito::UserPoolGroup', 2);
    for (const groupName of ['secretariat', 'observer']) {
      dev.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: groupName });
    }
    expect(Object.keys(userGroups).sort()).toEqual([...groupNames].sort());
  });

  it('has one public app client that signs in with the authorization-code flow only', () => {
    prod.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    prod.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      // No secret: a browser proves itself with PKCE instead.
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      // No password flows on the client: sign-in happens on the managed pages.
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
    });
  });

  it('sends users back only to the configured front-end origins', () => {
    prod.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: ['https://disruption.example.org/'],
      LogoutURLs: ['https://disruption.example.org/'],
    });
  });

  it('keeps the code flow closed when prod has no front-end origin configured', () => {
    prodWithoutOrigins.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlowsUserPoolClient: false,
      CallbackURLs: Match.absent(),
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
    });
  });

  it('sets token lifetimes on purpose: short ID and access tokens, a working day of refresh', () => {
    expect(tokenLifetimes.idToken.toMinutes()).toBe(15);
    prod.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      IdTokenValidity: 15,
      AccessTokenValidity: 15,
      RefreshTokenValidity: 12 * 60,
      AuthSessionValidity: 5,
      TokenValidityUnits: { IdToken: 'minutes', AccessToken: 'minutes', RefreshToken: 'minutes' },
    });
  });

  it('lets the app client read the country but never write it', () => {
    dev.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ReadAttributes: Match.arrayWith(['custom:country']),
      WriteAttributes: Match.not(Match.arrayWith(['custom:country'])),
    });
  });

  it('hosts the managed sign-in pages on a domain unique per stage and account', () => {
    dev.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: { 'Fn::Join': ['', ['bali-disruption-dev-', { Ref: 'AWS::AccountId' }]] },
      ManagedLoginVersion: 2,
    });
    dev.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', { UseCognitoProvidedValues: true });
  });

  it('takes the sign-in domain prefix from the settings when given', () => {
    synth('prod', { ...prodSettings, authDomainPrefix: 'disruption-wg' }).hasResourceProperties(
      'AWS::Cognito::UserPoolDomain',
      {
        Domain: 'disruption-wg',
      },
    );
  });

  it("sends Cognito's mail through Cognito's own sender unless an SES sender is set", () => {
    const pool = dev.findResources('AWS::Cognito::UserPool');
    // No EmailConfiguration is Cognito's default sender.
    expect(Object.values(pool)[0]?.Properties.EmailConfiguration).toBeUndefined();
  });

  it('sends through the SES identity the settings name, from their address', () => {
    const sesSender = {
      fromAddress: 'no-reply@disruption.example.org',
      identityArn: 'arn:aws:ses:eu-west-1:123456789012:identity/disruption.example.org',
    };
    synth('prod', { ...prodSettings, sesSender }).hasResourceProperties('AWS::Cognito::UserPool', {
      EmailConfiguration: {
        EmailSendingAccount: 'DEVELOPER',
        From: sesSender.fromAddress,
        SourceArn: sesSender.identityArn,
      },
    });
  });

  it('publishes the user pool id for the operations scripts', () => {
    dev.hasOutput('UserPoolId', { Value: { Ref: Match.anyValue() } });
  });

  it('deletes the user pool with the stack when the stage is dev', () => {
    dev.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ DeletionProtection: 'INACTIVE' }),
    });
  });

  it('keeps the user pool, and protects it from deletion, when the stage is prod', () => {
    prod.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtection: 'ACTIVE' }),
    });
  });
});
