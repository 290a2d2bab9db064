import { defineConfig } from 'vitest/config';

export default defineConfig({
  // graphql 16 ships a CommonJS and an ESM build; Node (and so Apollo, loaded by Node) takes the
  // CommonJS one, Vite would give our sources the other. One graphql per process, as on Lambda.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    include: ['test/**/*.test.ts'],
    // One DynamoDB Local for the whole run; each test file makes its own tables.
    globalSetup: ['test/support/global-setup.ts'],
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT', AWS_REGION: 'local' },
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
