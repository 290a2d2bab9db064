import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  documentTypesFile,
  generateFiles,
  persistedDocumentsFile,
  projectRoot,
  resolverTypesFile,
} from '../../schema/tools/codegen.ts';

describe('the generated types and manifest', () => {
  it('are what the generator makes from the committed snapshot and operations today', async () => {
    const files = await generateFiles();
    expect(files.map((file) => file.path).sort()).toEqual(
      [documentTypesFile, persistedDocumentsFile, resolverTypesFile].sort(),
    );
    for (const file of files) {
      expect(
        readFileSync(join(projectRoot, file.path), 'utf8'),
        `${file.path} is stale: run npm run schema:update`,
      ).toBe(file.content);
    }
  });
});
