import { BadInputError } from './errors.ts';
import { isCountryCode, type CountryCode } from './country-codes.ts';

/** docs/api.md's text limits, in characters (code points). */
export const limits = {
  name: 200,
  text: 100_000,
  long: 2_000,
  email: 254,
  phone: 40,
} as const;

// biome-ignore lint/suspicious/noControlCharactersInRegex: these patterns exist to find control characters
const controlCharacters = /[\u0000-\u001f\u007f-\u009f]/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: these patterns exist to find control characters
const controlCharactersExceptNewlines = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;

function length(value: string): number {
  let count = 0;
  for (const _ of value) count += 1;
  return count;
}

/**
 * A text of at most `max` characters that is not blank. Single-line texts (names, titles)
 * refuse every control character; multi-line ones allow line breaks and tabs.
 * Returns the text trimmed, which is what is stored.
 */
export function text(value: string, field: string, max: number, options: { multiline?: boolean } = {}): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw new BadInputError(`${field} must not be blank`, field);
  if (length(trimmed) > max) throw new BadInputError(`${field} must be at most ${max} characters`, field);
  const forbidden = options.multiline ? controlCharactersExceptNewlines : controlCharacters;
  if (forbidden.test(trimmed)) throw new BadInputError(`${field} must not contain control characters`, field);
  return trimmed;
}

/** Like `text`, for an optional argument: null and undefined stay as they are. */
export function optionalText(
  value: string | null | undefined,
  field: string,
  max: number,
  options: { multiline?: boolean } = {},
): string | undefined {
  return value === null || value === undefined ? undefined : text(value, field, max, options);
}

export function countryCode(value: string, field: string): CountryCode {
  if (!isCountryCode(value)) {
    throw new BadInputError(`${field} must be an officially assigned ISO 3166-1 alpha-2 code in upper case`, field);
  }
  return value;
}

/** A list of country codes with no repeats. */
export function countryCodes(values: readonly string[], field: string): CountryCode[] {
  const seen = new Set<string>();
  for (const value of values) {
    countryCode(value, field);
    if (seen.has(value)) throw new BadInputError(`${field} names ${value} twice`, field);
    seen.add(value);
  }
  return [...seen];
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (2024-02-29 yes, 2023-02-29 no). */
export function isDate(value: string): boolean {
  const match = datePattern.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function date(value: string, field: string): string {
  if (!isDate(value)) throw new BadInputError(`${field} must be a calendar date written YYYY-MM-DD`, field);
  return value;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;
const phonePattern = /^\+?[0-9 ()./-]{3,40}$/;

export function email(value: string, field: string): string {
  const trimmed = text(value, field, limits.email);
  if (!emailPattern.test(trimmed)) throw new BadInputError(`${field} must be an e-mail address`, field);
  return trimmed;
}

export function phone(value: string, field: string): string {
  const trimmed = text(value, field, limits.phone);
  if (!phonePattern.test(trimmed)) {
    throw new BadInputError(`${field} must be a phone number (digits, spaces, + ( ) . / -)`, field);
  }
  return trimmed;
}

/** A whole number within [min, max]. */
export function integer(value: number, field: string, min: number, max: number): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new BadInputError(`${field} must be a whole number from ${min} to ${max}`, field);
  }
  return value;
}

/** An `expectedRevision`: revisions start at 1. */
export function revision(value: number): number {
  return integer(value, 'expectedRevision', 1, Number.MAX_SAFE_INTEGER);
}

/** An update must name something to change. */
export function requireSome(fields: string): never {
  throw new BadInputError(`an update names at least one of ${fields}`, 'input');
}
