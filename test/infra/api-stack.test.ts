import { afterAll, describe, expect, it, vi } from 'vitest';
import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { indexList, tableIds, tables, type TableId } from '../../functions/shared/data/tables.ts';
import { stageConfig } from '../../infra/config.ts';
import { accessLogFields, corsAllowHeaders } from '../../infra/constructs/graphql-api.ts';
import { appendOnlyActions, readWriteActions, tableKeyActions } from '../../infra/constructs/table-access.ts';
import { cursorKeyOutputName } from '../../infra/stack-names.ts';
import { addStageStacks } from '../../infra/stacks/stage-stacks.ts';
import { newApp, prodSettings, removeApps, skipBundling } from './stage-app.ts';

interface Statement {
  readonly Effect?: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: unknown;
}

// The bundle itself is tested in bundle.test.ts; here only the template matters.
const dev = addStageStacks(newApp(skipBundling), stageConfig('dev'));
const prod = addStageStacks(newApp(skipBundling), stageConfig('prod', { ...prodSettings, throttleRateLimit: 25 }));
const template = Template.fromStack(dev.api);
const prodTemplate = Template.fromStack(prod.api);
afterAll(removeApps);

const statements: Statement[] = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
  (policy) => policy.Properties.PolicyDocument.Statement as Statement[],
);
const actionsOf = (list: Statement[]) => list.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

/** The statements naming a table of the Data stack, on the table itself or on its indexes. */
function statementsOn(tableId: TableId, on: 'table' | 'index'): Statement[] {
  const logicalId = dev.data.getLogicalId(dev.data.tables[tableId].node.defaultChild as CfnElement);
  return statements.filter((s) => {
    const resource = JSON.stringify(s.Resource);
    return resource.includes(`${logicalId}Arn`) && resource.includes('/index/') === (on === 'index');
  });
}

describe('ApiStack: the function', () => {
  it('runs on Node.js 24, arm64, with memory and timeout set on purpose', () => {
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 512,
      Timeout: 10,
    });
  });

  it("traces every request and logs JSON at the stage's level", () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'DEBUG', SystemLogLevel: 'INFO' },
    });
    prodTemplate.hasResourceProperties('AWS::Lambda::Function', {
      LoggingConfig: Match.objectLike({ ApplicationLogLevel: 'INFO' }),
    });
  });

  it("gets table names, the cursor key's ARN and switches in its environment, and no secret", () => {
    const variables = Object.fromEntries(tableIds.map((id) => [tables[id].envVar, Match.anyValue()]));
    prodTemplate.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectEquals({
          ...variables,
          CURSOR_SECRET_ARN: { Ref: Match.stringLikeRegexp('CursorKey') },
          POWERTOOLS_SERVICE_NAME: 'bali-disruption-graphql',
          POWERTOOLS_LOG_LEVEL: 'INFO',
          GRAPHQL_INTROSPECTION: 'false',
          GRAPHQL_EXECUTION: 'jit',
          // The prod stage's retention of read records: seven years.
          READ_RECORD_RETENTION_DAYS: '2557',
          // Prod runs only the front end's documents.
          DOCUMENTS: 'trusted',
        }),
      },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          GRAPHQL_INTROSPECTION: 'true',
          POWERTOOLS_LOG_LEVEL: 'DEBUG',
          READ_RECORD_RETENTION_DAYS: '30',
          DOCUMENTS: 'open',
        }),
      },
    });
  });

  it('has a role of its own, with no AWS-managed policy', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: Match.objectLike({
        Statement: [Match.objectLike({ Principal: { Service: 'lambda.amazonaws.com' } })],
      }),
      ManagedPolicyArns: Match.absent(),
    });
  });

  it('names every action: no wildcard action anywhere in its policy', () => {
    for (const action of actionsOf(statements)) expect(action).not.toContain('*');
  });

  it('names every DynamoDB and KMS resource: no * resource, no index/*', () => {
    const onData = statements.filter((s) =>
      actionsOf([s]).some((a) => a.startsWith('dynamodb:') || a.startsWith('kms:')),
    );
    for (const statement of onData) {
      expect(statement.Resource).not.toBe('*');
      expect(JSON.stringify(statement.Resource)).not.toContain('*');
    }
  });

  it('grants each ordinary table exactly the actions the code performs', () => {
    for (const id of tableIds.filter((tableId) => !tables[tableId].appendOnly)) {
      expect(actionsOf(statementsOn(id, 'table')).sort()).toEqual([...readWriteActions].sort());
    }
    expect(readWriteActions).toContain('dynamodb:ConditionCheckItem');
  });

  it.each(['audit', 'reads'] as const)('lets the function only add to and read the %s table', (id) => {
    expect(tables[id].appendOnly).toBe(true);
    const actions = actionsOf(statementsOn(id, 'table'));
    expect(actions.sort()).toEqual([...appendOnlyActions].sort());
    for (const forbidden of ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'])
      expect(actions).not.toContain(forbidden);
  });

  it('lets the function Query each index, named one by one, and nothing else on it', () => {
    for (const id of tableIds.filter((tableId) => indexList(tables[tableId]).length > 0)) {
      const [allow, ...more] = statementsOn(id, 'index');
      expect(more).toEqual([]);
      for (const index of indexList(tables[id]))
        expect(JSON.stringify(allow?.Resource)).toContain(`/index/${index.name}`);
      expect(actionsOf([allow!])).toEqual(['dynamodb:Query']);
    }
  });

  it('uses the data key only through DynamoDB', () => {
    const onKey = statements.filter((s) => actionsOf([s]).some((a) => a.startsWith('kms:')));
    expect(onKey).toHaveLength(1);
    expect(actionsOf(onKey).sort()).toEqual([...tableKeyActions].sort());
    expect(JSON.stringify(onKey[0]?.Condition)).toContain('kms:ViaService');
  });

  it('reads the cursor key and nothing else from Secrets Manager', () => {
    const onSecrets = statements.filter((s) => actionsOf([s]).some((a) => a.startsWith('secretsmanager:')));
    expect(actionsOf(onSecrets).sort()).toEqual(['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue']);
    expect(onSecrets[0]?.Resource).toEqual({ Ref: expect.stringMatching(/CursorKey/) });
  });
});

