import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { everyone, sequenceKey, timeKey } from '../../functions/audit/audit.keys.ts';
import type { AuditStore } from '../../functions/audit/audit.repository.ts';
import { AuditService } from '../../functions/audit/audit.service.ts';
import { Access } from '../../functions/shared/domain/access.ts';
import {
  auditEvent,
  chainOnto,
  eventHash,
  type Audience,
  type AuditDraft,
  type AuditEvent,
  type ChainHead,
} from '../../functions/shared/domain/audit-events.ts';
import type { Claims } from '../../functions/shared/domain/claims.ts';
import { BadInputError, ForbiddenError } from '../../functions/shared/domain/errors.ts';
import { Cursors, firstPage } from '../../functions/shared/runtime/cursors.ts';
import { thrown } from '../support/service-doubles.ts';

/**
 * The audit trail's rules against an in-memory table that answers as the repository does: each
 * event in a view per audience, newest first, after a position, one more than the page to tell
 * that another follows.
 */
class InMemoryAudit implements AuditStore {
  readonly asked: unknown[] = [];
  readonly views: { audience: string; event: AuditEvent }[] = [];
  readonly heads = new Map<string, ChainHead>();
  readonly chains = new Map<string, { event: AuditEvent; audience: Audience }>();

  add(draft: AuditDraft, audience: Audience = [everyone]): AuditEvent {
    const event = chainOnto(draft, this.heads.get(draft.entity) ?? null);
    this.chains.set(event.id, { event, audience });
    this.heads.set(draft.entity, { entity: draft.entity, sequence: event.sequence, hash: event.hash });
    for (const reader of audience) this.views.push({ audience: reader, event });
    return event;
  }

  async head(entity: string) {
    this.asked.push({ head: entity });
    return this.heads.get(entity) ?? null;
  }

  async entityEvents(entity: string, audiences: readonly string[], after: string | null, limit: number) {
    this.asked.push({ entity, audiences, after, limit });
    const read = this.views
      .filter((view) => view.event.entity === entity && audiences.includes(view.audience))
      .map((view) => view.event)
      .sort((a, b) => b.sequence - a.sequence)
      .filter((event) => after === null || sequenceKey(event.sequence) < after)
      .slice(0, limit + 1);
    return firstPage(read, limit, (event) => ({ node: event, position: sequenceKey(event.sequence) }));
  }

  async eventById(eventId: string) {
    this.asked.push({ eventId });
    return this.chains.get(eventId) ?? null;
  }

  async allEvents(after: string | null, limit: number) {
    this.asked.push({ all: true, after, limit });
    const read = this.views
      .filter((view) => view.audience === everyone)
      .map((view) => view.event)
      .sort((a, b) => timeKey(b).localeCompare(timeKey(a)))
      .filter((event) => after === null || timeKey(event) < after)
      .slice(0, limit + 1);
    return firstPage(read, limit, (event) => ({ node: event, position: timeKey(event) }));
  }
}

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const draft = (n: number, entity: string): AuditDraft => ({
  id: id(n),
  at: `2026-11-${String(n).padStart(2, '0')}T02:30:00.000Z`,
  actor: 'sec-1',
  actorCountry: null,
  action: 'updateMember',
  entity,
  summary: `event ${n}`,
});
const cursors = new Cursors(async () => new Uint8Array(32).fill(3));

const callers = {
  secretariat: { subject: 'sec-1', groups: ['secretariat'], country: null },
  officialTH: { subject: 'off-th', groups: [], country: 'TH' },
  officialVN: { subject: 'off-vn', groups: [], country: 'VN' },
  observer: { subject: 'obs-1', groups: ['observer'], country: null },
  nobody: { subject: 'x-1', groups: [], country: null },
} satisfies Record<string, Claims>;

/** Three member events and one JPA event, readable by everyone; an operation's events, two of them need-to-know. */
function world() {
  const table = new InMemoryAudit();
  table.add(draft(1, 'member/NZ'));
  table.add(draft(2, 'jpa/7'));
  table.add(draft(3, 'member/NZ'));
  table.add(draft(4, 'operation/x'), ['TH', 'VN']);
  table.add(draft(5, 'operation/x'), [everyone]);
  table.add(draft(6, 'operation/x'), ['TH']);
  return table;
}

function service(caller: keyof typeof callers, table = world()) {
  const access = new Access(callers[caller], async (country) => ({
    memberStatus: country === 'TH' || country === 'VN' ? 'ACTIVE' : null,
    holdsCoChairTerm: false,
  }));
  return { audit: new AuditService({ repository: table, cursors, access }), table };
}

