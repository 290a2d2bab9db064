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
 * Cognito puts `cognito:groups` in its tokens as an array. API Gateway's HTTP API JWT
 * authorizer hands array claims over flattened to `[a b]`, the names space-separated inside
 * brackets. A group name matches `[\p{L}\p{M}\p{S}\p{N}\p{P}]+` (Cognito CreateGroup), so it
 * may hold commas, quotes and brackets but never whitespace: whitespace is the only safe
 * separator, and a name is never split on anything else. A string without the brackets is
 * one name.
 */
function parseGroups(value: RawClaims[string]): string[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return [...value];
  if (typeof value !== 'string') {
    throw new UnauthenticatedError('the identity carries malformed groups');
  }
  if (value.startsWith('[') && value.endsWith(']')) {
    // Split at each whitespace character: the empty names between repeated ones go in the filter.
    return value
      .slice(1, -1)
      .split(/\s/)
      .filter((group) => group.length > 0);
  }
  return value.length > 0 ? [value] : [];
}

/**
 * Reads the claims of a request. No claims, no subject, a token other than a Cognito ID token
 * (an access token carries neither `custom:country` nor the attributes the API trusts), or a
 * malformed country or groups claim is no identity.
 */
export function parseClaims(raw: RawClaims | undefined): Claims {
  const subject = raw?.sub;
  if (typeof subject !== 'string' || subject.length === 0) {
    throw new UnauthenticatedError('the request carries no identity');
  }
  // Stryker disable next-line OptionalChaining: raw has a subject here; the chain is what narrows its type
  if (raw?.token_use !== 'id') {
    throw new UnauthenticatedError('the request must carry a Cognito ID token (token_use "id"), not an access token');
  }
  const country = raw['custom:country'];
  // Stryker disable next-line ConditionalExpression: isCountryCode refuses a non-string as well; the typeof narrows the type
  if (country !== undefined && (typeof country !== 'string' || !isCountryCode(country))) {
    throw new UnauthenticatedError('the identity carries a malformed country');
  }
  return { subject, groups: parseGroups(raw['cognito:groups']), country: country ?? null };
}
