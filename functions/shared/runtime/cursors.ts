import { createHmac, timingSafeEqual } from 'node:crypto';
import { BadInputError } from '../domain/errors.ts';
import { systemClock, type Clock } from './clock.ts';
import { legacyKeyId, ringNames, verifyingKey, type KeyRing } from './cursor-key-ring.ts';

/**
 * Where the cursor keys come from, asked on every cursor signed or read (a source that reads a
 * store caches). A bare key is a ring of that key alone, named {@link legacyKeyId} (the local
 * server and tests). `unknownId` names a key a cursor carries that the ring last given does not:
 * a source whose ring may have been rotated since can take it as a reason to read again.
 */
export type CursorKeySource = (unknownId?: string) => Promise<KeyRing | Uint8Array>;

/** The most a cursor may be, all parts counted: it travels in a URL and is read before its MAC is checked. */
const maxCursorLength = 1024;

/**
 * Opaque, tamper-proof cursors. A cursor carries the id of the key that signed it, a position in
 * a list and a MAC over the list's name, the arguments that produced it and that position, under
 * a key only the server holds. So a cursor is refused (BAD_USER_INPUT) when it is garbled,
 * forged, edited, replayed against another list or other arguments, or signed with a key that
 * has retired; it never leads to other data.
 */
export class Cursors {
  private readonly keys: CursorKeySource;
  private readonly clock: Clock;

  /**
   * `keys` is asked for when a cursor is signed or read (on AWS they come from Secrets Manager,
   * cached by the source); `clock` tells when a previous key has retired.
   */
  constructor(keys: CursorKeySource, clock: Clock = systemClock) {
    this.keys = keys;
    this.clock = clock;
  }

  async encode(list: string, args: Record<string, unknown>, position: string): Promise<string> {
    const { id, key } = signingKey(await this.keys());
    const payload = Buffer.from(position).toString('base64url');
    return `${id}.${payload}.${mac(key, list, args, position)}`;
  }

  /** The position a cursor names, or BAD_USER_INPUT for any cursor this list did not produce under a key still valid. */
  async decode(list: string, args: Record<string, unknown>, cursor: string): Promise<string> {
    const refused = new BadInputError('after is not a cursor of this list with these arguments', 'after');
    const parts = cursor.split('.');
    // Two parts: a cursor from before cursors named their key, which was the legacy one.
    const [id, payload, given] = parts.length === 2 ? [legacyKeyId, ...parts] : parts;
    if (!id || !payload || !given || parts.length > 3 || cursor.length > maxCursorLength) throw refused;
    const key = await this.verifyingKey(id);
    if (key === undefined) throw refused;
    const position = Buffer.from(payload, 'base64url').toString('utf8');
    const expected = Buffer.from(mac(key, list, args, position), 'base64url');
    const received = Buffer.from(given, 'base64url');
    if (received.length !== expected.length || !timingSafeEqual(received, expected)) throw refused;
    return position;
  }

  /** The key that verifies cursors of `id` now; keys that do not name `id` are asked for again, once. */
  private async verifyingKey(id: string): Promise<string | Uint8Array | undefined> {
    const now = this.clock.now();
    const keys = await this.keys();
    return keyFor(names(keys, id) ? keys : await this.keys(id), id, now);
  }
}

function signingKey(keys: KeyRing | Uint8Array): { id: string; key: string | Uint8Array } {
  return keys instanceof Uint8Array ? { id: legacyKeyId, key: keys } : keys.current;
}

function names(keys: KeyRing | Uint8Array, id: string): boolean {
  return keys instanceof Uint8Array ? id === legacyKeyId : ringNames(keys, id);
}

function keyFor(keys: KeyRing | Uint8Array, id: string, now: string): string | Uint8Array | undefined {
  if (keys instanceof Uint8Array) return id === legacyKeyId ? keys : undefined;
  return verifyingKey(keys, id, now);
}

function mac(key: string | Uint8Array, list: string, args: Record<string, unknown>, position: string): string {
  const canonical = JSON.stringify(
    Object.keys(args)
      .sort()
      .map((name) => [name, args[name] ?? null]),
  );
  return createHmac('sha256', key).update(`${list}\n${canonical}\n${position}`).digest('base64url');
}

/** docs/api.md: `first` is 1–100. */
export function pageSize(first: number | null | undefined, fallback: number): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > 100)
    throw new BadInputError('first must be from 1 to 100', 'first');
  return size;
}

/**
 * A page as the API answers it, Relay-style. Each cursor is a function, which its field's resolver
 * calls only when a client selects it: a page whose cursors nobody asks for signs none.
 */
export interface Connection<T> {
  readonly edges: Edge<T>[];
  readonly pageInfo: PageInfo;
}

export interface Edge<T> {
  readonly node: T;
  readonly cursor: () => Promise<string>;
}

export interface PageInfo {
  readonly hasNextPage: boolean;
  readonly endCursor: () => Promise<string | null>;
}

/** A page of a list as a repository reads it: nodes with their positions, and whether another page follows. */
export interface Page<T> {
  readonly items: readonly { node: T; position: string }[];
  readonly hasNextPage: boolean;
  /** Where the next page starts, when that is past the last item (a page cut short by a bounded read). */
  readonly end?: string;
}

/**
 * The page of the first `limit` of `read`: a list reads one item more than it shows, and that
 * one only tells that a next page follows.
 */
export function firstPage<I, T>(
  read: readonly I[],
  limit: number,
  entry: (item: I) => { node: T; position: string },
): Page<T> {
  return { items: read.slice(0, limit).map(entry), hasNextPage: read.length > limit };
}

/** The connection for a page of `list` read with `args`: nodes with their positions in the list. */
export function connection<T>(
  cursors: Cursors,
  list: string,
  args: Record<string, unknown>,
  page: Page<T>,
): Connection<T> {
  const cursor = (position: string) => () => cursors.encode(list, args, position);
  const end = page.end ?? page.items.at(-1)?.position;
  return {
    edges: page.items.map(({ node, position }) => ({ node, cursor: cursor(position) })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: end ? cursor(end) : async () => null },
  };
}
