import { GraphQLError, Kind, type ValueNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { scalarResolvers } from '../../functions/graphql/scalars.ts';

const { Date: date, DateTime: dateTime, CountryCode: countryCode } = scalarResolvers;

/** The error a scalar answers a value it refuses with: the message, and BAD_USER_INPUT. */
function refusal(parse: () => unknown): { message: string; code: unknown } {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    const graphqlError = error as GraphQLError;
    return { message: graphqlError.message, code: graphqlError.extensions.code };
  }
  throw new Error('the value was accepted');
}

const stringNode = (value: string): ValueNode => ({ kind: Kind.STRING, value });

describe('DateTime', () => {
  it.each([
    '2024-02-29T23:59:59Z',
    '2026-11-28T02:30:00.000Z',
    '2026-11-28T02:30:00.1Z',
    '2026-11-28T02:30:00.123456789Z',
  ])('accepts the UTC instant %s as it is', (value) => {
    expect(dateTime.parseValue(value)).toBe(value);
    expect(dateTime.parseLiteral(stringNode(value))).toBe(value);
  });

  it.each([
    ['a date that does not exist', '2023-02-29T00:00:00Z'],
    ['a month that does not exist', '2026-13-01T00:00:00Z'],
    ['an offset other than Z', '2026-11-28T02:30:00+00:00'],
    ['no zone', '2026-11-28T02:30:00'],
    ['a lower-case z', '2026-11-28T02:30:00z'],
    ['a space for the T', '2026-11-28 02:30:00Z'],
    ['no seconds', '2026-11-28T02:30Z'],
    ['one-digit hours', '2026-11-28T2:30:00Z'],
    ['one-digit minutes', '2026-11-28T02:3:00Z'],
    ['one-digit seconds', '2026-11-28T02:30:0Z'],
    ['three-digit seconds', '2026-11-28T02:30:000Z'],
    ['a five-digit year', '12026-11-28T02:30:00Z'],
    ['a two-digit year', '26-11-28T02:30:00Z'],
    ['a one-digit month', '2026-1-28T02:30:00Z'],
    ['a one-digit day', '2026-11-2T02:30:00Z'],
    ['letters for digits', '2026-11-28Taa:bb:ccZ'],
    ['a point with no fraction', '2026-11-28T02:30:00.Z'],
    ['ten fraction digits', '2026-11-28T02:30:00.1234567890Z'],
    ['a comma for the point', '2026-11-28T02:30:00,5Z'],
    ['text before it', 'x2026-11-28T02:30:00Z'],
    ['a date before it', '2026-11-282026-11-28T02:30:00Z'],
    ['text after it', '2026-11-28T02:30:00Zx'],
    ['a date alone', '2026-11-28'],
    ['nothing', ''],
  ])('refuses %s (%s) as BAD_USER_INPUT', (_, value) => {
    const expected = { message: 'DateTime must be an ISO 8601 instant in UTC', code: 'BAD_USER_INPUT' };
    expect(refusal(() => dateTime.parseValue(value))).toEqual(expected);
    expect(refusal(() => dateTime.parseLiteral(stringNode(value)))).toEqual(expected);
  });
});

describe('Date', () => {
  it('accepts a calendar date as it is, as a variable and inline', () => {
    expect(date.parseValue('2024-02-29')).toBe('2024-02-29');
    expect(date.parseLiteral(stringNode('2024-02-29'))).toBe('2024-02-29');
  });

  it('refuses an impossible date', () => {
    expect(refusal(() => date.parseValue('2023-02-29'))).toEqual({
      message: 'Date must be a calendar date written YYYY-MM-DD',
      code: 'BAD_USER_INPUT',
    });
  });
});

describe('CountryCode', () => {
  it('accepts an assigned upper-case code and refuses the rest', () => {
    expect(countryCode.parseValue('NZ')).toBe('NZ');
    for (const value of ['nz', 'ZZ', 'NZL']) {
      expect(refusal(() => countryCode.parseValue(value))).toEqual({
        message: 'CountryCode must be an officially assigned ISO 3166-1 alpha-2 code in upper case',
        code: 'BAD_USER_INPUT',
      });
    }
  });
});

describe('every string scalar', () => {
  const scalars = [
    ['Date', date, '2024-02-29'],
    ['DateTime', dateTime, '2026-11-28T02:30:00.000Z'],
    ['CountryCode', countryCode, 'NZ'],
  ] as const;

  it.each(scalars)('%s refuses a variable that is not a string, never coercing it', (name, scalar, valid) => {
    for (const value of [20240229, null, undefined, true, { value: 'NZ' }, [valid]]) {
      expect(refusal(() => scalar.parseValue(value)).code).toBe('BAD_USER_INPUT');
    }
    expect(refusal(() => scalar.parseValue(1)).message).toMatch(new RegExp(`^${name} must be `));
  });

  it.each(scalars)('%s refuses an inline value that is not a string literal', (_, scalar, value) => {
    const notStrings: ValueNode[] = [
      { kind: Kind.INT, value: '2024' },
      { kind: Kind.ENUM, value },
      { kind: Kind.NULL },
    ];
    for (const node of notStrings) expect(refusal(() => scalar.parseLiteral(node)).code).toBe('BAD_USER_INPUT');
  });

  it.each(scalars)('%s serializes a string as it is and refuses anything else', (name, scalar, value) => {
    expect(scalar.serialize(value)).toBe(value);
    expect(() => scalar.serialize(20240229)).toThrow(new GraphQLError(`${name} must be a string`));
  });
});
