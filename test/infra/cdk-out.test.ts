import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LambdaHandler } from '../../functions/graphql/create-handler.ts';
import { seedMembership } from '../../functions/membership/membership.seed.ts';
import { tableEnvironment } from '../../functions/shared/runtime/config.ts';
import { createDocumentClient } from '../../functions/shared/data/dynamo.ts';
import { apiGatewayEvent, flattenClaims, lambdaContext } from '../../infra/local/lambda-event.ts';
import { sampleMembership, workingGroupProfile } from '../../infra/local/sample-data/membership.ts';
import { manifestDocument } from '../support/persisted-documents.ts';
import { freshTables } from '../support/tables.ts';

/*
 * What `cdk synth -c stage=prod` writes into cdk.out, produced by running infra/app.ts the way
 * the CDK CLI does (it hands over context and output directory in CDK_CONTEXT_JSON and
 * CDK_OUTDIR), offline and without credentials, with the deployment settings in the
 * environment as an ops team would export them. One synthesis, esbuild included, for the file.
 */

type Template = { Resources: Record<string, { Type: string; Properties: { Code?: { S3Key?: string } } }> };

interface Report {
  readonly pluginReports: {
    readonly conclusion: string;
    readonly violations: unknown[];
    readonly suppressedViolations?: { acknowledgedId: string }[];
  }[];
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const cdkOut = mkdtempSync(join(tmpdir(), 'cdk-out-test-'));
const read = <T>(file: string) => JSON.parse(readFileSync(join(cdkOut, file), 'utf8')) as T;
let synthOutput = '';
let bundleDir: string;
let handler: LambdaHandler;
const logLines: Record<string, unknown>[] = [];

const cdkJson = JSON.parse(readFileSync(join(root, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };

/** Runs infra/app.ts as the CDK CLI does, with the CLI's defaults standing in for a us-east-1 profile. */
function runApp(context: Record<string, unknown>, env: Record<string, string>, outdir = cdkOut) {
  return promisify(execFile)(join(root, 'node_modules/.bin/node'), ['infra/app.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      CDK_OUTDIR: outdir,
      CDK_CONTEXT_JSON: JSON.stringify({ ...cdkJson.context, ...context }),
      CDK_DEFAULT_ACCOUNT: '999999999999',
      CDK_DEFAULT_REGION: 'us-east-1',
      ...env,
    },
  });
}

async function synthesizeProd(): Promise<void> {
  const { stdout, stderr } = await runApp(
    { stage: 'prod' },
    {
      BALI_ACCOUNT: '123456789012',
      BALI_REGION: 'ap-southeast-2',
      BALI_ALARM_EMAIL: 'alarms@example.org',
      BALI_ALLOWED_ORIGINS: 'https://disruption.example.org',
    },
  );
  synthOutput = `${stdout}${stderr}`;
}

/** The function's asset directory, as the template and the assets manifest name it. */
function functionAssetDir(): string {
  const template = read<Template>('BaliDisruption-prod-Api.template.json');
  const fn = Object.values(template.Resources).find((resource) => resource.Type === 'AWS::Lambda::Function');
  const hash = String(fn?.Properties.Code?.S3Key).replace(/\.zip$/, '');
  const manifest = read<{ files: Record<string, { source: { path: string } }> }>('BaliDisruption-prod-Api.assets.json');
  return join(cdkOut, manifest.files[hash]!.source.path);
}

beforeAll(async () => {
  const [{ endpoint, tableNames }] = await Promise.all([freshTables(), synthesizeProd()]);
  bundleDir = functionAssetDir();
  await seedMembership(
    createDocumentClient({ endpoint }),
    tableNames.membership,
    sampleMembership('2026-01-01T00:00:00.000Z'),
  );
  // What Lambda would set from the template, with DynamoDB Local in place of the regional endpoint.
  vi.stubEnv('DYNAMODB_ENDPOINT', endpoint);
  vi.stubEnv('CURSOR_SECRET_ARN', 'arn:aws:secretsmanager:local:000000000000:secret:cursor-key');
  vi.stubEnv('READ_RECORD_RETENTION_DAYS', '2557');
  // Prod's template says trusted; these requests are ad hoc, and the trusted ones are below.
  vi.stubEnv('DOCUMENTS', 'open');
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
  for (const [name, value] of Object.entries(tableEnvironment(tableNames))) vi.stubEnv(name, value);
  // Powertools writes its JSON lines straight to stdout; keep them for the assertions.
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    for (const line of String(chunk)
      .split('\n')
      .filter((l) => l.startsWith('{')))
      logLines.push(JSON.parse(line) as Record<string, unknown>);
    return true;
  });
  ({ handler } = (await import(pathToFileURL(join(bundleDir, 'index.mjs')).href)) as { handler: LambdaHandler });
}, 180_000);

