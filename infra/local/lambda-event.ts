import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import type { JWTPayload } from 'jose';

/**
 * API Gateway's JWT authorizer hands claims to the Lambda as strings, arrays flattened to
 * `[a b]`; the local server does the same so the handler sees exactly what it sees on AWS.
 */
export function flattenClaims(payload: JWTPayload): Record<string, string> {
  return Object.fromEntries(
    Object.entries(payload).map(([name, value]) => [
      name,
      Array.isArray(value) ? `[${value.join(' ')}]` : typeof value === 'string' ? value : JSON.stringify(value),
    ]),
  );
}

export interface LocalRequest {
  readonly method: string;
  readonly path: string;
  readonly rawQueryString: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly sourceIp: string;
  readonly claims: Record<string, string>;
}

/**
 * The API Gateway v2 event (payload format 2.0) that the `POST /graphql` or `GET /graphql` route
 * would send: no body when there is none, the query string raw and as parameters (repeated
 * ones joined by commas), as API Gateway sends them.
 */
export function apiGatewayEvent(request: LocalRequest, requestId: string): APIGatewayProxyEventV2WithJWTAuthorizer {
  const now = Date.now();
  return {
    version: '2.0',
    routeKey: `${request.method} ${request.path}`,
    rawPath: request.path,
    rawQueryString: request.rawQueryString,
    ...(request.rawQueryString ? { queryStringParameters: queryStringParameters(request.rawQueryString) } : {}),
    headers: request.headers,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: request.headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: request.method,
        path: request.path,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp,
        userAgent: request.headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: `${request.method} ${request.path}`,
      stage: '$default',
      time: new Date(now).toISOString(),
      timeEpoch: now,
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: request.claims, scopes: [] } },
    },
    ...(request.body ? { body: request.body } : {}),
    isBase64Encoded: false,
  };
}

function queryStringParameters(rawQueryString: string): Record<string, string> {
  const parameters: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString))
    parameters[name] = name in parameters ? `${parameters[name]},${value}` : value;
  return parameters;
}

/** The Lambda context fields the handler reads. */
export function lambdaContext(requestId: string): Context {
  return {
    awsRequestId: requestId,
    functionName: 'bali-disruption-graphql-local',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:local:000000000000:function:bali-disruption-graphql-local',
    memoryLimitInMB: '512',
    logGroupName: 'local',
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => 30_000,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}
