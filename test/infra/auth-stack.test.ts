import { afterAll, describe, it } from 'vitest';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { stageConfig, type Stage } from '../../infra/config.ts';
import { AuthStack } from '../../infra/stacks/auth-stack.ts';
import { newApp, removeApps } from './stage-app.ts';

function synth(stage: Stage): Template {
  return Template.fromStack(new AuthStack(newApp(), 'Auth', { config: stageConfig(stage) }));
}

const dev = synth('dev');
const prod = synth('prod');
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

  it('has exactly the secretariat and observer groups', () => {
    dev.resourceCountIs('AWS::Cognito::UserPoolGroup', 2);
    for (const groupName of ['secretariat', 'observer']) {
      dev.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: groupName });
    }
  });

  it('has one public app client that signs in with SRP and no OAuth flows', () => {
    dev.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    dev.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_SRP_AUTH']),
      AllowedOAuthFlowsUserPoolClient: false,
    });
  });

  it('lets the app client read the country but never write it', () => {
    dev.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ReadAttributes: Match.arrayWith(['custom:country']),
      WriteAttributes: Match.not(Match.arrayWith(['custom:country'])),
    });
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
