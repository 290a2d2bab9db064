import type { GraphQLFormattedError } from 'graphql';
import {
  BadInputError,
  ConflictError,
  DomainError,
  ForbiddenError,
  MaxCostExceededError,
  NotFoundError,
  UnauthenticatedError,
} from '../shared/domain/errors.ts';

/** The codes of docs/api.md's error table. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'MAX_COST_EXCEEDED'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'GRAPHQL_PARSE_FAILED'
  | 'BAD_REQUEST'
  | 'UNKNOWN_DOCUMENT'
  | 'PERSISTED_QUERY_NOT_FOUND'
  | 'INTERNAL_SERVER_ERROR';

const domainCodes: [new (...args: never[]) => DomainError, ErrorCode][] = [
  [UnauthenticatedError, 'UNAUTHENTICATED'],
  [ForbiddenError, 'FORBIDDEN'],
  [BadInputError, 'BAD_USER_INPUT'],
  [NotFoundError, 'NOT_FOUND'],
  [ConflictError, 'CONFLICT'],
  [MaxCostExceededError, 'MAX_COST_EXCEEDED'],
];

/**
 * Codes that graphql-js and Apollo assign for requests they refuse themselves, the estimated
 * cost's refusal (./cost.ts) and the documents gate's (./documents.ts); their messages are safe.
 */
const passThroughCodes = new Set<unknown>([
  'UNAUTHENTICATED',
  'BAD_USER_INPUT',
  'MAX_COST_EXCEEDED',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'UNKNOWN_DOCUMENT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export const internalErrorMessage = 'Internal server error';

/**
 * What a resolver threw, under graphql-js's wrapping. Duck-typed rather than `instanceof
 * GraphQLError`: graphql 16 ships a CommonJS and an ESM build, and which one a module gets
 * depends on who loads it (Node, esbuild or vitest), so the class is not always the same.
 */
export function originalError(error: unknown): unknown {
  let current = error;
  while (current instanceof Error && 'originalError' in current && current.originalError instanceof Error) {
    current = current.originalError;
  }
  return current;
}

/** The code a thrown error answers with; unknown errors are INTERNAL_SERVER_ERROR. */
export function codeOf(error: unknown): ErrorCode {
  const original = originalError(error);
  return domainCodes.find(([type]) => original instanceof type)?.[1] ?? 'INTERNAL_SERVER_ERROR';
}

/**
 * Apollo's formatError: the one place errors become answers. Domain errors keep their message
 * and get their code; what graphql-js and Apollo refuse keeps its code; anything else (a bug,
 * an AWS error) becomes a generic INTERNAL_SERVER_ERROR without message, stack or AWS text.
 * The original is logged by the request's plugin, which knows the request id.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = originalError(error);
  const location = {
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
  };
  if (original instanceof DomainError) {
    const field = original instanceof BadInputError && original.field ? { field: original.field } : {};
    return { message: original.message, ...location, extensions: { code: codeOf(original), ...field } };
  }
  const code = formatted.extensions?.code;
  if (passThroughCodes.has(code)) return { message: formatted.message, ...location, extensions: { code } };
  return { message: internalErrorMessage, ...location, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
