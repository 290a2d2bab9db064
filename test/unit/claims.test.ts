import { describe, expect, it } from 'vitest';
import { parseClaims } from '../../functions/shared/domain/claims.ts';
import { UnauthenticatedError } from '../../functions/shared/domain/errors.ts';

const idToken = { sub: 'a', token_use: 'id' };

describe('parseClaims', () => {
  it('reads the groups as API Gateway flattens them: space-separated inside brackets', () => {
    expect(parseClaims({ ...idToken, 'cognito:groups': '[secretariat observer]' }).groups).toEqual([
      'secretariat',
      'observer',
    ]);
    expect(parseClaims({ ...idToken, 'cognito:groups': '[]' }).groups).toEqual([]);
  });

  it('reads groups given as a real array', () => {
    expect(parseClaims({ ...idToken, 'cognito:groups': ['observer', 'secretariat'] }).groups).toEqual([
      'observer',
      'secretariat',
    ]);
  });

  it('never splits a group name on commas, so a group named "x,secretariat" grants nothing more', () => {
    expect(parseClaims({ ...idToken, 'cognito:groups': '[x,secretariat]' }).groups).toEqual(['x,secretariat']);
    expect(parseClaims({ ...idToken, 'cognito:groups': '[observer x,secretariat]' }).groups).toEqual([
      'observer',
      'x,secretariat',
    ]);
    expect(parseClaims({ ...idToken, 'cognito:groups': ['x,secretariat'] }).groups).toEqual(['x,secretariat']);
  });

  it('reads a string without brackets as one group name', () => {
    expect(parseClaims({ ...idToken, 'cognito:groups': 'secretariat,observer' }).groups).toEqual([
      'secretariat,observer',
    ]);
    expect(parseClaims({ ...idToken, 'cognito:groups': 'observer' }).groups).toEqual(['observer']);
    expect(parseClaims({ ...idToken, 'cognito:groups': '' }).groups).toEqual([]);
    expect(parseClaims({ ...idToken, 'cognito:groups': '[observer' }).groups).toEqual(['[observer']);
    expect(parseClaims({ ...idToken, 'cognito:groups': 'observer]' }).groups).toEqual(['observer]']);
  });

  it('keeps quotes and brackets that belong to a name', () => {
    expect(parseClaims({ ...idToken, 'cognito:groups': '["secretariat"]' }).groups).toEqual(['"secretariat"']);
    expect(parseClaims({ ...idToken, 'cognito:groups': '[[secretariat]]' }).groups).toEqual(['[secretariat]']);
  });

  it('reads the country and leaves it null when absent', () => {
    expect(parseClaims({ ...idToken, 'custom:country': 'VN' })).toEqual({ subject: 'a', groups: [], country: 'VN' });
    expect(parseClaims(idToken).country).toBeNull();
  });

  it('refuses an access token, and a token that does not say it is an ID token', () => {
    expect(() => parseClaims({ sub: 'a', token_use: 'access', 'cognito:groups': '[secretariat]' })).toThrow(
      new UnauthenticatedError('the request must carry a Cognito ID token (token_use "id"), not an access token'),
    );
    expect(() => parseClaims({ sub: 'a', 'custom:country': 'VN' })).toThrow(UnauthenticatedError);
    expect(() => parseClaims({ sub: 'a', token_use: 'ID' })).toThrow(UnauthenticatedError);
  });

  it('refuses no claims, no subject, a malformed country and malformed groups as no identity', () => {
    expect(() => parseClaims(undefined)).toThrow(UnauthenticatedError);
    expect(() => parseClaims({ token_use: 'id' })).toThrow(UnauthenticatedError);
    expect(() => parseClaims({ sub: '', token_use: 'id' })).toThrow(UnauthenticatedError);
    expect(() => parseClaims({ sub: '', token_use: 'id' })).toThrow(
      new UnauthenticatedError('the request carries no identity'),
    );
    const malformedCountry = new UnauthenticatedError('the identity carries a malformed country');
    expect(() => parseClaims({ ...idToken, 'custom:country': 'vn' })).toThrow(malformedCountry);
    expect(() => parseClaims({ ...idToken, 'custom:country': 'ZZ' })).toThrow(malformedCountry);
    expect(() => parseClaims({ ...idToken, 'cognito:groups': 7 })).toThrow(
      new UnauthenticatedError('the identity carries malformed groups'),
    );
  });
});