const summaries = (page: { edges: { node: AuditEvent }[] } | null) => page?.edges.map((edge) => edge.node.summary);

describe('a new event', () => {
  const source = { clock: { now: () => '2026-11-30T10:00:00.000Z' }, newId: () => id(9) };
  const viewer = { subject: 'off-th', country: 'TH', roles: ['OFFICIAL' as const], isCoChair: false };

  it('says who, what and when, keeping a summary of up to 2,000 characters whole', () => {
    const summary = '界'.repeat(2000);
    expect(auditEvent(source, viewer, 'updateMember', 'member/TH', summary)).toEqual({
      id: id(9),
      at: '2026-11-30T10:00:00.000Z',
      actor: 'off-th',
      actorCountry: 'TH',
      action: 'updateMember',
      entity: 'member/TH',
      summary,
    });
  });

  it('cuts a longer summary to its first 1,999 characters and an ellipsis, counting characters, not code units', () => {
    const summary = `${'😀'.repeat(1999)}ab`;
    const cut = auditEvent(source, viewer, 'setMemberStatus', 'member/TH', summary).summary;
    expect(cut).toBe(`${'😀'.repeat(1999)}…`);
    expect([...cut]).toHaveLength(2000);
  });
});

describe('chaining an event', () => {
  it('starts an entity at sequence 1 with no previous hash, then links each event to the one before', async () => {
    const { audit, table } = service('secretariat', new InMemoryAudit());
    const first = await audit.chain(draft(1, 'member/NZ'));
    expect(first.head).toBeNull();
    expect(first.audience).toEqual([everyone]);
    expect(first.event).toMatchObject({ sequence: 1, previousHash: null });
    expect(first.event.hash).toBe(eventHash({ ...draft(1, 'member/NZ'), sequence: 1, previousHash: null }));
    table.add(draft(1, 'member/NZ'));
    const second = await audit.chain(draft(2, 'member/NZ'), ['TH']);
    expect(second.head).toEqual({ entity: 'member/NZ', sequence: 1, hash: first.event.hash });
    expect(second.audience).toEqual(['TH']);
    expect(second.event).toMatchObject({ sequence: 2, previousHash: first.event.hash });
    expect(table.asked).toEqual([{ head: 'member/NZ' }, { head: 'member/NZ' }]);
  });

  it('hashes exactly the fields docs/api.md names, in its order', () => {
    const fields = { ...draft(1, 'member/NZ'), actorCountry: 'NZ', sequence: 2, previousHash: 'ab' };
    const json = JSON.stringify([id(1), 'member/NZ', 2, fields.at, 'sec-1', 'NZ', 'updateMember', 'event 1', 'ab']);
    // Computed apart from eventHash: SHA-256 over the documented JSON, as a client would.
    expect(eventHash(fields)).toBe(createHash('sha256').update(json, 'utf8').digest('hex'));
    expect(eventHash({ ...fields, actorCountry: null, previousHash: null })).toBe(
      createHash('sha256')
        .update(JSON.stringify([id(1), 'member/NZ', 2, fields.at, 'sec-1', null, 'updateMember', 'event 1', null]))
        .digest('hex'),
    );
  });
});

