import { optionsFromEnv, startLocalEnvironment, type LocalOptions } from './environment.ts';

/** A bad variable or a failed start: one line saying why, no stack. */
function couldNotStart(error: unknown): never {
  process.stderr.write(`could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
function documentsLine(mode: 'open' | 'trusted'): string {
  return mode === 'trusted' ? "trusted, only the manifest's documents run" : 'open, any document runs';
}

/** `npm start`: the API on DynamoDB Local with sample data, until Ctrl-C or SIGTERM. */
let options: LocalOptions;
try {
  options = optionsFromEnv(process.env);
} catch (error) {
  couldNotStart(error);
}
const environment = await startLocalEnvironment(options).catch(couldNotStart);

process.stdout.write(
  [
    `Bali Process Disruption Working Group API on ${environment.url}`,
    `  DynamoDB: ${environment.dynamoEndpoint} (data: ${options.dynamoEndpoint ? 'external' : options.dataDir})`,
    `  sample data: ${environment.loadedSampleData ? 'loaded' : 'already present, kept'}`,
    `  executor: ${options.execution ?? 'jit'} (GRAPHQL_EXECUTION=jit|graphql-js)`,
    `  documents: ${documentsLine(options.documents ?? 'open')} (DOCUMENTS=open|trusted)`,
    `  token:   curl -s -X POST ${environment.url}/dev/token -H 'content-type: application/json' -d '{"sub":"alice","groups":["secretariat"]}'`,
    `  graphql: POST or GET ${environment.url}/graphql with Authorization: Bearer <token>`,
    '',
  ].join('\n'),
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: stopping\n`);
    environment.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
