import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { chainEventKey, chainHeadKey, chainsPartition, viewKey } from '../../functions/audit/audit.keys.ts';
import { createDocumentClient } from '../../functions/shared/data/dynamo.ts';
import type { Item } from '../../functions/shared/data/item-codec.ts';
import { chainOnto, eventHash } from '../../functions/shared/domain/audit-events.ts';
import { verificationLine, verifyAuditTrail, type ChainBreak } from '../../infra/ops/verify-audit.ts';
import {
  chainItem,
  headItem,
  putAll,
  viewItem,
  writeChains,
  type ChainPlan,
  type WrittenEvent,
} from '../support/audit-chains.ts';
import { freshTables } from '../support/tables.ts';

const operation = `operation/${crypto.randomUUID()}`;
const everyone = ['*'];
const participants = ['TH', 'VN'];
const joined = ['MY', 'TH', 'VN'];
/** A public member, a need-to-know operation that MY joins at #3, a JPA and the co-chairs: 10 events in 4 chains. */
const plans: ChainPlan[] = [
  { entity: 'member/VN', audiences: [everyone, everyone, everyone] },
  { entity: operation, audiences: [participants, participants, joined, joined] },
  { entity: 'jpa/7', audiences: [everyone, everyone] },
  { entity: 'cochairs', audiences: [everyone] },
];

let client: DynamoDBDocumentClient;
let table: string;
let chains: Map<string, WrittenEvent[]>;

beforeEach(async () => {
  const fresh = await freshTables();
  client = createDocumentClient({ endpoint: fresh.endpoint });
  table = fresh.tableNames.audit;
  chains = await writeChains(client, table, plans);
});

const event = (entity: string, sequence: number): WrittenEvent => chains.get(entity)![sequence - 1]!;
const put = (item: Item) => client.send(new PutCommand({ TableName: table, Item: item }));
const remove = (key: { pk: string; sk: string }) => client.send(new DeleteCommand({ TableName: table, Key: key }));
/** The item under a key, as stored. */
async function stored(key: { pk: string; sk: string }): Promise<Item> {
  const { Item: item } = await client.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }));
  return item!;
}

/** The last line verify-audit prints, and every break it found. */
async function verify(pageSize?: number): Promise<{ line: string; breaks: readonly ChainBreak[] }> {
  const result = await verifyAuditTrail(client, table, pageSize ? { pageSize } : {});
  return { line: verificationLine(result), breaks: result.breaks };
}

/** verify-audit's line when exactly one chain is broken, as tampering with one chain leaves it. */
async function oneBreak(): Promise<string> {
  const { line, breaks } = await verify();
  expect(breaks).toHaveLength(1);
  return line;
}

describe('verify-audit on intact chains', () => {
  it('counts every event of every chain, reading by Query alone (never a Scan)', async () => {
    const send = vi.spyOn(client, 'send');
    expect(await verify()).toEqual({ line: 'audit: 10 events in 4 chains verified', breaks: [] });
    const commands = new Set(send.mock.calls.map(([command]) => command.constructor.name));
    expect(commands).toEqual(new Set(['QueryCommand']));
  });

  it('counts an empty table as nothing to verify', async () => {
    const fresh = await freshTables();
    const result = await verifyAuditTrail(client, fresh.tableNames.audit);
    expect(verificationLine(result)).toBe('audit: 0 events in 0 chains verified');
  });

  it('reads every partition strongly consistent, so nothing just written is missed', async () => {
    const send = vi.spyOn(client, 'send');
    await verify();
    const queries = send.mock.calls.map(([command]) => (command as QueryCommand).input);
    expect(queries.length).toBeGreaterThan(4);
    for (const query of queries) expect(query).toMatchObject({ TableName: table, ConsistentRead: true });
  });

  /**
   * Appends a fifth event to `member/VN` (with its head and view, as one API transaction would)
   * when verify-audit first Queries `partition`: before the Query is sent, or after it answered.
   */
  function appendWhenQueried(partition: string, when: 'before' | 'after'): { appended: () => boolean } {
    const original = client.send.bind(client) as (command: unknown) => Promise<unknown>;
    let appended = false;
    const append = async () => {
      appended = true;
      const last = event('member/VN', 3);
      const next = {
        ...chainOnto({ ...last, id: crypto.randomUUID(), summary: 'one more' }, last),
        audience: everyone,
      };
      await putAll(client, table, [chainItem(next), viewItem(next, '*'), headItem(next)]);
    };
    vi.spyOn(client, 'send').mockImplementation((async (command: unknown) => {
      const matches =
        !appended && command instanceof QueryCommand && command.input.ExpressionAttributeValues?.[':p'] === partition;
      if (matches && when === 'before') await append();
      const output = await original(command);
      if (matches && when === 'after') await append();
      return output;
    }) as typeof client.send);
    return { appended: () => appended };
  }

  it('accepts an event written after it read the heads, as the API writes it: the head has moved onto it', async () => {
    const race = appendWhenQueried(chainsPartition, 'after');
    expect((await verify()).line).toBe('audit: 11 events in 4 chains verified');
    expect(race.appended()).toBe(true);
  });

  it('accepts a view written after it walked the chain: the head has moved onto its event', async () => {
    const race = appendWhenQueried('VIEW#*#member/VN', 'before');
    expect((await verify()).line).toBe('audit: 10 events in 4 chains verified');
    expect(race.appended()).toBe(true);
  });
});

