import { defineConfig } from 'vitest/config';

// The layers that need DynamoDB Local share one for the run; each test file makes its own tables.
const dynamoLocal = ['test/support/global-setup.ts'];

export default defineConfig({
  // graphql 16 ships a CommonJS and an ESM build; Node (and so Apollo, loaded by Node) takes the
  // CommonJS one, Vite would give our sources the other. One graphql per process, as on Lambda.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT', AWS_REGION: 'local' },
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // The layers, run one at a time with `npm run test:<name>` and all together by `vitest run`.
    projects: [
      // In-process code and the schema tools: no DynamoDB Local, so no Java, and done in seconds.
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/schema/**/*.test.ts'] } },
      // The handler against DynamoDB Local, and the CDK app synthesised and bundled with esbuild.
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/infra/**/*.test.ts'],
          globalSetup: dynamoLocal,
        },
      },
      // Whole processes: npm scripts, the local server, the IDE in Chromium, the benchmark.
      {
        extends: true,
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts', 'test/bench/**/*.test.ts'], globalSetup: dynamoLocal },
      },
    ],
  },
});