describe('the whole trail', () => {
  it('is read by the secretariat, newest first, 50 to a page, without need-to-know events', async () => {
    const { audit, table } = service('secretariat');
    const page = await audit.events(null, null, null);
    expect(summaries(page)).toEqual(['event 5', 'event 3', 'event 2', 'event 1']);
    expect(page.pageInfo.hasNextPage).toBe(false);
    expect(table.asked).toEqual([{ all: true, after: null, limit: 50 }]);
  });

  it('reads one entity from everyone’s views only, its name trimmed', async () => {
    const { audit, table } = service('secretariat');
    expect(summaries(await audit.events(' member/NZ ', 10, undefined))).toEqual(['event 3', 'event 1']);
    expect(summaries(await audit.events('operation/x', 10, undefined))).toEqual(['event 5']);
    expect(table.asked).toEqual([
      { entity: 'member/NZ', audiences: [everyone], after: null, limit: 10 },
      { entity: 'operation/x', audiences: [everyone], after: null, limit: 10 },
    ]);
  });

  it('pages on with the end cursor, for the same entity and reader only', async () => {
    const { audit, table } = service('secretariat');
    const first = await audit.events('member/NZ', 1, null);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const after = (await first.pageInfo.endCursor())!;
    const second = await audit.events('member/NZ', 1, after);
    expect(summaries(second)).toEqual(['event 1']);
    expect(table.asked[1]).toEqual({ entity: 'member/NZ', audiences: [everyone], after: sequenceKey(2), limit: 1 });
    const refused = await thrown(audit.events(null, 1, after));
    expect(refused).toBeInstanceOf(BadInputError);
    expect(refused.message).toBe('after is not a cursor of this list with these arguments');
  });

  it('refuses a genuine cursor whose position is not one of this list', async () => {
    const { audit, table } = service('secretariat');
    const all = { entity: null, viewer: 'sec-1' };
    const good = await cursors.encode('auditEvents', all, timeKey(draft(3, '')));
    expect(summaries(await audit.events(null, 1, good))).toEqual(['event 2']);
    const one = { entity: 'member/NZ', viewer: 'sec-1' };
    for (const [args, position] of [
      [all, `${timeKey(draft(3, ''))}x`],
      [all, `x${timeKey(draft(3, ''))}`],
      [all, '2026-11-03T02:30:00Z#x'],
      [all, sequenceKey(3)],
      [one, timeKey(draft(3, ''))],
      [one, '12'],
      [one, `${sequenceKey(3)}0`],
    ] as const) {
      const after = await cursors.encode('auditEvents', args, position);
      const refused = await thrown(audit.events(args.entity, 1, after));
      expect(refused).toBeInstanceOf(BadInputError);
      expect(refused.message).toBe('after is not a cursor of this list');
      expect((refused as BadInputError).field).toBe('after');
    }
    expect(table.asked).toHaveLength(1);
  });

  it('refuses a bad entity name and page size before reading', async () => {
    const { audit, table } = service('secretariat');
    expect((await thrown(audit.events(' ', null, null))).message).toBe('entity must not be blank');
    expect((await thrown(audit.events('x'.repeat(201), null, null))).message).toBe(
      'entity must be at most 200 characters',
    );
    expect((await thrown(audit.events(null, 101, null))).message).toBe('first must be from 1 to 100');
    expect(table.asked).toEqual([]);
  });

  it('is forbidden to everyone but the secretariat', async () => {
    for (const caller of ['officialTH', 'observer', 'nobody'] as const) {
      const { audit, table } = service(caller);
      const refused = await thrown(audit.events(null, null, null));
      expect(refused).toBeInstanceOf(ForbiddenError);
      expect(refused.message).toBe('your role may not read audit events');
      expect(table.asked).toEqual([]);
    }
  });
});

describe('history', () => {
  it('of an entity everyone may read: everyone’s views, 20 to a page unless asked otherwise', async () => {
    for (const caller of ['secretariat', 'officialTH'] as const) {
      const { audit, table } = service(caller);
      expect(summaries(await audit.history('member/NZ', false, null, null))).toEqual(['event 3', 'event 1']);
      expect(table.asked).toEqual([{ entity: 'member/NZ', audiences: [everyone], after: null, limit: 20 }]);
    }
  });

  it('of a need-to-know entity: an official also reads its own country’s views, the secretariat does not', async () => {
    expect(summaries(await service('officialTH').audit.history('operation/x', true, null, null))).toEqual([
      'event 6',
      'event 5',
      'event 4',
    ]);
    expect(summaries(await service('officialVN').audit.history('operation/x', true, null, null))).toEqual([
      'event 5',
      'event 4',
    ]);
    expect(summaries(await service('secretariat').audit.history('operation/x', true, null, null))).toEqual(['event 5']);
    const { audit, table } = service('officialVN');
    await audit.history('operation/x', true, 5, null);
    expect(table.asked).toEqual([{ entity: 'operation/x', audiences: [everyone, 'VN'], after: null, limit: 5 }]);
  });

  it('is null for observers and callers without a role, reading nothing', async () => {
    for (const caller of ['observer', 'nobody'] as const) {
      const { audit, table } = service(caller);
      expect(await audit.history('member/NZ', false, null, null)).toBeNull();
      expect(await audit.history('operation/x', true, null, null)).toBeNull();
      expect(table.asked).toEqual([]);
    }
  });

  it('pages on by sequence with its own cursors, of that entity and reader only', async () => {
    const { audit, table } = service('officialTH');
    const first = await audit.history('operation/x', true, 2, null);
    expect(summaries(first)).toEqual(['event 6', 'event 5']);
    const after = (await first?.pageInfo.endCursor())!;
    expect(summaries(await audit.history('operation/x', true, 2, after))).toEqual(['event 4']);
    expect(table.asked[1]).toMatchObject({ after: sequenceKey(2) });
    for (const refused of [
      await thrown(audit.history('member/NZ', false, 2, after)),
      await thrown(service('officialVN').audit.history('operation/x', true, 2, after)),
    ]) {
      expect(refused).toBeInstanceOf(BadInputError);
    }
    const forged = await cursors.encode('history', { entity: 'operation/x', viewer: 'off-th' }, timeKey(draft(3, '')));
    expect((await thrown(audit.history('operation/x', true, 2, forged))).message).toBe(
      'after is not a cursor of this list',
    );
    expect((await thrown(audit.history('operation/x', true, 0, null))).message).toBe('first must be from 1 to 100');
  });
});

