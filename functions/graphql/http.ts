import { handlers } from '@as-integrations/aws-lambda';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { GraphQLError } from 'graphql';
import type { DocumentsMode } from '../shared/runtime/config.ts';
import { admit, type DocumentManifest } from './documents.ts';
import { limits } from './limits.ts';

/** A GraphQL-shaped error answer for requests that never reach GraphQL. */
export function errorResponse(statusCode: number, code: string, message: string): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ errors: [{ message, extensions: { code } }] }),
  };
}

type Result = APIGatewayProxyStructuredResultV2;
type Event = APIGatewayProxyEventV2WithJWTAuthorizer;
const integration = handlers.createAPIGatewayProxyEventV2RequestHandler<Event>();
/** Apollo's request as the integration (CommonJS, with its own declaration of the type) makes it. */
type HTTPGraphQLRequest = ReturnType<typeof integration.fromEvent>;

/**
 * Request errors of a well-formed GraphQL request, answered before anything runs: a document that
 * does not parse or validate (limits included), variables that fail coercion, an operation that
 * cannot be chosen, an estimated cost over budget, and the documents gate's refusals. Apollo and
 * the gate answer each with 400; BAD_REQUEST (no GraphQL request at all) is not among them.
 */
const requestErrorCodes = new Set<unknown>([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
  'MAX_COST_EXCEEDED',
  'UNKNOWN_DOCUMENT',
  'PERSISTED_QUERY_NOT_FOUND',
]);

/**
 * The status of a request error by the media type of the answer, as the GraphQL-over-HTTP spec
 * asks: `application/graphql-response+json` keeps Apollo's 400; `application/json` (what a client
 * gets that asks for it, or for nothing in particular) is 200 with `errors`. Apollo picks the media
 * type from `Accept`; only the status changes here, never the body.
 */
function statusByMediaType(result: Result): void {
  if (result.statusCode !== 400 || !String(result.headers?.['content-type'] ?? '').startsWith('application/json'))
    return;
  const body = JSON.parse(result.body ?? '{}') as { data?: unknown; errors?: { extensions?: { code?: unknown } }[] };
  const errors = body.errors ?? [];
  if ('data' in body || errors.length === 0) return;
  if (errors.every((error) => requestErrorCodes.has(error.extensions?.code))) result.statusCode = 200;
}

/**
 * The Lambda middleware, in front of Apollo and after it:
 *
 * - a body over the size limit is refused before any work (413), malformed JSON when the
 *   integration parses the body (400), both BAD_REQUEST, logged here since GraphQL never sees them;
 * - the documents gate (./documents.ts) judges the request before Apollo parses anything. What it
 *   admits is what Apollo runs (`requestOf`); what it refuses, Apollo answers once the caller's
 *   identity is known (`refusalOf`), so UNAUTHENTICATED comes first;
 * - on the way out, request errors get their status by media type ({@link statusByMediaType}).
 */
export function graphqlHttp(logger: Logger, mode: DocumentsMode, manifest: DocumentManifest) {
  // Per event: the request Apollo gets, and the gate's refusal if it refused.
  const admissions = new WeakMap<Event, { request: HTTPGraphQLRequest; refusal?: GraphQLError }>();
  const refused = (event: Event, status: number, message: string): Result => {
    logger.info('graphql request', {
      requestId: event.requestContext.requestId,
      operationName: null,
      outcome: 'BAD_REQUEST',
    });
    return errorResponse(status, 'BAD_REQUEST', message);
  };
  const middleware = async (event: Event): Promise<Result | ((result: Result) => Promise<void>)> => {
    const bytes = event.body ? Buffer.byteLength(event.body, event.isBase64Encoded ? 'base64' : 'utf8') : 0;
    if (bytes > limits.bodyBytes) return refused(event, 413, `The request body is over ${limits.bodyBytes} bytes`);
    let request: HTTPGraphQLRequest;
    try {
      request = integration.fromEvent(event);
    } catch {
      // The integration parses a JSON body and throws on malformed JSON; nothing else throws.
      return refused(event, 400, 'The request body is not valid JSON');
    }
    const admission = admit(request, mode, manifest);
    admissions.set(event, 'refusal' in admission ? { request, refusal: admission.refusal } : admission);
    return async (result) => {
      // The integration answers its own failures with the error's message as plain text; none is
      // expected, and none may reach a client in that shape.
      if (result.statusCode === 400 && !result.headers?.['content-type']) {
        Object.assign(result, refused(event, 400, 'The request is not a GraphQL request this API answers'));
        return;
      }
      statusByMediaType(result);
    };
  };
  return {
    middleware,
    /** The integration, taking the request the gate admitted rather than parsing the event again. */
    requestHandler: {
      ...integration,
      fromEvent: (event: Event): HTTPGraphQLRequest => admissions.get(event)?.request ?? integration.fromEvent(event),
    },
    /** The gate's refusal of this event's request, thrown by the context once the identity is known. */
    refusalOf: (event: Event): GraphQLError | undefined => admissions.get(event)?.refusal,
  };
}
