import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDynamoClient } from '../../functions/shared/data/dynamo.ts';
import { randomBytes } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { print, type DocumentNode } from 'graphql';
import { createGraphqlHandler } from '../../functions/graphql/create-handler.ts';
import type { Services } from '../../functions/graphql/context.ts';
import type { TableNames } from '../../functions/shared/data/tables.ts';
import type { Execution } from '../../functions/shared/runtime/config.ts';
import { apiGatewayEvent, flattenClaims, lambdaContext } from '../../infra/local/lambda-event.ts';
import { loadSampleData } from '../../infra/local/sample-data/load.ts';
import { freshTables } from './tables.ts';

/** A caller as a token describes it. */
export interface Identity {
  readonly sub: string;
  readonly groups?: readonly string[];
  readonly country?: string;
  /** Cognito's `token_use`; `id` unless a test sends another kind of token. */
  readonly tokenUse?: string;
}

/** The callers of docs/api.md's permission table, against the sample data (NZ and VN co-chair). */
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

/** A document's variables as the call takes them: optional when the document has no required one. */
export type VariablesArgument<V> = Record<string, never> extends V ? [variables?: V] : [variables: V];

/** A call of client documents as one caller, typed as `TestApi.call`: `asSecretariat(doc.MembersDocument)`. */
export type CallAs = <R, V>(
  document: TypedDocumentNode<R, V>,
  ...variables: VariablesArgument<V>
) => Promise<GraphqlResponse<R>>;

export interface TestApi {
  readonly endpoint: string;
  readonly tableNames: TableNames;
  /**
   * Sends one GraphQL request through the Lambda handler, as API Gateway would with these claims.
   * A client document (schema/generated/documents.ts) types its variables and its data as a front
   * end's would; a string (test/support/probe-documents.ts) is a request no front end sends.
   */
  call<R, V>(
    identity: Identity | null,
    document: TypedDocumentNode<R, V>,
    ...variables: VariablesArgument<V>
  ): Promise<GraphqlResponse<R>>;
  /** A probe's answer is typed by the test that sends it (T): no generated type can describe it. */
  call<T = Record<string, unknown>>(
    identity: Identity | null,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphqlResponse<T>>;
  /**
   * A client document with variables its types refuse (a wrong enum value, an unknown input
   * field): the server's own checks are what is tested, so the variables are not typed.
   */
  callUnchecked<R, V>(
    identity: Identity | null,
    document: TypedDocumentNode<R, V>,
    variables: Record<string, unknown>,
  ): Promise<GraphqlResponse<R>>;
  /** Sends a raw body (for requests that are no GraphQL). */
  send(
    identity: Identity | null,
    body: string,
    headers?: Record<string, string>,
  ): Promise<APIGatewayProxyStructuredResultV2>;
}

/** Fresh tables with the sample data, and the real Lambda handler over them, with graphql-jit unless `execution` says otherwise. */
export async function createTestApi(
  overrides: Partial<Services> | ((tableNames: TableNames, endpoint: string) => Partial<Services>) = {},
  execution: Execution = 'jit',
): Promise<TestApi> {
  const { endpoint, tableNames } = await freshTables();
  await loadSampleData(endpoint, tableNames, '2026-01-01T00:00:00.000Z');
  const handler = createGraphqlHandler(
    { tableNames, dynamoEndpoint: endpoint, introspection: false, cursorKey: { key: randomBytes(32) }, execution },
    typeof overrides === 'function' ? overrides(tableNames, endpoint) : overrides,
  );
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
  const post = async (identity: Identity | null, document: string | DocumentNode, variables?: unknown) => {
    const query = typeof document === 'string' ? document : print(document);
    const result = await send(identity, JSON.stringify({ query, variables }));
    const raw = result.body ?? '';
    const parsed = JSON.parse(raw) as { data?: never; errors?: GraphqlError[] };
    return { status: result.statusCode ?? 200, data: parsed.data, errors: parsed.errors, raw };
  };
  return {
    endpoint,
    tableNames,
    send,
    call: post,
    callUnchecked: post,
  };
}

/** The claims of a Cognito ID token for this identity, as the API reads them. */
export function claimsOf(identity: Identity): Record<string, unknown> {
  return {
    token_use: identity.tokenUse ?? 'id',
    ...(identity.groups ? { 'cognito:groups': [...identity.groups] } : {}),
    ...(identity.country ? { 'custom:country': identity.country } : {}),
  };
}

/** The data of a response that must have succeeded; anything else fails the test with the whole answer. */
export function dataOf<T>(response: GraphqlResponse<T>): T {
  if (response.errors || response.data === null || response.data === undefined)
    throw new Error(`expected data, got ${response.raw}`);
  return response.data;
}

/** The error codes of a response, in order. */
export const codes = (response: GraphqlResponse<unknown>): string[] =>
  (response.errors ?? []).map((error) => error.extensions.code);

/** One DynamoDB call as a recording client saw it. */
export interface RecordedCall {
  readonly command: string;
  /** How many calls of the request had answered when this one was sent: calls sent in one round share it. */
  readonly round: number;
  /** Items DynamoDB read for it: a Query's ScannedCount, a batch's keys. */
  readonly itemsRead: number;
  /** The Limit a Query carried. */
  readonly limit?: number;
  /** Read capacity units it consumed, when asked for (the per-request budget asks). */
  readonly capacityUnits: number;
}

/**
 * A Document Client on the run's DynamoDB Local that records every command it sends: `calls`
 * their names, `recorded` what each read. `reset()` starts a new request's record.
 */
export function countingClient(endpoint: string): {
  client: DynamoDBDocumentClient;
  calls: string[];
  recorded: RecordedCall[];
  /** The most calls that were in flight at once since the last reset. */
  peak(): number;
  reset(): void;
} {
  const calls: string[] = [];
  const recorded: RecordedCall[] = [];
  let answered = 0;
  let inFlight = 0;
  let peak = 0;
  const base = createDynamoClient({ endpoint });
  base.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? 'unknown';
      const round = answered;
      calls.push(command);
      const input = args.input as { Limit?: number; RequestItems?: Record<string, { Keys?: unknown[] }> };
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      const result = await next(args).finally(() => (inFlight -= 1));
      answered += 1;
      const output = result.output as {
        ScannedCount?: number;
        ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[];
      };
      const keys = Object.values(input.RequestItems ?? {}).reduce(
        (sum, request) => sum + (request.Keys?.length ?? 0),
        0,
      );
      recorded.push({
        command,
        round,
        itemsRead: output.ScannedCount ?? keys,
        ...(input.Limit !== undefined ? { limit: input.Limit } : {}),
        capacityUnits: [output.ConsumedCapacity ?? []].flat().reduce((sum, part) => sum + (part.CapacityUnits ?? 0), 0),
      });
      return result;
    },
    { step: 'initialize', name: 'countCalls' },
  );
  const reset = () => {
    calls.length = 0;
    recorded.length = 0;
    answered = 0;
    peak = 0;
  };
  return {
    client: DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } }),
    calls,
    recorded,
    peak: () => peak,
    reset,
  };
}
