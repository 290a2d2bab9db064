import { randomBytes } from 'node:crypto';
import { buildASTSchema, Lexer, parse, Source, TokenKind, validate } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { limitRules, limits } from '../../functions/graphql/limits.ts';
import { typeDefs } from '../../functions/graphql/server.ts';
import { createGraphqlHandler } from '../../functions/graphql/app.ts';
import type { LambdaHandler } from '../../infra/local/http-server.ts';
import { apiGatewayEvent, lambdaContext } from '../../infra/local/lambda-event.ts';
import { callers, codes, createTestApi, type TestApi } from '../support/api.ts';

/** Each limit of functions/graphql/limits.ts, just under (answered) and just over (refused). */
let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});

const ask = (query: string) => api.call(callers.secretariat, query);
const accepted = async (query: string) => expect((await ask(query)).errors).toBeUndefined();
const refused = async (query: string, code = 'GRAPHQL_VALIDATION_FAILED') => expect(codes(await ask(query))).toEqual([code]);

/** A path `member → coChairTerms → member → …` of `levels` fields, the leaf scalar included. */
function nested(levels: number): string {
  const path = ['member(country: "NZ")'];
  while (path.length < levels - 1) path.push(path.length % 2 === 1 ? 'coChairTerms' : 'member');
  const leaf = path.at(-1) === 'coChairTerms' ? 'startsOn' : 'name';
  return `{ ${path.map((field) => `${field} {`).join(' ')} ${leaf} ${'}'.repeat(path.length)} }`;
}

/** The same selection `n` times, as inline fragments: no aliases, no directives. */
const repeated = (n: number, selection: string) => `{ ${Array.from({ length: n }, () => `... { ${selection} }`).join(' ')} }`;

describe('limits on documents', () => {
  it(`answers a document ${limits.depth} levels deep and refuses one deeper`, async () => {
    const depthOf = (levels: number) => validate(schema, parse(nested(levels)), [limitRules[0]!]).length === 0;
    const deepest = Array.from({ length: 20 }, (_, index) => index + 2).filter(depthOf).at(-1)!;
    await accepted(nested(deepest));
    await refused(nested(deepest + 1));
    expect(deepest).toBeGreaterThanOrEqual(limits.depth - 1);
  });

  it(`answers ${limits.aliases} aliases and refuses ${limits.aliases + 1}`, async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, index) => `a${index}: viewer { subject }`).join(' ')} }`;
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

  it(`answers a document costing up to ${limits.cost} and refuses a costlier one`, async () => {
    // A nine-deep path, repeated; the cheapest document over the limit is found with the rule itself.
    const members = (n: number) =>
      repeated(n, 'jpas { operations { edges { node { participants { coChairTerms { member { agencies { name kind } } } } } } } }');
    const costOk = (n: number) => validate(schema, parse(members(n)), [limitRules[3]!]).length === 0;
    let n = 1;
    while (costOk(n + 1)) n += 1;
    await accepted(members(n));
    await refused(members(n + 1));
  });
});

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
    const response = await api.send(callers.secretariat, JSON.stringify([{ query: '{ viewer { subject } }' }, { query: '{ viewer { roles } }' }]));
    expect(response.statusCode).toBe(400);
  });

  it('refuses a simple cross-site request (CSRF prevention) and answers the same as JSON', async () => {
    const plain = await api.send(callers.secretariat, '{"query":"{ viewer { subject } }"}', { 'content-type': 'text/plain' });
    expect(plain.statusCode).toBe(400);
    const json = await api.send(callers.secretariat, '{"query":"{ viewer { subject } }"}', { 'content-type': 'application/json' });
    expect(json.statusCode).toBe(200);
  });

  it('answers introspection only where it is turned on (locally), never on a default deployment', async () => {
    const introspect = '{ __schema { queryType { name } } }';
    expect(codes(await ask(introspect))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const local = createGraphqlHandler(
      { tableNames: api.tableNames, dynamoEndpoint: api.endpoint, introspection: true, cursorKey: { key: randomBytes(32) } },
    ) as unknown as LambdaHandler;
    const event = apiGatewayEvent(
      { method: 'POST', path: '/graphql', rawQueryString: '', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: introspect }), sourceIp: '127.0.0.1', claims: { sub: 'dev' } },
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
