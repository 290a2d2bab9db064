import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  BatchGetItemCommand,
  GetItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { build } from 'esbuild';
import { createDynamoClient } from '../../functions/shared/data/dynamo.ts';
import { readExecution, tableEnvironment } from '../../functions/shared/runtime/config.ts';
import type { TableNames } from '../../functions/shared/data/tables.ts';
import { esbuildOptions, functionBundle, projectRoot } from '../../infra/bundling/function-bundle.ts';
import { startDynamoLocal } from '../../infra/local/dynamodb-local.ts';
import { apiGatewayEvent, flattenClaims, lambdaContext } from '../../infra/local/lambda-event.ts';
import { FaultProxy, type CapturedCall } from '../support/fault-proxy.ts';
import { manifestDocument } from '../support/persisted-documents.ts';
import { freePort } from '../support/global-setup.ts';
import { aliasCounts, diffTexts, diffVersions, shapes, type Shape } from './adversarial.ts';
import { consumedCapacity, minimumCapacity, roundsOf } from './capacity.ts';
import { dataset } from './data.ts';

/**
 * `npm run bench`: the project against the least a GraphQL Lambda can be, side by side in one run.
 * Prints progress on stderr and, as the last line of stdout, one JSON object (docs/benchmark.md).
 * `--quick` uses small counts (it runs inside `npm test`); DYNAMODB_ENDPOINT reuses a DynamoDB;
 * GRAPHQL_EXECUTION=graphql-js measures the app with Apollo's own executor instead of graphql-jit.
 */
const execution = readExecution(process.env);
const quick = process.argv.includes('--quick');
const counts = quick ? { cold: 3, warm: 30, small: 200, big: 2_000 } : { cold: 15, warm: 400, small: 200, big: 20_000 };
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
/**
 * The handler's one log line per request would fill standard output with thousands of lines, so
 * timing runs at WARN unless BENCH_LOG_LEVEL says otherwise (INFO, as deployed, adds a few µs).
 */
const logLevel = process.env.BENCH_LOG_LEVEL ?? 'WARN';

type Handler = (event: unknown, context: unknown) => Promise<{ statusCode?: number; body?: string }>;

/**
 * The benchmark queries, each with its number of dependent data levels (`lowerBound`: the least
 * rounds of calls it can take, and the least calls unless `callsBound` says more are needed).
 */
const queries: Record<
  string,
  { query: string; lowerBound: number; callsBound?: number; caller?: 'official' | 'secretariat' }
> = {
  workingGroupWithCoChairs: {
    // workingGroup → memberCount and coChairs → their members
    query: '{ workingGroup { name memberCount coChairs { startsOn member { name } } } }',
    lowerBound: 3,
  },
  jpasWithParticipants: {
    // jpas → participants
    query: '{ jpas { number title status participants { name } } }',
    lowerBound: 2,
  },
  jpaOperationsFirst20: {
    // jpa → its first 20 operations → their leads and participants
    query:
      '{ jpa(number: 8) { title operations(first: 20) { edges { node { codeName lead { name } participants { name } } } } } }',
    lowerBound: 3,
  },
  operationsWithTheirJpasOperations: {
    // operations → their JPAs → each JPA's first page of operations: one bounded Query per JPA, sent together
    query:
      '{ operations(first: 5) { edges { node { codeName jpa { number operations(first: 3) { edges { node { codeName } } } } } } } }',
    lowerBound: 3,
    callsBound: 3,
  },
  operationWithJpa: {
    // operation → its JPA
    query: '{ operation(id: "5a3c0d1e-0b8a-4c6e-9f00-000000000003") { codeName handling jpa { number title } } }',
    lowerBound: 2,
  },
  officialOperationsFirst20: {
    // As an official of TH, a page that carries operations handled PARTICIPANTS: the caller's
    // standing → its two listings, read together → the read records of those it carries, written
    // before the answer (one TransactWriteItems: the write is a level and a call of its own).
    query: '{ operations(first: 20) { edges { node { codeName startsOn handling } } } }',
    caller: 'official',
    lowerBound: 3,
    callsBound: 4,
  },
  auditTrailOfEntity: {
    // the events of one entity
    query: '{ auditEvents(entity: "jpa/8", first: 20) { edges { node { at actor action summary } } } }',
    lowerBound: 1,
  },
  recommendationsWithOwners: {
    // recommendations (200, one Query of the work table) → their owners (one batch of members)
    query: '{ recommendations { number text status owners { name } } }',
    lowerBound: 2,
  },
  draftAnnualReport: {
    // A year not published (2026, in which JPA 8 runs): the published report's key → what the year
    // needs, sent together (members, co-chair terms, JPAs, ToR versions, recommendations and the
    // year's meetings: six Queries, and seven COUNTs) → the outcome totals of the year's JPAs.
    query:
      '{ annualReport(year: 2026) { status memberCount membersJoined coChairs jpas { number outcomes { operations arrests } } meetings trainings recommendationsMade recommendationsImplemented recommendationsOpen termsOfReferenceAdopted html } }',
    lowerBound: 3,
    callsBound: 15,
  },
};
const listQuery = '{ operations(first: 20) { edges { node { id codeName startsOn } } } }';

