import { randomBytes } from 'node:crypto';
import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { keyRingTtlMs } from '../../functions/graphql/cursor-key.ts';
import { parseKeyRing, type KeyRing, type RetiringKey } from '../../functions/shared/runtime/cursor-key-ring.ts';

/**
 * How long cursors signed with the replaced key stay valid by default. A cursor lives as long as
 * a client pages through a list: seconds, or a list left open overnight. A day covers that in
 * every member country's time zone, and still retires a replaced key the next day.
 */
export const defaultGraceHours = 24;

/** A week: no list is paged for longer, and a key replaced for a reason should not linger. */
export const maxGraceHours = 168;

/** `--grace-hours`: a whole number of hours from 0 (retire the old key now: it leaked) to {@link maxGraceHours}. */
export function parseGraceHours(value: string | undefined): number {
  if (value === undefined) return defaultGraceHours;
  if (!/^[0-9]+$/.test(value) || Number(value) > maxGraceHours)
    throw new Error(`--grace-hours must be a whole number from 0 to ${maxGraceHours}, not ${JSON.stringify(value)}`);
  return Number(value);
}

/** What a rotation did, by key id and instant (never a key). */
export interface Rotation {
  /** The new key's id: it signs every cursor from now on. */
  readonly current: string;
  /** The replaced key, verifying until `retiresAt`; absent with no grace. */
  readonly previous?: { readonly id: string; readonly retiresAt: string };
  /** The previous key before this rotation, when it had not retired yet: it retires now. */
  readonly cutShort?: { readonly id: string; readonly retiresAt: string };
  /** When every warm container has read the new ring (its cache's TTL from now). */
  readonly everyContainerBy: string;
}

/**
 * Replaces the cursor key: 32 random bytes (as hex) become the current key, the current one
 * becomes the previous, verifying for `graceHours` more (none: dropped at once). Reads the secret
 * first, so a plain secret from the first deployment becomes key `k0` of the new ring and cursors
 * signed with it keep working through the grace period.
 *
 * Not idempotent: run twice, it rotates twice, and the key replaced first loses the rest of its
 * grace (the ring holds two keys).
 */
export async function rotateCursorKey(
  secrets: SecretsManagerClient,
  secretId: string,
  options: { readonly graceHours: number; readonly now: Date },
): Promise<Rotation> {
  const { SecretString: text } = await secrets.send(new GetSecretValueCommand({ SecretId: secretId }));
  if (!text) throw new Error('the cursor secret has no string value');
  const old = parseKeyRing(text);
  const nowMs = options.now.getTime();
  const previous: RetiringKey | undefined =
    options.graceHours > 0
      ? { ...old.current, retiresAt: new Date(nowMs + options.graceHours * 3_600_000).toISOString() }
      : undefined;
  const ring: KeyRing = {
    current: { id: nextKeyId(old.current.id), key: randomBytes(32).toString('hex') },
    ...(previous ? { previous } : {}),
  };
  await secrets.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: JSON.stringify(ring) }));
  const cutShort =
    old.previous && Date.parse(old.previous.retiresAt) > nowMs
      ? { id: old.previous.id, retiresAt: old.previous.retiresAt }
      : undefined;
  return {
    current: ring.current.id,
    ...(previous ? { previous: { id: previous.id, retiresAt: previous.retiresAt } } : {}),
    ...(cutShort ? { cutShort } : {}),
    everyContainerBy: new Date(nowMs + keyRingTtlMs).toISOString(),
  };
}

/** `k3` after `k2`, `k1` after `k0` (the first deployment's key), and after an id set by hand. */
function nextKeyId(id: string): string {
  const number = /^k([0-9]{1,14})$/.exec(id)?.[1];
  return number === undefined ? 'k1' : `k${Number(number) + 1}`;
}

/** The lines `rotate-cursor-key` prints: what signs now, when every container follows, when old cursors stop working. */
export function rotationLines(stage: string, rotation: Rotation): string[] {
  const minutes = keyRingTtlMs / 60_000;
  return [
    `${stage}: cursor key ${rotation.current} is current: new containers sign with it now, every warm container by ${rotation.everyContainerBy} (the function reads the key ring every ${minutes} minutes)`,
    rotation.previous
      ? `${stage}: cursors signed with ${rotation.previous.id} are accepted until ${rotation.previous.retiresAt}, then refused as invalid cursors`
      : `${stage}: no grace: cursors signed before are refused by new containers now, and by every container by ${rotation.everyContainerBy}`,
    ...(rotation.cutShort
      ? [
          `${stage}: ${rotation.cutShort.id} was in its grace until ${rotation.cutShort.retiresAt}: cursors signed with it are refused from now on`,
        ]
      : []),
  ];
}
