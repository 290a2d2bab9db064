import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { esbuildOptions, functionBundle } from '../../infra/bundling/function-bundle.ts';

/** The inputs of the Lambda bundle, built with the settings the CDK construct and the benchmark use. */
async function bundleInputs(): Promise<string[]> {
  const { metafile } = await build({
    ...esbuildOptions(functionBundle.entry, 'index.mjs'),
    write: false,
    metafile: true,
  });
  return Object.keys(metafile.inputs);
}

describe('the Lambda bundle', () => {
  it('carries one graphql, its ESM build, so every `instanceof` sees the same classes', async () => {
    const graphqlFiles = (await bundleInputs()).filter((file) => file.startsWith('node_modules/graphql/'));
    expect(graphqlFiles.length).toBeGreaterThan(0);
    expect(graphqlFiles.filter((file) => !file.endsWith('.mjs'))).toEqual([]);
  });

  it('leaves out what it never runs: usage reporting, @graphql-tools, the credential chain, the JIT JSON serializer and a SHA-256 in JavaScript', async () => {
    const inputs = await bundleInputs();
    const leftOut = [
      '@apollo/usage-reporting-protobuf',
      '@graphql-tools/',
      '@aws-sdk/credential-provider-node',
      'fast-json-stringify',
      'ajv',
      'sha.js',
    ];
    expect(inputs.filter((file) => leftOut.some((name) => file.startsWith(`node_modules/${name}`)))).toEqual([]);
    expect(inputs).toContain('infra/bundling/fast-json-stringify-left-out.cjs');
    expect(inputs).toContain('infra/bundling/createhash-node.cjs');
  });

  it("carries the manifest of the front end's documents, which DOCUMENTS=trusted runs", async () => {
    expect(await bundleInputs()).toContain('schema/generated/persisted-documents.json');
  });
});