const secretariat = flattenClaims({ sub: 'bench', token_use: 'id', 'cognito:groups': ['secretariat'] });
const official = flattenClaims({ sub: 'bench-th', token_use: 'id', 'custom:country': 'TH' });
const claimsOf = (caller: 'official' | 'secretariat' = 'secretariat') =>
  caller === 'official' ? official : secretariat;
const event = (query: string, claims: Record<string, string> = secretariat, variables?: Record<string, unknown>) =>
  bodyEvent({ query, variables }, claims);
const bodyEvent = (body: Record<string, unknown>, claims: Record<string, string> = secretariat) =>
  apiGatewayEvent(
    {
      method: 'POST',
      path: '/graphql',
      rawQueryString: '',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      sourceIp: '127.0.0.1',
      claims,
    },
    'bench',
  );

/**
 * Client documents sent by `documentId` and as their text, to a function in trusted mode (as in
 * prod): Viewer reads nothing from DynamoDB for the secretariat, so it shows the transport alone;
 * CoChairs is a front end's read with its two levels of data.
 */
const documentCases = ['Viewer', 'CoChairs'] as const;

const median = (values: number[]) => percentile(values, 50);
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const round = (value: number, digits = 3) => Number(value.toFixed(digits));

async function main(): Promise<void> {
  const dynamo = process.env.DYNAMODB_ENDPOINT
    ? { endpoint: process.env.DYNAMODB_ENDPOINT, stop: async () => {} }
    : await startDynamoLocal(await freePort(), ':memory:');
  const out = mkdtempSync(join(tmpdir(), 'bali-bench-'));
  const secrets = await fakeSecretsManager();
  process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = secrets.url;
  process.env.AWS_ACCESS_KEY_ID = 'local';
  process.env.AWS_SECRET_ACCESS_KEY = 'local';
  try {
    const run = crypto.randomUUID().slice(0, 6);
    log(`loading data: ${counts.small} and ${counts.big} operations`);
    const small = await dataset(dynamo.endpoint, `bench${run}s`, counts.small);
    const big = await dataset(dynamo.endpoint, `bench${run}b`, counts.big);

    log('building both bundles with the same settings');
    const app = join(out, 'app.mjs');
    const baseline = join(out, 'baseline.mjs');
    await build(esbuildOptions(functionBundle.entry, app));
    // The baseline gets the deployed function's esbuild settings; the aliases are the app's own
    // trimming (code it leaves out), not settings, so the baseline keeps what it would carry.
    await build(esbuildOptions('test/bench/baseline/handler.ts', baseline, {}));
    const bundleBytes = { app: statSync(app).size, baseline: statSync(baseline).size };

    log(`cold starts: ${counts.cold} pairs`);
    const coldStartMs = await coldStarts(app, baseline, dynamo.endpoint, small);

    log('DynamoDB calls per query');
    const calls = await countCalls(app, out, dynamo.endpoint, small);

    log(`warm latency: ${counts.warm} paired runs per query`);
    setEnvironment(dynamo.endpoint, small);
    const warm = await importHandler(app, out, 'warm');
    await warm(
      event('mutation { updateJpa(input: {number: 8, expectedRevision: 2, title: "JPA 8"}) { revision } }'),
      lambdaContext('seed'),
    );
    const raw = createDynamoClient({ endpoint: dynamo.endpoint });
    const results: Record<string, unknown> = {};
    for (const [name, { query, lowerBound, caller }] of Object.entries(queries)) {
      const handlerTimes: number[] = [];
      const rawTimes: number[] = [];
      const requests = calls[name]!;
      const warmUp = Math.max(20, Math.floor(counts.warm / 4));
      for (let index = 0; index < counts.warm + warmUp; index += 1) {
        // Lambda hands the handler a finished event: building one is not the handler's time.
        const [request, context] = [event(query, claimsOf(caller)), lambdaContext(`w${index}`)];
        const started = performance.now();
        const answer = await warm(request, context);
        const handled = performance.now() - started;
        if (answer.statusCode !== 200 || answer.body?.includes('"errors"'))
          throw new Error(`${name} failed: ${answer.body}`);
        const rawStarted = performance.now();
        await replay(raw, requests);
        const direct = performance.now() - rawStarted;
        // The first runs of each warm up the JIT and the connections, for both alike.
        if (index >= warmUp) {
          handlerTimes.push(handled);
          rawTimes.push(direct);
        }
      }
      const consumed = consumedCapacity(requests);
      const minimum = minimumCapacity(requests);
      results[name] = {
        query,
        dynamoCalls: requests.length,
        levels: roundsOf(requests),
        lowerBound,
        ...(queries[name]!.callsBound ? { callsBound: queries[name]!.callsBound } : {}),
        consumedCapacity: consumed,
        minCapacity: minimum,
        capacityRatio: round(consumed / minimum),
        p50Ms: round(median(handlerTimes)),
        p99Ms: round(percentile(handlerTimes, 99)),
        rawP50Ms: round(median(rawTimes)),
        latencyRatio: round(median(handlerTimes) / median(rawTimes)),
      };
    }

    log(`documents: ${counts.warm} paired runs by documentId and by text, trusted mode`);
    const documents = await documentsSection(app, out);

    log(`listing: a page of 20 at ${counts.small} and at ${counts.big} operations`);
    // Two fresh instances of the bundle, one per data set, warmed alike: the same code at the
    // same JIT temperature, so only the data differs.
    // Each instance reads its tables from the environment on its first request.
    const listSmall = await importHandler(app, out, 'small');
    await listSmall(event(listQuery), lambdaContext('build'));
    setEnvironment(dynamo.endpoint, big);
    const listBig = await importHandler(app, out, 'big');
    await listBig(event(listQuery), lambdaContext('build'));
    const smallTimes: number[] = [];
    const bigTimes: number[] = [];
    const warmUp = Math.max(20, Math.floor(counts.warm / 4));
    for (let index = 0; index < counts.warm + warmUp; index += 1) {
      const order =
        index % 2
          ? ([
              [listSmall, smallTimes],
              [listBig, bigTimes],
            ] as const)
          : ([
              [listBig, bigTimes],
              [listSmall, smallTimes],
            ] as const);
      for (const [handler, times] of order) {
        const [request, context] = [event(listQuery), lambdaContext(`l${index}`)];
        const started = performance.now();
        const answer = await handler(request, context);
        if (index >= warmUp) times.push(performance.now() - started);
        if (!answer.body?.includes('"edges"')) throw new Error(`list failed: ${answer.body}`);
      }
    }

    log('adversarial: the most expensive admitted requests, at both sizes');
    const adversarial = await adversarialSection(
      app,
      out,
      dynamo.endpoint,
      { small, big },
      { small: listSmall, big: listBig },
    );
    const plainPage = median(bigTimes);

    const report = {
      mode: quick ? 'quick' : 'full',
      execution,
      node: process.version,
      logLevel,
      bundleBytes,
      bundleRatio: round(bundleBytes.app / bundleBytes.baseline),
      coldStartMs: { app: round(median(coldStartMs.app), 1), baseline: round(median(coldStartMs.baseline), 1) },
      coldStartRatio: round(median(coldStartMs.ratios)),
      coldStartRuns: coldStartMs.ratios.length,
      queries: results,
      listScaling: {
        operations: { small: counts.small, big: counts.big },
        p50Ms: { small: round(median(smallTimes)), big: round(median(bigTimes)) },
      },
      listScalingRatio: round(median(bigTimes) / median(smallTimes)),
      documents,
      adversarial: Object.fromEntries(
        Object.entries(adversarial).map(([name, figures]) => [
          name,
          'refused' in figures ? figures : { ...figures, vsPlainPage: round(figures.p50Ms.big / plainPage) },
        ]),
      ),
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } finally {
    secrets.server.close();
    rmSync(out, { recursive: true, force: true });
    await dynamo.stop();
  }
}

/**
 * Each document by id and by text through one instance of the bundle in trusted mode, alternating
 * which goes first; `byIdOverByText` is the median by id over the median by text.
 */
async function documentsSection(app: string, out: string) {
  // The instance reads DOCUMENTS on its first request; the other instances stay open.
  process.env.DOCUMENTS = 'trusted';
  const trusted = await importHandler(app, out, 'trusted');
  const figures: Record<string, { p50Ms: { byId: number; byText: number }; byIdOverByText: number }> = {};
  try {
    for (const name of documentCases) {
      const { id, text } = manifestDocument(name);
      const bodies = { byId: { documentId: id }, byText: { query: text } };
      const times = { byId: [] as number[], byText: [] as number[] };
      const warmUp = Math.max(20, Math.floor(counts.warm / 4));
      for (let index = 0; index < counts.warm + warmUp; index += 1) {
        const order = index % 2 ? (['byId', 'byText'] as const) : (['byText', 'byId'] as const);
        for (const way of order) {
          const [request, context] = [bodyEvent(bodies[way]), lambdaContext(`d${index}`)];
          const started = performance.now();
          const answer = await trusted(request, context);
          const took = performance.now() - started;
          if (answer.statusCode !== 200 || answer.body?.includes('"errors"'))
            throw new Error(`${name} ${way} failed: ${answer.body}`);
          if (index >= warmUp) times[way].push(took);
        }
      }
      figures[name] = {
        p50Ms: { byId: round(median(times.byId)), byText: round(median(times.byText)) },
        byIdOverByText: round(median(times.byId) / median(times.byText)),
      };
    }
  } finally {
    process.env.DOCUMENTS = 'open';
  }
  return figures;
}

/** Paired cold starts, alternating which goes first; each is a new process. */
async function coldStarts(app: string, baseline: string, endpoint: string, tables: TableNames) {
  const appEnv = { ...process.env, ...lambdaEnvironment(endpoint, tables) };
  const baselineEnv = {
    ...process.env,
    TABLE: tables.membership,
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_REGION: 'local',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  };
  const appEvent = JSON.stringify(event('{ workingGroup { name } }'));
  const baselineEvent = JSON.stringify(event('{ item(pk: "GROUP", sk: "PROFILE") }'));
  const result = { app: [] as number[], baseline: [] as number[], ratios: [] as number[] };
  for (let pair = 0; pair < counts.cold; pair += 1) {
    const runApp = () => coldStart(app, appEvent, appEnv);
    const runBaseline = () => coldStart(baseline, baselineEvent, baselineEnv);
    let a: number;
    let b: number;
    if (pair % 2 === 0) {
      a = await runApp();
      b = await runBaseline();
    } else {
      b = await runBaseline();
      a = await runApp();
    }
    result.app.push(a);
    result.baseline.push(b);
    result.ratios.push(a / b);
  }
  return result;
}

function coldStart(bundle: string, payload: string, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(projectRoot, 'test/bench/cold-start.ts'), pathToFileURL(bundle).href, payload],
      {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('exit', (code) => {
      const line = output
        .trim()
        .split('\n')
        .filter((text) => text.startsWith('{"ms"'))
        .at(-1);
      if (code !== 0 || !line) reject(new Error(`cold start of ${bundle} failed: ${errors}`));
      else resolve((JSON.parse(line) as { ms: number }).ms);
    });
  });
}

