import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { LambdaHandler } from '../../functions/graphql/create-handler.ts';
import type { DevTokens } from './dev-tokens.ts';
import { isIdePath, serveIde, type IdeSettings } from './ide/serve.ts';
import { apiGatewayEvent, flattenClaims, lambdaContext } from './lambda-event.ts';

export type { LambdaHandler };

/** API Gateway's payload limit is 10 MB; no request of this API comes near 1 MB. */
const maxBodyBytes = 1024 * 1024;

class BodyTooLargeError extends Error {}

/**
 * The local HTTP front: `GET /health`, `POST /dev/token`, `POST` and `GET /graphql` and the GraphQL IDE
 * (`GET /`, its bundle under `/ide/`). It verifies the token as API Gateway's JWT authorizer
 * would, turns the request into the same v2 event, and hands it to the Lambda handler; it does
 * nothing else to GraphQL requests.
 */
export function createLocalServer(handler: LambdaHandler, tokens: DevTokens, ide: IdeSettings): Server {
  return createServer((request, response) => {
    route(request, response, handler, tokens, ide).catch(() => {
      if (!response.headersSent)
        send(response, 500, {
          errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
        });
      else response.end();
    });
  });
}

async function route(
  request: IncomingMessage,
  response: ServerResponse,
  handler: LambdaHandler,
  tokens: DevTokens,
  ide: IdeSettings,
) {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const key = `${request.method} ${url.pathname}`;
  if (key === 'GET /health') return send(response, 200, { status: 'ok' });
  if (key === 'POST /dev/token') return issueToken(request, response, tokens);
  if (key === 'POST /graphql' || key === 'GET /graphql') return graphql(request, response, url, handler, tokens);
  if (request.method === 'GET' && isIdePath(url.pathname)) return serveIde(url.pathname, response, ide);
  return send(response, 404, { message: 'Not Found' });
}

async function issueToken(request: IncomingMessage, response: ServerResponse, tokens: DevTokens) {
  let body: unknown;
  try {
    body = JSON.parse(await readBody(request));
  } catch {
    return send(response, 400, {
      message: 'send JSON such as {"sub":"alice","groups":["secretariat"],"country":"VN"}',
    });
  }
  const { sub, groups, country } = (body ?? {}) as Record<string, unknown>;
  const validGroups =
    groups === undefined || (Array.isArray(groups) && groups.every((group) => typeof group === 'string'));
  if (
    typeof sub !== 'string' ||
    sub.length === 0 ||
    !validGroups ||
    (country !== undefined && typeof country !== 'string')
  ) {
    return send(response, 400, { message: 'sub is a non-empty string, groups a list of strings, country a string' });
  }
  const token = await tokens.sign({
    sub,
    ...(groups ? { groups: groups as string[] } : {}),
    ...(country ? { country: country as string } : {}),
  });
  return send(response, 200, { token });
}

async function graphql(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  handler: LambdaHandler,
  tokens: DevTokens,
) {
  const authorization = request.headers.authorization ?? '';
  const payload = authorization.startsWith('Bearer ') ? await tokens.verify(authorization.slice(7)) : null;
  if (!payload) {
    return send(response, 401, {
      errors: [{ message: 'a valid Bearer token is required', extensions: { code: 'UNAUTHENTICATED' } }],
    });
  }
  // A GET carries its request in the query string; its body, if any, is not read, as on API Gateway.
  let body = '';
  try {
    if (request.method === 'POST') body = await readBody(request);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      return send(response, 413, {
        errors: [{ message: 'request body too large', extensions: { code: 'BAD_REQUEST' } }],
      });
    }
    throw error;
  }
  const requestId = crypto.randomUUID();
  const event = apiGatewayEvent(
    {
      method: request.method ?? 'POST',
      path: url.pathname,
      rawQueryString: url.search.slice(1),
      headers: flatHeaders(request),
      body,
      sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
      claims: flattenClaims(payload),
    },
    requestId,
  );
  const result = await handler(event, lambdaContext(requestId));
  response.writeHead(result.statusCode ?? 200, { ...stringHeaders(result.headers), 'x-request-id': requestId });
  response.end(result.body ?? '');
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) throw new BodyTooLargeError();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Node's headers, lower-cased, repeated ones joined with commas, as API Gateway v2 sends them. */
function flatHeaders(request: IncomingMessage): Record<string, string> {
  return Object.fromEntries(
    Object.entries(request.headers).flatMap(([name, value]) =>
      value === undefined ? [] : [[name, Array.isArray(value) ? value.join(',') : value]],
    ),
  );
}

function stringHeaders(headers: APIGatewayProxyStructuredResultV2['headers']): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name, String(value)]));
}
