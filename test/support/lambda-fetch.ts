import type { LambdaHandler } from '../../functions/graphql/create-handler.ts';
import { apiGatewayEvent, flattenClaims, lambdaContext } from '../../infra/local/lambda-event.ts';
import { claimsOf, type Identity } from './api.ts';

/** A `fetch` as graphql-http's audit and the tests call it. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * A `fetch` that calls the Lambda handler itself: each Request becomes the API Gateway v2 event
 * its route would send after the JWT authorizer, with this identity's claims (none at all for
 * null), and the handler's result becomes the Response. No server, no port: the handler as
 * deployed, seen through HTTP's eyes.
 */
export function lambdaFetch(handler: LambdaHandler, identity: Identity | null): FetchLike {
  const claims = identity ? flattenClaims({ sub: identity.sub, ...claimsOf(identity) }) : {};
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const requestId = crypto.randomUUID();
    const event = apiGatewayEvent(
      {
        method: request.method,
        path: url.pathname,
        rawQueryString: url.search.slice(1),
        headers: Object.fromEntries(request.headers),
        body: request.method === 'GET' ? '' : await request.text(),
        sourceIp: '127.0.0.1',
        claims,
      },
      requestId,
    );
    if (!identity) delete (event.requestContext as { authorizer?: unknown }).authorizer;
    const result = await handler(event, lambdaContext(requestId));
    const headers = Object.entries(result.headers ?? {}).map(([name, value]): [string, string] => [
      name,
      String(value),
    ]);
    return new Response(result.body ?? '', { status: result.statusCode ?? 200, headers });
  };
}
