import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../functions/shared/domain/errors.ts';
import { connection, Cursors, firstPage, pageSize } from '../../functions/shared/runtime/cursors.ts';

const key = new Uint8Array(32).fill(7);
const cursors = new Cursors(async () => key);
const args = { jpaNumber: 7, status: 'ACTIVE' };

/** The BadInputError `run` is refused with, as message and field. */
async function refusal(run: () => Promise<unknown>): Promise<{ message: string; field: string | undefined }> {
  const error = await run().then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(BadInputError);
  return { message: (error as BadInputError).message, field: (error as BadInputError).field };
}

const notThisList = { message: 'after is not a cursor of this list with these arguments', field: 'after' };

describe('cursors', () => {
  it('give back the position they were made for, for the same list and arguments', async () => {
    const cursor = await cursors.encode('operations', args, '79749871#0f0e');
    expect(await cursors.decode('operations', args, cursor)).toBe('79749871#0f0e');
    expect(await cursors.decode('operations', { status: 'ACTIVE', jpaNumber: 7 }, cursor)).toBe('79749871#0f0e');
  });

  it('carry the position, readable, before one dot and the MAC', async () => {
    const cursor = await cursors.encode('operations', args, 'MEMBERS#NZ');
    const [payload, mac] = cursor.split('.');
    expect(Buffer.from(payload!, 'base64url').toString('utf8')).toBe('MEMBERS#NZ');
    expect(mac).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('take an absent argument as null', async () => {
    const cursor = await cursors.encode('members', { status: undefined }, 'NZ');
    expect(await cursors.decode('members', { status: null }, cursor)).toBe('NZ');
    expect(await refusal(() => cursors.decode('members', {}, cursor))).toEqual(notThisList);
  });

  it('are refused against another list, other arguments or under another key', async () => {
    const cursor = await cursors.encode('operations', args, 'p1');
    const otherKey = new Cursors(async () => new Uint8Array(32).fill(8));
    const refusals = [
      () => cursors.decode('operationsByJpa', args, cursor),
      () => cursors.decode('operations', { ...args, jpaNumber: 8 }, cursor),
      () => cursors.decode('operations', { ...args, extra: 1 }, cursor),
      () => otherKey.decode('operations', args, cursor),
    ];
    for (const decode of refusals) expect(await refusal(decode)).toEqual(notThisList);
  });

  it('are refused when edited, garbled or forged', async () => {
    const cursor = await cursors.encode('operations', args, 'p1');
    const [payload, mac] = cursor.split('.') as [string, string];
    const otherPayload = Buffer.from('p2', 'utf8').toString('base64url');
    for (const edited of [
      `${otherPayload}.${mac}`,
      `${payload}.${mac.slice(0, -1)}`,
      `${payload}.${mac}A`,
      `${payload}.${mac.slice(0, -2)}${mac.at(-2) === 'A' ? 'B' : 'A'}${mac.at(-1)}`,
      `${payload}.${mac}.`,
      `${payload}.${mac}.${mac}`,
      `${payload}`,
      `.${mac}`,
      `${payload}.`,
      '',
      '.',
    ]) {
      expect(await refusal(() => cursors.decode('operations', args, edited))).toEqual(notThisList);
    }
  });

  it('are refused beyond 1024 characters, even when genuine', async () => {
    // 735 bytes make 980 base64url characters: with the dot and the 43 of the MAC, 1024 in all.
    const longest = await cursors.encode('operations', args, 'x'.repeat(735));
    expect(longest).toHaveLength(1024);
    expect(await cursors.decode('operations', args, longest)).toBe('x'.repeat(735));
    const tooLong = await cursors.encode('operations', args, 'x'.repeat(736));
    expect(await refusal(() => cursors.decode('operations', args, tooLong))).toEqual(notThisList);
  });

  it('ask for the key once, and again only after asking failed', async () => {
    let asked = 0;
    const failingOnce = new Cursors(async () => {
      asked += 1;
      if (asked === 1) throw new Error('Secrets Manager is down');
      return key;
    });
    await expect(failingOnce.encode('members', {}, 'NZ')).rejects.toThrow('Secrets Manager is down');
    const cursor = await failingOnce.encode('members', {}, 'NZ');
    expect(await failingOnce.decode('members', {}, cursor)).toBe('NZ');
    expect(asked).toBe(2);
    expect(cursor).toBe(await cursors.encode('members', {}, 'NZ'));
  });
});

describe('pageSize', () => {
  it.each([
    [1, 20, 1],
    [100, 20, 100],
    [null, 20, 20],
    [undefined, 50, 50],
  ])('takes first %s (default %s) as %s', (first, fallback, size) => {
    expect(pageSize(first, fallback)).toBe(size);
  });

  it.each([0, -1, 101, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses first %s', async (first) => {
    expect(await refusal(async () => pageSize(first, 20))).toEqual({
      message: 'first must be from 1 to 100',
      field: 'first',
    });
  });
});

describe('firstPage', () => {
  const entry = (n: number) => ({ node: `node ${n}`, position: `p${n}` });

  it('shows the first `limit` items and says another page follows when one more was read', () => {
    expect(firstPage([1, 2, 3], 2, entry)).toEqual({
      items: [entry(1), entry(2)],
      hasNextPage: true,
    });
  });

  it('says no page follows when the read holds `limit` items or fewer', () => {
    expect(firstPage([1, 2], 2, entry)).toEqual({ items: [entry(1), entry(2)], hasNextPage: false });
    expect(firstPage([], 2, entry)).toEqual({ items: [], hasNextPage: false });
  });
});

describe('connection', () => {
  it('gives each edge the cursor of its position, and the last one as the end cursor', async () => {
    const page = { items: [entry('a'), entry('b'), entry('c')], hasNextPage: true };
    const result = connection(cursors, 'members', args, page);
    expect(result.edges.map((edge) => edge.node)).toEqual(['node a', 'node b', 'node c']);
    const edgeCursors = await Promise.all(result.edges.map((edge) => edge.cursor()));
    expect(await Promise.all(edgeCursors.map((cursor) => cursors.decode('members', args, cursor)))).toEqual([
      'pa',
      'pb',
      'pc',
    ]);
    expect(result.pageInfo.hasNextPage).toBe(true);
    expect(await cursors.decode('members', args, (await result.pageInfo.endCursor())!)).toBe('pc');
  });

  it('ends at `end` when the page gives one', async () => {
    const result = connection(cursors, 'members', args, { items: [entry('a')], hasNextPage: true, end: 'pz' });
    expect(await cursors.decode('members', args, (await result.pageInfo.endCursor())!)).toBe('pz');
  });

  it('has no end cursor for an empty page', async () => {
    const result = connection(cursors, 'members', args, { items: [], hasNextPage: false });
    expect(result.edges).toEqual([]);
    expect(result.pageInfo.hasNextPage).toBe(false);
    expect(await result.pageInfo.endCursor()).toBeNull();
  });

  function entry(name: string) {
    return { node: `node ${name}`, position: `p${name}` };
  }
});
