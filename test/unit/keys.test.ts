import { describe, expect, it } from 'vitest';
import * as audit from '../../functions/audit/audit.keys.ts';
import * as jpa from '../../functions/jpa/jpa.keys.ts';
import * as membership from '../../functions/membership/membership.keys.ts';
import * as operation from '../../functions/operation/operation.keys.ts';
import * as terms from '../../functions/terms/terms.keys.ts';

// The keys are the stored data's layout: changing one strands every item written under the old one.
describe('stored keys', () => {
  it('of the terms table', () => {
    expect(terms.versionKey(7)).toEqual({ pk: 'TOR', sk: 'V#00007' });
    expect(terms.versionKey(12345)).toEqual({ pk: 'TOR', sk: 'V#12345' });
    expect([terms.termsPartition, terms.versionPrefix, terms.publishedPartition]).toEqual(['TOR', 'V#', 'PUBLISHED']);
    expect([terms.counterKey, terms.adoptedKey, terms.initialisedKey]).toEqual([
      { pk: 'TOR', sk: 'COUNTER' },
      { pk: 'TOR', sk: 'ADOPTED' },
      { pk: 'TOR', sk: 'INITIALISED' },
    ]);
  });

  it('of the JPA table', () => {
    expect(jpa.jpaKey(7)).toEqual({ pk: 'JPA', sk: 'JPA#0007' });
    expect(jpa.totalsKey(7)).toEqual({ pk: 'JPA', sk: 'TOTALS#0007' });
    expect(jpa.jpaStatusKey('ACTIVE')).toBe('STATUS#ACTIVE');
    expect([jpa.jpasPartition, jpa.jpaPrefix]).toEqual(['JPA', 'JPA#']);
    expect([jpa.activeJpaKey, jpa.initialisedKey]).toEqual([
      { pk: 'JPA', sk: 'ACTIVE' },
      { pk: 'JPA', sk: 'INITIALISED' },
    ]);
  });

  it('of the membership table', () => {
    expect(membership.memberKey('NZ')).toEqual({ pk: 'MEMBERS', sk: 'NZ' });
    expect(membership.memberStatusKey('ACTIVE')).toBe('STATUS#ACTIVE');
    expect(membership.termKey('2026-07-01', 'NZ', 3)).toEqual({ pk: 'COCHAIRS', sk: 'TERM#2026-07-01#NZ#000003' });
    expect([membership.membersPartition, membership.coChairsPartition, membership.termPrefix]).toEqual([
      'MEMBERS',
      'COCHAIRS',
      'TERM#',
    ]);
    expect([
      membership.profileKey,
      membership.countersKey,
      membership.coChairGuardKey,
      membership.initialisedKey,
    ]).toEqual([
      { pk: 'GROUP', sk: 'PROFILE' },
      { pk: 'GROUP', sk: 'COUNTERS' },
      { pk: 'COCHAIRS', sk: 'OPEN' },
      { pk: 'GROUP', sk: 'INITIALISED' },
    ]);
  });

  it('of the operations and idempotency tables', () => {
    const id = '0f0e0d0c-0b0a-4908-8706-050403020100';
    expect(operation.operationKey(id)).toEqual({ pk: `OP#${id}`, sk: 'OP' });
    expect(operation.listingKey(id, 'ALL')).toEqual({ pk: `OP#${id}`, sk: 'AUD#ALL' });
    expect(operation.initialisedKey).toEqual({ pk: 'OPERATIONS', sk: 'INITIALISED' });
    expect(operation.idempotencyKey('user-1', 'k1')).toEqual({ pk: 'IDEM#user-1#k1', sk: 'createOperation' });
    expect(operation.visibility.all('NZ')).toBe('NZ');
    expect(operation.visibility.jpa('NZ', 7)).toBe('NZ#J#7');
    expect(operation.visibility.status('NZ', 'ACTIVE')).toBe('NZ#S#ACTIVE');
    expect(operation.visibility.jpaStatus('NZ', 7, 'ACTIVE')).toBe('NZ#J#7#S#ACTIVE');
  });

  it('of the reads table', () => {
    expect(operation.readPartition('op-1')).toBe('OP#op-1');
    expect(operation.readSortKey({ at: '2026-11-28T02:30:00.000Z', requestId: 'req-1' })).toBe(
      '2026-11-28T02:30:00.000Z#req-1',
    );
    expect(operation.readPositionPattern.test('2026-11-28T02:30:00.000Z#req-1')).toBe(true);
    for (const position of [
      '2026-11-28T02:30:00.000Z#',
      '2026-11-28T02:30:00Z#r',
      'x2026-11-28T02:30:00.000Z#r',
      '2026-11-28T02:30:00.000Z#a#b',
    ])
      expect(operation.readPositionPattern.test(position), position).toBe(false);
  });

  it('of the audit table', () => {
    expect(audit.chainEventKey('member/NZ', 12)).toEqual({ pk: 'CHAIN#member/NZ', sk: '0000000012' });
    expect(audit.chainHeadKey('member/NZ')).toEqual({ pk: 'CHAINS', sk: 'member/NZ' });
    expect(audit.viewKey('*', 'member/NZ', 3)).toEqual({ pk: 'VIEW#*#member/NZ', sk: '0000000003' });
    expect(audit.viewKey('VN', 'operation/x', 1_234_567_890)).toEqual({ pk: 'VIEW#VN#operation/x', sk: '1234567890' });
    expect(audit.timeKey({ at: '2026-11-28T02:30:00.000Z', id: 'e1' })).toBe('2026-11-28T02:30:00.000Z#e1');
    expect(audit.allEventsStream).toBe('ALL');
    expect(audit.everyone).toBe('*');
  });
});

describe("an operation's list key", () => {
  const id = '0f0e0d0c-0b0a-4908-8706-050403020100';

  it('is the complement of startsOn, zero-padded, then the id', () => {
    expect(operation.listKey('2026-11-28', id)).toBe(`79738871#${id}`);
    expect(operation.listKey('9999-12-31', id)).toBe(`00008768#${id}`);
  });

  it('sorts later starts first', () => {
    const keys = ['2024-01-01', '2026-11-28', '2025-06-30'].map((startsOn) => operation.listKey(startsOn, id)).sort();
    expect(keys.map((key) => key.slice(0, 8))).toEqual(['79738871', '79749369', '79759898']);
  });

  it('matches the pattern cursors are checked against, and nothing else', () => {
    expect(operation.listKeyPattern.test(operation.listKey('2026-11-28', id))).toBe(true);
    for (const key of [
      `7973887#${id}`,
      `797388711#${id}`,
      `79738871${id}`,
      `79738871#${id}0`,
      `79738871#${id.toUpperCase()}`,
      `x79738871#${id}`,
    ]) {
      expect(operation.listKeyPattern.test(key)).toBe(false);
    }
  });
});
