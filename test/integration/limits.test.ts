import { randomBytes } from 'node:crypto';
import {
  buildASTSchema,
  getNullableType,
  getOperationAST,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  Lexer,
  parse,
  Source,
  TokenKind,
  typeFromAST,
  validate,
  type GraphQLInputType,
  type GraphQLObjectType,
  type OperationDefinitionNode,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { estimateCost } from '../../functions/graphql/cost.ts';
import { costWeights, limitRules, limits, listSizes } from '../../functions/graphql/limits.ts';
import { typeDefs } from '../../functions/graphql/server.ts';
import { createGraphqlHandler } from '../../functions/graphql/create-handler.ts';
import type { LambdaHandler } from '../../infra/local/http-server.ts';
import { apiGatewayEvent, lambdaContext } from '../../infra/local/lambda-event.ts';
import { callers, codes, countingClient, createTestApi, type TestApi } from '../support/api.ts';
import { clientDocuments, clientOperations } from '../support/client-documents.ts';

/** Each limit of functions/graphql/limits.ts, just under (answered) and just over (refused). */
let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});

const ask = (query: string) => api.call(callers.secretariat, query);
const accepted = async (query: string) => expect((await ask(query)).errors).toBeUndefined();
const refused = async (query: string, code = 'GRAPHQL_VALIDATION_FAILED') =>
  expect(codes(await ask(query))).toEqual([code]);

/**
 * A path `jpa → operations(first: 1) → edges → node → jpa → …` of `levels` fields, the leaf scalar
 * included: as deep as it gets and cheap, one item per level, so only the depth limit can refuse it.
 */