describe('ApiStack: the HTTP API', () => {
  it('routes only POST and GET /graphql, both behind the JWT authorizer', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
      (route) => route.Properties as { RouteKey: string; AuthorizationType: string; AuthorizerId?: unknown },
    );
    expect(routes.map((route) => route.RouteKey).sort()).toEqual(['GET /graphql', 'POST /graphql']);
    for (const route of routes) {
      expect(route.AuthorizationType, route.RouteKey).toBe('JWT');
      expect(route.AuthorizerId, route.RouteKey).toBeDefined();
    }
    const authorizers = new Set(routes.map((route) => JSON.stringify(route.AuthorizerId)));
    expect(authorizers.size).toBe(1);
  });

  it('accepts only tokens the user pool issued to the app client', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [Match.anyValue()], Issuer: Match.anyValue() },
    });
  });

  it('invokes the function with payload format 2.0', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
    });
  });

  it('throttles its one stage with the configured limits', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 },
    });
    prodTemplate.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 25, ThrottlingBurstLimit: 100 },
    });
  });

  it('writes one JSON access log line per request, with request id and subject, kept as configured', () => {
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0];
    const format = JSON.parse(stage?.Properties.AccessLogSettings.Format as string) as Record<string, string>;
    expect(format).toEqual(accessLogFields);
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      subject: '$context.authorizer.claims.sub',
      status: '$context.status',
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
    prodTemplate.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
  });

  it('lets browsers call it only from the configured origins', () => {
    prodTemplate.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowOrigins: ['https://disruption.example.org'],
        AllowMethods: ['GET', 'POST'],
        AllowHeaders: corsAllowHeaders,
        AllowCredentials: false,
        MaxAge: 7200,
      },
    });
  });

  it('has no CORS at all when no origin is configured', () => {
    const bare = addStageStacks(newApp(skipBundling), stageConfig('prod', { alarmEmail: prodSettings.alarmEmail }));
    // Synthesis prints the expected warning about the missing origins; stages.test.ts asserts it.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    Template.fromStack(bare.api).hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.absent() });
    quiet.mockRestore();
  });

  it('publishes what a front end is configured from', () => {
    for (const name of ['GraphqlUrl', 'UserPoolId', 'AppClientId', 'AuthDomain', 'Region']) {
      template.hasOutput(name, { Value: Match.anyValue(), Description: Match.anyValue() });
    }
    template.hasOutput('GraphqlUrl', {
      Value: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.anyValue(), 'ApiEndpoint'] }, '/graphql']] },
    });
  });

  it('publishes the ARN of the cursor keys’ secret, which rotate-cursor-key writes', () => {
    const secrets = Object.keys(template.findResources('AWS::SecretsManager::Secret'));
    expect(secrets).toHaveLength(1);
    template.hasOutput(cursorKeyOutputName, { Value: { Ref: secrets[0] }, Description: Match.anyValue() });
  });
});
