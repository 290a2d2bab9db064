import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloudFormationClient,
  CloudFormationServiceException,
  DescribeStacksCommand,
  GetTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Stage } from '../../infra/config.ts';
import { runAccept, runCheck } from '../../infra/deploy/cli.ts';
import { readReleased, releasedRoot } from '../../infra/deploy/released.ts';
import {
  synthesizeStage,
  type StageTemplates,
  type SynthesisOptions,
  type Template,
} from '../../infra/deploy/synthesize.ts';

/*
 * `npm run deploy:check` and `npm run deploy:accept` as commands: the current app against the
 * committed released templates, each refused case as the command prints it (released templates
 * that differ from the app the way the app would differ from them after such a change), the
 * released templates' stability, and `--deployed` against a mocked CloudFormation.
 */

const synthesized = new Map<string, StageTemplates>();
/** One synthesis per stage and options for the whole file: each takes seconds. */
function synthesize(stage: Stage, options?: SynthesisOptions): StageTemplates {
  const key = JSON.stringify([stage, options]);
  if (!synthesized.has(key)) synthesized.set(key, synthesizeStage(stage, options));
  return synthesized.get(key)!;
}

// The current app's stages, synthesized once before the tests that compare them (seconds each).
beforeAll(() => {
  synthesize('dev');
  synthesize('prod');
});

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the committed released templates, to change. */
function releasedCopy(): string {
  const root = mkdtempSync(join(tmpdir(), 'released-'));
  temporary.push(root);
  cpSync(releasedRoot, root, { recursive: true });
  return root;
}

interface EditableTemplate {
  Resources: Record<string, { Type: string; Properties: Record<string, unknown>; [attribute: string]: unknown }>;
  Outputs: Record<string, unknown>;
  [section: string]: unknown;
}

/** Changes one released template of a copy in place. */
function editReleased(root: string, stage: Stage, stack: string, change: (template: EditableTemplate) => void): void {
  const file = join(root, stage, `${stack}.template.json`);
  const template = JSON.parse(readFileSync(file, 'utf8')) as EditableTemplate;
  change(template);
  writeFileSync(file, JSON.stringify(template, null, 2));
}

function idOf(template: Template, path: string): string {
  const id = Object.keys(template.Resources ?? {}).find((key) => new RegExp(`^${path}[0-9A-F]{8}$`).test(key));
  if (!id) throw new Error(`no resource ${path}`);
  return id;
}

async function check(argv: string[], dependencies: Parameters<typeof runCheck>[1] = {}) {
  const lines: string[] = [];
  const status = await runCheck(argv, { synthesize, ...dependencies }, (line) => lines.push(line));
  return { status, lines };
}

/** The refusal lines of a prod check against changed released templates. */
async function refusedAgainst(root: string): Promise<string[]> {
  const { status, lines } = await check(['--stage', 'prod'], { releasedRoot: root });
  expect(status).toBe(1);
  expect(lines.at(-2)).toMatch(/^prod: \d+ changes? refused$/);
  return lines.filter((line) => line.startsWith('refused: '));
}

const data = 'BaliDisruption-prod-Data';

