import { UnauthenticatedError } from './errors.ts';
import { isCountryCode } from './country-codes.ts';

/** The identity a request carries, as verified by API Gateway (or the local server). */
export interface Claims {
  readonly subject: string;
  readonly groups: readonly string[];
  readonly country: string | null;
}

type RawClaims = Record<string, string | number | boolean | string[] | undefined>;

/**
 * API Gateway's JWT authorizer hands array claims over flattened to a string such as
 * `[secretariat observer]`; a JSON array or a comma-separated list is accepted as well.
 */
function parseGroups(value: RawClaims[string]): string[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.map(String);
  const text = String(value).trim();
  if (text.startsWith('[') && text.includes('"')) {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed)) return parsed.map(String);
  }
  return text
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter((group) => group.length > 0);
}

/** Reads the claims of a request; no claims, no subject or a malformed country is no identity. */
export function parseClaims(raw: RawClaims | undefined): Claims {
  const subject = raw?.sub;
  if (typeof subject !== 'string' || subject.length === 0) {
    throw new UnauthenticatedError('the request carries no identity');
  }
  const country = raw?.['custom:country'];
  if (country !== undefined && (typeof country !== 'string' || !isCountryCode(country))) {
    throw new UnauthenticatedError('the identity carries a malformed country');
  }
  let groups: string[];
  try {
    groups = parseGroups(raw?.['cognito:groups']);
  } catch {
    throw new UnauthenticatedError('the identity carries malformed groups');
  }
  return { subject, groups, country: country ?? null };
}