afterAll(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  rmSync(cdkOut, { recursive: true, force: true });
});

describe('cdk synth -c stage=prod', () => {
  it('writes the five prod stacks, with no warning', () => {
    const manifest = read<{ artifacts: Record<string, { type: string }> }>('manifest.json');
    const stacks = Object.keys(manifest.artifacts).filter(
      (name) => manifest.artifacts[name]?.type === 'aws:cloudformation:stack',
    );
    expect(stacks.sort()).toEqual(
      ['Api', 'Archive', 'Auth', 'Data', 'Monitoring'].map((concern) => `BaliDisruption-prod-${concern}`),
    );
    expect(synthOutput).not.toMatch(/WARNING|ERROR/);
  });

  it('runs cdk-nag: no finding, and only the acknowledged ones suppressed', () => {
    const report = read<Report>('validation-report.json');
    expect(report.pluginReports.map((plugin) => [plugin.conclusion, plugin.violations])).toEqual([['success', []]]);
    const suppressed = report.pluginReports
      .flatMap((plugin) => plugin.suppressedViolations ?? [])
      .map((v) => v.acknowledgedId);
    expect(suppressed.sort()).toEqual([
      // The GraphQL function's X-Ray actions, and the archiver's dynamodb:ListStreams: no resource.
      'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      // New archive objects, under digests/ and stream/.
      'AwsSolutions::AwsSolutions-IAM5[Resource::<ArchiveBucket49F1AC64.Arn>/digests/*]',
      'AwsSolutions::AwsSolutions-IAM5[Resource::<ArchiveBucket49F1AC64.Arn>/stream/*]',
      'AwsSolutions::AwsSolutions-SMG4',
      'AwsSolutions::AwsSolutions-SQS3',
    ]);
  });

  it("puts every stack in the pinned account and region, never the CLI profile's", () => {
    const manifest = read<{ artifacts: Record<string, { type: string; environment?: string }> }>('manifest.json');
    const environments = Object.values(manifest.artifacts)
      .filter((artifact) => artifact.type === 'aws:cloudformation:stack')
      .map((artifact) => artifact.environment);
    expect(new Set(environments)).toEqual(new Set(['aws://123456789012/ap-southeast-2']));
  });

  it('names ap-southeast-2 wherever a region appears: issuer, assets, outputs, dashboard', () => {
    const templates = readdirSync(cdkOut)
      .filter((file) => file.endsWith('.template.json') || file.endsWith('.assets.json'))
      .map((file) => readFileSync(join(cdkOut, file), 'utf8'))
      .join('\n');
    expect(templates).not.toMatch(/us-east-1|999999999999|AWS::Region/);
    expect(templates).toContain('https://cognito-idp.ap-southeast-2.amazonaws.com/');
    expect(templates).toContain('cdk-hnb659fds-assets-123456789012-ap-southeast-2');
    expect(templates).toMatch(/"Fn::GetStackOutput": \{[^}]*"Region": "ap-southeast-2"/);
  });

  it('refuses prod without an account and region, naming both, before synthesizing anything', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'cdk-out-refused-'));
    try {
      const refused = await runApp({ stage: 'prod' }, {}, empty).then(
        () => undefined,
        (error: { code: number; stderr: string }) => error,
      );
      expect(refused?.code).toBe(1);
      expect(refused?.stderr.trim()).toBe(
        'prod needs its AWS account and region, and has no account and region: name them in infra/config.ts, or pass -c account=<12 digits> -c region=<region> (or set BALI_ACCOUNT and BALI_REGION)',
      );
      expect(readdirSync(empty)).toEqual([]);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('takes the deployment settings from the environment', () => {
    expect(readFileSync(join(cdkOut, 'BaliDisruption-prod-Monitoring.template.json'), 'utf8')).toContain(
      '"Endpoint": "alarms@example.org"',
    );
    expect(readFileSync(join(cdkOut, 'BaliDisruption-prod-Api.template.json'), 'utf8')).toContain(
      'https://disruption.example.org',
    );
  });
});

/** Sends one request as API Gateway would after its JWT authorizer, or without an authorizer at all. */
async function post(claims: Record<string, unknown> | null, query: string, variables?: Record<string, unknown>) {
  return postBody(handler, claims, { query, variables });
}

async function postBody(to: LambdaHandler, claims: Record<string, unknown> | null, request: Record<string, unknown>) {
  const requestId = crypto.randomUUID();
  const event = apiGatewayEvent(
    {
      method: 'POST',
      path: '/graphql',
      rawQueryString: '',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
      sourceIp: '203.0.113.7',
      claims: claims ? flattenClaims(claims) : {},
    },
    requestId,
  );
  if (!claims) delete (event.requestContext as { authorizer?: unknown }).authorizer;
  const result = await to(event, lambdaContext(requestId));
  const body = JSON.parse(result.body ?? '{}') as {
    data?: Record<string, unknown>;
    errors?: { extensions: { code: string } }[];
  };
  return { requestId, status: result.statusCode, body };
}