describe('npm run deploy:check', () => {
  it('passes the current app against the committed released templates, stage by stage, saying what it compared', async () => {
    const { status, lines } = await check([]);
    expect(status).toBe(0);
    expect(lines).toEqual(
      (['dev', 'prod'] as const).flatMap((stage) => [
        `${stage}: this checkout, synthesized for 123456789012 in ap-southeast-2, against the released templates in infra/released/${stage}`,
        ...['Api', 'Archive', 'Auth', 'Data', 'Monitoring'].map(
          (concern) => `  BaliDisruption-${stage}-${concern}: unchanged`,
        ),
        `${stage}: nothing refused`,
      ]),
    );
  });

  it('refuses a changed key, naming the table', async () => {
    const root = releasedCopy();
    editReleased(root, 'prod', data, (template) => {
      template.Resources[idOf(template, 'OperationsTable')]!.Properties.KeySchema = [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'startsOn', KeyType: 'RANGE' },
      ];
    });
    expect(await refusedAgainst(root)).toEqual([
      'refused: BaliDisruption-prod-Data OperationsTable90528792 (AWS::DynamoDB::Table): replaced, because KeySchema changes, which cannot change in place: the new one starts without its items',
    ]);
  });

  it('refuses two new indexes on one table', async () => {
    const root = releasedCopy();
    editReleased(root, 'prod', data, (template) => {
      const table = template.Resources[idOf(template, 'OperationsTable')]!;
      table.Properties.GlobalSecondaryIndexes = (
        table.Properties.GlobalSecondaryIndexes as { IndexName: string }[]
      ).slice(0, 2);
    });
    expect(await refusedAgainst(root)).toEqual([
      'refused: BaliDisruption-prod-Data OperationsTable90528792 (AWS::DynamoDB::Table): 2 global secondary indexes created or deleted in one update (creates visibleOperationsByStatus, visibleOperationsInJpaByStatus), but CloudFormation takes one per table per update: release them one at a time',
    ]);
  });

  it('refuses a changed custom attribute', async () => {
    const root = releasedCopy();
    editReleased(root, 'prod', 'BaliDisruption-prod-Auth', (template) => {
      const pool = template.Resources[idOf(template, 'UserPool')]!;
      pool.Properties.Schema = [
        {
          AttributeDataType: 'String',
          Mutable: true,
          Name: 'country',
          StringAttributeConstraints: { MaxLength: '3', MinLength: '2' },
        },
      ];
    });
    expect(await refusedAgainst(root)).toEqual([
      "refused: BaliDisruption-prod-Auth UserPool6BA7E5F2 (AWS::Cognito::UserPool): custom attribute country changes, but a user pool's attributes cannot change (adding a custom one can)",
    ]);
  });

  it('refuses a removed stateful resource', async () => {
    const root = releasedCopy();
    editReleased(root, 'prod', data, (template) => {
      template.Resources.CasesTable1A2B3C4D = structuredClone(template.Resources[idOf(template, 'OperationsTable')]!);
    });
    expect(await refusedAgainst(root)).toEqual([
      'refused: BaliDisruption-prod-Data CasesTable1A2B3C4D (AWS::DynamoDB::Table): removed: RETAIN keeps it, with its items, but outside the stack, where the app no longer reaches it',
    ]);
  });

  it('refuses a removed output that another stack reads', async () => {
    const root = releasedCopy();
    editReleased(root, 'prod', data, (template) => {
      template.Outputs.CasesTableArn = { Value: { 'Fn::GetAtt': [idOf(template, 'OperationsTable'), 'Arn'] } };
    });
    editReleased(root, 'prod', 'BaliDisruption-prod-Monitoring', (template) => {
      template.Outputs.CasesTableArn = {
        Value: { 'Fn::GetStackOutput': { StackName: data, OutputName: 'CasesTableArn', Region: 'ap-southeast-2' } },
      };
    });
    expect(await refusedAgainst(root)).toEqual([
      'refused: BaliDisruption-prod-Data CasesTableArn (Output): removed, but read by BaliDisruption-prod-Monitoring (CasesTableArn, released): its next update or a rollback would fail',
    ]);
    const { lines } = await check(['--stage', 'prod'], { releasedRoot: root });
    expect(lines).toContain('  BaliDisruption-prod-Data: outputs 1 removed');
    expect(lines).toContain('  BaliDisruption-prod-Monitoring: outputs 1 removed');
  });

  it('says where to read on when it refuses', async () => {
    const root = releasedCopy();
    editReleased(root, 'prod', data, (template) => {
      template.Resources.CasesTable1A2B3C4D = structuredClone(template.Resources[idOf(template, 'OperationsTable')]!);
    });
    const { lines } = await check(['--stage', 'prod'], { releasedRoot: root });
    expect(lines.at(-1)).toBe(
      'Each refused change needs another way to deploy it: docs/operations.md, "Before every deploy: the update-safety check".',
    );
  });

  it('refuses a stage that has no released templates', async () => {
    const root = mkdtempSync(join(tmpdir(), 'released-'));
    temporary.push(root);
    const { status, lines } = await check(['--stage', 'dev'], { releasedRoot: root });
    expect(status).toBe(1);
    expect(lines[0]).toMatch(
      /^refused: dev has no released templates in .*: review the first release, then record it with npm run deploy:accept -- --stage dev$/,
    );
  });

  it('refuses an unknown stage or option, with its usage', async () => {
    await expect(check(['--stage', 'production'])).rejects.toThrow(/unknown stage "production"/);
    await expect(check(['--deploy'])).rejects.toThrow(/Unknown option '--deploy'[\s\S]*Usage: npm run deploy:check/);
  });
});