function nested(levels: number): string {
  const cycle = ['operations(first: 1)', 'edges', 'node', 'jpa'];
  const path = ['jpa(number: 8)'];
  while (path.length < levels - 1) path.push(cycle[(path.length - 1) % cycle.length]!);
  // A page has no scalar of its own: a path that would end on one ends on the JPA's totals instead.
  if (path.at(-1) === cycle[0]) path[path.length - 1] = 'outcomes';
  const leaf =
    ({ outcomes: 'arrests', edges: 'cursor', node: 'codeName' } as Record<string, string>)[path.at(-1)!] ?? 'title';
  return `{ ${path.map((field) => `${field} {`).join(' ')} ${leaf} ${'}'.repeat(path.length)} }`;
}

describe('limits on documents', () => {
  it(`answers a document ${limits.depth} levels deep and refuses one deeper`, async () => {
    const depthOf = (levels: number) => validate(schema, parse(nested(levels)), [limitRules[0]!]).length === 0;
    const deepest = Array.from({ length: 20 }, (_, index) => index + 2)
      .filter(depthOf)
      .at(-1)!;
    await accepted(nested(deepest));
    await refused(nested(deepest + 1));
    expect(deepest).toBeGreaterThanOrEqual(limits.depth - 1);
  });

  it(`answers ${limits.aliases} aliases and refuses ${limits.aliases + 1}`, async () => {
    const aliases = (n: number) =>
      `{ ${Array.from({ length: n }, (_, index) => `a${index}: viewer { subject }`).join(' ')} }`;
    await accepted(aliases(limits.aliases));
    await refused(aliases(limits.aliases + 1));
  });

  it(`answers ${limits.directives} directives and refuses ${limits.directives + 1}`, async () => {
    const directives = (n: number) => `{ viewer { ${'... @include(if: true) { subject } '.repeat(n)}} }`;
    await accepted(directives(limits.directives));
    await refused(directives(limits.directives + 1));
  });

  it(`parses ${limits.tokens} tokens and refuses ${limits.tokens + 1} while parsing`, async () => {
    // A list literal adds one token per item (commas are not tokens) without deepening or costing.
    const tokens = (n: number) => {
      const document = (items: number) =>
        `mutation { rotateCoChairs(input: { outgoing: [${'"NZ" '.repeat(items)}], incoming: [], effectiveOn: "2026-01-01" }) { startsOn } }`;
      return document(n - tokenCount(document(0)));
    };
    expect(tokenCount(tokens(limits.tokens))).toBe(limits.tokens);
    // Parsed and validated: the observer is then refused, which shows the document got that far.
    expect(codes(await api.call(callers.observer, tokens(limits.tokens)))).toEqual(['FORBIDDEN']);
    expect(codes(await api.call(callers.observer, tokens(limits.tokens + 1)))).toEqual(['GRAPHQL_PARSE_FAILED']);
  });
});

describe('the estimated cost', () => {
  /** A page of `first` operations: its calls (40) and its items, `first + 1` from each of two listings at most. */
  const page = (first: string | number) => `operations(first: ${first}) { edges { node { id } } }`;
  /** Every JPA's first `n` operations: 100 JPAs (docs/api.md's size), each with a page. */
  const pages = (first: string | number) => `jpas { ${page(first)} }`;
  /** Three pages of 100 and ten audit events: exactly the limit. */
  const atLimit = (last: string | number = 10) =>
    `${[0, 1, 2].map((index) => `a${index}: ${page(100)}`).join(' ')} a3: auditEvents(first: ${last}) { edges { node { id } } }`;
  const estimate = (query: string, variables: Record<string, unknown> = {}) => {
    const document = parse(query);
    return estimateCost(schema, document, variables, getOperationAST(document) ?? undefined);
  };
  const formatted = (cost: number) => cost.toLocaleString('en-US');
  const refusal = (cost: number) =>
    `The request's estimated cost ${formatted(cost)} is over the limit of ${formatted(limits.cost)}.`;

  it('counts a page at its first with its calls, a list without first at its largest size (docs/api.md), a reference at its resolution', () => {
    expect(estimate(`{ ${page(1)} }`)).toBe(40 + 2 * 1);
    expect(estimate(`{ ${page(100)} }`)).toBe(40 + 2 * 100);
    // Without first, a page counts at its default (20).
    expect(estimate('{ operations { edges { node { id } } } }')).toBe(40 + 2 * 20);
    expect(estimate('{ auditEvents(first: 10) { edges { node { id } } } }')).toBe(20 + 10);
    // A page under every JPA: 100 JPAs, each a page of its own.
    expect(estimate(`{ ${pages(1)} }`)).toBe(20 + 100 * (1 + 40 + 2));
    expect(estimate('{ members { country agencies { name } } }')).toBe(20 + 249);
    // Scalars, enums and the parts of an item cost nothing; references through the request's loader a hundredth.
    expect(estimate('{ viewer { subject roles } operation(id: "x") { crimeTypes outcomes { arrests } } }')).toBe(1);
    expect(estimate('{ jpa(number: 8) { participants { name } } }')).toBeCloseTo(1 + 2.49);
    expect(estimate('{ termsOfReference { changesFrom(version: 1) { kind } } }')).toBe(1 + 200);
  });

  it(`answers a request estimated at ${formatted(limits.cost)} and refuses one of ${formatted(limits.cost + 1)} with MAX_COST_EXCEEDED`, async () => {
    const overLimit = `{ ${atLimit()} workingGroup { name } }`;
    expect([estimate(`{ ${atLimit()} }`), estimate(overLimit)]).toEqual([limits.cost, limits.cost + 1]);
    await accepted(`{ ${atLimit()} }`);
    const over = await ask(overLimit);
    // A request error: 200 for a client that accepts application/json (docs/api.md, "Transport").
    expect(over.status).toBe(200);
    expect(over.data).toBeUndefined();
    expect(over.errors).toEqual([{ message: refusal(limits.cost + 1), extensions: { code: 'MAX_COST_EXCEEDED' } }]);
  });

  it('counts a first passed as a variable', async () => {
    const query = `query Pages($first: Int) { ${atLimit('$first')} }`;
    expect([estimate(query, { first: 10 }), estimate(query, { first: 11 }), estimate(query)]).toEqual([
      limits.cost,
      limits.cost + 1,
      limits.cost + 40,
    ]);
    expect((await api.call(callers.secretariat, query, { first: 10 })).errors).toBeUndefined();
    const over = await api.call(callers.secretariat, query, { first: 11 });
    expect(over.errors).toEqual([{ message: refusal(limits.cost + 1), extensions: { code: 'MAX_COST_EXCEEDED' } }]);
    // Estimates are kept per document and per value of the variables they read, not per document alone.
    expect((await api.call(callers.secretariat, query, { first: 10 })).errors).toBeUndefined();
    expect(codes(await api.call(callers.secretariat, query, { first: 11 }))).toEqual(['MAX_COST_EXCEEDED']);
    // `@include` and `@skip` are resolved with the variables too: a skipped field costs nothing.
    const optional = `query Optional($more: Boolean!) { ${atLimit()} workingGroup @include(if: $more) { name } }`;
    expect((await api.call(callers.secretariat, optional, { more: false })).errors).toBeUndefined();
    expect(codes(await api.call(callers.secretariat, optional, { more: true }))).toEqual(['MAX_COST_EXCEEDED']);
  });

  it('counts nodes at its number of ids, passed inline or as a variable', async () => {
    const ids = (count: number) => Array.from({ length: count }, (_, index) => `jpa/${index + 1}`);
    const inline = (count: number) => `{ nodes(ids: ${JSON.stringify(ids(count))}) { id } }`;
    // 20 once (the co-chair history all term ids share), 4 an id.
    expect([estimate(inline(1), {}), estimate(inline(3), {})]).toEqual([24, 32]);
    const query =
      'query Nodes($ids: [ID!]!) { nodes(ids: $ids) { id ... on Jpa { participants { name } history(first: 1) { edges { node { id } } } } } }';
    // 4, and the participants' resolutions and a page of one event, for the costliest type asked for.
    const perId = 4 + 249 * 0.01 + 20 + 1;
    expect(estimate(query, { ids: ids(2) })).toBeCloseTo(20 + 2 * perId);
    // Cached per document and number of ids: 100 ids of a costly selection are refused after 1 was admitted.
    expect((await api.call(callers.secretariat, query, { ids: ids(1) })).errors).toBeUndefined();
    expect(estimate(query, { ids: ids(100) })).toBeGreaterThan(limits.cost);
    expect(codes(await api.call(callers.secretariat, query, { ids: ids(100) }))).toEqual(['MAX_COST_EXCEEDED']);
  });

  it('answers BAD_USER_INPUT, before anything runs, for a null variable an argument cannot take', async () => {
    const query = 'query Member($country: CountryCode = "NZ") { member(country: $country) { name } }';
    const response = await api.call(callers.secretariat, query, { country: null });
    expect(response.status).toBe(200);
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect((await api.call(callers.secretariat, query, {})).data).toEqual({ member: { name: 'New Zealand' } });
  });

  it('estimates every client document (schema/documents) at no more than two thirds of the limit', () => {
    const estimates = Object.fromEntries(
      clientOperations.map((operation) => [
        operation.name!.value,
        round(estimateCost(schema, clientDocuments, sampleVariables(operation), operation)),
      ]),
    );
    // With every variable left to its default, and the required ones given sample values.
    expect(estimates).toEqual({
      AuditEvents: 70,
      MemberHistory: 41,
      JpaHistory: 41,
      TermsOfReferenceHistory: 41,
      OperationHistory: 81,
      Jpa: 85,
      Jpas: 469,
      CreateJpa: 4,
      UpdateJpa: 4,
      JoinJpa: 4,
      ConcludeJpa: 4,
      Viewer: 0,
      WorkingGroup: 5,
      Member: 2,
      Members: 269,
      CoChairs: 2,
      CoChairHistory: 121,
      AddMember: 1,
      UpdateMember: 1,
      SetMemberStatus: 1,
      RotateCoChairs: 2,
      Operation: 1,
      Operations: 80,
      CreateOperation: 1,
      UpdateOperation: 1,
      RecordOutcomes: 1,
      // The operation, one Query of its records, and twenty of them.
      OperationReads: 41,
      TermsOfReference: 1,
      TermsOfReferenceVersions: 120,
      TermsOfReferenceChanges: 201,
      DraftTermsOfReference: 1,
      UpdateTermsOfReferenceDraft: 1,
      AdoptTermsOfReference: 1,
      // The meeting, and the resolutions of its host, JPA, 50 presenters and 249 attending members; and
      // its recommendations: one Query (20) of 500 at half an item.
      Meeting: 275,
      // One Query of 100 meetings, each with its host and JPA.
      Meetings: 122,
      ScheduleMeeting: 5,
      UpdateMeeting: 5,
      RecordAttendance: 5,
      // One id; and 100, the most nodes takes (4 an id, 20 once for the co-chair history).
      Node: 24,
      Nodes: 421,
      // 20 once, and half an item each of the 500 (one Query of small items), with 20 owners and its
      // meeting each.
      Recommendations: 380,
      // One recommendation, and one Query of its notes: 20, and 200 notes at half an item.
      Recommendation: 121,
      AddRecommendation: 1,
      UpdateRecommendation: 1,
      AddProgressNote: 121,
      // The 500 items, each with 20 owners and 20 recommendations, read by key.
      WorkPlan: 470,
      CreateWorkPlanItem: 1,
      UpdateWorkPlanItem: 1,
      // A draft's reads, counted once whatever its selection (functions/graphql/limits.ts).
      AnnualReport: 401,
      // One a year from 2014 to 2100, and the Query.
      AnnualReports: 107,
      PublishAnnualReport: 401,
    });
    for (const [name, cost] of Object.entries(estimates)) expect(cost, name).toBeLessThanOrEqual((limits.cost * 2) / 3);
  });

  it('refuses the deep fan-out shapes before anything runs, with the estimate and the limit in the message', async () => {
    const { client, calls } = countingClient(api.endpoint);
    const handler = createGraphqlHandler(
      {
        tableNames: api.tableNames,
        dynamoEndpoint: api.endpoint,
        introspection: false,
        cursorKey: { key: randomBytes(32) },
      },
      { client },
    ) as unknown as LambdaHandler;
    const send = async (query: string) => {
      const event = apiGatewayEvent(
        {
          method: 'POST',
          path: '/graphql',
          rawQueryString: '',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
          sourceIp: '127.0.0.1',
          claims: { sub: 'th-official', token_use: 'id', 'custom:country': 'TH' },
        },
        'r1',
      );
      const response = await handler(event, lambdaContext('r1'));
      return {
        status: response.statusCode,
        body: JSON.parse(response.body ?? '') as { errors?: { message: string; extensions: { code: string } }[] },
      };
    };
    const aliased = (n: number, selection: (index: number) => string) =>
      `{ ${Array.from({ length: n }, (_, index) => `a${index}: ${selection(index)}`).join(' ')} }`;
    const shapes: [string, number][] = [
      [
        '{ jpas { operations(first: 100) { edges { node { participants { coChairTerms { member { name } } } } } } } }',
        estimate(
          '{ jpas { operations(first: 100) { edges { node { participants { coChairTerms { member { name } } } } } } } }',
        )!,
      ],
      [aliased(limits.aliases, () => pages(15)), limits.aliases * (20 + 100 * (1 + 40 + 2 * 15))],
      [
        aliased(limits.aliases, (index) => pages(index + 1)),
        limits.aliases * 20 + 100 * (limits.aliases * 41 + limits.aliases * (limits.aliases + 1)),
      ],
      [aliased(limits.aliases, () => page(100)), limits.aliases * 240],
      [`{ ${pages(1)} }`, 20 + 100 * (1 + 40 + 2)],
    ];
    for (const [query, cost] of shapes) {
      expect(cost, query).toBeGreaterThan(limits.cost);
      const { status, body } = await send(query);
      expect(status, query).toBe(200);
      expect(body.errors, query).toEqual([
        { message: refusal(Math.ceil(cost)), extensions: { code: 'MAX_COST_EXCEEDED' } },
      ]);
    }
    expect(calls, 'DynamoDB calls for refused documents').toEqual([]);
    // The same handler and client answer an admitted document, so the count above could see calls.
    expect((await send(`{ ${page(1)} }`)).body.errors).toBeUndefined();
    expect(calls.length).toBeGreaterThan(0);
  });

  it('has a size for every list field of the schema, and nothing else in its tables', () => {
    const fields = Object.values(schema.getTypeMap())
      .filter((type) => isObjectType(type) && !type.name.startsWith('__'))
      .flatMap((type) =>
        Object.values((type as GraphQLObjectType).getFields()).map((field) => ({
          key: `${type.name}.${field.name}`,
          field,
        })),
      );
    const lists = fields.filter(
      ({ field }) => isListType(getNullableType(field.type)) && !field.args.some((arg) => arg.name === 'first'),
    );
    expect(
      lists.map(({ key }) => key).filter((key) => !(key in listSizes)),
      'add these to listSizes (functions/graphql/limits.ts)',
    ).toEqual([]);
    const known = new Set(fields.map(({ key }) => key));
    const named = [...Object.keys(listSizes), ...Object.keys(costWeights.fields), ...Object.keys(costWeights.once)];
    expect(named.filter((key) => !known.has(key))).toEqual([]);
    expect(Object.keys(costWeights.items).filter((name) => !isObjectType(schema.getType(name)))).toEqual([]);
  });

  it('refuses a document too large to estimate (fragments spread inside fragments) without an internal error', async () => {
    const levels = 14;
    const fragments = Array.from(
      { length: levels },
      (_, index) =>
        `fragment F${index} on Query { ${index === levels - 1 ? 'viewer { subject }' : `...F${index + 1} ...F${index + 1}`} }`,
    );
    const response = await ask(`{ ...F0 } ${fragments.join(' ')}`);
    expect(response.errors).toEqual([
      { message: expect.stringMatching(/too large to estimate/), extensions: { code: 'MAX_COST_EXCEEDED' } },
    ]);
  });
});

/** Values for an operation's required variables; the others are left to their defaults. */
function sampleVariables(operation: OperationDefinitionNode): Record<string, unknown> {
  const required = (operation.variableDefinitions ?? []).filter(
    (definition) => definition.type.kind === Kind.NON_NULL_TYPE,
  );
  return Object.fromEntries(
    required.map((definition) => [
      definition.variable.name.value,
      sample(typeFromAST(schema, definition.type) as GraphQLInputType),
    ]),
  );
}

function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  // As long as a list may be: `nodes` is estimated by its number of ids, 100 at most.
  if (isListType(type)) return Array.from({ length: 100 }, () => sample(type.ofType));
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((field) => isNonNullType(field.type))
        .map((field) => [field.name, sample(field.type)]),
    );
  }
  const samples: Record<string, unknown> = {
    ID: 'an-id',
    Int: 1,
    String: 'text',
    Boolean: true,
    CountryCode: 'NZ',
    Date: '2026-01-01',
    DateTime: '2026-01-01T00:00:00.000Z',
  };
  return samples[type.name];
}

