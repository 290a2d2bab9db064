import { parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { rootFields } from '../../functions/graphql/read-records.ts';
import {
  OperationReads,
  readsOfResponse,
  type Carried,
  type LinkedPath,
} from '../../functions/operation/operation.reads.ts';
import type { ReadRecord } from '../../functions/operation/operation.reads.ts';
import type { ReadStore } from '../../functions/operation/reads.repository.ts';
import { Access } from '../../functions/shared/domain/access.ts';
import { BadInputError } from '../../functions/shared/domain/errors.ts';
import { Cursors, firstPage } from '../../functions/shared/runtime/cursors.ts';
import { thrown } from '../support/service-doubles.ts';

const field = (key: string) => ({ mine: 'operations', one: 'operation', jpa: 'jpa' })[key] ?? key;

describe('which operations a response carries (readsOfResponse)', () => {
  it('names each operation once, under the first root field of the response that carried it', () => {
    const data = { one: { id: 'A' }, mine: { edges: [{ node: { id: 'A' } }, { node: { id: 'B' } }] } };
    const carried: Carried[] = [
      // Resolved in another order than the response's: the list came back first.
      { operationId: 'A', path: ['mine', 'edges', 0, 'node'] },
      { operationId: 'B', path: ['mine', 'edges', 1, 'node'] },
      { operationId: 'A', path: ['one'] },
    ];
    expect(readsOfResponse(carried, data, field)).toEqual([
      { operationId: 'A', via: 'operation' },
      { operationId: 'B', via: 'operations' },
    ]);
  });

  it('follows the order of the response, not of resolution', () => {
    const data = { mine: { edges: [{ node: { id: 'A' } }] }, one: { id: 'A' } };
    const carried: Carried[] = [
      { operationId: 'A', path: ['one'] },
      { operationId: 'A', path: ['mine', 'edges', 0, 'node'] },
    ];
    expect(readsOfResponse(carried, data, field)).toEqual([{ operationId: 'A', via: 'operations' }]);
    // Resolved in the response's order too: the first place stays the first.
    expect(readsOfResponse([...carried].reverse(), data, field)).toEqual([{ operationId: 'A', via: 'operations' }]);
  });

  it('leaves out operations whose place in the response is null or gone', () => {
    const data = { one: null, jpa: { operations: null }, mine: { edges: [{ node: { id: 'C' } }] } };
    const carried: Carried[] = [
      { operationId: 'A', path: ['one'] },
      { operationId: 'B', path: ['jpa', 'operations', 'edges', 0, 'node'] },
      { operationId: 'C', path: ['mine', 'edges', 0, 'node'] },
      { operationId: 'D', path: ['other'] },
      { operationId: 'E', path: ['mine', 'pageInfo'] },
      { operationId: 'F', path: ['mine', 'edges', 0, 'node', 'id', 0] },
    ];
    expect(readsOfResponse(carried, data, field)).toEqual([{ operationId: 'C', via: 'operations' }]);
  });

  it('carries nothing for a response without data', () => {
    const carried: Carried[] = [{ operationId: 'A', path: ['one'] }];
    expect(readsOfResponse(carried, null, field)).toEqual([]);
    expect(readsOfResponse(carried, undefined, field)).toEqual([]);
  });
});

describe('the root fields of a document (rootFields)', () => {
  it('maps each response key to its field, through aliases, inline fragments and named fragments', () => {
    const document = parse(`
      query Q { a: operations { edges { node { id } } } ... on Query { b: operation(id: "x") { id } } ...F jpas { number } }
      fragment F on Query { c: jpa(number: 1) { number } ...G }
      fragment G on Query { ...F d: operation(id: "y") { id } }
    `);
    const of = rootFields(document.definitions[0] as OperationDefinitionNode, document);
    expect(['a', 'b', 'c', 'd', 'jpas'].map(of)).toEqual(['operations', 'operation', 'jpa', 'operation', 'jpas']);
  });
});

describe('the read log (OperationReads)', () => {
  const written: ReadRecord[][] = [];
  const repository: ReadStore = {
    write: async (records) => {
      written.push([...records]);
    },
    list: async () => ({ items: [], hasNextPage: false }),
  };
  const reads = () =>
    new OperationReads({
      repository,
      clock: { now: () => '2026-03-01T10:00:00.000Z' },
      cursors: {} as Cursors,
      access: {} as Access,
      requestId: 'req-1',
      reader: { subject: 'au-official', country: 'AU' },
      retentionDays: 2557,
    });
  /** graphql's `info.path` of a response key at the root. */
  const path = (key: string): LinkedPath => ({ prev: undefined, key });

  it('writes one record per PARTICIPANTS operation the response carries, none for MEMBERS, and passes each through', async () => {
    written.length = 0;
    const log = reads();
    const participants = { id: 'P', handling: 'PARTICIPANTS' } as const;
    const members = { id: 'M', handling: 'MEMBERS' } as const;
    expect(log.carried(participants, path('one'))).toBe(participants);
    expect(log.carried(members, path('two'))).toBe(members);
    expect(log.carried(null, path('three'))).toBeNull();
    await log.record({ one: participants, two: members, three: null }, (key) => `${key}Field`);
    expect(written).toEqual([
      [
        {
          operationId: 'P',
          at: '2026-03-01T10:00:00.000Z',
          reader: 'au-official',
          readerCountry: 'AU',
          via: 'oneField',
          requestId: 'req-1',
          expiresAt: Date.parse('2026-03-01T10:00:00.000Z') / 1000 + 2557 * 86400,
        },
      ],
    ]);
  });

  it('finds an operation nested in a list by the whole of its path', async () => {
    written.length = 0;
    const log = reads();
    const nested: LinkedPath = { prev: { prev: { prev: path('mine'), key: 'edges' }, key: 0 }, key: 'node' };
    log.carried({ id: 'P', handling: 'PARTICIPANTS' }, nested);
    await log.record({ mine: { edges: [{ node: { id: 'P' } }] } }, (key) => `${key}Field`);
    expect(written.flat().map((record) => [record.operationId, record.via])).toEqual([['P', 'mineField']]);
  });

  it('writes nothing when the response carries no such operation', async () => {
    written.length = 0;
    const log = reads();
    log.carried({ id: 'M', handling: 'MEMBERS' }, path('one'));
    await log.record({ one: { id: 'M' } }, (key) => key);
    expect(written).toEqual([]);
  });
});

describe('who may list an operation’s read records (OperationReads.reads)', () => {
  const cursors = new Cursors(async () => new Uint8Array(32).fill(5));
  const record = (n: number): ReadRecord => ({
    operationId: 'op-1',
    at: `2026-03-0${n}T10:00:00.000Z`,
    reader: `reader-${n}`,
    readerCountry: 'ID',
    via: 'operation',
    requestId: `req-${n}`,
    expiresAt: 0,
  });
  const stored = [record(3), record(2), record(1)];
  const listed: (string | null)[] = [];
  const repository: ReadStore = {
    write: async () => {},
    list: async (_, after, limit) => {
      listed.push(after);
      const rest = stored.filter((item) => after === null || `${item.at}#${item.requestId}` < after);
      return firstPage(rest, limit, (node) => ({ node, position: `${node.at}#${node.requestId}` }));
    },
  };
  const as = (claims: { country?: string; groups?: string[] }, memberStatus: string | null = 'ACTIVE') =>
    new OperationReads({
      repository,
      clock: { now: () => '2026-03-09T10:00:00.000Z' },
      cursors,
      access: new Access(
        { subject: 's-1', groups: claims.groups ?? [], country: claims.country ?? null },
        async () => ({
          memberStatus,
          holdsCoChairTerm: false,
        }),
      ),
      requestId: 'req-9',
      reader: { subject: 's-1', country: claims.country ?? null },
      retentionDays: 30,
    });
  const operation = { id: 'op-1', lead: 'AU' };

  it('answers null, reading nothing, to a participant that does not lead it, the secretariat and an observer', async () => {
    listed.length = 0;
    expect(await as({ country: 'ID' }).reads(operation, 20, null)).toBeNull();
    expect(await as({ groups: ['secretariat'] }).reads(operation, 20, null)).toBeNull();
    expect(await as({ country: 'AU' }, 'SUSPENDED').reads(operation, 20, null)).toBeNull();
    expect(listed).toEqual([]);
  });

  it('pages the records newest first for an official of the lead country', async () => {
    const lead = as({ country: 'AU' });
    const first = await lead.reads(operation, 2, null);
    expect(first?.edges.map((edge) => edge.node.reader)).toEqual(['reader-3', 'reader-2']);
    expect(first?.pageInfo.hasNextPage).toBe(true);
    const next = await lead.reads(operation, 2, await first!.pageInfo.endCursor());
    expect(next?.edges.map((edge) => edge.node.reader)).toEqual(['reader-1']);
    expect(next?.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses a first outside 1–100, and a cursor of another list, with BAD_USER_INPUT', async () => {
    const lead = as({ country: 'AU' });
    for (const first of [0, 101])
      expect(await thrown(lead.reads(operation, first, null))).toBeInstanceOf(BadInputError);
    const otherList = await cursors.encode('operation/op-2/reads', { viewer: 's-1' }, '2026-03-01T10:00:00.000Z#r');
    expect(await thrown(lead.reads(operation, 20, otherList))).toBeInstanceOf(BadInputError);
    const notAPosition = await cursors.encode('operation/op-1/reads', { viewer: 's-1' }, 'JPA#0008');
    const refused = await thrown(lead.reads(operation, 20, notAPosition));
    expect(refused).toBeInstanceOf(BadInputError);
    expect([refused.message, (refused as BadInputError).field]).toEqual([
      'after is not a cursor of this list',
      'after',
    ]);
  });
});
