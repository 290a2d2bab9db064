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

/**
 * Refuses what is no GraphQL request before any GraphQL work: a body over the size limit, and
 * malformed JSON (the Lambda integration would answer that with the parser's message as plain
 * text; API.md wants BAD_REQUEST in the usual error shape).
 */
export function refuseBadRequests(logger: Logger) {
  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2 | void> => {
    const refusal = check(event);
    if (refusal) {
      // The one log line of a request that never reaches GraphQL (the plugin logs the others).
      logger.info('graphql request', { requestId: event.requestContext.requestId, operationName: null, outcome: refusal.code });
      return errorResponse(refusal.status, refusal.code, refusal.message);
    }
  };
}

function check(event: APIGatewayProxyEventV2): { status: number; code: string; message: string } | undefined {
  if (!event.body) return;
  const body = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(body, 'utf8') > limits.bodyBytes) {
    return { status: 413, code: 'BAD_REQUEST', message: `The request body is over ${limits.bodyBytes} bytes` };
  }
  const contentType = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  if (!contentType?.startsWith('application/json')) return;
  try {
    JSON.parse(body);
  } catch {
    return { status: 400, code: 'BAD_REQUEST', message: 'The request body is not valid JSON' };
  }
}
