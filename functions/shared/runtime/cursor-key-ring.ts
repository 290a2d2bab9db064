import * as v from 'valibot';

/**
 * The keys that sign pagination cursors, as the cursor secret holds them: the current key signs
 * and verifies; the previous one, kept by `npm run ops -- rotate-cursor-key`, only verifies, and
 * only until it retires. Each key is named by the short id its cursors carry.
 *
 * Stored as JSON, `{"current":{"id":"k2","key":"…"},"previous":{"id":"k1","key":"…","retiresAt":"…"}}`.
 * A secret of letters and digits only is the single key Secrets Manager generated at the first
 * deployment (or an operator wrote with `openssl rand -hex 32`), before rings existed: it reads
 * as the current key with the id {@link legacyKeyId}, so an upgrade changes nothing.
 */
export interface KeyRing {
  readonly current: RingKey;
  readonly previous?: RetiringKey;
}

export interface RingKey {
  readonly id: string;
  /** The secret text; its UTF-8 bytes are the HMAC key. */
  readonly key: string;
}

export interface RetiringKey extends RingKey {
  /** ISO 8601: from this instant on, cursors signed with this key are refused. */
  readonly retiresAt: string;
}

/** The id of the key a plain (pre-ring) secret holds, and of cursors signed before cursors named their key. */
export const legacyKeyId = 'k0';

/** An id travels in every cursor: short, and never a dot, which separates a cursor's parts. */
const keyIdPattern = /^[A-Za-z0-9_-]{1,16}$/;

/** 32 characters at least: what `rotate-cursor-key` writes is 64 hex digits, the first deployment's 64 letters and digits. */
const minimumKeyLength = 32;

const keyId = v.pipe(v.string('must be a string'), v.regex(keyIdPattern, 'must be 1 to 16 letters, digits, - or _'));
const keyText = v.pipe(
  v.string('must be a string'),
  v.minLength(minimumKeyLength, `must be at least ${minimumKeyLength} characters long`),
);
const instant = v.pipe(
  v.string('must be a string'),
  v.isoTimestamp('must be an ISO 8601 instant'),
  v.check((text) => !Number.isNaN(Date.parse(text)), 'must be an ISO 8601 instant'),
);
/** The three ways an object of the ring is wrong: not an object, an entry missing, an entry too many. */
const objectOf =
  (names: string) =>
  ({ expected }: v.BaseIssue<unknown>): string => {
    if (expected === 'never') return 'is not part of a key ring';
    // Stryker disable next-line MethodExpression,OptionalChaining: valibot's strictObject issues expect `"key"` (missing), `never` or `Object`, never null: only a missing key's both starts and ends with a quote
    if (expected?.startsWith('"')) return 'is missing';
    return `must be an object with ${names}`;
  };

const ringSchema = v.pipe(
  v.strictObject(
    {
      current: v.strictObject({ id: keyId, key: keyText }, objectOf('id and key')),
      previous: v.optional(
        v.strictObject({ id: keyId, key: keyText, retiresAt: instant }, objectOf('id, key and retiresAt')),
      ),
    },
    objectOf('current and, optionally, previous'),
  ),
  v.check((ring) => ring.previous?.id !== ring.current.id, 'previous.id must differ from current.id'),
);

export class KeyRingError extends Error {
  override name = 'KeyRingError';
}

/**
 * The ring a secret's text holds. Throws a {@link KeyRingError} naming what is wrong, never
 * quoting the text: the message may reach a log, the keys must not.
 */
export function parseKeyRing(text: string): KeyRing {
  if (/^[A-Za-z0-9]+$/.test(text)) {
    if (text.length < minimumKeyLength)
      throw new KeyRingError(`the cursor secret is too short for a key: at least ${minimumKeyLength} characters`);
    return { current: { id: legacyKeyId, key: text } };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON.parse's message: it quotes the text.
    throw new KeyRingError('the cursor secret is neither a key of letters and digits nor a key ring in JSON');
  }
  const parsed = v.safeParse(ringSchema, json, { abortPipeEarly: true });
  if (parsed.success) return parsed.output;
  // Every message above says what was expected; valibot's own would quote the value, a key perhaps.
  const problems = parsed.issues.map((issue) => {
    const path = v.getDotPath(issue);
    return path ? `${path} ${issue.message}` : issue.message;
  });
  throw new KeyRingError(`the cursor secret is not a key ring: ${problems.join('; ')}`);
}

/** The key that verifies a cursor naming `id` at `now`: the current one, or the previous one before it retires. */
export function verifyingKey(ring: KeyRing, id: string, now: string): string | undefined {
  if (ring.current.id === id) return ring.current.key;
  const previous = ring.previous;
  if (previous?.id === id && Date.parse(now) < Date.parse(previous.retiresAt)) return previous.key;
  return undefined;
}

/** Whether the ring names `id` at all, retired or not: a ring that does not may be older than the cursor. */
export function ringNames(ring: KeyRing, id: string): boolean {
  return ring.current.id === id || ring.previous?.id === id;
}
