import { createHash, randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createGraphqlHandler } from '../../functions/graphql/create-handler.ts';
import { limits } from '../../functions/graphql/limits.ts';
import type { DocumentsMode } from '../../functions/shared/runtime/config.ts';
import { loadSampleData } from '../../infra/local/sample-data/load.ts';
import { auditEvents, freshTables } from '../support/tables.ts';
import { callers } from '../support/api.ts';
import { lambdaFetch, type FetchLike } from '../support/lambda-fetch.ts';
import { manifestDocument } from '../support/persisted-documents.ts';

/*
 * docs/api.md, "Transport", through the Lambda handler as API Gateway calls it: GET for queries,
 * status codes by Accept, and the documents gate (documentId, Apollo's persisted queries, open
 * and trusted). test/e2e/transport.test.ts sends the same through the local server.
 */

const url = 'http://lambda.local/graphql';
const bearer = { authorization: 'Bearer token' };
const json = 'application/json';
const graphqlResponse = 'application/graphql-response+json';

let endpoint: string;
let tableNames: Awaited<ReturnType<typeof freshTables>>['tableNames'];
/** The handler as the secretariat calls it, in each mode; and in trusted mode with no identity. */
const as: Record<DocumentsMode | 'anonymousTrusted', FetchLike> = {
  open: unset,
  trusted: unset,
  anonymousTrusted: unset,
};

async function unset(): Promise<Response> {
  throw new Error('the handlers are made before the tests');
}

beforeAll(async () => {
  ({ endpoint, tableNames } = await freshTables());
  await loadSampleData(endpoint, tableNames, '2026-01-01T00:00:00.000Z');
  const handler = (documents: DocumentsMode) =>
    createGraphqlHandler({
      tableNames,
      dynamoEndpoint: endpoint,
      introspection: false,
      cursorKey: { key: randomBytes(32) },
      documents,
    });
  const trusted = handler('trusted');
  Object.assign(as, {
    open: lambdaFetch(handler('open'), callers.secretariat),
    trusted: lambdaFetch(trusted, callers.secretariat),
    anonymousTrusted: lambdaFetch(trusted, null),
  });
});

interface Answer {
  status: number;
  contentType: string;
  allow: string | null;
  text: string;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions: { code: string } }[] };
}

async function answer(response: Promise<Response>): Promise<Answer> {
  const done = await response;
  const text = await done.text();
  return {
    status: done.status,
    contentType: done.headers.get('content-type') ?? '',
    allow: done.headers.get('allow'),
    text,
    body: JSON.parse(text),
  };
}

/** A GET with these parameters (objects as JSON, as GraphQL over HTTP sends them), with the token. */
function get(fetchFn: FetchLike, params: Record<string, unknown>, headers: Record<string, string> = {}) {
  const search = new URLSearchParams(
    Object.entries(params).map(([name, value]): [string, string] => [
      name,
      typeof value === 'string' ? value : JSON.stringify(value),
    ]),
  );
  return answer(fetchFn(`${url}?${search}`, { headers: { ...bearer, ...headers } }));
}

function post(fetchFn: FetchLike, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return answer(
    fetchFn(url, {
      method: 'POST',
      headers: { ...bearer, 'content-type': json, ...headers },
      body: JSON.stringify(body),
    }),
  );
}

const codes = (reply: Answer) => (reply.body.errors ?? []).map((error) => error.extensions.code);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const addFiji =
  'mutation AddFiji { addMember(input: {country: "FJ", name: "Fiji", joinedOn: "2026-11-01"}) { country } }';

async function fijiIsMember(): Promise<boolean> {
  const reply = await post(as.open, { query: '{ member(country: "FJ") { country } }' });
  return reply.body.data?.member !== null;
}

