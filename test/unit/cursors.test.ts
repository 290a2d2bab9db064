import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../functions/shared/domain/errors.ts';
import type { Clock } from '../../functions/shared/runtime/clock.ts';
import type { KeyRing } from '../../functions/shared/runtime/cursor-key-ring.ts';
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

  it('carry the id of the key that signed them, then the position, readable, then the MAC', async () => {
    const cursor = await cursors.encode('operations', args, 'MEMBERS#NZ');
    const [id, payload, mac] = cursor.split('.');
    expect(id).toBe('k0');
    expect(Buffer.from(payload!, 'base64url').toString('utf8')).toBe('MEMBERS#NZ');
    expect(mac).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await ringCursors(ring('k2')).encode('operations', args, 'MEMBERS#NZ')).split('.')[0]).toBe('k2');
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
    const [id, payload, mac] = cursor.split('.') as [string, string, string];
    const otherPayload = Buffer.from('p2', 'utf8').toString('base64url');
    for (const edited of [
      `${id}.${otherPayload}.${mac}`,
      `${id}.${payload}.${mac.slice(0, -1)}`,
      `${id}.${payload}.${mac}A`,
      `${id}.${payload}.${mac.slice(0, -2)}${mac.at(-2) === 'A' ? 'B' : 'A'}${mac.at(-1)}`,
      `${id}.${payload}.${mac}.`,
      `${id}.${payload}.${mac}.${mac}`,
      `.${payload}.${mac}`,
      `${id}..${mac}`,
      `${id}.${payload}.`,
      `${id}.${payload}`,
      `${payload}`,
      `.${mac}`,
      `${payload}.`,
      '',
      '.',
      '..',
    ]) {
      expect(await refusal(() => cursors.decode('operations', args, edited))).toEqual(notThisList);
    }
  });

  it('are refused without a key id, a position or a MAC before any key is asked for', async () => {
    const cursor = await cursors.encode('operations', args, 'p1');
    const [id, payload, mac] = cursor.split('.') as [string, string, string];
    const asked: (string | undefined)[] = [];
    const counting = new Cursors(async (unknownId) => {
      asked.push(unknownId);
      return key;
    });
    for (const garbled of [
      `.${payload}.${mac}`,
      `${id}..${mac}`,
      `${id}.${payload}.`,
      `.${mac}`,
      `${payload}.`,
      '..',
    ]) {
      expect(await refusal(() => counting.decode('operations', args, garbled))).toEqual(notThisList);
    }
    expect(asked).toEqual([]);
  });

  it('are refused with an empty position, even under a genuine MAC', async () => {
    const empty = await cursors.encode('operations', args, '');
    expect(empty.split('.')[1]).toBe('');
    expect(await refusal(() => cursors.decode('operations', args, empty))).toEqual(notThisList);
  });

  it('of a bare key are read only under its id, k0, which asks for the key once', async () => {
    const asked: (string | undefined)[] = [];
    const counting = new Cursors(async (unknownId) => {
      asked.push(unknownId);
      return key;
    });
    const cursor = await counting.encode('operations', args, 'p1');
    asked.length = 0;
    expect(await counting.decode('operations', args, cursor)).toBe('p1');
    expect(asked).toEqual([undefined]);
    // The bare key's own MAC under another id: a bare key names k0 only, so the keys are asked for again.
    const relabelled = cursor.replace(/^k0\./, 'k9.');
    expect(await refusal(() => counting.decode('operations', args, relabelled))).toEqual(notThisList);
    expect(asked).toEqual([undefined, undefined, 'k9']);
  });

  it('are refused beyond 1024 characters, even when genuine', async () => {
    // A three-character key id, the dots and the 43 of the MAC leave 976 base64url characters: 732 bytes.
    const signer = ringCursors(ring('k10'));
    const longest = await signer.encode('operations', args, 'x'.repeat(732));
    expect(longest).toHaveLength(1024);
    expect(await signer.decode('operations', args, longest)).toBe('x'.repeat(732));
    const tooLong = await signer.encode('operations', args, 'x'.repeat(733));
    expect(await refusal(() => signer.decode('operations', args, tooLong))).toEqual(notThisList);
  });
});

