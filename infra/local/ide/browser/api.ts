import type { GraphiQLProps } from 'graphiql';
import { Kind, parse, type ExecutionResult } from 'graphql';
import { tokenRequest, type Caller } from './caller.ts';

/** A dev token for the caller from the local server (`POST /dev/token`). */
export async function requestToken(caller: Caller): Promise<string> {
  const response = await fetch('/dev/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(tokenRequest(caller)),
  });
  const body = (await response.json()) as { token?: string; message?: string };
  if (!response.ok || !body.token) throw new Error(body.message ?? `the server answered ${response.status}`);
  return body.token;
}

export interface TokenSource {
  current(): string | null;
  /** A fresh token for the same caller. */
  renew(): Promise<string>;
}

/**
 * GraphiQL's fetcher: `POST /graphql` as JSON (which Apollo's CSRF prevention asks for) with the
 * caller's token. Tokens are signed by a key the server makes at start, so after a restart
 * (`npm run dev` restarts on every save) the first 401 renews the token and tries once more.
 */
export function graphqlFetcher(tokens: TokenSource): GraphiQLProps['fetcher'] {
  return async (params, options) => {
    const send = (token: string | null) =>
      fetch('/graphql', {
        method: 'POST',
        headers: {
          ...options?.headers,
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ ...params, operationName: operationToRun(params.query, params.operationName) }),
      });
    let response = await send(tokens.current());
    if (response.status === 401) response = await send(await tokens.renew());
    return (await response.json()) as ExecutionResult;
  };
}

/**
 * The operation name to send with `query`. GraphiQL can send the name it read from the tab shown
 * before (graphql/graphiql#2311: Run pressed just after a change of tab), which names no operation
 * of this document, and the server refuses it; a document of one operation then runs that one.
 * Otherwise the name goes as given: several operations and no name is the server's to refuse.
 */
export function operationToRun(query: string, operationName: string | null | undefined): string | undefined {
  let names: (string | undefined)[];
  try {
    names = parse(query)
      .definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION)
      .map((operation) => operation.name?.value);
  } catch {
    // Not a document: the server answers why.
    return operationName ?? undefined;
  }
  if (operationName && names.includes(operationName)) return operationName;
  return names.length === 1 ? names[0] : (operationName ?? undefined);
}
