import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { isCountryCode } from '../shared/domain/country-codes.ts';
import { isDate } from '../shared/domain/validation.ts';

/**
 * Strict string scalars: a value that does not parse is refused at the boundary with
 * BAD_USER_INPUT (as a variable) or a validation error (written inline), never coerced.
 * Outputs are only checked to be strings: every stored value passed `parse` (or came from the
 * clock) on its way in, and a page of results would otherwise re-validate each one.
 * Descriptions live in the SDL (schema/common.ts), the one place the schema shows them.
 */
function stringScalar(name: string, accepts: (value: string) => boolean, expected: string) {
  const parse = (value: unknown): string => {
    if (typeof value !== 'string' || !accepts(value)) {
      throw new GraphQLError(`${name} must be ${expected}`, { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return value;
  };
  return new GraphQLScalarType<string, string>({
    name,
    serialize: (value) => {
      if (typeof value !== 'string') throw new GraphQLError(`${name} must be a string`);
      return value;
    },
    parseValue: parse,
    parseLiteral: (node: ValueNode) => parse(node.kind === Kind.STRING ? node.value : undefined),
  });
}

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

export const scalarResolvers = {
  Date: stringScalar('Date', isDate, 'a calendar date written YYYY-MM-DD'),
  DateTime: stringScalar(
    'DateTime',
    (value) => isoInstant.test(value) && isDate(value.slice(0, 10)),
    'an ISO 8601 instant in UTC',
  ),
  CountryCode: stringScalar(
    'CountryCode',
    isCountryCode,
    'an officially assigned ISO 3166-1 alpha-2 code in upper case',
  ),
};
