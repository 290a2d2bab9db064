import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { projectRoot, schemaSnapshot } from '../../schema/tools/codegen.ts';
import { compareWithSnapshot } from '../../schema/tools/schema-guard.ts';
import { servedSchemaSdl, servedSchema } from '../../schema/tools/served-schema.ts';

const snapshot = readFileSync(join(projectRoot, schemaSnapshot), 'utf8');

describe(`the schema guard (${schemaSnapshot})`, () => {
  it('finds no breaking change between the committed snapshot and the schema the server serves', async () => {
    const { breaking } = compareWithSnapshot(snapshot, await servedSchema());
    expect(
      breaking,
      'These changes break front ends built against the snapshot. Make the change additive (a new field, an optional ' +
        'argument, @deprecated), or, once front ends are ready: npm run schema:update -- --allow-breaking',
    ).toEqual([]);
  });

  it('holds exactly the schema the server serves', async () => {
    expect(
      await servedSchemaSdl(),
      'The schema changed without breaking anything: record it (and regenerate the types) with npm run schema:update',
    ).toBe(snapshot);
  });

  it('reports a removed field, a changed type and a newly required argument as breaking', async () => {
    const changed = snapshot
      .replace(/^ {2}"""The country's focal point.*\n {2}focalPoint: Contact\n/m, '')
      .replace('revision: Int!', 'revision: String!')
      .replaceAll('first: Int = 20', 'first: Int!');
    expect(changed).not.toBe(snapshot);
    const { breaking } = compareWithSnapshot(snapshot, buildSchema(changed));
    expect(breaking).toEqual(
      expect.arrayContaining([
        'FIELD_REMOVED: Member.focalPoint was removed.',
        expect.stringMatching(/^FIELD_CHANGED_KIND: \w+\.revision changed type from Int! to String!\.$/),
        'ARG_CHANGED_KIND: Query.operations arg first has changed type from Int to Int!.',
      ]),
    );
  });
});
