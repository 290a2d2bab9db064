import { describe, expect, it } from 'vitest';
import { KeyRingError, parseKeyRing, ringNames, verifyingKey } from '../../functions/shared/runtime/cursor-key-ring.ts';

const key1 = '1'.repeat(64);
const key2 = '2'.repeat(64);
const retiresAt = '2026-05-02T09:00:00.000Z';

/** What parsing `text` throws, if anything. */
function thrownBy(text: string): unknown {
  try {
    parseKeyRing(text);
  } catch (error) {
    return error;
  }
  return undefined;
}

/** The message `text` is refused with, checked to be a KeyRingError that does not quote the secret. */
function refusal(text: string): string {
  const thrown = thrownBy(text);
  expect(thrown).toBeInstanceOf(KeyRingError);
  const { message } = thrown as KeyRingError;
  for (const secret of ['tooShort', 'swordfish']) expect(message).not.toContain(secret);
  return message;
}

describe('the cursor key ring', () => {
  it('reads a plain secret, what the first deployment generated, as the one current key k0', () => {
    const generated = 'Ab3dEf6hIj9lMn2pQr5tUv8xYz1bCd4fGh7jKl0nOp3rSt6vWx9zAb2dEf5hIj8l';
    expect(parseKeyRing(generated)).toEqual({ current: { id: 'k0', key: generated } });
    expect(parseKeyRing(key1)).toEqual({ current: { id: 'k0', key: key1 } });
  });

  it('reads a ring in JSON, with or without a previous key', () => {
    const current = { id: 'k2', key: key2 };
    const previous = { id: 'k1', key: key1, retiresAt };
    expect(parseKeyRing(JSON.stringify({ current }))).toEqual({ current });
    expect(parseKeyRing(JSON.stringify({ current, previous }))).toEqual({ current, previous });
  });

  it.each([
    [
      'a plain key shorter than 32 characters',
      'tooShort',
      'the cursor secret is too short for a key: at least 32 characters',
    ],
    [
      'text that is neither a plain key nor JSON',
      '{"current": swordfish',
      'the cursor secret is neither a key of letters and digits nor a key ring in JSON',
    ],
    ['JSON without a current key', '{}', 'the cursor secret is not a key ring: current is missing'],
    [
      'JSON that is no object',
      '"swordfish"',
      'the cursor secret is not a key ring: must be an object with current and, optionally, previous',
    ],
    [
      'a key that is not a string',
      '{"current":{"id":"k1","key":12345678901234567890123456789012345}}',
      'the cursor secret is not a key ring: current.key must be a string',
    ],
    [
      'a short key and an id that could not travel in a cursor',
      '{"current":{"id":"k.1","key":"tooShort"}}',
      'the cursor secret is not a key ring: current.id must be 1 to 16 letters, digits, - or _; current.key must be at least 32 characters long',
    ],
    [
      'a previous key without a valid retirement',
      `{"current":{"id":"k2","key":"${key2}"},"previous":{"id":"k1","key":"${key1}","retiresAt":"tomorrow"}}`,
      'the cursor secret is not a key ring: previous.retiresAt must be an ISO 8601 instant',
    ],
    [
      'a plain key followed by anything but letters and digits',
      `${key1}-`,
      'the cursor secret is neither a key of letters and digits nor a key ring in JSON',
    ],
    [
      'an id that is not a string',
      `{"current":{"id":1,"key":"${key1}"}}`,
      'the cursor secret is not a key ring: current.id must be a string',
    ],
    [
      'a current key that is no object',
      '{"current":"swordfish"}',
      'the cursor secret is not a key ring: current must be an object with id and key',
    ],
    [
      'a previous key that is no object',
      `{"current":{"id":"k2","key":"${key2}"},"previous":"swordfish"}`,
      'the cursor secret is not a key ring: previous must be an object with id, key and retiresAt',
    ],
    [
      'a retirement that is not a string',
      `{"current":{"id":"k2","key":"${key2}"},"previous":{"id":"k1","key":"${key1}","retiresAt":20260502}}`,
      'the cursor secret is not a key ring: previous.retiresAt must be a string',
    ],
    [
      'a retirement shaped as an instant that names none (an offset of hours alone)',
      `{"current":{"id":"k2","key":"${key2}"},"previous":{"id":"k1","key":"${key1}","retiresAt":"2026-05-02T09:00:00+23"}}`,
      'the cursor secret is not a key ring: previous.retiresAt must be an ISO 8601 instant',
    ],
    [
      'a previous key with the current key’s id',
      `{"current":{"id":"k1","key":"${key2}"},"previous":{"id":"k1","key":"${key1}","retiresAt":"${retiresAt}"}}`,
      'the cursor secret is not a key ring: previous.id must differ from current.id',
    ],
    [
      'an entry a ring does not have',
      `{"current":{"id":"k1","key":"${key1}","extra":"swordfish"}}`,
      'the cursor secret is not a key ring: current.extra is not part of a key ring',
    ],
  ])('refuses %s, saying what is wrong without quoting it', (_what, text, message) => {
    expect(refusal(text)).toBe(message);
  });

  it('accepts a plain key of exactly 32 characters, and refuses one of 31', () => {
    expect(parseKeyRing('a'.repeat(32))).toEqual({ current: { id: 'k0', key: 'a'.repeat(32) } });
    expect(refusal('a'.repeat(31))).toBe('the cursor secret is too short for a key: at least 32 characters');
  });

  it('throws errors named KeyRingError, as a log shows them', () => {
    expect(String(thrownBy('{}'))).toBe('KeyRingError: the cursor secret is not a key ring: current is missing');
  });

  it('names the current and the previous key, retired or not, and no other', () => {
    const ring = parseKeyRing(
      JSON.stringify({ current: { id: 'k2', key: key2 }, previous: { id: 'k1', key: key1, retiresAt } }),
    );
    expect(ringNames(ring, 'k2')).toBe(true);
    expect(ringNames(ring, 'k1')).toBe(true);
    expect(ringNames(ring, 'k0')).toBe(false);
  });

  it('with no previous key, names the current id only', () => {
    const ring = parseKeyRing(JSON.stringify({ current: { id: 'k2', key: key2 } }));
    expect(ringNames(ring, 'k2')).toBe(true);
    expect(ringNames(ring, 'k1')).toBe(false);
  });

  it('verifies with the current key, and with the previous one before it retires only', () => {
    const ring = parseKeyRing(
      JSON.stringify({ current: { id: 'k2', key: key2 }, previous: { id: 'k1', key: key1, retiresAt } }),
    );
    expect(verifyingKey(ring, 'k2', '2030-01-01T00:00:00.000Z')).toBe(key2);
    expect(verifyingKey(ring, 'k1', '2026-05-02T08:59:59.999Z')).toBe(key1);
    expect(verifyingKey(ring, 'k1', retiresAt)).toBeUndefined();
    expect(verifyingKey(ring, 'k0', '2026-05-01T00:00:00.000Z')).toBeUndefined();
  });
});