describe('the released templates', () => {
  it('are the same from two syntheses in a row', () => {
    expect(synthesizeStage('dev')).toEqual(synthesize('dev'));
  });

  it('name no function bundle by its hash, which would differ from one checkout or source change to the next', () => {
    for (const stage of ['dev', 'prod'] as const) {
      const text = JSON.stringify(readReleased(releasedRoot, stage));
      expect(text).not.toMatch(/"S3Key":"[0-9a-f]{64}/);
      expect(text).toContain('"S3Key":"unbuilt-asset:Graphql/Function/Code.zip"');
    }
  });
});

describe('npm run deploy:accept', () => {
  async function accept(argv: string[], root: string) {
    const lines: string[] = [];
    const status = await runAccept(argv, { synthesize, releasedRoot: root }, (line) => lines.push(line));
    return { status, lines };
  }

  it('writes the released templates as pretty JSON, which the check then passes', async () => {
    const root = mkdtempSync(join(tmpdir(), 'released-'));
    temporary.push(root);
    const { status, lines } = await accept(['--stage', 'dev'], root);
    expect(status).toBe(0);
    expect(lines[0]).toMatch(/^dev: released templates written to .*dev$/);
    expect(lines.slice(1)).toEqual(
      ['Api', 'Archive', 'Auth', 'Data', 'Monitoring'].map(
        (concern) => `  BaliDisruption-dev-${concern}: added to the released templates`,
      ),
    );
    const file = join(root, 'dev', 'BaliDisruption-dev-Auth.template.json');
    const text = readFileSync(file, 'utf8');
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    expect((await check(['--stage', 'dev'], { releasedRoot: root })).status).toBe(0);
  });

  it('says what changed and which refusals it accepts, and drops the stacks the app no longer has', async () => {
    const root = releasedCopy();
    editReleased(root, 'dev', 'BaliDisruption-dev-Data', (template) => {
      template.Resources.CasesTable1A2B3C4D = structuredClone(template.Resources[idOf(template, 'OperationsTable')]!);
    });
    writeFileSync(join(root, 'dev', 'BaliDisruption-dev-Old.template.json'), '{"Resources":{}}\n');
    const { lines } = await accept(['--stage', 'dev'], root);
    expect(lines).toEqual([
      expect.stringMatching(/^dev: released templates written to /),
      '  BaliDisruption-dev-Api: unchanged',
      '  BaliDisruption-dev-Archive: unchanged',
      '  BaliDisruption-dev-Auth: unchanged',
      '  BaliDisruption-dev-Data: resources 1 removed',
      '  BaliDisruption-dev-Monitoring: unchanged',
      '  BaliDisruption-dev-Old: no longer in the app: removed from the released templates',
      'accepted after review: refused: BaliDisruption-dev-Data CasesTable1A2B3C4D (AWS::DynamoDB::Table): removed: CloudFormation deletes it, and its items with it',
    ]);
    expect(readdirSync(join(root, 'dev')).sort()).toEqual(
      ['Api', 'Archive', 'Auth', 'Data', 'Monitoring'].map((concern) => `BaliDisruption-dev-${concern}.template.json`),
    );
    expect(readReleased(root, 'dev')).toEqual(readReleased(releasedRoot, 'dev'));
  });
});

describe('npm run deploy:check -- --deployed', () => {
  const cloudFormation = new CloudFormationClient({ region: 'ap-southeast-2' });
  const cfnMock = mockClient(cloudFormation);
  const prodSettings = {
    BALI_ALARM_EMAIL: 'alarms@example.org',
    BALI_ALLOWED_ORIGINS: 'https://disruption.example.org',
  };
  const deployed = (argv: string[]) =>
    check(['--deployed', ...argv], { cloudFormation: () => cloudFormation, env: prodSettings });
  const notThere = (stackName: string) =>
    new CloudFormationServiceException({
      name: 'ValidationError',
      $fault: 'client',
      $metadata: {},
      message: `Stack with id ${stackName} does not exist`,
    });

  /** CloudFormation with these prod stacks deployed, holding these templates. */
  function deploy(templates: Readonly<Record<string, unknown>>): void {
    cfnMock.on(DescribeStacksCommand).callsFake(({ StackName: name }: { StackName: string }) => {
      if (!(name in templates)) throw notThere(name);
      return {
        Stacks: [
          {
            StackName: name,
            StackStatus: 'UPDATE_COMPLETE',
            CreationTime: new Date(),
            StackId: `arn:aws:cloudformation:ap-southeast-2:123456789012:stack/${name}/0a1b2c3d`,
          },
        ],
      };
    });
    cfnMock
      .on(GetTemplateCommand)
      .callsFake(({ StackName: name }: { StackName: string }) => ({ TemplateBody: JSON.stringify(templates[name]) }));
  }

  beforeEach(() => cfnMock.reset());

  it('says a stage with no stack deployed is a first deploy, with nothing to compare', async () => {
    deploy({});
    const { status, lines } = await deployed(['--stage', 'prod']);
    expect(status).toBe(0);
    expect(lines).toEqual([
      'prod: none of its stacks is deployed in ap-southeast-2: a first deploy, nothing to compare',
    ]);
    expect(cfnMock.commandCalls(GetTemplateCommand)).toHaveLength(0);
  });

  it("says plainly when CloudFormation cannot be read, with AWS's reason", async () => {
    cfnMock.on(DescribeStacksCommand).rejects(
      new CloudFormationServiceException({
        name: 'AccessDenied',
        $fault: 'client',
        $metadata: {},
        message: 'User is not authorized to perform: cloudformation:DescribeStacks',
      }),
    );
    await expect(deployed(['--stage', 'prod'])).rejects.toThrow(
      '--deployed could not read the prod stacks from CloudFormation (credentials and region from AWS_PROFILE, AWS_REGION, ...): User is not authorized to perform: cloudformation:DescribeStacks',
    );
  });

  it('compares with the templates as submitted, and refuses what would replace a deployed table', async () => {
    const released = readReleased(releasedRoot, 'prod')!;
    const dataTemplate = structuredClone(released[data]) as EditableTemplate;
    dataTemplate.Resources[idOf(dataTemplate, 'OperationsTable')]!.Properties.KeySchema = [
      { AttributeName: 'pk', KeyType: 'HASH' },
    ];
    deploy({ ...released, [data]: dataTemplate });
    const { status, lines } = await deployed(['--stage', 'prod']);
    expect(status).toBe(1);
    expect(lines).toContain(
      'refused: BaliDisruption-prod-Data OperationsTable90528792 (AWS::DynamoDB::Table): replaced, because KeySchema changes, which cannot change in place: the new one starts without its items',
    );
    expect(lines[0]).toBe(
      "prod: this checkout, synthesized for 123456789012 in ap-southeast-2, against the deployed stacks' templates",
    );
    expect(cfnMock.commandCalls(GetTemplateCommand).map((call) => call.args[0].input)).toContainEqual({
      StackName: data,
      TemplateStage: 'Original',
    });
  });

  /** A template as the CDK CLI submits it: each resource with its construct path, and CDK's own resource. */
  function asTheCliDeploysIt(template: Template): Template {
    const resources = Object.entries(template.Resources ?? {}).map(([id, resource]) => [
      id,
      { ...resource, Metadata: { 'aws:cdk:path': `${data}/${id}/Resource` } },
    ]);
    return {
      ...template,
      Resources: {
        ...Object.fromEntries(resources),
        CDKMetadata: { Type: 'AWS::CDK::Metadata', Properties: { Analytics: 'v2:deflate64:H4sI' } },
      },
    };
  }

  it('names the stacks not deployed yet, and passes what the released templates already passed', async () => {
    const released = readReleased(releasedRoot, 'prod')!;
    deploy({
      [data]: asTheCliDeploysIt(released[data]!),
      'BaliDisruption-prod-Auth': asTheCliDeploysIt(released['BaliDisruption-prod-Auth']!),
    });
    const { status, lines } = await deployed(['--stage', 'prod']);
    expect(status).toBe(0);
    expect(lines.slice(1)).toEqual([
      '  BaliDisruption-prod-Api: not deployed yet: a first deploy',
      '  BaliDisruption-prod-Archive: not deployed yet: a first deploy',
      '  BaliDisruption-prod-Auth: unchanged',
      '  BaliDisruption-prod-Data: unchanged',
      '  BaliDisruption-prod-Monitoring: not deployed yet: a first deploy',
      'prod: nothing refused',
    ]);
  });
});