const secretariat = { sub: 'secretariat-1', token_use: 'id', 'cognito:groups': ['secretariat'] };

describe('the Lambda bundle in cdk.out, against DynamoDB Local', () => {
  it('is one ESM file with every dependency inside', () => {
    expect(readdirSync(bundleDir)).toEqual(['index.mjs']);
    const code = readFileSync(join(bundleDir, 'index.mjs'), 'utf8');
    expect(
      code.startsWith("import { createRequire } from 'module'; const require = createRequire(import.meta.url);"),
    ).toBe(true);
    // With mainFields module first, a dependency left external would be an import statement.
    const { metafile } = buildSync({
      entryPoints: [join(bundleDir, 'index.mjs')],
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      external: ['*'],
      logLevel: 'silent',
    });
    const imported = Object.values(metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
    expect(imported.filter((name) => !name.startsWith('node:') && !builtinModules.includes(name))).toEqual([]);
  });

  it('runs its libraries in production mode: NODE_ENV is decided when bundling', () => {
    const code = readFileSync(join(bundleDir, 'index.mjs'), 'utf8');
    expect(code).not.toContain('NODE_ENV');
  });

  it('answers a query as the secretariat, from DynamoDB', async () => {
    const { status, body } = await post(secretariat, '{ workingGroup { name coChairs { member { country } } } }');
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const workingGroup = body.data?.workingGroup as { name: string; coChairs: { member: { country: string } }[] };
    expect(workingGroup.name).toBe(workingGroupProfile.name);
    expect(workingGroup.coChairs.map((term) => term.member.country).sort()).toEqual(['NZ', 'VN']);
  });

  it('carries out a mutation, and a later query sees it', async () => {
    const added = await post(
      secretariat,
      'mutation Add($input: AddMemberInput!) { addMember(input: $input) { country status revision } }',
      {
        input: {
          country: 'FJ',
          name: 'Fiji',
          joinedOn: '2026-11-01',
          agencies: [{ name: 'Fiji Police Force', kind: 'POLICE' }],
        },
      },
    );
    expect(added.body).toEqual({ data: { addMember: { country: 'FJ', status: 'ACTIVE', revision: 1 } } });
    const read = await post(
      { sub: 'fj-official', token_use: 'id', 'custom:country': 'FJ' },
      '{ member(country: "FJ") { name } viewer { roles } }',
    );
    expect(read.body.data).toEqual({ member: { name: 'Fiji' }, viewer: { roles: ['OFFICIAL'] } });
  });

  it('answers UNAUTHENTICATED to a request that carries no claims', async () => {
    const { status, body } = await post(null, '{ workingGroup { name } }');
    expect(status).toBe(401);
    expect(body.errors?.map((error) => error.extensions.code)).toEqual(['UNAUTHENTICATED']);
    expect(body.data ?? null).toBeNull();
  });

  it("ships the front end's documents: as prod runs it (DOCUMENTS=trusted), it answers one by id and refuses an ad-hoc one", async () => {
    // A second instance of the bundle, with its own module state, reads the environment afresh.
    const copy = join(mkdtempSync(join(tmpdir(), 'bali-trusted-')), 'trusted.mjs');
    copyFileSync(join(bundleDir, 'index.mjs'), copy);
    vi.stubEnv('DOCUMENTS', 'trusted');
    try {
      const trusted = ((await import(pathToFileURL(copy).href)) as { handler: LambdaHandler }).handler;
      const byId = await postBody(trusted, secretariat, { documentId: manifestDocument('CoChairs').id });
      expect(byId.body.errors).toBeUndefined();
      expect(Object.keys(byId.body.data ?? {})).toEqual(['coChairs']);
      const adHoc = await postBody(trusted, secretariat, { query: '{ workingGroup { name } }' });
      expect(adHoc.body.errors?.map((error) => error.extensions.code)).toEqual(['UNKNOWN_DOCUMENT']);
    } finally {
      vi.stubEnv('DOCUMENTS', 'open');
      rmSync(dirname(copy), { recursive: true, force: true });
    }
  });

  it('logs one JSON line per request with the request id and the viewer subject, and no token', async () => {
    const { requestId } = await post(secretariat, 'query Named { workingGroup { name } }');
    const line = logLines.find((entry) => entry.requestId === requestId);
    expect(line).toMatchObject({
      level: 'INFO',
      service: 'bali-disruption-graphql',
      subject: 'secretariat-1',
      operationName: 'Named',
    });
    expect(JSON.stringify(logLines)).not.toMatch(/eyJ|authorization/i);
  });
});
