import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** A GraphQL-shaped error answer for requests that never reach GraphQL. */
export function errorResponse(statusCode: number, code: string, message: string): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ errors: [{ message, extensions: { code } }] }),
  };
}

/**
 * The Lambda integration parses JSON bodies itself and answers a parse failure with the
 * parser's message as plain text; API.md wants BAD_REQUEST in the usual error shape instead.
 */
export async function refuseMalformedJson(
  event: APIGatewayProxyEventV2,
): Promise<APIGatewayProxyStructuredResultV2 | void> {
  const contentType = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  if (!event.body || !contentType?.startsWith('application/json')) return;
  const body = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    JSON.parse(body);
  } catch {
    return errorResponse(400, 'BAD_REQUEST', 'The request body is not valid JSON');
  }
}