describe('cursors across a rotation of the key', () => {
  const rotatedAt = '2026-05-01T09:00:00.000Z';
  const retiresAt = '2026-05-02T09:00:00.000Z';
  const before = ring('k1');
  const after: KeyRing = { current: ring('k2').current, previous: { ...before.current, retiresAt } };

  it('are signed with the current key only', async () => {
    const cursor = await ringCursors(after, rotatedAt).encode('members', {}, 'NZ');
    expect(cursor.split('.')[0]).toBe('k2');
    expect(await ringCursors(ring('k2')).decode('members', {}, cursor)).toBe('NZ');
  });

  it('signed with the previous key are read until it retires, and refused from then on', async () => {
    const old = await ringCursors(before).encode('members', {}, 'NZ');
    expect(await ringCursors(after, rotatedAt).decode('members', {}, old)).toBe('NZ');
    expect(await ringCursors(after, '2026-05-02T08:59:59.999Z').decode('members', {}, old)).toBe('NZ');
    for (const now of [retiresAt, '2026-06-01T00:00:00.000Z'])
      expect(await refusal(() => ringCursors(after, now).decode('members', {}, old))).toEqual(notThisList);
  });

  it('naming a key the ring does not hold are refused, whatever their MAC', async () => {
    const old = await ringCursors(before).encode('members', {}, 'NZ');
    const dropped: KeyRing = { current: ring('k3').current, previous: { ...after.current, retiresAt } };
    expect(await refusal(() => ringCursors(dropped, rotatedAt).decode('members', {}, old))).toEqual(notThisList);
    // The previous key's MAC under another key's id: the id chooses the key, and that key refuses it.
    const relabelled = old.replace(/^k1\./, 'k2.');
    expect(await refusal(() => ringCursors(after, rotatedAt).decode('members', {}, relabelled))).toEqual(notThisList);
  });

  it('naming the current or the previous key, retired or not, ask for the keys once only', async () => {
    const asked: (string | undefined)[] = [];
    const counting = (now: string) =>
      new Cursors(async (unknownId) => {
        asked.push(unknownId);
        return after;
      }, clockAt(now));
    const current = await ringCursors(after, rotatedAt).encode('members', {}, 'NZ');
    const old = await ringCursors(before).encode('members', {}, 'NZ');
    expect(await counting(rotatedAt).decode('members', {}, current)).toBe('NZ');
    expect(await counting(rotatedAt).decode('members', {}, old)).toBe('NZ');
    expect(await refusal(() => counting(retiresAt).decode('members', {}, old))).toEqual(notThisList);
    expect(asked).toEqual([undefined, undefined, undefined]);
  });

  it('naming a key the ring does not hold make the cursors ask for the keys again, naming it', async () => {
    const fresh = await ringCursors(after, rotatedAt).encode('members', {}, 'NZ');
    const asked: (string | undefined)[] = [];
    const behind = new Cursors(async (unknownId) => {
      asked.push(unknownId);
      return unknownId === 'k2' ? after : before;
    }, clockAt(rotatedAt));
    expect(await behind.decode('members', {}, fresh)).toBe('NZ');
    expect(asked).toEqual([undefined, 'k2']);
    expect(await refusal(() => behind.decode('members', {}, fresh.replace(/^k2\./, 'k9.')))).toEqual(notThisList);
    expect(asked).toEqual([undefined, 'k2', undefined, 'k9']);
  });

  it('from before cursors named their key are read with the legacy key, while it is current or previous', async () => {
    const legacyKey = 'a'.repeat(64);
    const plain: KeyRing = { current: { id: 'k0', key: legacyKey } };
    // What a cursor signed before key ids looked like: the same MAC, without the id in front.
    const legacy = (await ringCursors(plain).encode('members', {}, 'NZ')).replace(/^k0\./, '');
    expect(legacy.split('.')).toHaveLength(2);
    expect(await ringCursors(plain).decode('members', {}, legacy)).toBe('NZ');
    const rotated: KeyRing = { current: ring('k1').current, previous: { id: 'k0', key: legacyKey, retiresAt } };
    expect(await ringCursors(rotated, rotatedAt).decode('members', {}, legacy)).toBe('NZ');
    expect(await refusal(() => ringCursors(rotated, retiresAt).decode('members', {}, legacy))).toEqual(notThisList);
    expect(await refusal(() => ringCursors(after, rotatedAt).decode('members', {}, legacy))).toEqual(notThisList);
  });
});

/** A ring of one key, named `id`, whose material follows from the id. */
function ring(id: string): KeyRing {
  return { current: { id, key: `${id}-`.repeat(32) } };
}

function clockAt(now: string): Clock {
  return { now: () => now };
}

function ringCursors(keys: KeyRing, now = '2026-01-01T00:00:00.000Z'): Cursors {
  return new Cursors(async () => keys, clockAt(now));
}

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