describe('GET /graphql', () => {
  it('runs a query from its parameters, with variables and operation name, for the caller of the token', async () => {
    const reply = await get(as.open, {
      query:
        'query Other { viewer { subject } } query Member($country: CountryCode!) { member(country: $country) { name } }',
      operationName: 'Member',
      variables: { country: 'NZ' },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ data: { member: { name: 'New Zealand' } } });
  });

  it('takes a GET with no content type when it carries the token (a header browsers preflight), and refuses one without as a possible CSRF', async () => {
    const query = '{ viewer { subject } }';
    const withToken = await get(as.open, { query });
    expect(withToken.body).toEqual({ data: { viewer: { subject: callers.secretariat.sub } } });
    const plain = await answer(as.open(`${url}?${new URLSearchParams({ query })}`));
    expect(plain.status).toBe(400);
    expect(codes(plain)).toEqual(['BAD_REQUEST']);
    expect(plain.body.errors?.[0]?.message).toMatch(/Cross-Site Request Forgery/);
  });

  it('refuses a mutation with 405 and Allow: POST and changes nothing, whatever else is wrong with it', async () => {
    const before = (await auditEvents(endpoint, tableNames)).length;
    const add = manifestDocument('AddMember');
    const fiji = { input: { country: 'FJ', name: 'Fiji', joinedOn: '2026-11-01' } };
    const attempts: [string, FetchLike, Record<string, unknown>][] = [
      ['a valid mutation', as.open, { query: addFiji }],
      [
        'the mutation of a document that also holds a query',
        as.open,
        { query: `{ viewer { subject } } ${addFiji}`, operationName: 'AddFiji' },
      ],
      ['bad variables', as.open, { query: add.text, variables: { input: { country: 'fiji' } } }],
      ['variables that are no JSON', as.open, { query: add.text, variables: '{"input":' }],
      ['a field the schema lacks', as.open, { query: 'mutation { addMember(input: {country: "FJ"}) { nope } }' }],
      ['a manifest mutation by id, in trusted mode', as.trusted, { documentId: add.id, variables: fiji }],
      ['a manifest mutation as text, in trusted mode', as.trusted, { query: add.text, variables: fiji }],
      ['an ad-hoc mutation in trusted mode', as.trusted, { query: addFiji }],
    ];
    for (const [what, fetchFn, params] of attempts) {
      for (const accept of [json, graphqlResponse]) {
        const reply = await get(fetchFn, params, { accept });
        expect(reply.status, `${what} (${accept})`).toBe(405);
        expect(reply.allow, what).toBe('POST');
        expect(codes(reply), what).toEqual(['BAD_REQUEST']);
        expect(reply.body.data, what).toBeUndefined();
      }
    }
    expect(await fijiIsMember()).toBe(false);
    expect((await auditEvents(endpoint, tableNames)).length).toBe(before);
    // The same document by POST does change things: the checks above could have seen it.
    expect((await post(as.open, { query: addFiji })).body.data).toEqual({ addMember: { country: 'FJ' } });
    expect(await fijiIsMember()).toBe(true);
  });

  it('answers a GET mutation over the token limit 405 too, and changes nothing', async () => {
    const addSamoa = 'mutation AddSamoa { addMember(input: {country: "WS", name: "Samoa", joinedOn: "2026-11-01"}) {';
    const overLimit = `${addSamoa} ${'country '.repeat(limits.tokens)}} }`;
    for (const accept of [json, graphqlResponse]) {
      const reply = await get(as.open, { query: overLimit }, { accept });
      expect([accept, reply.status, reply.allow, codes(reply)]).toEqual([accept, 405, 'POST', ['BAD_REQUEST']]);
    }
    const samoa = await post(as.open, { query: '{ member(country: "WS") { country } }' });
    expect(samoa.body.data).toEqual({ member: null });
  });

  it("runs a GET document's query when the document's other operation is a mutation", async () => {
    const reply = await get(as.open, { query: `query Mine { viewer { subject } } ${addFiji}`, operationName: 'Mine' });
    expect(reply.body).toEqual({ data: { viewer: { subject: callers.secretariat.sub } } });
  });
});

describe('status codes by Accept', () => {
  const failures: [string, Record<string, unknown>, string][] = [
    ['a document that does not parse', { query: '{ viewer { subject }' }, 'GRAPHQL_PARSE_FAILED'],
    ['a document that does not validate', { query: '{ viewer { nope } }' }, 'GRAPHQL_VALIDATION_FAILED'],
    [
      'variables that fail coercion',
      { query: 'query M($country: CountryCode!) { member(country: $country) { name } }', variables: { country: null } },
      'BAD_USER_INPUT',
    ],
    ['an unknown documentId', { documentId: `sha256:${sha256('{ viewer { subject } }')}` }, 'UNKNOWN_DOCUMENT'],
  ];

  for (const [what, request, code] of failures) {
    it(`answers ${what} with 400 to application/graphql-response+json and 200 to application/json or no Accept, the same body`, async () => {
      for (const send of [post, get]) {
        const strict = await send(as.open, request, { accept: graphqlResponse });
        const plain = await send(as.open, request, { accept: json });
        const none = await send(as.open, request);
        expect([strict.status, plain.status, none.status]).toEqual([400, 200, 200]);
        expect(strict.contentType).toMatch(/^application\/graphql-response\+json/);
        expect([plain.contentType, none.contentType]).toEqual([
          expect.stringMatching(/^application\/json/),
          expect.stringMatching(/^application\/json/),
        ]);
        expect(codes(strict)).toEqual([code]);
        expect(strict.body.data).toBeUndefined();
        expect([plain.text, none.text]).toEqual([strict.text, strict.text]);
      }
    });
  }

  it('answers a request that is no GraphQL request (malformed JSON, no query) with 400 either way', async () => {
    for (const accept of [json, graphqlResponse]) {
      const malformed = await answer(
        as.open(url, { method: 'POST', headers: { ...bearer, 'content-type': json, accept }, body: '{"query":' }),
      );
      const noQuery = await post(as.open, { variables: {} }, { accept });
      expect([malformed.status, noQuery.status]).toEqual([400, 400]);
      expect([...codes(malformed), ...codes(noQuery)]).toEqual(['BAD_REQUEST', 'BAD_REQUEST']);
    }
  });

  it('answers an error in execution with 200 and data either way', async () => {
    const query = 'mutation { updateMember(input: {country: "FR", expectedRevision: 1, name: "x"}) { country } }';
    for (const accept of [json, graphqlResponse]) {
      const reply = await post(as.open, { query }, { accept });
      expect(reply.status).toBe(200);
      expect(reply.body.data).toBeNull();
      expect(codes(reply)).toEqual(['NOT_FOUND']);
    }
  });
});