const round = (cost: number | null) => (cost === null ? null : Math.round(cost));

describe('limits on requests', () => {
  const body = (bytes: number) => {
    const query = '{ viewer { subject } }';
    const padding = bytes - JSON.stringify({ query, variables: { pad: '' } }).length;
    return JSON.stringify({ query, variables: { pad: 'x'.repeat(padding) } });
  };

  it(`answers a body of ${limits.bodyBytes} bytes and refuses one byte more with 413`, async () => {
    const under = await api.send(callers.secretariat, body(limits.bodyBytes));
    expect(under.statusCode).toBe(200);
    const over = await api.send(callers.secretariat, body(limits.bodyBytes + 1));
    expect(over.statusCode).toBe(413);
    expect(JSON.parse(over.body ?? '')).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('refuses batched requests', async () => {
    const response = await api.send(
      callers.secretariat,
      JSON.stringify([{ query: '{ viewer { subject } }' }, { query: '{ viewer { roles } }' }]),
    );
    expect(response.statusCode).toBe(400);
  });

  it('refuses a simple cross-site request (CSRF prevention) and answers the same as JSON', async () => {
    const plain = await api.send(callers.secretariat, '{"query":"{ viewer { subject } }"}', {
      'content-type': 'text/plain',
    });
    expect(plain.statusCode).toBe(400);
    const json = await api.send(callers.secretariat, '{"query":"{ viewer { subject } }"}', {
      'content-type': 'application/json',
    });
    expect(json.statusCode).toBe(200);
  });

  it('answers introspection only where it is turned on (locally), never on a default deployment', async () => {
    const introspect = '{ __schema { queryType { name } } }';
    expect(codes(await ask(introspect))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const local = createGraphqlHandler({
      tableNames: api.tableNames,
      dynamoEndpoint: api.endpoint,
      introspection: true,
      cursorKey: { key: randomBytes(32) },
    }) as unknown as LambdaHandler;
    const event = apiGatewayEvent(
      {
        method: 'POST',
        path: '/graphql',
        rawQueryString: '',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: introspect }),
        sourceIp: '127.0.0.1',
        claims: { sub: 'dev', token_use: 'id' },
      },
      'r1',
    );
    const response = await local(event, lambdaContext('r1'));
    expect(JSON.parse(response.body ?? '')).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });
});

const schema = buildASTSchema(parse(typeDefs.join('\n')));

function tokenCount(document: string): number {
  const lexer = new Lexer(new Source(document));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count += 1;
  return count;
}
