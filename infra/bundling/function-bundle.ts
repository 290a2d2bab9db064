import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';

/** The project root: esbuild resolves entries and aliases from here. */
export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * How the Lambda bundle is built, in one place: the CDK construct (infra/constructs/
 * graphql-function.ts) and the benchmark's baseline (test/bench/) use exactly these settings.
 * One minified ESM file with every dependency inside, the SDK included.
 */
export const functionBundle = {
  entry: 'functions/graphql/handler.ts',
  format: 'esm',
  platform: 'node',
  target: 'node24',
  minify: true,
  sourcemap: false,
  mainFields: ['module', 'main'],
  /**
   * Libraries read NODE_ENV to leave out development checks; Lambda does not set it. graphql-js's
   * development build looks for a second copy of itself on every failed `instanceof`, which cost
   * about 18 % of the handler's time on a page of twenty items.
   */
  define: { 'process.env.NODE_ENV': '"production"' },
  /** Lets the ESM bundle `require()` the CommonJS parts of dependencies. */
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
  /**
   * Code a bare Apollo Lambda carries for nothing, replaced by small stand-ins (each file says
   * why it is safe): Apollo's usage reporting, @graphql-tools (the schema is built with graphql-js),
   * the SDK's credential chain beyond the environment, where Lambda puts the role's credentials,
   * and graphql-jit's optional JSON serializer; and Apollo's hashing, which bundled would take a
   * SHA-256 written in JavaScript over Node's native one.
   */
  alias: {
    '@apollo/usage-reporting-protobuf': './infra/bundling/usage-reporting-left-out.cjs',
    '@graphql-tools/schema': './infra/bundling/graphql-tools-left-out.cjs',
    '@aws-sdk/credential-provider-node': './infra/bundling/credentials-from-environment.mjs',
    'fast-json-stringify': './infra/bundling/fast-json-stringify-left-out.cjs',
    '@apollo/utils.createhash': './infra/bundling/createhash-node.cjs',
    // graphql-jit reaches into graphql's CommonJS files, which would put a second graphql (with its
    // own classes, so `instanceof` fails across the two) next to the ESM one everything else uses.
    'graphql/error/index.js': 'graphql/error/index.mjs',
    'graphql/execution/execute.js': 'graphql/execution/execute.mjs',
    'graphql/jsutils/Path.js': 'graphql/jsutils/Path.mjs',
    'graphql/utilities/index.js': 'graphql/utilities/index.mjs',
  },
} as const;

/** The same settings for esbuild's API, for an entry and an output file. */
export function esbuildOptions(
  entryPoint: string,
  outfile: string,
  alias: Record<string, string> = functionBundle.alias,
): BuildOptions {
  return {
    entryPoints: [entryPoint],
    outfile,
    bundle: true,
    absWorkingDir: projectRoot,
    format: functionBundle.format,
    platform: functionBundle.platform,
    target: functionBundle.target,
    minify: functionBundle.minify,
    sourcemap: functionBundle.sourcemap,
    mainFields: [...functionBundle.mainFields],
    banner: { js: functionBundle.banner },
    define: { ...functionBundle.define },
    alias,
    logLevel: 'error',
  };
}
