import { ApolloServer } from '@apollo/server';
import { buildSchema, graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { formatError } from '../../functions/graphql/errors.ts';
import { executorOptions } from '../../functions/graphql/executor.ts';
import { ForbiddenError } from '../../functions/shared/domain/errors.ts';
import { executions, type Execution } from '../../functions/shared/runtime/config.ts';

const sdl = /* GraphQL */ `
  type Query {
    countries(first: Int = 2): [Country!]!
    country(code: String!): Country
    forbidden: String
    broken: Country!
  }
  type Country {
    code: String!
    name: String!
    neighbours: [Country!]!
    secret: String!
  }
`;

const countries = [
  { code: 'NZ', name: 'New Zealand', neighbours: ['AU'] },
  { code: 'AU', name: 'Australia', neighbours: ['NZ', 'ID'] },
  { code: 'ID', name: 'Indonesia', neighbours: ['AU'] },
];
type CountryRecord = (typeof countries)[number];

/** A small schema with the shapes the API uses: lists, nesting, defaults, nulls and thrown errors. */
function testSchema(calls: string[]) {
  const schema = buildSchema(sdl);
  const byCode = (code: string) => countries.find((country) => country.code === code) ?? null;
  const resolvers: Record<string, Record<string, (source: never, args: never) => unknown>> = {
    Query: {
      countries: (_: never, { first }: { first: number }) => {
        calls.push('countries');
        return countries.slice(0, first);
      },
      country: async (_: never, { code }: { code: string }) => {
        calls.push('country');
        return byCode(code);
      },
      forbidden: async () => {
        throw new ForbiddenError('your role may not read this');
      },
      broken: () => null,
    },
    Country: {
      neighbours: (country: CountryRecord) => country.neighbours.map(byCode),
      secret: () => {
        throw new ForbiddenError('not yours');
      },
    },
  };
  for (const [typeName, fields] of Object.entries(resolvers)) {
    const type = schema.getType(typeName) as { getFields(): Record<string, { resolve?: unknown }> };
    for (const [name, resolve] of Object.entries(fields)) type.getFields()[name]!.resolve = resolve;
  }
  return schema;
}

/** The answer of Apollo with the executor `execution` names, and graphql-js's own, for reference. */
async function bothWays(
  execution: Execution,
  query: string,
  variables: Record<string, unknown> = {},
  operationName?: string,
) {
  const calls: string[] = [];
  const schema = testSchema(calls);
  const server = new ApolloServer({ ...executorOptions(execution, schema, sdl), formatError });
  await server.start();
  const response = await server.executeOperation({ query, variables, ...(operationName ? { operationName } : {}) });
  await server.stop();
  const served = response.body.kind === 'single' ? response.body.singleResult : undefined;
  const reference = await graphql({
    schema: testSchema([]),
    source: query,
    variableValues: variables,
    ...(operationName ? { operationName } : {}),
  });
  return { served, reference, calls };
}

/** JSON with every object's members sorted by name: own members only, `__proto__` included. */
function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_, member: unknown) =>
    member && typeof member === 'object' && !Array.isArray(member)
      ? Object.fromEntries(Object.entries(member).sort(([a], [b]) => a.localeCompare(b)))
      : member,
  );
}

// The same answers under both executors: graphql-jit behind Apollo's gateway interface, and Apollo's own graphql-js.
describe.each(executions)('execution %s behind Apollo', (execution) => {
  const answer = (query: string, variables?: Record<string, unknown>, operationName?: string) =>
    bothWays(execution, query, variables, operationName);

  const sameAsGraphqlJs = [
    ['lists, nesting and argument defaults', '{ countries { code neighbours { name } } }', {}],
    [
      'arguments from variables, aliases and fragments',
      'query ($first: Int) { a: countries(first: $first) { ...F } b: country(code: "ID") { ...F } } fragment F on Country { name }',
      { first: 3 },
    ],
    [
      '@include and @skip by variable',
      'query ($yes: Boolean!) { countries { code name @include(if: $yes) neighbours @skip(if: $yes) { code } } }',
      { yes: true },
    ],
    ['a null for a missing item', '{ country(code: "FJ") { name } }', {}],
  ] as const;
  for (const [what, query, variables] of sameAsGraphqlJs) {
    it(`answers ${what} exactly as graphql-js does`, async () => {
      const { served, reference } = await answer(query, variables);
      expect(served?.errors).toBeUndefined();
      // Member order included: the spec answers fields in the order they were asked for.
      expect(JSON.stringify(served?.data)).toBe(JSON.stringify(reference.data));
    });
  }

  it("answers aliases named after Object's own properties as graphql-js does, and pollutes no prototype", async () => {
    const query =
      '{ __proto__: country(code: "NZ") { constructor: name } toString: countries(first: 1) { __proto__: code } }';
    const { served, reference } = await answer(query);
    expect(served?.errors).toBeUndefined();
    // The same members with the same values; graphql-jit may put a `__proto__` alias last.
    expect(sortedJson(served?.data)).toBe(
      '{"__proto__":{"constructor":"New Zealand"},"toString":[{"__proto__":"NZ"}]}',
    );
    expect(sortedJson(served?.data)).toBe(sortedJson(reference.data));
    expect(({} as Record<string, unknown>).code).toBeUndefined();
    expect(({} as Record<string, unknown>).name).toBeUndefined();
  });

  it("keeps a resolver's error with its code, path and locations", async () => {
    const { served } = await answer('{ forbidden }');
    expect(served?.data).toEqual({ forbidden: null });
    expect(served?.errors).toEqual([
      {
        message: 'your role may not read this',
        locations: [{ line: 1, column: 3 }],
        path: ['forbidden'],
        extensions: { code: 'FORBIDDEN' },
      },
    ]);
  });

  it('nulls the nearest nullable parent of a failed non-null field, as graphql-js does', async () => {
    const { served, reference } = await answer('{ country(code: "NZ") { code secret } }');
    expect(served?.data).toEqual({ country: null });
    expect(served?.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
      [['country', 'secret'], 'FORBIDDEN'],
    ]);
    expect(reference.errors?.map((error) => error.path)).toEqual([['country', 'secret']]);
  });

  it('answers a non-null field that resolves to null as an internal error without detail', async () => {
    const { served } = await answer('{ broken { code } }');
    expect(served?.data).toBeNull();
    expect(served?.errors).toEqual([
      {
        message: 'Internal server error',
        locations: [{ line: 1, column: 3 }],
        path: ['broken'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
    ]);
  });

  it('refuses a variable of the wrong type with BAD_USER_INPUT before any resolver runs', async () => {
    const { served, calls } = await answer('query ($first: Int) { countries(first: $first) { code } }', {
      first: 'many',
    });
    expect(served?.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(served?.data).toBeUndefined();
    expect(calls).toEqual([]);
  });

  it('runs the operation that operationName names when a document holds several', async () => {
    const document = 'query One { country(code: "NZ") { name } } query Two { country(code: "AU") { name } }';
    expect((await answer(document, {}, 'One')).served?.data).toEqual({ country: { name: 'New Zealand' } });
    expect((await answer(document, {}, 'Two')).served?.data).toEqual({ country: { name: 'Australia' } });
  });
});