/**
 * The captured calls again on the low-level client, as the handler sent them: the calls of one
 * round together, the rounds one after another, each answer unmarshalled as the Document Client does.
 */
async function replay(raw: ReturnType<typeof createDynamoClient>, requests: readonly CapturedCall[]): Promise<void> {
  const rounds = [...new Set(requests.map((request) => request.round))];
  for (const round of rounds) {
    await Promise.all(
      requests
        .filter((request) => request.round === round)
        .map(async (request) => unmarshallOutput(await raw.send(command(freshWrite(request)) as QueryCommand))),
    );
  }
}

/** Runs each query once through a proxy that records the DynamoDB requests the handler makes. */
async function countCalls(app: string, out: string, endpoint: string, tables: TableNames) {
  const proxy = new FaultProxy(endpoint);
  const proxied = await proxy.start();
  setEnvironment(proxied, tables);
  const handler = await importHandler(app, out, 'counted');
  await handler(
    event('mutation { updateJpa(input: {number: 8, expectedRevision: 2, title: "JPA eight"}) { revision } }'),
    lambdaContext('seed'),
  );
  const calls: Record<string, CapturedCall[]> = {};
  for (const [name, { query, caller }] of Object.entries(queries)) {
    await handler(event(query, claimsOf(caller)), lambdaContext('warm-up'));
    proxy.clear();
    proxy.capture = true;
    await handler(event(query, claimsOf(caller)), lambdaContext('counted'));
    calls[name] = [...proxy.captured];
    proxy.capture = false;
  }
  await proxy.stop();
  return calls;
}

