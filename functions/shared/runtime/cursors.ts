import { createHmac, timingSafeEqual } from 'node:crypto';
import { BadInputError } from '../domain/errors.ts';

/**
 * Opaque, tamper-proof cursors. A cursor carries a position in a list and a MAC over the list's
 * name, the arguments that produced it and that position, under a key only the server holds.
 * So a cursor is refused (BAD_USER_INPUT) when it is garbled, forged, edited, or replayed
 * against another list or other arguments; it never leads to other data.
 */
export class Cursors {
  private readonly key: () => Promise<Uint8Array>;

  /** `key` is asked for when first needed (on AWS it comes from Secrets Manager) and kept. */
  constructor(key: () => Promise<Uint8Array>) {
    let cached: Promise<Uint8Array> | undefined;
    this.key = () => {
      cached ??= key().catch((error: unknown) => {
        cached = undefined;
        throw error;
      });
      return cached;
    };
  }

  async encode(list: string, args: Record<string, unknown>, position: string): Promise<string> {
    const payload = Buffer.from(position).toString('base64url');
    return `${payload}.${await this.mac(list, args, position)}`;
  }

  /** The position a cursor names, or BAD_USER_INPUT for any cursor this list did not produce. */
  async decode(list: string, args: Record<string, unknown>, cursor: string): Promise<string> {
    const refused = new BadInputError('after is not a cursor of this list with these arguments', 'after');
    const [payload, mac, extra] = cursor.split('.');
    if (!payload || !mac || extra !== undefined || cursor.length > 1024) throw refused;
    const position = Buffer.from(payload, 'base64url').toString('utf8');
    const expected = Buffer.from(await this.mac(list, args, position), 'base64url');
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refused;
    return position;
  }

  private async mac(list: string, args: Record<string, unknown>, position: string): Promise<string> {
    const canonical = JSON.stringify(
      Object.keys(args)
        .sort()
        .map((name) => [name, args[name] ?? null]),
    );
    return createHmac('sha256', await this.key())
      .update(`${list}\n${canonical}\n${position}`)
      .digest('base64url');
  }
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
