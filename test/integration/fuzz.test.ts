import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import {
  buildASTSchema,
  getNamedType,
  getOperationAST,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  parse,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { estimateCost } from '../../functions/graphql/cost.ts';
import { limits } from '../../functions/graphql/limits.ts';
import { typeDefs } from '../../functions/graphql/server.ts';
import { createDocumentClient } from '../../functions/shared/data/dynamo.ts';
import { tableIds } from '../../functions/shared/data/tables.ts';
import { callers, createTestApi, type Identity, type TestApi } from '../support/api.ts';
import { sampleOperationIds } from '../support/samples.ts';

/**
 * Walks the schema and sends every argument of every query and mutation valid-shaped but hostile
 * values, one at a time with the rest valid: every answer must be data or a listed error code,
 * never INTERNAL_SERVER_ERROR, a stack or AWS text, and a refused mutation changes no table.
 */
const schema = buildASTSchema(parse(typeDefs.join('\n')));
const listed = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'MAX_COST_EXCEEDED',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
]);
const leaks = /\bat [\w.<>]+ \(|node_modules|arn:aws|dynamodb|Exception|stacktrace/i;

const strings = [
  '',
  '   ',
  '\t\n',
  'x'.repeat(100_001),
  'x'.repeat(2_001),
  'x'.repeat(201),
  '🌏'.repeat(201),
  'a\u0000b',
  '\u0007\u001b[31m',
  '\ud800',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, sent as plain text on purpose
  '${process.env}',
  'Ünïcødé ✓ 中文 العربية',
];
const hostile: Record<string, unknown[]> = {
  String: strings,
  ID: ['', 'x'.repeat(10_000), '../../etc/passwd', '00000000-0000-0000-0000-000000000000', 42, ...strings.slice(7, 10)],
  Int: [-1, 0, -2147483648, 2147483647, 2147483648, 1.5, Number.MAX_SAFE_INTEGER, '1', true],
  Boolean: ['true', 0],
  CountryCode: ['ZZ', 'XK', 'nz', 'NZL', '', ' NZ', 42, 'N\u0000'],
  Date: [
    '2024-02-30',
    '2023-02-29',
    '2024-13-01',
    '0000-00-00',
    '99999-01-01',
    '2024-1-1',
    'yesterday',
    '',
    20240101,
    '2024-01-01T00:00:00Z',
  ],
  DateTime: ['2024-02-30T00:00:00Z', 'now', ''],
};

/** A valid value of a type, to fill every argument not under test. */
function valid(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return valid(type.ofType);
  if (isListType(type)) return [valid(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type))
    return Object.fromEntries(Object.values(type.getFields()).map((field) => [field.name, valid(field.type)]));
  const samples: Record<string, unknown> = {
    String: 'Valid text',
    ID: sampleOperationIds.coralTide,
    Int: 1,
    Boolean: true,
    CountryCode: 'NZ',
    Date: '2026-12-01',
    DateTime: '2026-12-01T00:00:00.000Z',
  };
  return samples[getNamedType(type).name];
}

/** Every (path, hostile value) for the leaves under a type; lists and objects get their own. */
function cases(type: GraphQLInputType, path: (string | number)[]): [(string | number)[], unknown][] {
  if (isNonNullType(type)) return [...cases(type.ofType, path), [path, null]];
  if (isListType(type))
    return [
      [path, []],
      [path, Array(1000).fill(valid(type.ofType))],
      [path, 'not a list'],
      ...cases(type.ofType, [...path, 0]),
    ];
  if (isEnumType(type))
    return [
      [path, 'NOT_A_VALUE'],
      [path, ''],
      [path, 7],
    ];
  if (isInputObjectType(type)) {
    return [
      [path, 'not an object'],
      [path, { unknown: 1 }],
      ...Object.values(type.getFields()).flatMap((field) => cases(field.type, [...path, field.name])),
    ];
  }
  if (isScalarType(type)) return (hostile[type.name] ?? []).map((value) => [path, value]);
  return [];
}

function replaced(value: unknown, path: (string | number)[], by: unknown): unknown {
  if (path.length === 0) return by;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(value)) return value.map((item, index) => (index === head ? replaced(item, rest, by) : item));
  return {
    ...(value as Record<string, unknown>),
    [head]: replaced((value as Record<string, unknown>)[head], rest, by),
  };
}