/** A fresh instance of the bundle (its own module state), reading the environment as it is now. */
async function importHandler(bundle: string, out: string, name: string): Promise<Handler> {
  const copy = join(out, `${name}.mjs`);
  copyFileSync(bundle, copy);
  return ((await import(pathToFileURL(copy).href)) as { handler: Handler }).handler;
}

function lambdaEnvironment(endpoint: string, tables: TableNames): Record<string, string> {
  return {
    ...tableEnvironment(tables),
    DYNAMODB_ENDPOINT: endpoint,
    // Only read by a paginated request's cursors, which no cold start makes.
    CURSOR_SECRET_ARN: 'arn:aws:secretsmanager:local:000000000000:secret:bench',
    READ_RECORD_RETENTION_DAYS: '2557',
    // The benchmark queries are its own, not the front end's; the documents section sets trusted.
    DOCUMENTS: 'open',
    AWS_REGION: 'local',
    POWERTOOLS_LOG_LEVEL: logLevel,
  };
}

/**
 * Secrets Manager as the function meets it on AWS, answering GetSecretValue for the cursor key
 * (through AWS_ENDPOINT_URL_SECRETS_MANAGER), so paginated queries take the deployed code path.
 */
async function fakeSecretsManager(): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(
        JSON.stringify({
          ARN: 'arn:aws:secretsmanager:local:000000000000:secret:bench',
          Name: 'bench',
          SecretString: randomBytes(32).toString('hex'),
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function setEnvironment(endpoint: string, tables: TableNames): void {
  Object.assign(process.env, lambdaEnvironment(endpoint, tables));
}

/**
 * What the Document Client does to an answer, done to the raw one: items back into plain
 * objects. So the raw figure is the calls as the app makes them, less only GraphQL and the API's code.
 */
function unmarshallOutput(output: {
  Items?: Record<string, AttributeValue>[];
  Item?: Record<string, AttributeValue>;
  Responses?: unknown;
}): void {
  for (const item of output.Items ?? []) unmarshall(item);
  if (output.Item) unmarshall(output.Item);
  if (output.Responses && !Array.isArray(output.Responses)) {
    for (const items of Object.values(output.Responses as Record<string, Record<string, AttributeValue>[]>))
      for (const item of items) unmarshall(item);
  }
}

/**
 * A captured read-record write as another request would send it: its own ClientRequestToken and
 * request id in each record's key, so every replay writes new records, as every request of the
 * handler does (the same token again would be answered from DynamoDB's idempotency window, and the
 * same keys would fail their condition). Any other call is replayed as captured.
 */
function freshWrite(call: CapturedCall): CapturedCall {
  if (call.operation !== 'TransactWriteItems') return call;
  const input = JSON.parse(call.body) as {
    ClientRequestToken?: string;
    TransactItems: { Put?: { Item: Record<string, AttributeValue> } }[];
  };
  const requestId = crypto.randomUUID();
  input.ClientRequestToken = crypto.randomUUID();
  for (const { Put } of input.TransactItems) {
    if (!Put) continue;
    const at = Put.Item.at?.S;
    Put.Item.sk = { S: `${at}#${requestId}` };
    Put.Item.requestId = { S: requestId };
  }
  return { ...call, body: JSON.stringify(input) };
}

/** The request a captured call made, as a command for the low-level client (same JSON on the wire). */
function command({ operation, body }: { operation: string; body: string }) {
  const input = JSON.parse(body);
  switch (operation) {
    case 'BatchGetItem':
      return new BatchGetItemCommand(input);
    case 'Query':
      return new QueryCommand(input);
    case 'GetItem':
      return new GetItemCommand(input);
    case 'TransactWriteItems':
      return new TransactWriteItemsCommand(input);
    default:
      throw new Error(`no replay for ${operation}`);
  }
}

type AdversarialResult = AdversarialFigures | { refused: string };

interface AdversarialFigures {
  query: string;
  caller: Shape['caller'];
  aliases: number;
  first: number | null;
  consumedCapacity: { small: number; big: number };
  p50Ms: { small: number; big: number };
  largeOverSmall: number;
}

/**
 * For each shape: the admitted variants (largest `first` for each alias count, by bisection
 * against the cost estimate), the one that consumes the most at the large data, and its p50 at
 * both sizes, the two instances alternating as in the list scaling.
 */
async function adversarialSection(
  app: string,
  out: string,
  endpoint: string,
  tables: { small: TableNames; big: TableNames },
  handlers: { small: Handler; big: Handler },
): Promise<Record<string, AdversarialResult>> {
  const [oldText, newText] = diffTexts();
  for (const handler of [handlers.small, handlers.big]) {
    for (const [text, version] of [
      [oldText, diffVersions.from],
      [newText, diffVersions.to],
    ] as const) {
      const answer = await handler(
        event(
          `mutation ($text: String!) { draftTermsOfReference(input: { title: "Bench draft", text: $text }) { version } }`,
          secretariat,
          { text },
        ),
        lambdaContext('diff'),
      );
      if (!answer.body?.includes(`"version":${version}`)) throw new Error(`seeding the diff failed: ${answer.body}`);
    }
  }
  const proxy = new FaultProxy(endpoint);
  const proxied = await proxy.start();
  const measured: Record<'small' | 'big', Handler> = {} as Record<'small' | 'big', Handler>;
  for (const size of ['small', 'big'] as const) {
    setEnvironment(proxied, tables[size]);
    measured[size] = await importHandler(app, out, `adversarial-${size}`);
    await measured[size](event('{ viewer { subject } }'), lambdaContext('build'));
  }
  const consumedBy = async (size: 'small' | 'big', shape: Shape, query: string) => {
    await measured[size](event(query, claimsOf(shape.caller)), lambdaContext('warm-up'));
    proxy.clear();
    proxy.capture = true;
    const answer = await measured[size](event(query, claimsOf(shape.caller)), lambdaContext('measured'));
    proxy.capture = false;
    const codes = [...(answer.body ?? '').matchAll(/"code":"([A-Z_]+)"/g)].map((match) => match[1]);
    return { consumed: consumedCapacity(proxy.captured), codes, body: answer.body ?? '' };
  };
  const admitted = async (shape: Shape, aliases: number, first: number) =>
    (await consumedBy('big', shape, shape.document(aliases, first))).codes.length === 0;

  const figures: Record<string, AdversarialResult> = {};
  for (const [name, shape] of Object.entries(shapes)) {
    let worst: { aliases: number; first: number | null; consumed: number } | undefined;
    for (const aliases of aliasCounts) {
      let first: number | null = null;
      if (shape.paged) {
        // The largest admitted `first` for this many aliases, if any: bisection over 1..100.
        let [low, high] = [0, 100];
        while (low < high) {
          const middle = Math.ceil((low + high) / 2);
          if (await admitted(shape, aliases, middle)) low = middle;
          else high = middle - 1;
        }
        if (low === 0) continue;
        first = low;
      } else if (!(await admitted(shape, aliases, 1))) continue;
      const { consumed, codes } = await consumedBy('big', shape, shape.document(aliases, first ?? 1));
      if (codes.length > 0) throw new Error(`${name} with ${aliases} aliases answered ${codes.join(', ')}`);
      if (!worst || consumed > worst.consumed) worst = { aliases, first, consumed };
    }
    if (!worst) {
      // Refused whatever its size: the estimate of its smallest form, as the refusal gave it.
      const { body } = await consumedBy('big', shape, shape.document(1, 1));
      figures[name] = { refused: /"message":"([^"]+)"/.exec(body)?.[1] ?? body };
      log(`adversarial ${name}: refused (${figures[name].refused})`);
      continue;
    }
    const query = shape.document(worst.aliases, worst.first ?? 1);
    const small = await consumedBy('small', shape, query);
    const times = { small: [] as number[], big: [] as number[] };
    const runs = Math.max(10, Math.floor(counts.warm / 4));
    for (let index = 0; index < runs + 5; index += 1) {
      const order = index % 2 ? (['small', 'big'] as const) : (['big', 'small'] as const);
      for (const size of order) {
        const [request, context] = [event(query, claimsOf(shape.caller)), lambdaContext(`a${index}`)];
        const started = performance.now();
        const answer = await handlers[size](request, context);
        if (index >= 5) times[size].push(performance.now() - started);
        if (answer.statusCode !== 200 || answer.body?.includes('"errors"'))
          throw new Error(`${name} failed: ${answer.body}`);
      }
    }
    figures[name] = {
      query: query.length > 300 ? `${query.slice(0, 300)}…` : query,
      caller: shape.caller,
      aliases: worst.aliases,
      first: worst.first,
      consumedCapacity: { small: small.consumed, big: worst.consumed },
      p50Ms: { small: round(median(times.small)), big: round(median(times.big)) },
      largeOverSmall: round(median(times.big) / median(times.small)),
    };
    log(`adversarial ${name}: p50 ${round(median(times.big))} ms at the large size, ${worst.consumed} RCU`);
  }
  await proxy.stop();
  return figures;
}

await main();
