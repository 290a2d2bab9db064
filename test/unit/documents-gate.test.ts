import { describe, expect, it } from 'vitest';
import { admit, DocumentManifest } from '../../functions/graphql/documents.ts';

const text = 'query CoChairs { coChairs { startsOn } }';
const id = 'sha256:7d3c58ff2237dd61556c51cfa0931afe911689576e09ddb843b238c4f44bc7a2';
const manifest = new DocumentManifest({ [id]: text });
const post = (body: unknown) => ({ method: 'POST', search: '', body });
const get = (params: Record<string, string>) => ({
  method: 'GET',
  search: new URLSearchParams(params).toString(),
  body: '',
});
const code = (admission: ReturnType<typeof admit>) =>
  'refusal' in admission ? admission.refusal.extensions.code : null;

describe('the documents gate', () => {
  it('hands Apollo the manifest text for a documentId, without the id, keeping variables, operation name and other extensions', () => {
    const admission = admit(
      post({ documentId: id, variables: { a: 1 }, operationName: 'CoChairs', extensions: { trace: true } }),
      'trusted',
      manifest,
    );
    expect(admission).toEqual({
      request: post({ variables: { a: 1 }, operationName: 'CoChairs', query: text, extensions: { trace: true } }),
    });
  });

  it("hands Apollo the manifest text for Apollo's persisted-query hash, without the extension Apollo would refuse", () => {
    const persistedQuery = { version: 1, sha256Hash: id.slice(7) };
    expect(admit(post({ extensions: { persistedQuery } }), 'open', manifest)).toEqual({
      request: post({ query: text }),
    });
    const fromGet = admit(get({ extensions: JSON.stringify({ persistedQuery, other: 1 }) }), 'open', manifest);
    expect('request' in fromGet && new URLSearchParams(fromGet.request.search)).toEqual(
      new URLSearchParams({ extensions: '{"other":1}', query: text }),
    );
  });

  it('rewrites a GET by documentId into a GET of its text', () => {
    const admission = admit(get({ documentId: id, variables: '{"a":1}' }), 'trusted', manifest);
    expect('request' in admission && Object.fromEntries(new URLSearchParams(admission.request.search))).toEqual({
      variables: '{"a":1}',
      query: text,
    });
  });

  it('passes a request that names its document as text on as it came, in open mode', () => {
    const request = post({ query: '{ viewer { subject } }' });
    expect(admit(request, 'open', manifest)).toEqual({ request });
    expect((admit(request, 'open', manifest) as { request: unknown }).request).toBe(request);
  });

  it('leaves what is no GraphQL request to Apollo, which refuses it before parsing', () => {
    for (const request of [post('text'), post({ query: 7 }), post({}), get({})])
      expect(admit(request, 'trusted', manifest)).toEqual({ request });
  });

  it('refuses parameters given twice and extensions that are no JSON object, as Apollo would', () => {
    expect(code(admit({ method: 'GET', search: 'documentId=a&documentId=b', body: '' }, 'open', manifest))).toBe(
      'BAD_REQUEST',
    );
    expect(code(admit(get({ query: text, extensions: '{' }), 'open', manifest))).toBe('BAD_REQUEST');
    expect(code(admit(get({ query: text, extensions: '[]' }), 'open', manifest))).toBe('BAD_REQUEST');
  });

  it("refuses a documentId that is no string, and one sent with Apollo's hash, as BAD_REQUEST", () => {
    expect(code(admit(post({ documentId: 7 }), 'open', manifest))).toBe('BAD_REQUEST');
    const persistedQuery = { version: 1, sha256Hash: id.slice(7) };
    expect(code(admit(post({ documentId: id, extensions: { persistedQuery } }), 'open', manifest))).toBe('BAD_REQUEST');
  });
});
