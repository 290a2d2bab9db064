import { HeaderMap } from '@apollo/server';
import { GraphQLError, getOperationAST, parse, type OperationTypeNode } from 'graphql';
import shippedManifest from '../../schema/generated/persisted-documents.json' with { type: 'json' };
import type { DocumentsMode } from '../shared/runtime/config.ts';

/**
 * The front end's documents (schema/generated/persisted-documents.json, generated from
 * schema/documents by the code generator): document id (`sha256:<hex>`) to text, and the other
 * way round for requests that send a known text. Built once per container.
 */
export class DocumentManifest {
  readonly #byId: ReadonlyMap<string, string>;
  readonly #texts: ReadonlySet<string>;
  /** The operation types of each of the manifest's texts, found when first asked for (only GET asks). */
  readonly #operations = new Map<string, OperationTypes | undefined>();

  constructor(entries: Readonly<Record<string, string>>) {
    this.#byId = new Map(Object.entries(entries));
    this.#texts = new Set(this.#byId.values());
  }

  /** The text of a document id, `sha256:<hex>`. */
  text(id: string): string | undefined {
    return this.#byId.get(id);
  }

  has(text: string): boolean {
    return this.#texts.has(text);
  }

  /** The type of the operation a GET of this text and operation name selects. */
  operationType(text: string, operationName: string | undefined): OperationTypeNode | undefined {
    const types = this.#operations.get(text) ?? operationTypes(text);
    // Stryker disable next-line all: the memo only saves parsing a manifest text again, with the same answers; a text a client sent is not kept
    if (this.#texts.has(text)) this.#operations.set(text, types);
    return types?.(operationName);
  }
}

type OperationTypes = (operationName: string | undefined) => OperationTypeNode | undefined;

/**
 * Which operation a document selects, as graphql-js would pick it; undefined when it does not
 * parse or names no single operation, which Apollo then answers as it always does.
 */
function operationTypes(text: string): OperationTypes | undefined {
  let document: ReturnType<typeof parse>;
  try {
    // No token limit: a mutation by GET answers 405 whatever else is wrong with it, that limit
    // included, and the URL already bounds the text (API Gateway takes 10 KB of request line and
    // headers, Node's HTTP server 16 KB).
    // Stryker disable next-line BooleanLiteral,ObjectLiteral: locations only serve error messages, which this parse never shows
    document = parse(text, { noLocation: true });
  } catch {
    return undefined;
  }
  return (operationName) => getOperationAST(document, operationName)?.operation;
}

/** The manifest shipped with the function: esbuild bundles the JSON into it. */
export const shippedDocuments = new DocumentManifest(shippedManifest);

/**
 * What the gate reads of Apollo's HTTPGraphQLRequest. Apollo's types come in a CommonJS and an ESM
 * declaration that TypeScript tells apart, so the gate takes and returns the caller's own type.
 */
export interface GraphqlHttpRequest {
  readonly method: string;
  readonly search: string;
  readonly body: unknown;
}

/** What the gate made of a request: the request Apollo is to run, or why it runs nothing. */
export type Admission<R extends GraphqlHttpRequest> = { readonly request: R } | { readonly refusal: GraphQLError };

/**
 * The documents gate (docs/api.md, "Transport"), before Apollo parses anything:
 *
 * - `documentId` (POST body or GET parameter) runs the manifest's text: unknown → UNKNOWN_DOCUMENT,
 *   together with `query` (or Apollo's persisted-query hash) → BAD_REQUEST;
 * - Apollo's `extensions.persistedQuery.sha256Hash` without `query` runs the manifest's text of
 *   `sha256:<hash>`, and is PERSISTED_QUERY_NOT_FOUND when the manifest has none (the client
 *   then sends the text); with `query`, the text is what counts. The extension never reaches
 *   Apollo, whose own persisted-query cache is off;
 * - with DOCUMENTS=trusted, a text not in the manifest is UNKNOWN_DOCUMENT, unparsed;
 * - a GET whose operation is no query is 405 with `Allow: POST`, whatever else is wrong with it.
 *   A GET's document is parsed for that even when trusted mode will refuse it: a URL bounds it.
 *
 * Anything else that is no GraphQL request (no query, a query that is no string) goes on to
 * Apollo, which refuses it with BAD_REQUEST before parsing.
 */
export function admit<R extends GraphqlHttpRequest>(
  request: R,
  mode: DocumentsMode,
  manifest: DocumentManifest,
): Admission<R> {
  const fields = requestFields(request);
  if (fields instanceof GraphQLError) return { refusal: fields };
  if (!fields) return { request };
  const text = documentText(fields, manifest);
  if (text === undefined) return { request: without(request, fields.extensions) };
  if (typeof text !== 'string') return text;
  const sentText = typeof fields.query === 'string' ? fields.query : undefined;

  if (request.method === 'GET') {
    const type = manifest.operationType(text, fields.operationName);
    if (type !== undefined && type !== 'query') return mutationByGet();
  }
  if (mode === 'trusted' && sentText !== undefined && !manifest.has(sentText)) return unknownDocument();
  return { request: without(request, fields.extensions, sentText === undefined ? text : undefined) };
}

/**
 * The text a request names: by `documentId`, as `query`, or by Apollo's persisted-query hash when
 * it sends no query; or why it names none the gate can run; undefined for no document at all.
 */
function documentText(
  { query, documentId, extensions }: RequestFields,
  manifest: DocumentManifest,
): string | { refusal: GraphQLError } | undefined {
  const persistedQuery = extensions?.persistedQuery;
  if (documentId !== undefined && documentId !== null) {
    if ((query !== undefined && query !== null) || persistedQuery !== undefined)
      return refuse('BAD_REQUEST', 'Send a document either by documentId or as query, not both');
    if (typeof documentId !== 'string') return refuse('BAD_REQUEST', 'documentId is a string: "sha256:<hex>"');
    return manifest.text(documentId) ?? unknownDocument();
  }
  if (typeof query === 'string') return query;
  if ((query === undefined || query === null) && persistedQuery !== undefined) {
    const hash = isRecord(persistedQuery) ? persistedQuery.sha256Hash : undefined;
    return (typeof hash === 'string' ? manifest.text(`sha256:${hash}`) : undefined) ?? persistedQueryNotFound();
  }
  return undefined;
}

interface RequestFields {
  readonly query?: unknown;
  readonly documentId?: unknown;
  /** A GET's, for the 405: a POST runs whichever operation it names. */
  readonly operationName?: string | undefined;
  readonly extensions?: Record<string, unknown> | undefined;
}

/**
 * The fields the gate reads, from a POST's JSON body or a GET's parameters; undefined for what is
 * no GraphQL request at all (Apollo refuses it), an error for parameters given twice or
 * extensions that are no JSON object.
 */
function requestFields(request: GraphqlHttpRequest): RequestFields | GraphQLError | undefined {
  if (request.method === 'POST') {
    if (!isRecord(request.body)) return undefined;
    const { query, documentId, extensions } = request.body;
    return { query, documentId, extensions: isRecord(extensions) ? extensions : undefined };
  }
  if (request.method !== 'GET') return undefined;
  const search = new URLSearchParams(request.search);
  const fields: Record<string, string | undefined> = {};
  for (const name of ['query', 'documentId', 'operationName', 'extensions']) {
    const values = search.getAll(name);
    if (values.length > 1) return requestError(`The '${name}' search parameter may only be specified once.`);
    fields[name] = values[0];
  }
  let extensions: unknown;
  try {
    extensions = fields.extensions === undefined ? undefined : JSON.parse(fields.extensions);
  } catch {
    return requestError('The extensions search parameter contains invalid JSON.');
  }
  if (extensions !== undefined && !isRecord(extensions))
    return requestError('The extensions search parameter should contain a JSON-encoded object.');
  return { query: fields.query, documentId: fields.documentId, operationName: fields.operationName, extensions };
}

/**
 * The request less what only the gate reads (documentId, Apollo's persisted-query extension, which
 * Apollo would refuse with its cache off), with the manifest's text as its query when it came by id.
 * A request with none of these is passed on as it came.
 */
function without<R extends GraphqlHttpRequest>(
  request: R,
  extensions: Record<string, unknown> | undefined,
  text?: string,
): R {
  if (text === undefined && extensions?.persistedQuery === undefined) return request;
  const rest: Record<string, unknown> = {};
  for (const name in extensions) if (name !== 'persistedQuery') rest[name] = extensions[name];
  const remaining = Object.keys(rest).length > 0 ? rest : undefined;
  if (request.method === 'GET') {
    const search = new URLSearchParams(request.search);
    search.delete('documentId');
    if (text !== undefined) search.set('query', text);
    if (remaining) search.set('extensions', JSON.stringify(remaining));
    else search.delete('extensions');
    return { ...request, search: search.toString() };
  }
  // What Apollo reads of a body, the rest left behind; a field not sent stays absent (Apollo
  // refuses an `operationName` that is there but undefined).
  const body = isRecord(request.body) ? request.body : {};
  const admitted: Record<string, unknown> = { query: text ?? body.query };
  if ('operationName' in body) admitted.operationName = body.operationName;
  if ('variables' in body) admitted.variables = body.variables;
  if (remaining) admitted.extensions = remaining;
  return { ...request, body: admitted };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Refusals before parsing are request errors: 400, which the way out (./http.ts) turns into 200
 * for a client that accepts only application/json, as the GraphQL-over-HTTP spec asks.
 */
const refuse = (code: string, message: string, headers?: HeaderMap): { refusal: GraphQLError } => ({
  refusal: new GraphQLError(message, { extensions: { code, http: { status: 400, ...(headers ? { headers } : {}) } } }),
});

const requestError = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });

const unknownDocument = () =>
  refuse('UNKNOWN_DOCUMENT', "The document is not one of this API's known documents (its manifest)");

/** Apollo's own message and code: Apollo Client's persisted-queries link looks for either, then sends the text. */
const persistedQueryNotFound = () =>
  refuse(
    'PERSISTED_QUERY_NOT_FOUND',
    'PersistedQueryNotFound',
    new HeaderMap([['cache-control', 'private, no-cache, must-revalidate']]),
  );

const mutationByGet = (): { refusal: GraphQLError } => ({
  refusal: new GraphQLError('GET runs queries only: send a mutation by POST', {
    extensions: { code: 'BAD_REQUEST', http: { status: 405, headers: new HeaderMap([['allow', 'POST']]) } },
  }),
});