function document(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const variables = field.args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
  const args = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
  return `${kind} Fuzz${variables ? `(${variables})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`;
}

/** Officials act on operations and JPAs they join; the secretariat does the rest. */
const callerFor = (field: string): Identity =>
  ['createOperation', 'updateOperation', 'recordOutcomes', 'joinJpa'].includes(field)
    ? { sub: 'au-official', country: 'AU' }
    : callers.secretariat;

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});

async function tablesDigest(): Promise<string> {
  const client = createDocumentClient({ endpoint: api.endpoint });
  const all = await Promise.all(
    tableIds.map(async (id) => (await client.send(new ScanCommand({ TableName: api.tableNames[id] }))).Items ?? []),
  );
  return JSON.stringify(all.map((items) => items.map((item) => JSON.stringify(item)).sort()));
}

describe('hostile input to every field', () => {
  for (const kind of ['query', 'mutation'] as const) {
    const root = kind === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
    for (const field of Object.values(root.getFields())) {
      it(`${kind} ${field.name}: answers data or a listed error, never an internal one, and refused changes write nothing`, async () => {
        const base = Object.fromEntries(field.args.map((arg) => [arg.name, valid(arg.type)]));
        const all = field.args.flatMap((arg) => cases(arg.type, [arg.name]));
        let before = kind === 'mutation' ? await tablesDigest() : '';
        let sentHere = 0;
        for (const [path, value] of all) {
          const variables = replaced(base, path, value) as Record<string, unknown>;
          const response = await api.call(callerFor(field.name), document(kind, field), variables);
          sentHere += 1;
          const context = `${field.name} ${path.join('.')} = ${JSON.stringify(value)?.slice(0, 60)}`;
          expect(response.status, context).toBeLessThan(500);
          for (const error of response.errors ?? [])
            expect(listed.has(error.extensions.code), `${context}: ${error.extensions.code} ${error.message}`).toBe(
              true,
            );
          expect(response.raw, context).not.toMatch(leaks);
          if (kind === 'mutation') {
            const after = await tablesDigest();
            if (response.errors) expect(after, `${context} changed the tables`).toBe(before);
            before = after;
          }
        }
        // Counted here, where it is sent: every generated case of this field went out, and a field
        // with arguments has cases.
        expect(sentHere).toBe(all.length);
        if (field.args.length > 0) expect(sentHere, `${field.name} has hostile cases`).toBeGreaterThan(0);
      });
    }
  }

  it('sent a few thousand hostile inputs', () => {
    // Counted in this test, from the schema, whatever else has run: each field's test above checks
    // that it sent every one of its cases.
    const sent = (['query', 'mutation'] as const)
      .flatMap((kind) =>
        Object.values((kind === 'query' ? schema.getQueryType()! : schema.getMutationType()!).getFields()),
      )
      .reduce((sum, field) => sum + field.args.flatMap((arg) => cases(arg.type, [arg.name])).length, 0);
    expect(sent).toBeGreaterThan(500);
    expect(sent).toBeGreaterThanOrEqual(1000);
    console.info(`fuzz: ${sent} generated inputs`);
  });
});

/**
 * The most expensive shapes the limits admit: for each, the largest `n` whose estimate is within
 * the cost limit, at the alias and depth limits. Each must answer, never INTERNAL_SERVER_ERROR.
 */
describe('the most expensive documents the limits admit', () => {
  const aliased = (n: number, selection: string) =>
    `{ ${Array.from({ length: n }, (_, index) => `a${index}: ${selection}`).join(' ')} }`;
  const node =
    'id codeName status startsOn endsOn summary handling crimeTypes revision outcomes { arrests } jpa { number title } lead { name isCoChair } participants { country name }';
  const shapes: [string, (n: number) => string, number][] = [
    [
      'the widest page of a JPA',
      (n) =>
        `{ jpa(number: 8) { title participants { name } outcomes { arrests } operations(first: ${n}) { edges { cursor node { ${node} } } pageInfo { hasNextPage endCursor } } } }`,
      100,
    ],
    [
      'pages under every alias',
      (n) => aliased(limits.aliases, `operations(first: ${n}) { edges { node { id lead { name } } } }`),
      100,
    ],
    [
      'wide pages under as many aliases as admitted',
      (n) => aliased(n, `operations(country: "VN", first: 100) { edges { node { ${node} } } }`),
      limits.aliases,
    ],
    [
      'the deepest path',
      (n) =>
        `{ jpa(number: 8) { operations(first: ${n}) { edges { node { participants { coChairTerms { member { agencies { name } } } } } } } } }`,
      100,
    ],
    [
      'co-chair terms of co-chair terms under aliases',
      (n) =>
        aliased(
          n,
          'member(country: "NZ") { coChairTerms { member { coChairTerms { member { name focalPoint { email } } } } } }',
        ),
      limits.aliases,
    ],
    [
      'members and the whole co-chair history',
      (n) =>
        `{ members { name agencies { name kind } focalPoint { email } isCoChair } coChairHistory { member { coChairTerms { startsOn } } } operations(first: ${n}) { edges { node { ${node} } } } }`,
      100,
    ],
    [
      'audit pages under every alias',
      (n) =>
        aliased(
          limits.aliases,
          `auditEvents(first: ${n}) { edges { cursor node { id at actor actorCountry action entity summary } } pageInfo { endCursor } }`,
        ),
      100,
    ],
    [
      'line diffs under as many aliases as admitted',
      (n) => aliased(n, 'termsOfReference(version: 2) { changesFrom(version: 1) { kind text lineCount } }'),
      limits.aliases,
    ],
  ];
  const cost = (query: string) =>
    estimateCost(schema, parse(query), {}, getOperationAST(parse(query)) ?? undefined) ?? Infinity;

  it.each(shapes)('%s: answers within the limits, never an internal error', async (_, shape, largest) => {
    let n = 1;
    while (n < largest && cost(shape(n + 1)) <= limits.cost) n += 1;
    const query = shape(n);
    expect(cost(query)).toBeLessThanOrEqual(limits.cost);
    for (const caller of [callers.secretariat, callers.official]) {
      const response = await api.call(caller, query);
      expect(response.status, query).toBeLessThan(500);
      const codes = (response.errors ?? []).map((error) => error.extensions.code);
      expect(
        codes.filter(
          (code) =>
            code === 'INTERNAL_SERVER_ERROR' || code === 'MAX_COST_EXCEEDED' || code === 'GRAPHQL_VALIDATION_FAILED',
        ),
        query,
      ).toEqual([]);
      expect(response.raw).not.toMatch(leaks);
    }
  });

  it('includes shapes just under the cost limit', () => {
    const estimates = shapes.map(([, shape, largest]) => {
      let n = 1;
      while (n < largest && cost(shape(n + 1)) <= limits.cost) n += 1;
      return cost(shape(n));
    });
    expect(Math.max(...estimates)).toBeGreaterThan(limits.cost * 0.95);
    console.info(
      `fuzz: admitted shapes estimated at ${estimates.map((estimate) => Math.round(estimate)).join(', ')} (limit ${limits.cost})`,
    );
  });
});
