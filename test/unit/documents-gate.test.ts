import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { admit, DocumentManifest } from '../../functions/graphql/documents.ts';
import { limits } from '../../functions/graphql/limits.ts';

const hashOf = (document: string) => createHash('sha256').update(document).digest('hex');
const idOf = (document: string) => `sha256:${hashOf(document)}`;

const text = 'query CoChairs { coChairs { startsOn } }';
const id = idOf(text);
const addFiji =
  'mutation AddFiji { addMember(input: { country: "FJ", name: "Fiji", joinedOn: "2026-11-01" }) { country } }';
/** A document of two operations: a GET runs the one its operationName picks, if that is a query. */
const mineOrAddFiji = `query Mine { viewer { subject } } ${addFiji}`;
const manifest = new DocumentManifest({ [id]: text, [idOf(addFiji)]: addFiji, [idOf(mineOrAddFiji)]: mineOrAddFiji });
/** A document of no manifest. */
const adHoc = '{ viewer { subject } }';
const unknownHash = hashOf(adHoc);

const post = (body: unknown) => ({ method: 'POST', search: '', body });
const get = (params: Record<string, string>) => ({
  method: 'GET',
  search: new URLSearchParams(params).toString(),
  body: '',
});
const persisted = (hash: unknown) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

const code = (admission: ReturnType<typeof admit>) =>
  'refusal' in admission ? admission.refusal.extensions.code : null;
/** What a client reads of a refusal: message, code, status and headers. */
const refusal = (admission: ReturnType<typeof admit>) => {
  if (!('refusal' in admission)) return admission;
  const { message, extensions } = admission.refusal;
  const http = extensions.http as { status: number; headers?: Map<string, string> };
  return { message, code: extensions.code, status: http.status, headers: Object.fromEntries(http.headers ?? []) };
};
/** The GET parameters Apollo gets. */
const params = (admission: ReturnType<typeof admit>) =>
  'request' in admission ? Object.fromEntries(new URLSearchParams(admission.request.search)) : admission;

const bothRefusal = {
  message: 'Send a document either by documentId or as query, not both',
  code: 'BAD_REQUEST',
  status: 400,
  headers: {},
};
const unknownDocument = {
  message: "The document is not one of this API's known documents (its manifest)",
  code: 'UNKNOWN_DOCUMENT',
  status: 400,
  headers: {},
};
const persistedQueryNotFound = {
  message: 'PersistedQueryNotFound',
  code: 'PERSISTED_QUERY_NOT_FOUND',
  status: 400,
  headers: { 'cache-control': 'private, no-cache, must-revalidate' },
};
const mutationByGet = {
  message: 'GET runs queries only: send a mutation by POST',
  code: 'BAD_REQUEST',
  status: 405,
  headers: { allow: 'POST' },
};