const serviceOver = service;

describe('an event by id', () => {
  /** Every entity of the world readable now, unless named in `gone`. */
  const entities = (gone: readonly string[] = []) => {
    const readable = (entity: string) => async () => (gone.includes(entity) ? null : { entity });
    return {
      member: (country: string) => readable(`member/${country}`)(),
      jpa: (number: number) => readable(`jpa/${number}`)(),
      termsOfReference: (version: number) => readable(`tor/${version}`)(),
      operation: (operationId: string) => readable(`operation/${operationId}`)(),
    };
  };
  /**
   * The world, and an event of the co-chairs and one of a Terms of Reference version; and an event
   * of a JPA in a view of Thailand's alone, which the writers give only an operation's events: the
   * reader's side reads such views of operations only, as `history` does.
   */
  const service = (caller: keyof typeof callers) => {
    const table = world();
    table.add(draft(7, 'cochairs'));
    table.add(draft(8, 'tor/3'));
    table.add(draft(9, 'jpa/7'), ['TH']);
    return serviceOver(caller, table);
  };
  const withHistory = { 'member/NZ': false, 'jpa/7': false, 'operation/x': true, 'tor/3': false } as const;

  it('is readable exactly when its entity’s history shows it to the caller', async () => {
    for (const caller of ['secretariat', 'officialTH', 'officialVN', 'observer'] as const) {
      const { audit } = service(caller);
      for (const [entity, needToKnow] of Object.entries(withHistory)) {
        const history = await audit.history(entity, needToKnow, 100, null);
        for (const n of [1, 2, 3, 4, 5, 6, 8, 9]) {
          const event = await audit.event(id(n), entities());
          const shown = history?.edges.some((edge) => edge.node.id === id(n)) ?? false;
          if (event?.entity === entity || shown) expect([caller, n, event !== null]).toEqual([caller, n, shown]);
        }
      }
    }
  });

  it('answers the event itself: need-to-know ones only to officials of a country it was written for', async () => {
    const read = async (caller: keyof typeof callers, n: number) =>
      (await service(caller).audit.event(id(n), entities()))?.summary ?? null;
    expect(await read('officialTH', 6)).toBe('event 6');
    expect(await read('officialVN', 6)).toBeNull();
    expect(await read('officialVN', 4)).toBe('event 4');
    expect(await read('secretariat', 4)).toBeNull();
    expect(await read('secretariat', 5)).toBe('event 5');
    expect(await read('observer', 1)).toBeNull();
  });

  it('is null once its entity is no longer readable by the caller, as its history is', async () => {
    const { audit } = service('officialTH');
    expect(await audit.event(id(5), entities(['operation/x']))).toBeNull();
    expect(await audit.event(id(8), entities(['tor/3']))).toBeNull();
    expect(await audit.event(id(1), entities(['member/NZ']))).toBeNull();
    expect(await audit.event(id(2), entities(['jpa/7']))).toBeNull();
    expect((await audit.event(id(2), entities(['member/NZ'])))?.summary).toBe('event 2');
  });

  it('of the co-chairs, which have no history, is the secretariat’s, as the whole trail is', async () => {
    expect((await service('secretariat').audit.event(id(7), entities()))?.summary).toBe('event 7');
    expect(await service('officialTH').audit.event(id(7), entities())).toBeNull();
  });

  it('is read from the table once per request, however often it is asked for', async () => {
    const { audit, table } = service('officialTH');
    const answers = [];
    for (const n of [6, 1, 6, 1, 99, 99]) answers.push((await audit.event(id(n), entities()))?.summary ?? null);
    expect(answers).toEqual(['event 6', 'event 1', 'event 6', 'event 1', null, null]);
    expect(table.asked).toEqual([{ eventId: id(6) }, { eventId: id(1) }, { eventId: id(99) }]);
  });

  it('is null for an unknown id, and for observers and callers without a role without reading', async () => {
    expect(await service('secretariat').audit.event(id(99), entities())).toBeNull();
    for (const caller of ['observer', 'nobody'] as const) {
      const { audit, table } = service(caller);
      expect(await audit.event(id(1), entities())).toBeNull();
      expect(table.asked).toEqual([]);
    }
  });
});
