import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDynamoClient } from '../../functions/shared/dynamo.ts';
import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createGraphqlHandler } from '../../functions/graphql/app.ts';
import type { Services } from '../../functions/graphql/context.ts';
import type { TableNames } from '../../functions/shared/tables.ts';
import type { LambdaHandler } from '../../infra/local/http-server.ts';
import { apiGatewayEvent, flattenClaims, lambdaContext } from '../../infra/local/lambda-event.ts';
import { loadSampleData } from '../../infra/local/sample-data/load.ts';
import { freshTables } from './tables.ts';

/** A caller as a token describes it. */
export interface Identity {
  readonly sub: string;
  readonly groups?: readonly string[];
  readonly country?: string;
}

/** The callers of API.md's permission table, against the sample data (NZ and VN co-chair). */
export const callers = {
  secretariat: { sub: 'secretariat-1', groups: ['secretariat'] },
  coChair: { sub: 'nz-official', country: 'NZ' },
  official: { sub: 'th-official', country: 'TH' },
  observer: { sub: 'observer-1', groups: ['observer'] },
  /** A country that is no member: no role at all. */
  stranger: { sub: 'fr-official', country: 'FR' },
} as const satisfies Record<string, Identity>;

export interface GraphqlError {
  message: string;
  extensions: { code: string; field?: string };
}

export interface GraphqlResponse<T = Record<string, unknown>> {
  status: number;
  data: T | null | undefined;
  errors: GraphqlError[] | undefined;
  raw: string;
}

export interface TestApi {
  readonly endpoint: string;
  readonly tableNames: TableNames;
  /** Sends one GraphQL request through the Lambda handler, as API Gateway would with these claims. */
  call<T = Record<string, unknown>>(
    identity: Identity | null,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphqlResponse<T>>;
  /** Sends a raw body (for requests that are no GraphQL). */
  send(identity: Identity | null, body: string, headers?: Record<string, string>): Promise<APIGatewayProxyStructuredResultV2>;
}

/** Fresh tables with the sample data, and the real Lambda handler over them. */
export async function createTestApi(
  overrides: Partial<Services> | ((tableNames: TableNames, endpoint: string) => Partial<Services>) = {},
): Promise<TestApi> {
  const { endpoint, tableNames } = await freshTables();
  await loadSampleData(endpoint, tableNames, '2026-01-01T00:00:00.000Z');
  const handler = createGraphqlHandler(
    { tableNames, dynamoEndpoint: endpoint, introspection: false, cursorKey: { key: randomBytes(32) } },
    typeof overrides === 'function' ? overrides(tableNames, endpoint) : overrides,
  ) as unknown as LambdaHandler;
  const send: TestApi['send'] = async (identity, body, headers = { 'content-type': 'application/json' }) => {
    const requestId = crypto.randomUUID();
    const event = apiGatewayEvent(
      {
        method: 'POST',
        path: '/graphql',
        rawQueryString: '',
        headers,
        body,
        sourceIp: '127.0.0.1',
        claims: identity ? flattenClaims({ sub: identity.sub, ...claimsOf(identity) }) : {},
      },
      requestId,
    );
    if (!identity) delete (event.requestContext as { authorizer?: unknown }).authorizer;
    return handler(event, lambdaContext(requestId));
  };
  return {
    endpoint,
    tableNames,
    send,
    async call(identity, query, variables) {
      const result = await send(identity, JSON.stringify({ query, variables }));
      const raw = result.body ?? '';
      const parsed = JSON.parse(raw) as { data?: never; errors?: GraphqlError[] };
      return { status: result.statusCode ?? 200, data: parsed.data, errors: parsed.errors, raw };
    },
  };
}

function claimsOf(identity: Identity): Record<string, unknown> {
  return {
    ...(identity.groups ? { 'cognito:groups': [...identity.groups] } : {}),
    ...(identity.country ? { 'custom:country': identity.country } : {}),
  };
}

/** The error codes of a response, in order. */
export const codes = (response: GraphqlResponse): string[] => (response.errors ?? []).map((error) => error.extensions.code);

/** A Document Client on the run's DynamoDB Local that records the name of every command it sends. */
export function countingClient(endpoint: string): { client: DynamoDBDocumentClient; calls: string[] } {
  const calls: string[] = [];
  const base = createDynamoClient({ endpoint });
  base.middlewareStack.add(
    (next, context) => async (args) => {
      calls.push(context.commandName ?? 'unknown');
      return next(args);
    },
    { step: 'initialize', name: 'countCalls' },
  );
  return { client: DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } }), calls };
}
