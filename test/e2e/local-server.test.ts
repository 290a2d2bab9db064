import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { SignJWT, generateKeyPair, UnsecuredJWT } from 'jose';
import { devAudience, devIssuer } from '../../infra/local/dev-tokens.ts';
import { startLocalEnvironment, type LocalEnvironment } from '../../infra/local/environment.ts';
import { auditGraphqlOverHttp } from '../support/http-audit.ts';

let local: LocalEnvironment;

beforeAll(async () => {
  local = await startLocalEnvironment({
    port: 0,
    dynamoPort: 0,
    dataDir: ':memory:',
    dynamoEndpoint: inject('dynamoEndpoint'),
    tablePrefix: `e2e${crypto.randomUUID().slice(0, 8)}`,
  });
});

afterAll(async () => {
  await local?.stop();
});

async function token(body: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${local.url}/dev/token`, { method: 'POST', body: JSON.stringify(body) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

async function graphql(bearer: string | null, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(`${local.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: Record<string, unknown>; errors?: { extensions: { code: string } }[] },
  };
}

describe('the local server over HTTP', () => {
  it('answers health once the tables and sample data are ready', async () => {
    const response = await fetch(`${local.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(local.loadedSampleData).toBe(true);
  });

  it('issues dev tokens that the GraphQL route accepts, with the claims asked for', async () => {
    const bearer = await token({ sub: 'alice', groups: ['secretariat'], country: 'VN' });
    const { status, body } = await graphql(bearer, '{ viewer { subject roles country isCoChair } }');
    expect(status).toBe(200);
    expect(body.data?.viewer).toEqual({
      subject: 'alice',
      roles: ['SECRETARIAT', 'OFFICIAL'],
      country: 'VN',
      isCoChair: true,
    });
  });

  it('serves the sample data: the working group, co-chairs New Zealand and Vietnam, sixteen members', async () => {
    const bearer = await token({ sub: 'carol', country: 'TH' });
    const { body } = await graphql(
      bearer,
      '{ workingGroup { established reportsTo memberCount coChairs { member { name } } } }',
    );
    expect(body.data?.workingGroup).toEqual({
      established: 2014,
      reportsTo: 'Bali Process Ad Hoc Group',
      memberCount: 16,
      coChairs: [{ member: { name: 'New Zealand' } }, { member: { name: 'Viet Nam' } }],
    });
  });

  it('shows the sample operations to the right people and no one else', async () => {
    const names = async (claims: Record<string, unknown>) => {
      const { body } = await graphql(await token(claims), '{ operations(first: 100) { edges { node { codeName } } } }');
      const operations = body.data?.operations as { edges: { node: { codeName: string } }[] };
      return operations.edges.map((edge) => edge.node.codeName).sort();
    };
    expect(await names({ sub: 'th', country: 'TH' })).toEqual(['Mekong Light', 'Open Harbour']);
    expect(await names({ sub: 'au', country: 'AU' })).toEqual(['Coral Tide', 'Open Harbour']);
    expect(await names({ sub: 'vn', country: 'VN' })).toEqual(['Mekong Light', 'Open Harbour', 'Quiet Current']);
    expect(await names({ sub: 'alice', groups: ['secretariat'] })).toEqual(['Open Harbour']);
    expect(await names({ sub: 'olga', groups: ['observer'] })).toEqual([]);
  });

  it('serves the seven concluded JPAs and the ACTIVE eighth', async () => {
    const { body } = await graphql(
      await token({ sub: 'olga', groups: ['observer'] }),
      '{ jpas { number status } workingGroup { currentJpa { number } } }',
    );
    expect(body.data?.jpas).toEqual(
      [8, 7, 6, 5, 4, 3, 2, 1].map((number) => ({ number, status: number === 8 ? 'ACTIVE' : 'CONCLUDED' })),
    );
    expect(body.data?.workingGroup).toEqual({ currentJpa: { number: 8 } });
  });

  it('carries a mutation through and shows its effect to the next caller', async () => {
    const secretariat = await token({ sub: 'alice', groups: ['secretariat'] });
    const added = await graphql(
      secretariat,
      'mutation { addMember(input: {country: "FJ", name: "Fiji", joinedOn: "2026-11-01"}) { country status revision } }',
    );
    expect(added.body.data?.addMember).toEqual({ country: 'FJ', status: 'ACTIVE', revision: 1 });
    const official = await token({ sub: 'fiji-official', country: 'FJ' });
    const viewer = await graphql(official, '{ viewer { roles } }');
    expect(viewer.body.data?.viewer).toEqual({ roles: ['OFFICIAL'] });
  });

  it('refuses a request without a token, and tokens that are forged, unsigned, tampered, expired, or of another issuer or audience', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const otherKey = await new SignJWT({ token_use: 'id' })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('mallory')
      .setIssuer(devIssuer)
      .setAudience(devAudience)
      .setExpirationTime('1h')
      .sign(privateKey);
    const unsigned = new UnsecuredJWT({ token_use: 'id' })
      .setSubject('mallory')
      .setIssuer(devIssuer)
      .setAudience(devAudience)
      .setExpirationTime('1h')
      .encode();
    for (const bearer of [null, 'garbage', otherKey, unsigned]) {
      const { status, body } = await graphql(bearer, '{ viewer { subject } }');
      expect(status).toBe(401);
      expect(body.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('answers BAD_REQUEST for a body that is not JSON, and refuses malformed token requests', async () => {
    const bearer = await token({ sub: 'alice' });
    const response = await fetch(`${local.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: '{"query": ',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
    const badToken = await fetch(`${local.url}/dev/token`, { method: 'POST', body: '{"groups":"secretariat"}' });
    expect(badToken.status).toBe(400);
  });

  it('answers 404 for routes it does not have', async () => {
    expect((await fetch(`${local.url}/graphql`, { method: 'PUT' })).status).toBe(404);
    expect((await fetch(`${local.url}/nothing`)).status).toBe(404);
  });

  it('runs queries by GET, with the token, and refuses a mutation by GET with 405 and Allow: POST, changing nothing', async () => {
    const bearer = await token({ sub: 'alice', groups: ['secretariat'] });
    const get = (params: Record<string, string>) =>
      fetch(`${local.url}/graphql?${new URLSearchParams(params)}`, { headers: { authorization: `Bearer ${bearer}` } });
    const query = await get({
      query: 'query Member($country: CountryCode!) { member(country: $country) { name } }',
      variables: JSON.stringify({ country: 'VN' }),
    });
    expect(query.status).toBe(200);
    expect(await query.json()).toEqual({ data: { member: { name: 'Viet Nam' } } });
    expect(
      (await fetch(`${local.url}/graphql?${new URLSearchParams({ query: '{ viewer { subject } }' })}`)).status,
    ).toBe(401);
    const mutation = await get({
      query: 'mutation { addMember(input: {country: "WS", name: "Samoa", joinedOn: "2026-11-01"}) { country } }',
    });
    expect(mutation.status).toBe(405);
    expect(mutation.headers.get('allow')).toBe('POST');
    expect(await mutation.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
    const after = await graphql(bearer, '{ member(country: "WS") { name } }');
    expect(after.body.data).toEqual({ member: null });
  });

  it("passes every MUST and SHOULD of graphql-http's GraphQL-over-HTTP audit, and every MAY", async () => {
    const bearer = await token({ sub: 'auditor', groups: ['secretariat'] });
    const { counts, failures } = await auditGraphqlOverHttp(`${local.url}/graphql`, fetch, bearer);
    expect(failures, failures.join('\n')).toEqual([]);
    expect(counts).toEqual({
      MUST: { passed: 13, total: 13 },
      SHOULD: { passed: 23, total: 23 },
      MAY: { passed: 25, total: 25 },
    });
  });
});
