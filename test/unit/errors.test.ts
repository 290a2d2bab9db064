import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { formatError, internalErrorMessage } from '../../functions/graphql/errors.ts';
import {
  BadInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
} from '../../functions/shared/domain/errors.ts';

/** Apollo hands formatError the formatted error and the original, wrapped as resolvers throw it. */
const thrownInResolver = (error: Error) => new GraphQLError(error.message, { originalError: error, path: ['field'] });

describe('formatError', () => {
  const domain: [Error, string][] = [
    [new UnauthenticatedError('who are you'), 'UNAUTHENTICATED'],
    [new ForbiddenError('not you'), 'FORBIDDEN'],
    [new BadInputError('too long', 'name'), 'BAD_USER_INPUT'],
    [new NotFoundError('no such thing'), 'NOT_FOUND'],
    [new ConflictError('stale'), 'CONFLICT'],
  ];
  for (const [error, code] of domain) {
    it(`maps ${error.name} to ${code} with its message`, () => {
      const wrapped = thrownInResolver(error);
      const formatted = formatError(wrapped.toJSON(), wrapped);
      expect(formatted.extensions?.code).toBe(code);
      expect(formatted.message).toBe(error.message);
      expect(formatted.path).toEqual(['field']);
    });
  }

  it('names the refused field of a BAD_USER_INPUT', () => {
    const wrapped = thrownInResolver(new BadInputError('blank', 'focalPoint.name'));
    expect(formatError(wrapped.toJSON(), wrapped).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'focalPoint.name',
    });
  });

  it('answers anything unexpected as INTERNAL_SERVER_ERROR with a generic message, no stack and no AWS text', () => {
    const aws = Object.assign(
      new Error('User: arn:aws:sts::123456789012:assumed-role/x is not authorized to perform: dynamodb:Query'),
      {
        name: 'AccessDeniedException',
        $metadata: { httpStatusCode: 400 },
      },
    );
    const wrapped = thrownInResolver(aws);
    const formatted = formatError(
      { ...wrapped.toJSON(), extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] } },
      wrapped,
    );
    expect(formatted).toEqual({
      message: internalErrorMessage,
      path: ['field'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(formatted)).not.toMatch(/arn:aws|dynamodb|stacktrace/);
  });

  it('keeps the codes graphql-js and Apollo give to refused documents and variables, dropping other extensions', () => {
    for (const code of ['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST']) {
      const error = new GraphQLError('refused', { extensions: { code, stacktrace: ['at y'] } });
      expect(formatError(error.toJSON(), error)).toEqual({ message: 'refused', extensions: { code } });
    }
  });
});
