import countries from 'i18n-iso-countries';
import { describe, expect, it } from 'vitest';
import { countryCodeCount, isCountryCode } from '../../functions/shared/domain/country-codes.ts';
import { BadInputError } from '../../functions/shared/domain/errors.ts';
import * as valid from '../../functions/shared/domain/validation.ts';

describe('country codes', () => {
  it('are exactly the officially assigned ISO 3166-1 alpha-2 codes (the package less its user-assigned XK)', () => {
    const official = Object.keys(countries.getAlpha2Codes()).filter((code) => code !== 'XK');
    expect(countryCodeCount).toBe(official.length);
    expect(official.every(isCountryCode)).toBe(true);
  });

  it('refuses user-assigned, lower-case and malformed codes', () => {
    for (const code of ['ZZ', 'XK', 'nz', 'Nz', 'NZL', '', ' NZ']) expect(isCountryCode(code)).toBe(false);
  });
});

describe('dates', () => {
  it('accepts real calendar dates only', () => {
    expect(valid.isDate('2024-02-29')).toBe(true);
    for (const date of [
      '2023-02-29',
      '2024-02-30',
      '2024-13-01',
      '2024-00-10',
      '2024-1-01',
      '2024-01-01T00:00:00Z',
      '',
    ]) {
      expect(valid.isDate(date)).toBe(false);
    }
  });
});

describe('text', () => {
  it('trims, and refuses blank, over-long and control-character texts', () => {
    expect(valid.text('  Fiji ', 'name', 200)).toBe('Fiji');
    expect(() => valid.text(' \t\n', 'name', 200)).toThrow(BadInputError);
    expect(() => valid.text('x'.repeat(201), 'name', 200)).toThrow(/at most 200/);
    expect(() => valid.text('a\u0007b', 'name', 200)).toThrow(/control characters/);
    expect(valid.text('line one\nline two', 'reason', 2000, { multiline: true })).toBe('line one\nline two');
  });

  it('names the field it refuses', () => {
    try {
      valid.text('', 'focalPoint.name', 200);
    } catch (error) {
      expect(error).toMatchObject({ field: 'focalPoint.name' });
    }
    expect.assertions(1);
  });
});