describe('verify-audit names the entity and sequence of what was tampered with', () => {
  it('an event changed in place: its hash no longer matches', async () => {
    await put({ ...chainItem(event(operation, 2)), summary: 'nothing happened' });
    expect(await oneBreak()).toBe(`audit: chain broken at ${operation} #2: its hash does not match its contents`);
  });

  it('an event changed with its hash computed again: the next event no longer links to it', async () => {
    const forged = { ...event(operation, 2), summary: 'nothing happened' };
    await put(chainItem({ ...forged, hash: eventHash(forged) }));
    expect(await oneBreak()).toBe(`audit: chain broken at ${operation} #3: its previousHash is not the hash of #2`);
  });

  it('an event removed: the gap', async () => {
    await remove(chainEventKey(operation, 2));
    expect(await oneBreak()).toBe(`audit: chain broken at ${operation} #2: event #2 is missing (the next is #3)`);
  });

  it('the last event removed: the head points past the chain', async () => {
    await remove(chainEventKey('member/VN', 3));
    expect(await oneBreak()).toBe('audit: chain broken at member/VN #3: the head is at #3 but the chain ends at #2');
  });

  it('two events swapped under each other’s keys: the sequence disagrees with the key', async () => {
    await put({ ...chainItem(event('member/VN', 3)), ...chainEventKey('member/VN', 2) });
    await put({ ...chainItem(event('member/VN', 2)), ...chainEventKey('member/VN', 3) });
    expect(await oneBreak()).toBe('audit: chain broken at member/VN #2: its sequence is 3 under the key of #2');
  });

  it('two events’ contents swapped, each keeping its place in the chain: the hash no longer matches', async () => {
    const [second, third] = [event('member/VN', 2), event('member/VN', 3)];
    const contents = ({ id, at, actor, action, summary }: WrittenEvent) => ({ id, at, actor, action, summary });
    await put({ ...chainItem(second), ...contents(third) });
    await put({ ...chainItem(third), ...contents(second) });
    expect(await oneBreak()).toBe('audit: chain broken at member/VN #2: its hash does not match its contents');
  });

  it('an event inserted in the middle, chained and hashed, the later ones moved up: the moved one’s key and sequence disagree', async () => {
    const [first, second, third] = [event('member/VN', 1), event('member/VN', 2), event('member/VN', 3)];
    const forged = {
      ...chainOnto({ ...first, id: crypto.randomUUID(), summary: 'forged' }, first),
      audience: everyone,
    };
    await put({ ...chainItem(third), ...chainEventKey('member/VN', 4) });
    await put({ ...chainItem(second), ...chainEventKey('member/VN', 3) });
    await put(chainItem(forged));
    await put(headItem({ entity: 'member/VN', sequence: 4, hash: third.hash }));
    expect(await oneBreak()).toBe('audit: chain broken at member/VN #3: its sequence is 2 under the key of #3');
  });

  it('an event added past the head, chained and hashed: it is not where the head says the chain ends', async () => {
    const last = event('member/VN', 3);
    const forged = { ...chainOnto({ ...last, id: crypto.randomUUID(), summary: 'forged' }, last), audience: everyone };
    await putAll(client, table, [chainItem(forged), viewItem(forged, '*')]);
    expect(await oneBreak()).toBe("audit: chain broken at member/VN #4: event #4 is past the chain's head (#3)");
  });

  it('a head whose hash is not its last event’s', async () => {
    await put(headItem({ entity: 'jpa/7', sequence: 2, hash: event('jpa/7', 1).hash }));
    expect(await oneBreak()).toBe("audit: chain broken at jpa/7 #2: the head's hash is not the hash of #2");
  });

  it('a head ahead of the events', async () => {
    await put(headItem({ entity: 'jpa/7', sequence: 3, hash: event('jpa/7', 2).hash }));
    expect(await oneBreak()).toBe('audit: chain broken at jpa/7 #3: the head is at #3 but the chain ends at #2');
  });

  it('a head that names another entity', async () => {
    await put({ ...(await stored(chainHeadKey('jpa/7'))), entity: 'jpa/8' });
    expect(await oneBreak()).toBe(
      'audit: chain broken at jpa/7 #2: its head is not a head of this chain (entity, sequence, hash)',
    );
  });

  it('a view changed', async () => {
    await put({ ...viewItem(event(operation, 2), 'VN'), summary: 'nothing happened' });
    expect(await oneBreak()).toBe(`audit: chain broken at ${operation} #2: the view for VN differs in summary`);
  });

  it('a view missing', async () => {
    await remove(viewKey('MY', operation, 3));
    expect(await oneBreak()).toBe(`audit: chain broken at ${operation} #3: no view for MY`);
  });

  it('a view for a country not in the event’s audience', async () => {
    await put(viewItem(event(operation, 1), 'MY'));
    expect(await oneBreak()).toBe(
      `audit: chain broken at ${operation} #1: a view for MY, which is not in its audience`,
    );
  });

  it('a need-to-know event shown to everyone', async () => {
    await put(viewItem(event(operation, 2), '*'));
    expect(await oneBreak()).toBe(`audit: chain broken at ${operation} #2: a view for *, which is not in its audience`);
  });

  it('a need-to-know view put on the whole trail that the secretariat reads', async () => {
    await put({ ...viewItem(event(operation, 1), 'TH'), streamKey: 'ALL' });
    expect(await oneBreak()).toBe(`audit: chain broken at ${operation} #1: the view for TH is in the whole trail`);
  });

  it('a view of everyone taken off the whole trail', async () => {
    const { streamKey: _streamKey, ...hidden } = viewItem(event('cochairs', 1), '*');
    await put(hidden);
    expect(await oneBreak()).toBe('audit: chain broken at cochairs #1: the view for * is not in the whole trail');
  });

  it('a view of everyone moved to another place in the whole trail', async () => {
    await put({ ...viewItem(event('cochairs', 1), '*'), timeKey: '2000-01-01T00:00:00.000Z#x' });
    expect(await oneBreak()).toBe(
      'audit: chain broken at cochairs #1: the view for * is out of place in the whole trail',
    );
  });

  it('a view past the end of the chain', async () => {
    await put(viewItem({ ...event('jpa/7', 2), sequence: 3 }, '*'));
    expect(await oneBreak()).toBe(
      'audit: chain broken at jpa/7 #3: the item "0000000003" of the views for * is past the end of the chain (#2)',
    );
  });

  it.each([
    [
      'an event #0',
      () => ({ ...chainItem(event('jpa/7', 1)), sk: '0000000000', sequence: 0 }),
      'jpa/7 #0: an event #0 before #1',
    ],
    [
      'an item in a chain that is no event',
      () => ({ pk: 'CHAIN#jpa/7', sk: 'x' }),
      'jpa/7 #3: an item with sort key "x" is no event',
    ],
    [
      'an event of another entity',
      () => ({ ...chainItem(event('jpa/7', 2)), entity: 'jpa/8' }),
      'jpa/7 #2: its entity is "jpa/8"',
    ],
    [
      'a summary that is not a string',
      () => ({ ...chainItem(event('jpa/7', 2)), summary: 7 }),
      'jpa/7 #2: its summary is not a string',
    ],
    [
      'an actorCountry that is not a country',
      () => ({ ...chainItem(event('jpa/7', 2)), actorCountry: 7 }),
      'jpa/7 #2: its actorCountry is neither a string nor null',
    ],
    [
      'an event without its audience',
      () => ({ ...chainItem(event('jpa/7', 2)), audience: [] }),
      'jpa/7 #2: its audience is not a list of readers',
    ],
    [
      'an item among the views that is no view',
      () => ({ pk: 'VIEW#*#jpa/7', sk: '0000000001x' }),
      'jpa/7 #2: the item "0000000001x" of the views for * is no view of an event',
    ],
  ])('%s', async (_case, item, where) => {
    await put(item());
    expect(await oneBreak()).toBe(`audit: chain broken at ${where}`);
  });

  it('several chains broken: each is reported as found, the last line names the first by entity', async () => {
    await remove(chainEventKey(operation, 4));
    await put({ ...chainItem(event('jpa/7', 1)), summary: 'changed' });
    const found: ChainBreak[] = [];
    const result = await verifyAuditTrail(client, table, { onBreak: (broken) => found.push(broken) });
    expect(found).toEqual([
      { entity: 'jpa/7', sequence: 1, what: 'its hash does not match its contents' },
      { entity: operation, sequence: 4, what: 'the head is at #4 but the chain ends at #3' },
    ]);
    expect(result.breaks).toEqual(found);
    expect(verificationLine(result)).toBe('audit: chain broken at jpa/7 #1: its hash does not match its contents');
    expect(result.chains).toBe(4);
  });
});

