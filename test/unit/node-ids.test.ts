import { describe, expect, it } from 'vitest';
import { nodeId, parseNodeId } from '../../functions/node/node.ids.ts';

const operationId = '3f2b8c1e-4d5a-4e6f-8a7b-9c0d1e2f3a4b';

describe('global ids', () => {
  it('are readable: member/VN, cochairterm/VN/2024-07-01, jpa/7, tor/3, recommendation/4, workplan/2, meeting/9, report/2024', () => {
    expect(nodeId.member('VN')).toBe('member/VN');
    expect(nodeId.coChairTerm('VN', '2024-07-01')).toBe('cochairterm/VN/2024-07-01');
    expect(nodeId.jpa(7)).toBe('jpa/7');
    expect(nodeId.termsOfReference(3)).toBe('tor/3');
    expect(nodeId.recommendation(4)).toBe('recommendation/4');
    expect(nodeId.workPlanItem(2)).toBe('workplan/2');
    expect(nodeId.meeting(9)).toBe('meeting/9');
    expect(nodeId.annualReport(2024)).toBe('report/2024');
  });

  it('read back as what they name, and format again to themselves', () => {
    const named = [
      [nodeId.member('VN'), { type: 'Member', country: 'VN' }],
      [nodeId.coChairTerm('NZ', '2024-02-29'), { type: 'CoChairTerm', country: 'NZ', startsOn: '2024-02-29' }],
      [nodeId.jpa(1), { type: 'Jpa', number: 1 }],
      [nodeId.jpa(9999), { type: 'Jpa', number: 9999 }],
      [nodeId.termsOfReference(12), { type: 'TermsOfReference', version: 12 }],
      [nodeId.recommendation(4), { type: 'Recommendation', number: 4 }],
      [nodeId.recommendation(999_999), { type: 'Recommendation', number: 999_999 }],
      [nodeId.workPlanItem(2), { type: 'WorkPlanItem', number: 2 }],
      [nodeId.meeting(1), { type: 'Meeting', number: 1 }],
      [nodeId.meeting(123456), { type: 'Meeting', number: 123456 }],
      [nodeId.annualReport(2014), { type: 'AnnualReport', year: 2014 }],
      [nodeId.annualReport(2100), { type: 'AnnualReport', year: 2100 }],
      [operationId, { type: 'OperationOrAuditEvent', id: operationId }],
    ] as const;
    for (const [id, key] of named) {
      expect(parseNodeId(id)).toEqual(key);
      const parsed = parseNodeId(id)!;
      const formatted =
        parsed.type === 'Member'
          ? nodeId.member(parsed.country)
          : parsed.type === 'CoChairTerm'
            ? nodeId.coChairTerm(parsed.country, parsed.startsOn)
            : parsed.type === 'Jpa'
              ? nodeId.jpa(parsed.number)
              : parsed.type === 'TermsOfReference'
                ? nodeId.termsOfReference(parsed.version)
                : parsed.type === 'Recommendation'
                  ? nodeId.recommendation(parsed.number)
                  : parsed.type === 'WorkPlanItem'
                    ? nodeId.workPlanItem(parsed.number)
                    : parsed.type === 'Meeting'
                      ? nodeId.meeting(parsed.number)
                      : parsed.type === 'AnnualReport'
                        ? nodeId.annualReport(parsed.year)
                        : parsed.id;
      expect(formatted).toBe(id);
    }
  });

  it('name nothing when malformed: another spelling, a bad part, a missing or extra part', () => {
    for (const id of [
      '',
      'member',
      'member/',
      'member/vn',
      'member/XX',
      'member/VN/',
      'member/VN/extra',
      'Member/VN',
      'cochairterm/VN',
      'cochairterm/VN/2024-02-30',
      'cochairterm/VN/2024-7-1',
      'cochairterm/XX/2024-07-01',
      'cochairterm/VN/2024-07-01/1',
      'jpa/0',
      'jpa/07',
      'jpa/-7',
      'jpa/7.0',
      'jpa/1e3',
      'jpa/ 7',
      'jpa/7/',
      'jpa/1234567890',
      'tor/0',
      'tor/03',
      'tor/three',
      'tor/3/',
      'tor/3/4',
      'recommendation',
      'recommendation/',
      'recommendation/0',
      'recommendation/04',
      'recommendation/four',
      'recommendation/4/',
      'recommendation/4/1',
      'Recommendation/4',
      'workplan/0',
      'workplan/02',
      'workplan/2/',
      'workplan/2/3',
      'workplan/-2',
      'work-plan/2',
      'meeting',
      'meeting/',
      'meeting/0',
      'meeting/09',
      'meeting/nine',
      'meeting/9/',
      'meeting/9/1',
      'Meeting/9',
      'report/2013',
      'report/2101',
      'report/02024',
      'report/24',
      'report/2024/',
      'report/2024.0',
      'report/',
      'operation/3f2b8c1e-4d5a-4e6f-8a7b-9c0d1e2f3a4b',
      operationId.toUpperCase(),
      `${operationId}0`,
      `x${operationId}`,
      'cochairs',
      `member/VN${' '.repeat(100)}`,
    ]) {
      expect([id, parseNodeId(id)]).toEqual([id, null]);
    }
  });
});
