import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildSchema } from 'graphql';
import { generateFiles, projectRoot, schemaSnapshot } from './codegen.ts';
import { compareWithSnapshot } from './schema-guard.ts';
import { servedSchemaSdl } from './served-schema.ts';

/**
 * `npm run schema:update`: records the served schema in the snapshot and regenerates the
 * resolver and operation types from it. A breaking change is recorded only with
 * `--allow-breaking`, so that breaking front ends is always a decision, never a side effect.
 */
const allowBreaking = process.argv.includes('--allow-breaking');
const snapshotPath = join(projectRoot, schemaSnapshot);
const sdl = await servedSchemaSdl();

if (existsSync(snapshotPath)) {
  const { breaking, dangerous } = compareWithSnapshot(readFileSync(snapshotPath, 'utf8'), buildSchema(sdl));
  for (const change of dangerous) process.stdout.write(`dangerous (front ends may need a look): ${change}\n`);
  for (const change of breaking) process.stdout.write(`BREAKING: ${change}\n`);
  if (breaking.length > 0 && !allowBreaking) {
    process.stderr.write(
      `\n${breaking.length} breaking change(s) against ${schemaSnapshot}; nothing written.\n` +
        'Make the change additive (new field, optional argument, deprecation), or if front ends are ready for it:\n' +
        '  npm run schema:update -- --allow-breaking\n',
    );
    process.exit(1);
  }
}

writeFileSync(snapshotPath, sdl);
process.stdout.write(`wrote ${schemaSnapshot}\n`);
for (const file of await generateFiles()) {
  const path = join(projectRoot, file.path);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, file.content);
  process.stdout.write(`wrote ${file.path}\n`);
}
