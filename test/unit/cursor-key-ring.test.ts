import { describe, expect, it } from 'vitest';
import { KeyRingError, parseKeyRing, verifyingKey } from '../../functions/shared/runtime/cursor-key-ring.ts';

const key1 = '1'.repeat(64);
const key2 = '2'.repeat(64);
const retiresAt = '2026-05-02T09:00:00.000Z';

/** The message `text` is refused with, checked to be a KeyRingError that does not quote the secret. */
function refusal(text: string): string {
  let thrown: unknown;
  try {
    parseKeyRing(text);
  } catch (error) {
    thrown = error;
  }
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