describe('verify-audit across Query pages', () => {
  const long = 'operation/long';
  /** 30 events, TH and VN throughout, MY from #11: with 4 items a page, every partition spans pages. */
  const longPlan: ChainPlan = {
    entity: long,
    audiences: Array.from({ length: 30 }, (_, index) => (index < 10 ? participants : joined)),
  };
  const more: ChainPlan[] = Array.from({ length: 6 }, (_, index) => ({
    entity: `member/T${index}`,
    audiences: [everyone, everyone],
  }));

  beforeEach(async () => {
    const written = await writeChains(client, table, [longPlan, ...more]);
    for (const [entity, events] of written) chains.set(entity, events);
  });

  it('walks a chain and views longer than a page, and more heads than a page', async () => {
    const send = vi.spyOn(client, 'send');
    expect(await verify(4)).toEqual({ line: 'audit: 52 events in 11 chains verified', breaks: [] });
    const queriesOf = (partition: string) =>
      send.mock.calls.filter(
        ([command]) => (command as QueryCommand).input.ExpressionAttributeValues?.[':p'] === partition,
      ).length;
    // 11 heads in pages of 4; 30 events read twice; MY's 20 views.
    expect(queriesOf(chainsPartition)).toBe(3);
    expect(queriesOf(`CHAIN#${long}`)).toBe(16);
    expect(queriesOf(`VIEW#MY#${long}`)).toBe(6);
  });

  it('finds a gap at the start of a page', async () => {
    await remove(chainEventKey(long, 9));
    const { line } = await verify(4);
    expect(line).toBe(`audit: chain broken at ${long} #9: event #9 is missing (the next is #10)`);
  });

  it('finds a view changed on a later page', async () => {
    await put({ ...viewItem(event(long, 29), 'MY'), actor: 'someone else' });
    const { line } = await verify(4);
    expect(line).toBe(`audit: chain broken at ${long} #29: the view for MY differs in actor`);
  });

  it('finds a broken chain whose head is on a later page', async () => {
    await put({ ...chainItem(event('member/T5', 2)), at: '2026-01-01T00:00:00.000Z' });
    const { line } = await verify(4);
    expect(line).toBe('audit: chain broken at member/T5 #2: its hash does not match its contents');
  });
});
