// snippet: imports
import { ApolloClient, CombinedGraphQLErrors, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { relayStylePagination } from '@apollo/client/utilities';
import { Client, cacheExchange, fetchExchange } from '@urql/core';
import { cacheExchange as graphcacheExchange } from '@urql/exchange-graphcache';
import { ClientError, GraphQLClient } from 'graphql-request';
// end snippet
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse, print, type DocumentNode } from 'graphql';
import { filter, firstValueFrom } from 'rxjs';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, onTestFinished, vi } from 'vitest';
import { startLocalEnvironment, type LocalEnvironment, type LocalOptions } from '../../infra/local/environment.ts';
import {
  AuditEventsDocument,
  CoChairsDocument,
  MemberDocument,
  MembersDocument,
  OperationsDocument,
  UpdateMemberDocument,
} from '../../schema/generated/documents.ts';

// Real clients, as front-end developers set them up, with their default options, against the
// local server. Between `// snippet: <name>` and `// end snippet` is code docs/frontend.md shows
// word for word (test/unit/frontend-snippets.test.ts holds the two together).

// snippet: apollo-client
function createApolloClient(endpoint: string, token: string) {
  return new ApolloClient({
    link: new HttpLink({ uri: endpoint, headers: { authorization: `Bearer ${token}` } }),
    cache: new InMemoryCache(),
  });
}
// end snippet

// snippet: apollo-pagination
/** The one type policy a paging screen needs: the pages of `operations` with the same filters are one list. */
function createPagingApolloClient(endpoint: string, token: string) {
  return new ApolloClient({
    link: new HttpLink({ uri: endpoint, headers: { authorization: `Bearer ${token}` } }),
    cache: new InMemoryCache({
      typePolicies: { Query: { fields: { operations: relayStylePagination(['jpaNumber', 'country', 'status']) } } },
    }),
  });
}
// end snippet

// snippet: apollo-persisted
/**
 * The hash GraphQL Code Generator put on a typed document (`__meta__.hash`), the id of its text
 * in the manifest; for a document written by hand, the SHA-256 of its printed text.
 */
function documentHash(document: DocumentNode): string {
  const generated = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  return generated ?? createHash('sha256').update(print(document)).digest('hex');
}

function createPersistedApolloClient(endpoint: string, token: string) {
  return new ApolloClient({
    link: new PersistedQueryLink({ generateHash: documentHash }).concat(
      new HttpLink({ uri: endpoint, headers: { authorization: `Bearer ${token}` } }),
    ),
    cache: new InMemoryCache(),
  });
}
// end snippet

// snippet: document-id
/** A typed document by its id: the one request a trusted server (DOCUMENTS=trusted) takes with no text. */
async function requestById<Data, Variables>(
  endpoint: string,
  token: string,
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
): Promise<Data> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ documentId: `sha256:${documentHash(document)}`, variables }),
  });
  const { data, errors } = (await response.json()) as { data?: Data; errors?: { extensions: { code: string } }[] };
  if (!data) throw new Error(errors?.map((error) => error.extensions.code).join(', '));
  return data;
}
// end snippet

// snippet: urql
function createUrqlClient(endpoint: string, token: string) {
  return new Client({
    url: endpoint,
    exchanges: [cacheExchange, fetchExchange],
    fetchOptions: { headers: { authorization: `Bearer ${token}` } },
  });
}
// end snippet

// snippet: urql-graphcache
function createGraphcacheClient(endpoint: string, token: string) {
  return new Client({
    url: endpoint,
    exchanges: [graphcacheExchange(), fetchExchange],
    fetchOptions: { headers: { authorization: `Bearer ${token}` } },
  });
}
// end snippet

// snippet: graphql-request
function createRequestClient(endpoint: string, token: string) {
  return new GraphQLClient(endpoint, { headers: { authorization: `Bearer ${token}` } });
}
// end snippet

/** The manifest the servers run documents of, by id. */
const manifest: Record<string, string> = JSON.parse(
  readFileSync(new URL('../../schema/generated/persisted-documents.json', import.meta.url), 'utf8'),
);

let open: LocalEnvironment;
let trusted: LocalEnvironment;

const start = (documents: LocalOptions['documents']) =>
  startLocalEnvironment({
    port: 0,
    dynamoPort: 0,
    dataDir: ':memory:',
    dynamoEndpoint: inject('dynamoEndpoint'),
    tablePrefix: `cli${crypto.randomUUID().slice(0, 8)}`,
    documents,
  });

beforeAll(async () => {
  [open, trusted] = await Promise.all([start('open'), start('trusted')]);
});

