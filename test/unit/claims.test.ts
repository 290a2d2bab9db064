import { describe, expect, it } from 'vitest';
import { parseClaims } from '../../functions/shared/domain/claims.ts';
import { UnauthenticatedError } from '../../functions/shared/domain/errors.ts';

describe('parseClaims', () => {
  it('reads the groups as API Gateway flattens them', () => {
    expect(parseClaims({ sub: 'a', 'cognito:groups': '[secretariat observer]' }).groups).toEqual([
      'secretariat',
      'observer',
    ]);
  });

  it('reads groups given as a list, as JSON, or comma-separated', () => {
    expect(parseClaims({ sub: 'a', 'cognito:groups': ['observer'] }).groups).toEqual(['observer']);
    expect(parseClaims({ sub: 'a', 'cognito:groups': '["secretariat"]' }).groups).toEqual(['secretariat']);
    expect(parseClaims({ sub: 'a', 'cognito:groups': 'secretariat,observer' }).groups).toEqual([
      'secretariat',
      'observer',
    ]);
  });

  it('reads the country and leaves it null when absent', () => {
    expect(parseClaims({ sub: 'a', 'custom:country': 'VN' })).toEqual({ subject: 'a', groups: [], country: 'VN' });
    expect(parseClaims({ sub: 'a' }).country).toBeNull();
  });

  it('refuses no claims, no subject, a malformed country and malformed groups as no identity', () => {
    expect(() => parseClaims(undefined)).toThrow(UnauthenticatedError);
    expect(() => parseClaims({})).toThrow(UnauthenticatedError);
    expect(() => parseClaims({ sub: '' })).toThrow(UnauthenticatedError);
    expect(() => parseClaims({ sub: 'a', 'custom:country': 'vn' })).toThrow(UnauthenticatedError);
    expect(() => parseClaims({ sub: 'a', 'custom:country': 'ZZ' })).toThrow(UnauthenticatedError);
    expect(() => parseClaims({ sub: 'a', 'cognito:groups': '["unclosed' })).toThrow(UnauthenticatedError);
  });
});