describe('persisted documents', () => {
  const coChairs = manifestDocument('CoChairs');
  const expected = async () => (await post(as.open, { query: coChairs.text })).body;

  it('runs a documentId of the manifest by POST and by GET, as its text would run, in both modes', async () => {
    const byText = await expected();
    expect(byText.errors).toBeUndefined();
    for (const fetchFn of [as.open, as.trusted]) {
      expect((await post(fetchFn, { documentId: coChairs.id })).body).toEqual(byText);
      expect((await get(fetchFn, { documentId: coChairs.id })).body).toEqual(byText);
    }
  });

  it('answers UNKNOWN_DOCUMENT to a documentId not in the manifest, in both modes', async () => {
    for (const fetchFn of [as.open, as.trusted]) {
      for (const documentId of [`sha256:${sha256('{ viewer { subject } }')}`, 'sha256:nothex', '7d3c58ff']) {
        const reply = await post(fetchFn, { documentId });
        expect(codes(reply), documentId).toEqual(['UNKNOWN_DOCUMENT']);
        expect(reply.body.data).toBeUndefined();
      }
    }
  });

  it('answers BAD_REQUEST to a request naming a document twice (documentId and query), by POST and GET, 400 either way', async () => {
    for (const send of [post, get]) {
      for (const accept of [json, graphqlResponse]) {
        const reply = await send(as.open, { documentId: coChairs.id, query: coChairs.text }, { accept });
        expect(reply.status).toBe(400);
        expect(codes(reply)).toEqual(['BAD_REQUEST']);
      }
    }
  });

  it("runs Apollo's persisted-query hash of a manifest document without its text, in both modes", async () => {
    const byText = await expected();
    const extensions = { persistedQuery: { version: 1, sha256Hash: coChairs.id.slice('sha256:'.length) } };
    for (const fetchFn of [as.open, as.trusted]) {
      expect((await post(fetchFn, { extensions })).body).toEqual(byText);
      expect((await get(fetchFn, { extensions })).body).toEqual(byText);
    }
  });

  it('answers PersistedQueryNotFound to a hash not in the manifest, then runs the text sent with it (open) and stores nothing', async () => {
    const text = '{ viewer { subject } }';
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(text) } };
    for (const fetchFn of [as.open, as.trusted]) {
      const first = await post(fetchFn, { extensions }, { accept: json });
      expect(first.status).toBe(200);
      expect(first.body.errors).toEqual([
        { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } },
      ]);
      expect((await get(fetchFn, { extensions }, { accept: graphqlResponse })).status).toBe(400);
    }
    const retry = await post(as.open, { query: text, extensions });
    expect(retry.body).toEqual({ data: { viewer: { subject: callers.secretariat.sub } } });
    // Apollo's own cache is off: the hash still names nothing.
    expect(codes(await post(as.open, { extensions }))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect(codes(await post(as.trusted, { query: text, extensions }))).toEqual(['UNKNOWN_DOCUMENT']);
  });
});

describe('DOCUMENTS=trusted', () => {
  const coChairs = manifestDocument('CoChairs');

  it("runs the manifest's documents sent as their exact text, and nothing else", async () => {
    const byText = await post(as.trusted, { query: coChairs.text });
    expect(byText.body.errors).toBeUndefined();
    expect(byText.body.data?.coChairs).toHaveLength(2);
    for (const query of [
      `${coChairs.text} `,
      coChairs.text.replace('query CoChairs', 'query  CoChairs'),
      '{ viewer { subject } }',
    ]) {
      expect(codes(await post(as.trusted, { query })), query).toEqual(['UNKNOWN_DOCUMENT']);
      expect(codes(await get(as.trusted, { query })), query).toEqual(['UNKNOWN_DOCUMENT']);
    }
  });

  it('answers UNKNOWN_DOCUMENT before parsing or validating: to a document that would fail either', async () => {
    for (const query of ['{ viewer { subject }', '{ viewer { nope } }', `{ ${'viewer { subject } '.repeat(5000)} }`]) {
      const open = await post(as.open, { query });
      expect(codes(open)[0]).toMatch(/^GRAPHQL_(PARSE|VALIDATION)_FAILED$/);
      const trusted = await post(as.trusted, { query }, { accept: graphqlResponse });
      expect(trusted.status).toBe(400);
      expect(codes(trusted)).toEqual(['UNKNOWN_DOCUMENT']);
      expect(codes(await get(as.trusted, { query: query.slice(0, 200) }))).toEqual(['UNKNOWN_DOCUMENT']);
    }
  });

  it('answers UNAUTHENTICATED before UNKNOWN_DOCUMENT', async () => {
    const reply = await post(as.anonymousTrusted, { query: '{ viewer { subject } }' });
    expect(reply.status).toBe(401);
    expect(codes(reply)).toEqual(['UNAUTHENTICATED']);
  });
});
