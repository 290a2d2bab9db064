import { describe, expect, it } from 'vitest';
import * as keys from '../../functions/report/report.keys.ts';
import { reportCodec, reportItem } from '../../functions/report/report.items.ts';
import type { AnnualReport } from '../../functions/report/report.types.ts';

// The keys are the stored data's layout: changing one strands every report published under the old
// one, which `annualReport(year)` would then compute again as a DRAFT and `annualReports` never list.
describe('the stored keys of published reports', () => {
  it('are one partition, the year the item', () => {
    expect(keys.reportsPartition).toBe('REPORT');
    expect(keys.reportKey(2024)).toEqual({ pk: 'REPORT', sk: '2024' });
  });

  it('hold the whole report, its html included, in the year’s item, which reads back as the report', () => {
    const totals = { operations: 3, arrests: 7, prosecutions: 2, victimsIdentified: 5, networksDisrupted: 1 };
    const report: AnnualReport = {
      year: 2025,
      status: 'PUBLISHED',
      publishedOn: '2026-01-15',
      computedAt: '2026-01-15T10:00:00.000Z',
      memberCount: 12,
      membersJoined: ['PG'],
      coChairs: ['NZ', 'VN'],
      jpas: [
        {
          number: 9,
          title: 'JPA 9',
          status: 'CONCLUDED',
          startsOn: '2025-02-01',
          endsOn: '2025-03-01',
          participants: ['TH', 'VN'],
          outcomes: totals,
        },
      ],
      outcomes: totals,
      meetings: 4,
      trainings: 1,
      recommendationsMade: 6,
      recommendationsImplemented: 2,
      recommendationsOpen: 5,
      termsOfReferenceAdopted: [3],
      html: '<!doctype html><p>2025</p>',
    };
    const item = reportItem(report);
    expect(item).toMatchObject({ pk: 'REPORT', sk: '2025', year: 2025, html: '<!doctype html><p>2025</p>' });
    expect(reportCodec.decode(item)).toEqual(report);
  });
});
