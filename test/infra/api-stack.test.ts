import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { tableIds, tables, type TableId } from '../../functions/shared/tables.ts';
import { stageConfig } from '../../infra/config.ts';
import { addStageStacks, type StageStacks } from '../../infra/stacks/stage-stacks.ts';
import { newApp, removeApps } from './stage-app.ts';

interface Statement {
  readonly Action: string | string[];
  readonly Resource: unknown;
}

let stacks: StageStacks;
let template: Template;
let bundleDir: string;

// One synthesis for the whole file: it runs esbuild over the function, which takes seconds.
beforeAll(() => {
  const app = newApp();
  stacks = addStageStacks(app, stageConfig('dev'));
  template = Template.fromStack(stacks.api);
  const assembly = app.synth();
  const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0];
  const s3Key = String(fn?.Properties.Code.S3Key);
  bundleDir = join(assembly.directory, `asset.${s3Key.replace(/\.zip$/, '')}`);
}, 120_000);
afterAll(removeApps);

/** The function's policy statements that name the given table of the Data stack. */
function statementsOn(tableId: TableId): Statement[] {
  const logicalId = stacks.data.getLogicalId(stacks.data.tables[tableId].node.defaultChild as CfnElement);
  const policies = Object.values(template.findResources('AWS::IAM::Policy'));
  const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
  return statements.filter((s) => JSON.stringify(s.Resource).includes(logicalId));
}

/** The modules a bundle imports, as esbuild parses them (so text inside strings is ignored). */
function importedModules(file: string): string[] {
  const { metafile } = buildSync({
    entryPoints: [file],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    external: ['*'],
    logLevel: 'silent',
  });
  return [...new Set(Object.values(metafile.inputs).flatMap((input) => input.imports.map((i) => i.path)))];
}

function actionsOf(statements: Statement[]): string[] {
  return statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
}

describe('ApiStack', () => {
  it('runs the function on Node.js 24 on arm64', () => {
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
    });
  });

  it('hands the function the name of every table through its environment', () => {
    const variables = Object.fromEntries(tableIds.map((id) => [tables[id].envVar, Match.anyValue()]));
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectEquals(variables) },
    });
  });

  it('bundles the handler and all its dependencies into one ESM file', () => {
    expect(readdirSync(bundleDir)).toEqual(['index.mjs']);
    const code = readFileSync(join(bundleDir, 'index.mjs'), 'utf8');
    expect(code.startsWith("import { createRequire } from 'module'; const require = createRequire(import.meta.url);")).toBe(true);
    // With mainFields module first, a dependency left external would be an import statement.
    const notBuiltIn = importedModules(join(bundleDir, 'index.mjs')).filter(
      (name) => !name.startsWith('node:') && !builtinModules.includes(name),
    );
    expect(notBuiltIn).toEqual([]);
  });

  it('lets the function read and write every table but the audit table', () => {
    for (const id of tableIds.filter((tableId) => !tables[tableId].appendOnly)) {
      expect(actionsOf(statementsOn(id))).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']));
    }
  });

  it('lets the function only append to and read the audit table', () => {
    const actions = actionsOf(statementsOn('audit'));
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:GetItem']));
    for (const forbidden of ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:*']) {
      expect(actions).not.toContain(forbidden);
    }
  });

  it('lets the function query the audit stream index', () => {
    const resources = JSON.stringify(statementsOn('audit').map((s) => s.Resource));
    expect(resources).toContain('/index/*');
  });

  it('routes only POST /graphql, behind the JWT authorizer', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'POST /graphql',
      AuthorizationType: 'JWT',
      AuthorizerId: Match.anyValue(),
    });
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

  it('publishes what a client needs: the GraphQL URL, user pool, app client and region', () => {
    for (const name of ['GraphqlUrl', 'UserPoolId', 'AppClientId', 'Region']) {
      template.hasOutput(name, { Value: Match.anyValue() });
    }
  });

  it('depends on the Data and Auth stacks, and they do not depend on it', () => {
    expect(stacks.api.dependencies).toEqual(expect.arrayContaining([stacks.data, stacks.auth]));
    expect(stacks.data.dependencies).toEqual([]);
    expect(stacks.auth.dependencies).toEqual([]);
  });
});