describe('the documents gate', () => {
  it('hands Apollo the manifest text for a documentId, without the id, keeping variables, operation name and other extensions', () => {
    const admission = admit(
      post({ documentId: id, variables: { a: 1 }, operationName: 'CoChairs', extensions: { trace: true } }),
      'trusted',
      manifest,
    );
    expect(admission).toStrictEqual({
      request: post({ query: text, operationName: 'CoChairs', variables: { a: 1 }, extensions: { trace: true } }),
    });
  });

  it('adds no field the client did not send when it hands Apollo a document by id', () => {
    // Apollo refuses an operationName or variables that are there but undefined.
    expect(admit(post({ documentId: id }), 'trusted', manifest)).toStrictEqual({ request: post({ query: text }) });
    expect(admit(post({ extensions: persisted(hashOf(text)) }), 'open', manifest)).toStrictEqual({
      request: post({ query: text }),
    });
  });

  it("hands Apollo the manifest text for Apollo's persisted-query hash, without the extension Apollo would refuse", () => {
    for (const mode of ['open', 'trusted'] as const) {
      expect(admit(post({ extensions: persisted(hashOf(text)) }), mode, manifest)).toStrictEqual({
        request: post({ query: text }),
      });
      const fromGet = admit(
        get({ extensions: JSON.stringify({ ...persisted(hashOf(text)), other: 1 }) }),
        mode,
        manifest,
      );
      expect(params(fromGet)).toEqual({ extensions: '{"other":1}', query: text });
    }
  });

  it('rewrites a GET by documentId into a GET of its text', () => {
    const admission = admit(get({ documentId: id, variables: '{"a":1}' }), 'trusted', manifest);
    expect(params(admission)).toEqual({ variables: '{"a":1}', query: text });
  });

  it('passes a request that names its document as text on as it came, in open mode', () => {
    const request = post({ query: '{ viewer { subject } }' });
    expect(admit(request, 'open', manifest)).toEqual({ request });
    expect((admit(request, 'open', manifest) as { request: unknown }).request).toBe(request);
  });

  it('leaves what is no GraphQL request to Apollo, which refuses it before parsing', () => {
    for (const request of [post('text'), post(null), post([id]), post({ query: 7 }), post({}), get({})])
      expect(admit(request, 'trusted', manifest)).toEqual({ request });
  });

  it('leaves a request by another method to Apollo, whatever its parameters', () => {
    for (const search of [`documentId=${id}`, 'query=%7B+viewer+%7B+subject+%7D+%7D', 'query=x&query=y']) {
      const request = { method: 'PUT', search, body: '' };
      expect(admit(request, 'trusted', manifest)).toEqual({ request });
    }
  });

  it('refuses a document named both by id and as text with BAD_REQUEST, by POST and by GET', () => {
    expect(refusal(admit(post({ documentId: id, query: text }), 'open', manifest))).toEqual(bothRefusal);
    expect(refusal(admit(get({ documentId: id, query: text }), 'open', manifest))).toEqual(bothRefusal);
    expect(refusal(admit(post({ documentId: id, extensions: persisted(hashOf(text)) }), 'open', manifest))).toEqual(
      bothRefusal,
    );
  });

  it('takes a documentId or query of null as not sent', () => {
    const byText = post({ documentId: null, query: adHoc });
    expect(admit(byText, 'open', manifest)).toEqual({ request: byText });
    expect(admit(post({ documentId: id, query: null }), 'trusted', manifest)).toStrictEqual({
      request: post({ query: text }),
    });
    expect(admit(post({ query: null, extensions: persisted(hashOf(text)) }), 'trusted', manifest)).toStrictEqual({
      request: post({ query: text }),
    });
  });

  it('refuses a documentId that is no string as BAD_REQUEST', () => {
    expect(refusal(admit(post({ documentId: 7 }), 'open', manifest))).toEqual({
      message: 'documentId is a string: "sha256:<hex>"',
      code: 'BAD_REQUEST',
      status: 400,
      headers: {},
    });
  });

  it('answers UNKNOWN_DOCUMENT to a documentId not in the manifest, in either mode', () => {
    for (const mode of ['open', 'trusted'] as const)
      for (const documentId of [idOf(adHoc), hashOf(text), 'CoChairs']) {
        expect(refusal(admit(post({ documentId }), mode, manifest))).toEqual(unknownDocument);
        expect(refusal(admit(get({ documentId }), mode, manifest))).toEqual(unknownDocument);
      }
  });

  it('answers PERSISTED_QUERY_NOT_FOUND, as Apollo would, to a hash without a query that is not in the manifest', () => {
    const notFound = [
      persisted(unknownHash),
      persisted(id),
      persisted(hashOf(text).toUpperCase()),
      persisted(7),
      persisted([hashOf(text)]),
      { persistedQuery: true },
      { persistedQuery: null },
    ];
    for (const mode of ['open', 'trusted'] as const)
      for (const extensions of notFound) {
        expect(refusal(admit(post({ extensions }), mode, manifest))).toEqual(persistedQueryNotFound);
        expect(refusal(admit(get({ extensions: JSON.stringify(extensions) }), mode, manifest))).toEqual(
          persistedQueryNotFound,
        );
      }
  });

  it('runs the text Apollo Client sends with its hash, as text, without the extension and keeping the others', () => {
    const extensions = { ...persisted(unknownHash), trace: true };
    expect(admit(post({ query: adHoc, operationName: null, extensions }), 'open', manifest)).toStrictEqual({
      request: post({ query: adHoc, operationName: null, extensions: { trace: true } }),
    });
    expect(
      params(admit(get({ query: adHoc, extensions: JSON.stringify(persisted(unknownHash)) }), 'open', manifest)),
    ).toEqual({
      query: adHoc,
    });
    // The text is what counts, even beside a hash of the manifest.
    expect(admit(post({ query: adHoc, extensions: persisted(hashOf(text)) }), 'open', manifest)).toStrictEqual({
      request: post({ query: adHoc }),
    });
    expect(code(admit(post({ query: adHoc, extensions: persisted(hashOf(text)) }), 'trusted', manifest))).toBe(
      'UNKNOWN_DOCUMENT',
    );
    expect(admit(post({ query: text, extensions: persisted(unknownHash) }), 'trusted', manifest)).toStrictEqual({
      request: post({ query: text }),
    });
  });

  it('leaves a query that is no string to Apollo, even beside a hash of the manifest', () => {
    expect(admit(post({ query: 7, extensions: persisted(hashOf(text)) }), 'open', manifest)).toStrictEqual({
      request: post({ query: 7 }),
    });
  });

  it("in trusted mode runs the manifest's exact texts and refuses any other text with UNKNOWN_DOCUMENT", () => {
    for (const request of [post({ query: text }), get({ query: text })])
      expect(admit(request, 'trusted', manifest)).toEqual({ request });
    for (const request of [post({ query: adHoc }), post({ query: `${text} ` }), get({ query: adHoc })]) {
      expect(refusal(admit(request, 'trusted', manifest))).toEqual(unknownDocument);
      expect(admit(request, 'open', manifest)).toEqual({ request });
    }
  });

  it('answers a mutation by GET with 405 and Allow: POST, as text, by id or by hash, in either mode', () => {
    const subscription = 'subscription Changes { changes }';
    const mutations = [
      get({ query: addFiji }),
      get({ query: subscription }),
      get({ documentId: idOf(addFiji) }),
      get({ extensions: JSON.stringify(persisted(hashOf(addFiji))) }),
      get({ query: addFiji, variables: '{"bad": ' }),
    ];
    for (const mode of ['open', 'trusted'] as const)
      for (const request of mutations) expect(refusal(admit(request, mode, manifest))).toEqual(mutationByGet);
  });

  it('runs a mutation by POST', () => {
    expect(admit(post({ query: addFiji }), 'trusted', manifest)).toEqual({ request: post({ query: addFiji }) });
    expect(admit(post({ documentId: idOf(addFiji) }), 'trusted', manifest)).toStrictEqual({
      request: post({ query: addFiji }),
    });
  });

  it('judges a GET by the operation its operationName picks, and leaves one it cannot tell to Apollo', () => {
    for (const [by, document] of [
      ['text', { query: mineOrAddFiji }],
      ['id', { documentId: idOf(mineOrAddFiji) }],
    ] as const) {
      // Asked again and again: what is remembered of a manifest document changes no answer.
      for (let round = 0; round < 2; round++) {
        expect([by, code(admit(get({ ...document, operationName: 'Mine' }), 'open', manifest))]).toEqual([by, null]);
        expect([by, refusal(admit(get({ ...document, operationName: 'AddFiji' }), 'open', manifest))]).toEqual([
          by,
          mutationByGet,
        ]);
        // No operation picked or none of that name: Apollo answers OPERATION_RESOLUTION_FAILURE.
        expect([by, code(admit(get({ ...document }), 'open', manifest))]).toEqual([by, null]);
        expect([by, code(admit(get({ ...document, operationName: 'Nope' }), 'open', manifest))]).toEqual([by, null]);
      }
    }
    const request = get({ query: '{ viewer { subject }' });
    expect(admit(request, 'open', manifest)).toEqual({ request });
  });

  it('answers 405 to a GET mutation over the token limit too: the URL bounds what the gate parses', () => {
    const overLimit = `mutation Long { ${'a '.repeat(limits.tokens)}}`;
    expect(refusal(admit(get({ query: overLimit }), 'open', manifest))).toMatchObject({
      code: 'BAD_REQUEST',
      status: 405,
    });
    const query = get({ query: `query Long { ${'a '.repeat(limits.tokens)}}` });
    expect(admit(query, 'open', manifest)).toEqual({ request: query });
  });

  it('refuses GET parameters given twice and extensions that are no JSON object, as Apollo would', () => {
    const requestError = (message: string) => ({ message, code: 'BAD_REQUEST', status: 400, headers: {} });
    for (const name of ['query', 'documentId', 'operationName', 'extensions']) {
      const request = { method: 'GET', search: `query=${encodeURIComponent(text)}&${name}=a&${name}=b`, body: '' };
      expect(refusal(admit(request, 'open', manifest))).toEqual(
        requestError(`The '${name}' search parameter may only be specified once.`),
      );
    }
    expect(refusal(admit(get({ query: text, extensions: '{' }), 'open', manifest))).toEqual(
      requestError('The extensions search parameter contains invalid JSON.'),
    );
    for (const extensions of ['[]', '"persistedQuery"', '1', 'null', 'true'])
      expect([extensions, refusal(admit(get({ query: text, extensions }), 'open', manifest))]).toEqual([
        extensions,
        requestError('The extensions search parameter should contain a JSON-encoded object.'),
      ]);
  });
});
