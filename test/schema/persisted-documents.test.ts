import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getOperationAST, Kind, parse, specifiedRules, validate, visit, type DocumentNode } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLSchema } from 'graphql';
import * as generated from '../../schema/generated/documents.ts';
import { persistedDocumentsFile, projectRoot } from '../../schema/tools/codegen.ts';
import { servedSchema } from '../../schema/tools/served-schema.ts';
import { clientOperations } from '../support/client-documents.ts';

/** The manifest as the function ships it and a front end's build reads it. */
const manifest: Record<string, string> = JSON.parse(readFileSync(join(projectRoot, persistedDocumentsFile), 'utf8'));
const entries = Object.entries(manifest);

/** What a front end imports: each typed document carries the hash its persisted-queries link sends. */
const typedDocuments = Object.entries(generated).filter(
  (entry): entry is [string, DocumentNode & { __meta__?: { hash?: unknown } }] => entry[0].endsWith('Document'),
);

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await servedSchema();
});

describe('the persisted-documents manifest', () => {
  it('names each document by sha256: and the lower-case hex SHA-256 of its exact text', () => {
    expect(entries.length).toBeGreaterThan(0);
    for (const [id, text] of entries) {
      expect(id).toBe(`sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`);
    }
  });

  it('holds every client operation once, as a document the served schema runs', () => {
    const named = entries.map(([, text]) => getOperationAST(parse(text))?.name?.value);
    expect(named.sort()).toEqual(clientOperations.map((operation) => operation.name?.value).sort());
    for (const [id, text] of entries) {
      expect(
        validate(schema, parse(text), specifiedRules).map((error) => error.message),
        id,
      ).toEqual([]);
    }
  });

  it('selects __typename in every selection set below the root, so the answer to a hash can fill a normalised cache', () => {
    for (const [id, text] of entries) {
      visit(parse(text), {
        SelectionSet: (set, _key, parent) => {
          if (parent !== undefined && 'kind' in parent && parent.kind === Kind.OPERATION_DEFINITION) return;
          const typename = set.selections.some(
            (selection) => selection.kind === Kind.FIELD && selection.name.value === '__typename',
          );
          expect(typename, id).toBe(true);
        },
      });
    }
  });

  it("is what the typed documents' __meta__.hash points at: the bare hex of the same operation", () => {
    expect(typedDocuments.length).toBe(entries.length);
    for (const [name, document] of typedDocuments) {
      const hash = document.__meta__?.hash;
      expect(hash, name).toMatch(/^[0-9a-f]{64}$/);
      const text = manifest[`sha256:${String(hash)}`];
      expect(text, name).toBeDefined();
      expect(getOperationAST(parse(text ?? ''))?.name?.value, name).toBe(getOperationAST(document)?.name?.value);
    }
  });
});
