import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Kind,
  TypeInfo,
  concatAST,
  getNamedType,
  isAbstractType,
  isObjectType,
  getOperationAST,
  parse,
  print,
  specifiedRules,
  validate,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLSchema } from 'graphql';
import { limitRules, limits } from '../../functions/graphql/limits.ts';
import * as generated from '../../schema/generated/documents.ts';
import { projectRoot } from '../../schema/tools/codegen.ts';
import { servedSchema } from '../../schema/tools/served-schema.ts';

const folder = join(projectRoot, 'schema/documents');
const sources = readdirSync(folder)
  .filter((name) => name.endsWith('.graphql'))
  .map((name) => ({ name, document: parse(readFileSync(join(folder, name), 'utf8')) }));
/** The front end's operations together, as one client would know them: fragments are shared. */
const all = concatAST(sources.map((source) => source.document));
const operations = all.definitions.filter(
  (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
);

/** The generated typed documents: what a front end imports and sends, each with the fragments it uses. */
const typedDocuments = Object.entries(generated).filter((entry): entry is [string, DocumentNode] =>
  entry[0].endsWith('Document'),
);

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await servedSchema();
});

/** The root fields (`Query.member`, `Mutation.addMember`) an operation selects. */
function rootFields(operation: OperationDefinitionNode): string[] {
  const root = operation.operation === 'query' ? 'Query' : 'Mutation';
  return operation.selectionSet.selections.flatMap((selection) =>
    selection.kind === Kind.FIELD ? [`${root}.${selection.name.value}`] : [],
  );
}

describe('the front-end operations in schema/documents', () => {
  it('are valid against the schema the server serves, each named, no name used twice, no fragment unused', () => {
    expect(sources.length).toBeGreaterThan(0);
    expect(validate(schema, all, specifiedRules).map((error) => error.message)).toEqual([]);
    expect(operations.filter((operation) => !operation.name).map(print)).toEqual([]);
  });

  it('cover every query and mutation of the schema', () => {
    const used = new Set(operations.flatMap(rootFields));
    const offered = [schema.getQueryType(), schema.getMutationType()].flatMap((type) =>
      type ? Object.keys(type.getFields()).map((field) => `${type.name}.${field}`) : [],
    );
    expect(
      offered.filter((field) => !used.has(field)),
      'Add an operation for each of these to schema/documents',
    ).toEqual([]);
  });

  it('come out as one typed document each, carrying just the fragments it needs', () => {
    expect(typedDocuments.map(([name]) => name).sort()).toEqual(
      operations.map((operation) => `${operation.name?.value}Document`).sort(),
    );
    for (const [name, document] of typedDocuments) {
      expect(
        validate(schema, document, specifiedRules).map((error) => error.message),
        name,
      ).toEqual([]);
      expect(getOperationAST(document)?.name?.value, name).toBe(name.replace(/Document$/, ''));
    }
  });

  it("stay within the server's depth, alias, directive, cost and token limits", () => {
    for (const [name, document] of typedDocuments) {
      const sent = print(document);
      expect(() => parse(sent, { maxTokens: limits.tokens }), name).not.toThrow();
      expect(
        validate(schema, document, limitRules).map((error) => error.message),
        name,
      ).toEqual([]);
    }
  });

  it('select the fields a front end shows, such as every scalar of a member', () => {
    const memberFields = all.definitions.find(
      (definition) => definition.kind === Kind.FRAGMENT_DEFINITION && definition.name.value === 'MemberFields',
    );
    const selected = new Set<string>();
    if (memberFields) visit(memberFields, { Field: (field) => void selected.add(field.name.value) });
    expect([...selected]).toEqual(
      expect.arrayContaining(['country', 'name', 'status', 'joinedOn', 'focalPoint', 'isCoChair', 'revision']),
    );
  });

  it('select id wherever they select an entity, so default caches normalise it by id', () => {
    const unkeyed: string[] = [];
    for (const [name, document] of typedDocuments) {
      const fragments = new Map(
        document.definitions
          .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
          .map((fragment) => [fragment.name.value, fragment]),
      );
      // The response keys a selection gives an object of this type, through fragments that apply to it.
      const keys = (set: SelectionSetNode, type: GraphQLObjectType): string[] =>
        set.selections.flatMap((selection) => {
          if (selection.kind === Kind.FIELD) return [(selection.alias ?? selection.name).value];
          const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
          const condition = fragment?.typeCondition?.name.value;
          const applies =
            condition === undefined ||
            condition === type.name ||
            type.getInterfaces().some((implemented) => implemented.name === condition);
          return fragment && applies ? keys(fragment.selectionSet, type) : [];
        });
      const info = new TypeInfo(schema);
      visit(
        document,
        visitWithTypeInfo(info, {
          Field(field) {
            const type = getNamedType(info.getType());
            if (!field.selectionSet || !type) return;
            const entities = isAbstractType(type) ? schema.getPossibleTypes(type) : isObjectType(type) ? [type] : [];
            for (const entity of entities) {
              const isNode = entity.getInterfaces().some((implemented) => implemented.name === 'Node');
              if (isNode && !keys(field.selectionSet, entity).includes('id'))
                unkeyed.push(`${name}: ${field.name.value} (${entity.name})`);
            }
          },
        }),
      );
    }
    expect(unkeyed).toEqual([]);
  });
});
