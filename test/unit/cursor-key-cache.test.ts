import { beforeEach, describe, expect, it } from 'vitest';
import { KeyRingCache, keyRingMaxStaleMs, keyRingRetryMs, keyRingTtlMs } from '../../functions/graphql/cursor-key.ts';
import type { KeyRing } from '../../functions/shared/runtime/cursor-key-ring.ts';

const start = Date.parse('2026-05-01T09:00:00.000Z');
let now: number;
let secret: KeyRing | Error;
let reads: number;
let warnings: string[];
let cache: KeyRingCache;

const ring = (id: string): KeyRing => ({ current: { id, key: `${id}-`.repeat(32) } });
const at = (ms: number) => {
  now = start + ms;
};

beforeEach(() => {
  now = start;
  secret = ring('k1');
  reads = 0;
  warnings = [];
  cache = new KeyRingCache(
    async () => {
      reads += 1;
      if (secret instanceof Error) throw secret;
      return secret;
    },
    { now: () => new Date(now).toISOString() },
    (message) => warnings.push(message),
  );
});

describe('the cursor key ring of a container', () => {
  it('is read when first asked for, not before', async () => {
    expect(reads).toBe(0);
    expect(await cache.ring()).toEqual(ring('k1'));
    expect(reads).toBe(1);
  });

  it('is kept for the TTL, then read again, so a rotation reaches a warm container within it', async () => {
    await cache.ring();
    secret = ring('k2');
    at(keyRingTtlMs - 1);
    expect(await cache.ring()).toEqual(ring('k1'));
    expect(reads).toBe(1);
    at(keyRingTtlMs);
    expect(await cache.ring()).toEqual(ring('k2'));
    expect(reads).toBe(2);
    at(keyRingTtlMs + 1000);
    expect(await cache.ring()).toEqual(ring('k2'));
    expect(reads).toBe(2);
  });

  it('fails while its first read fails, and reads again on the next ask', async () => {
    secret = new Error('Secrets Manager is down');
    await expect(cache.ring()).rejects.toThrow('Secrets Manager is down');
    await expect(cache.ring()).rejects.toThrow('Secrets Manager is down');
    secret = ring('k1');
    expect(await cache.ring()).toEqual(ring('k1'));
    expect(reads).toBe(3);
  });

  it('past its TTL, keeps the ring it has while reads fail, warning, and retries every 30 seconds', async () => {
    await cache.ring();
    secret = new Error('Secrets Manager is down');
    at(keyRingTtlMs);
    expect(await cache.ring()).toEqual(ring('k1'));
    expect(reads).toBe(2);
    expect(warnings).toEqual(['could not re-read the cursor key ring; using the one read at 2026-05-01T09:00:00.000Z']);
    at(keyRingTtlMs + keyRingRetryMs - 1);
    expect(await cache.ring()).toEqual(ring('k1'));
    expect(reads).toBe(2);
    at(keyRingTtlMs + keyRingRetryMs);
    expect(await cache.ring()).toEqual(ring('k1'));
    expect(reads).toBe(3);
    secret = ring('k2');
    at(keyRingTtlMs + 2 * keyRingRetryMs);
    expect(await cache.ring()).toEqual(ring('k2'));
    expect(warnings).toHaveLength(2);
  });

  it('fails, as at its first read, once reads have failed for the TTL and the stale bound', async () => {
    await cache.ring();
    secret = new Error('Secrets Manager is down');
    at(keyRingTtlMs + keyRingMaxStaleMs - 1);
    expect(await cache.ring()).toEqual(ring('k1'));
    at(keyRingTtlMs + keyRingMaxStaleMs);
    await expect(cache.ring()).rejects.toThrow('Secrets Manager is down');
    await expect(cache.ring()).rejects.toThrow('Secrets Manager is down');
    secret = ring('k2');
    expect(await cache.ring()).toEqual(ring('k2'));
  });

  it('is read early for a key it lacks, at most once every 30 seconds', async () => {
    await cache.ring();
    secret = ring('k2');
    at(keyRingRetryMs);
    expect(await cache.ring('k2')).toEqual(ring('k2'));
    expect(reads).toBe(2);
    at(keyRingRetryMs + 1000);
    expect(await cache.ring('k9')).toEqual(ring('k2'));
    expect(await cache.ring('k9')).toEqual(ring('k2'));
    expect(reads).toBe(2);
    at(2 * keyRingRetryMs);
    await cache.ring('k9');
    expect(reads).toBe(3);
  });

  it('is read once for asks that come together', async () => {
    const rings = await Promise.all([cache.ring(), cache.ring(), cache.ring()]);
    expect(rings).toEqual([ring('k1'), ring('k1'), ring('k1')]);
    expect(reads).toBe(1);
  });
});
