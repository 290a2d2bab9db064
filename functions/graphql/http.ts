import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
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

/**
 * Refuses what is no GraphQL request: a body over the size limit before any work, and malformed
 * JSON after the fact. The Lambda integration parses the body itself and answers a parse failure
 * with the parser's message as plain text; rather than parse every body twice to catch that, the
 * answer is rewritten into docs/api.md's shape (BAD_REQUEST) on its way out. Apollo's own answers are
 * JSON with a content type, so only the integration's plain-text 400 is touched.
 */
export function refuseBadRequests(logger: Logger) {
  const refused = (event: APIGatewayProxyEventV2, status: number, message: string): Result => {
    // The one log line of a request that never reaches GraphQL (the plugin logs the others).
    logger.info('graphql request', {
      requestId: event.requestContext.requestId,
      operationName: null,
      outcome: 'BAD_REQUEST',
    });
    return errorResponse(status, 'BAD_REQUEST', message);
  };
  return async (event: APIGatewayProxyEventV2): Promise<Result | ((result: Result) => Promise<void>)> => {
    const bytes = event.body ? Buffer.byteLength(event.body, event.isBase64Encoded ? 'base64' : 'utf8') : 0;
    if (bytes > limits.bodyBytes) return refused(event, 413, `The request body is over ${limits.bodyBytes} bytes`);
    return async (result) => {
      if (result.statusCode !== 400 || result.headers?.['content-type']) return;
      Object.assign(result, refused(event, 400, 'The request body is not valid JSON'));
    };
  };
}
