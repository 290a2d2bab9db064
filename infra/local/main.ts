import { optionsFromEnv, startLocalEnvironment } from './environment.ts';

/** `npm start`: the API on DynamoDB Local with sample data, until Ctrl-C or SIGTERM. */
const options = optionsFromEnv(process.env);
const environment = await startLocalEnvironment(options).catch((error: unknown) => {
  process.stderr.write(`could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

process.stdout.write(
  [
    `Bali Process Disruption Working Group API on ${environment.url}`,
    `  DynamoDB: ${environment.dynamoEndpoint} (data: ${options.dynamoEndpoint ? 'external' : options.dataDir})`,
    `  sample data: ${environment.loadedSampleData ? 'loaded' : 'already present, kept'}`,
    `  token:   curl -s -X POST ${environment.url}/dev/token -H 'content-type: application/json' -d '{"sub":"alice","groups":["secretariat"]}'`,
    `  graphql: POST ${environment.url}/graphql with Authorization: Bearer <token>`,
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
