import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { boundedRequests, localEndpoint } from '../shared/runtime/aws-requests.ts';
import type { Clock } from '../shared/runtime/clock.ts';
import type { Config } from '../shared/runtime/config.ts';
import { parseKeyRing, type KeyRing } from '../shared/runtime/cursor-key-ring.ts';
import type { CursorKeySource } from '../shared/runtime/cursors.ts';

/**
 * How long a container uses the ring it read before reading it again: the bound on how long a
 * warm container goes on signing with a key `rotate-cursor-key` replaced (the command prints it).
 * One GetSecretValue per container every 5 minutes costs nothing that shows, in money or latency.
 */
export const keyRingTtlMs = 5 * 60_000;

/**
 * After a read of the ring failed, or was asked for by a cursor naming a key the ring lacks, the
 * container reads again no sooner than this: a Secrets Manager outage then slows one request per
 * container every 30 seconds (a read gives up within the client's bounded attempts) rather than
 * every paginated request, and forged key ids cannot make a container read on every request.
 */
export const keyRingRetryMs = 30_000;

/**
 * How long past its TTL a container keeps using the ring it has while every read fails (stale
 * while error), before paginated requests fail as they do when the first read fails. The key was
 * valid when read and a retiring key still retires on time (its `retiresAt` is in the ring), so
 * using it a while longer costs nothing; failing every list for a Secrets Manager incident would
 * cost every client. Bounded, so that a container that can no longer read the secret (its access
 * revoked, say) stops signing with a key that may have been replaced.
 */
export const keyRingMaxStaleMs = 60 * 60_000;

/**
 * A Secrets Manager client with the DynamoDB client's timeouts and retries, so a stalled read
 * of the cursor key fails inside the function's timeout instead of using it up. `endpoint` is
 * for tests.
 */
export function createSecretsClient(options: { readonly endpoint?: string } = {}): SecretsManagerClient {
  return new SecretsManagerClient({
    ...boundedRequests(),
    ...(options.endpoint ? localEndpoint(options.endpoint) : {}),
  });
}

/**
 * The ring of one container, read when first needed and again after {@link keyRingTtlMs}, so a
 * rotation reaches every warm container within that bound. The first read fails closed (there is
 * no key to fall back on; the next request tries again); a later one that fails keeps the ring it
 * has for up to {@link keyRingMaxStaleMs} and says so through `warn`.
 */
export class KeyRingCache {
  private held: { readonly ring: KeyRing; readonly readAt: number } | undefined;
  private attemptedAt = Number.NEGATIVE_INFINITY;
  private reading: Promise<KeyRing> | undefined;
  private readonly read: () => Promise<KeyRing>;
  private readonly clock: Clock;
  private readonly warn: (message: string, error: unknown) => void;

  constructor(read: () => Promise<KeyRing>, clock: Clock, warn: (message: string, error: unknown) => void) {
    this.read = read;
    this.clock = clock;
    this.warn = warn;
  }

  /** The ring to use now; `unknownId`, a key a cursor names that the ring lacks, may cause an early read. */
  async ring(unknownId?: string): Promise<KeyRing> {
    const now = Date.parse(this.clock.now());
    const held = this.held;
    if (!held) return this.refresh(now);
    const age = now - held.readAt;
    if (age >= keyRingTtlMs + keyRingMaxStaleMs) return this.refresh(now);
    const wanted = age >= keyRingTtlMs || unknownId !== undefined;
    if (!wanted || now - this.attemptedAt < keyRingRetryMs) return held.ring;
    try {
      return await this.refresh(now);
    } catch (error) {
      this.warn(
        `could not re-read the cursor key ring; using the one read at ${new Date(held.readAt).toISOString()}`,
        error,
      );
      return held.ring;
    }
  }

  /** One read at a time: the cursors of one page ask together. */
  private refresh(now: number): Promise<KeyRing> {
    this.reading ??= this.readNow(now).finally(() => {
      this.reading = undefined;
    });
    return this.reading;
  }

  private async readNow(now: number): Promise<KeyRing> {
    this.attemptedAt = now;
    const ring = await this.read();
    this.held = { ring, readAt: now };
    return ring;
  }
}

/**
 * Where the cursor keys come from: given (local server, tests), or the ring in a Secrets Manager
 * secret, read on the first paginated request of a container, so a cold start that lists nothing
 * does not pay for it, and kept by a {@link KeyRingCache}. Every container of a deployment reads
 * the same secret, so cursors outlive them, and a rotation reaches them all.
 */
export function cursorKeySource(
  config: Config,
  clock: Clock,
  warn: (message: string, error: unknown) => void,
): CursorKeySource {
  const source = config.cursorKey;
  if ('key' in source) return async () => source.key;
  let client: SecretsManagerClient | undefined;
  const cache = new KeyRingCache(
    async () => {
      client ??= createSecretsClient();
      const output = await client.send(new GetSecretValueCommand({ SecretId: source.secretArn }));
      if (!output.SecretString) throw new Error('the cursor secret has no string value');
      return parseKeyRing(output.SecretString);
    },
    clock,
    warn,
  );
  return (unknownId) => cache.ring(unknownId);
}
