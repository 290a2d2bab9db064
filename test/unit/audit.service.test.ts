import { describe, expect, it } from 'vitest';
import type { AuditStore } from '../../functions/audit/audit.repository.ts';
import { AuditService } from '../../functions/audit/audit.service.ts';
import { Access } from '../../functions/shared/domain/access.ts';
import type { AuditEvent } from '../../functions/shared/domain/audit-events.ts';
import { BadInputError, ForbiddenError } from '../../functions/shared/domain/errors.ts';
import { Cursors, firstPage } from '../../functions/shared/runtime/cursors.ts';

/**
 * The audit trail's rules against an in-memory table that answers as the repository does: newest
 * first, after a position, one more than the page to tell that another follows.
 */
class InMemoryAudit implements AuditStore {
  readonly asked: { entity: string | null; after: string | null; limit: number }[] = [];
  readonly events: AuditEvent[];
  constructor(events: AuditEvent[]) {
    this.events = events;
  }

  async listEvents(entity: string | null, after: string | null, limit: number) {
    this.asked.push({ entity, after, limit });
    const position = (event: AuditEvent) => `${event.at}#${event.id}`;
    const read = this.events
      .filter((event) => entity === null || event.entity === entity)
      .sort((a, b) => position(b).localeCompare(position(a)))
      .filter((event) => after === null || position(event) < after)
      .slice(0, limit + 1);
    return firstPage(read, limit, (event) => ({ node: event, position: position(event) }));
  }
}

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const event = (n: number, entity: string): AuditEvent => ({
  id: id(n),
  at: `2026-11-${String(n).padStart(2, '0')}T02:30:00.000Z`,
  actor: 'sec-1',
  actorCountry: null,
  action: 'updateMember',
  entity,
  summary: `event ${n}`,
});
const cursors = new Cursors(async () => new Uint8Array(32).fill(3));

function service(groups: string[], events = [event(1, 'member/NZ'), event(2, 'jpa/7'), event(3, 'member/NZ')]) {
  const access = new Access({ subject: 'sec-1', groups, country: null }, async () => ({
    memberStatus: null,
    holdsCoChairTerm: false,
  }));
  const table = new InMemoryAudit(events);
  return { audit: new AuditService({ repository: table, cursors, access }), table };
}

async function refusal(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

describe('the audit trail', () => {
  it('is read by the secretariat, newest first, 50 to a page unless asked otherwise', async () => {
    const { audit, table } = service(['secretariat']);
    const page = await audit.events(null, null, null);
    expect(page.edges.map((edge) => edge.node.summary)).toEqual(['event 3', 'event 2', 'event 1']);
    expect(page.pageInfo.hasNextPage).toBe(false);
    expect(table.asked).toEqual([{ entity: null, after: null, limit: 50 }]);
  });

  it('reads one entity, its name trimmed', async () => {
    const { audit, table } = service(['secretariat']);
    const page = await audit.events(' member/NZ ', 10, undefined);
    expect(page.edges.map((edge) => edge.node.summary)).toEqual(['event 3', 'event 1']);
    expect(table.asked).toEqual([{ entity: 'member/NZ', after: null, limit: 10 }]);
  });

  it('pages on with the end cursor, for the same entity and reader only', async () => {
    const { audit, table } = service(['secretariat']);
    const first = await audit.events('member/NZ', 1, null);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const after = (await first.pageInfo.endCursor())!;
    const second = await audit.events('member/NZ', 1, after);
    expect(second.edges.map((edge) => edge.node.summary)).toEqual(['event 1']);
    expect(table.asked[1]).toEqual({ entity: 'member/NZ', after: `${event(3, '').at}#${id(3)}`, limit: 1 });
    const refused = await refusal(audit.events(null, 1, after));
    expect(refused).toBeInstanceOf(BadInputError);
    expect(refused.message).toBe('after is not a cursor of this list with these arguments');
  });

  it('refuses a genuine cursor whose position is no audit position', async () => {
    const { audit, table } = service(['secretariat']);
    const args = { entity: null, viewer: 'sec-1' };
    const good = await cursors.encode('auditEvents', args, `${event(3, '').at}#${id(3)}`);
    expect((await audit.events(null, 1, good)).edges.map((edge) => edge.node.summary)).toEqual(['event 2']);
    for (const position of [
      `${event(3, '').at}#${id(3)}x`,
      `x${event(3, '').at}#${id(3)}`,
      '2026-11-03T02:30:00Z#x',
      'MEMBERS#NZ',
    ]) {
      const after = await cursors.encode('auditEvents', args, position);
      const refused = await refusal(audit.events(null, 1, after));
      expect(refused).toBeInstanceOf(BadInputError);
      expect(refused.message).toBe('after is not a cursor of this list');
      expect((refused as BadInputError).field).toBe('after');
    }
    expect(table.asked).toHaveLength(1);
  });

  it('refuses a bad entity name and page size before reading', async () => {
    const { audit, table } = service(['secretariat']);
    expect((await refusal(audit.events(' ', null, null))).message).toBe('entity must not be blank');
    expect((await refusal(audit.events('x'.repeat(201), null, null))).message).toBe(
      'entity must be at most 200 characters',
    );
    expect((await refusal(audit.events(null, 101, null))).message).toBe('first must be from 1 to 100');
    expect(table.asked).toEqual([]);
  });

  it('is forbidden to everyone but the secretariat', async () => {
    for (const groups of [[], ['observer']]) {
      const { audit, table } = service(groups);
      const refused = await refusal(audit.events(null, null, null));
      expect(refused).toBeInstanceOf(ForbiddenError);
      expect(refused.message).toBe('your role may not read audit events');
      expect(table.asked).toEqual([]);
    }
  });
});