afterAll(async () => {
  await Promise.all([open?.stop(), trusted?.stop()]);
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function tokenFor(local: LocalEnvironment, claims: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${local.url}/dev/token`, { method: 'POST', body: JSON.stringify(claims) });
  return ((await response.json()) as { token: string }).token;
}
const secretariat = { sub: 'front-end', groups: ['secretariat'] };
/** An official of Thailand: reads two operations of JPA 8 (Mekong Light and Open Harbour). */
const thaiOfficial = { sub: 'carol', country: 'TH' };

/** Every HTTP request the clients send from here on, as the server receives it. */
function watchRequests(): { method: string; url: URL; body: Record<string, unknown> | undefined }[] {
  const seen: { method: string; url: URL; body: Record<string, unknown> | undefined }[] = [];
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const request = new Request(input, init);
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : undefined;
    seen.push({ method: request.method, url: new URL(request.url), body });
    return realFetch(input, init);
  });
  return seen;
}

describe('Apollo Client with new InMemoryCache() and no type policies', () => {
  it('normalises every entity by its id', async () => {
    const client = createApolloClient(`${open.url}/graphql`, await tokenFor(open, secretariat));
    await client.query({ query: MembersDocument });
    const cache = client.cache.extract() as Record<string, Record<string, unknown>>;
    expect(cache['Member:member/VN']).toMatchObject({ id: 'member/VN', country: 'VN', name: 'Viet Nam' });
    expect(cache.ROOT_QUERY?.members).toContainEqual({ __ref: 'Member:member/VN' });
    await client.query({ query: CoChairsDocument });
    const terms = Object.keys(client.cache.extract() as object).filter((key) => key.startsWith('CoChairTerm:'));
    expect(terms.sort()).toEqual(['CoChairTerm:cochairterm/NZ/2022-07-01', 'CoChairTerm:cochairterm/VN/2022-07-01']);
  });

  it("updates a cached list from a mutation's result, with no refetch", async () => {
    const client = createApolloClient(`${open.url}/graphql`, await tokenFor(open, secretariat));
    // A screen showing the list, for the whole test.
    const members = client.watchQuery({ query: MembersDocument });
    const screen = members.subscribe({ next: () => undefined });
    onTestFinished(() => screen.unsubscribe());
    const first = await firstValueFrom(members.pipe(filter((result) => result.dataState === 'complete')));
    const lanka = first.data?.members.find((member) => member.country === 'LK');
    expect(lanka?.name).toBe('Sri Lanka');
    const requests = watchRequests();
    const shown = firstValueFrom(
      members.pipe(
        filter(
          (result) =>
            result.dataState === 'complete' &&
            result.data.members.some((member) => member.name === 'Sri Lanka (renamed)'),
        ),
      ),
    );
    await client.mutate({
      mutation: UpdateMemberDocument,
      variables: { input: { country: 'LK', expectedRevision: lanka?.revision ?? 0, name: 'Sri Lanka (renamed)' } },
    });
    const cached = client.readQuery({ query: MembersDocument });
    expect(cached?.members.find((member) => member.country === 'LK')?.name).toBe('Sri Lanka (renamed)');
    await shown;
    expect(requests.map((request) => request.body?.operationName)).toEqual(['UpdateMember']);
  });

  it('merges the pages fetchMore brings with relayStylePagination', async () => {
    const token = await tokenFor(open, thaiOfficial);
    const onePage = await createApolloClient(`${open.url}/graphql`, token).query({
      query: OperationsDocument,
      variables: { jpaNumber: 8, first: 2 },
    });
    const both = onePage.data?.operations.edges.map((edge) => edge.node.id);
    expect(both).toHaveLength(2);

    const paging = createPagingApolloClient(`${open.url}/graphql`, token);
    const list = paging.watchQuery({ query: OperationsDocument, variables: { jpaNumber: 8, first: 1 } });
    const screen = list.subscribe({ next: () => undefined });
    onTestFinished(() => screen.unsubscribe());
    const first = await firstValueFrom(list.pipe(filter((result) => result.dataState === 'complete')));
    expect(first.data?.operations.edges.map((edge) => edge.node.id)).toEqual(both?.slice(0, 1));
    expect(first.data?.operations.pageInfo.hasNextPage).toBe(true);
    await list.fetchMore({ variables: { after: first.data?.operations.pageInfo.endCursor } });
    const merged = paging.readQuery({ query: OperationsDocument, variables: { jpaNumber: 8, first: 1 } });
    expect(merged?.operations.edges.map((edge) => edge.node.id)).toEqual(both);
  });

  it("hands the error's extensions.code to the caller, in CombinedGraphQLErrors", async () => {
    const client = createApolloClient(`${open.url}/graphql`, await tokenFor(open, thaiOfficial));
    const failure = await client.query({ query: AuditEventsDocument, variables: { first: 5 } }).catch((error) => error);
    expect(CombinedGraphQLErrors.is(failure)).toBe(true);
    expect((failure as CombinedGraphQLErrors).errors.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it('sends typed documents by hash through its persisted-queries link, which a trusted server runs', async () => {
    const client = createPersistedApolloClient(`${trusted.url}/graphql`, await tokenFor(trusted, secretariat));
    const requests = watchRequests();
    const { data } = await client.query({ query: MemberDocument, variables: { country: 'NZ' } });
    expect(data?.member?.name).toBe('New Zealand');
    expect(requests).toHaveLength(1);
    expect(requests[0]?.body).not.toHaveProperty('query');
    expect(requests[0]?.body?.extensions).toHaveProperty('persistedQuery', {
      version: 1,
      sha256Hash: documentHash(MemberDocument),
    });
    expect(manifest).toHaveProperty([`sha256:${documentHash(MemberDocument)}`]);
    expect(client.cache.extract()).toHaveProperty(['Member:member/NZ', 'name'], 'New Zealand');
  });

  it('is refused UNKNOWN_DOCUMENT by a trusted server for a document of its own, after sending its text', async () => {
    const client = createPersistedApolloClient(`${trusted.url}/graphql`, await tokenFor(trusted, secretariat));
    const requests = watchRequests();
    const failure = await client.query({ query: parse('query Mine { members { id name } }') }).catch((error) => error);
    expect(CombinedGraphQLErrors.is(failure)).toBe(true);
    expect((failure as CombinedGraphQLErrors).errors.map((error) => error.extensions?.code)).toEqual([
      'UNKNOWN_DOCUMENT',
    ]);
    expect(requests.map((request) => typeof request.body?.query)).toEqual(['undefined', 'string']);
  });
});

describe('a front end sending documentId', () => {
  it('runs a typed document of the manifest by its id on a trusted server', async () => {
    const token = await tokenFor(trusted, thaiOfficial);
    const { coChairs } = await requestById(`${trusted.url}/graphql`, token, CoChairsDocument, {});
    expect(coChairs.map((term) => term.member.name)).toEqual(['New Zealand', 'Viet Nam']);
  });
});

describe('urql with its default exchanges', () => {
  it('sends queries by GET and mutations by POST, and both work', async () => {
    const client = createUrqlClient(`${open.url}/graphql`, await tokenFor(open, secretariat));
    const requests = watchRequests();
    const members = await client.query(MembersDocument, {}).toPromise();
    expect(members.error).toBeUndefined();
    const cambodia = members.data?.members.find((member) => member.country === 'KH');
    expect(cambodia?.name).toBe('Cambodia');
    const updated = await client
      .mutation(UpdateMemberDocument, {
        input: { country: 'KH', expectedRevision: cambodia?.revision ?? 0, name: 'Kingdom of Cambodia' },
      })
      .toPromise();
    expect(updated.error).toBeUndefined();
    expect(updated.data?.updateMember.name).toBe('Kingdom of Cambodia');
    expect(
      requests.map((request) => [
        request.method,
        request.url.searchParams.get('operationName') ?? request.body?.operationName,
      ]),
    ).toEqual([
      ['GET', 'Members'],
      ['POST', 'UpdateMember'],
    ]);
  });

  it("hands the error's extensions.code to the caller", async () => {
    const client = createUrqlClient(`${open.url}/graphql`, await tokenFor(open, thaiOfficial));
    const result = await client.query(AuditEventsDocument, { first: 5 }).toPromise();
    expect(result.error?.graphQLErrors.map((error) => error.extensions.code)).toEqual(['FORBIDDEN']);
  });

  it('with Graphcache and no keys config, normalises by id: a mutation updates the cached list with no refetch', async () => {
    const warnings = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const client = createGraphcacheClient(`${open.url}/graphql`, await tokenFor(open, secretariat));
    const members = await client.query(MembersDocument, {}).toPromise();
    const laos = members.data?.members.find((member) => member.country === 'LA');
    expect(laos?.name).toBe("Lao People's Democratic Republic");
    const requests = watchRequests();
    await client
      .mutation(UpdateMemberDocument, {
        input: { country: 'LA', expectedRevision: laos?.revision ?? 0, name: 'Lao PDR' },
      })
      .toPromise();
    const cached = client.readQuery(MembersDocument, {});
    expect(cached?.data?.members.find((member) => member.country === 'LA')?.name).toBe('Lao PDR');
    expect(requests.map((request) => request.method)).toEqual(['POST']);
    // Graphcache warns of each type it cannot key and embeds it in its parent: only value objects
    // with no id (a member's agencies and focal point), never an entity.
    const unkeyed = warnings.mock.calls.flatMap((call) =>
      [...String(call[0]).matchAll(/`keys` config for `(\w+)`/g)].map((match) => match[1]),
    );
    expect(new Set(unkeyed)).toEqual(new Set(['Agency', 'Contact']));
  });
});

describe('graphql-request', () => {
  it('runs a query and a mutation with typed documents', async () => {
    const client = createRequestClient(`${open.url}/graphql`, await tokenFor(open, secretariat));
    const { member } = await client.request(MemberDocument, { country: 'MM' });
    expect(member?.name).toBe('Myanmar');
    const { updateMember } = await client.request(UpdateMemberDocument, {
      input: { country: 'MM', expectedRevision: member?.revision ?? 0, name: 'Republic of the Union of Myanmar' },
    });
    expect(updateMember).toMatchObject({ id: 'member/MM', name: 'Republic of the Union of Myanmar' });
  });

  it("hands the error's extensions.code to the caller, in ClientError", async () => {
    const client = createRequestClient(`${open.url}/graphql`, await tokenFor(open, thaiOfficial));
    const failure = await client.request(AuditEventsDocument, { first: 5 }).catch((error) => error);
    expect(failure).toBeInstanceOf(ClientError);
    expect((failure as ClientError).response.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});
