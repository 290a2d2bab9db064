import { describe, expect, it } from 'vitest';
import type { Jpa, OutcomeTotals } from '../../functions/jpa/jpa.types.ts';
import type { CallerAuthority } from '../../functions/membership/membership.repository.ts';
import type { CoChairTerm, Member } from '../../functions/membership/membership.types.ts';
import type { ReportStore, SortRange } from '../../functions/report/report.repository.ts';
import { ReportService } from '../../functions/report/report.service.ts';
import type { AnnualReport, ReportMeeting, ReportRecommendation } from '../../functions/report/report.types.ts';
import type { TransactionGuard } from '../../functions/shared/data/transaction-guard.ts';
import { Access } from '../../functions/shared/domain/access.ts';
import type { AuditEvent, ChainedEvent } from '../../functions/shared/domain/audit-events.ts';
import { BadInputError, ConflictError, ForbiddenError } from '../../functions/shared/domain/errors.ts';
import type { TermsVersion } from '../../functions/terms/terms.types.ts';
import { InMemoryTrail, RecordingLoader, thrown } from '../support/service-doubles.ts';

/**
 * The annual report's rules against an in-memory work table that keeps the repository's write
 * condition (a year stored once), and doubles of the other domains' services
 * (test/integration/annual-report.test.ts runs them against DynamoDB Local).
 */
class InMemoryReports implements ReportStore {
  readonly stored = new Map<number, AnnualReport>();
  readonly events: AuditEvent[] = [];
  readonly guards: (readonly TransactionGuard[])[] = [];
  /** Every count asked for: which dates and which range. */
  readonly counts: string[] = [];
  recommendationList: ReportRecommendation[] = [];
  meetingList: ReportMeeting[] = [];

  async published(_loader: unknown, year: number) {
    return this.stored.get(year) ?? null;
  }

  async listPublished() {
    return [...this.stored.values()].sort((a, b) => b.year - a.year);
  }

  async countRecommendations(dates: 'ADDED' | 'IMPLEMENTED' | 'DROPPED', range: SortRange) {
    this.counts.push(`${dates} ${JSON.stringify(range)}`);
    const day = (item: ReportRecommendation) =>
      dates === 'ADDED' ? item.addedOn : item.status === dates ? item.closedOn : null;
    return this.recommendationList.filter((item) => {
      const on = day(item);
      if (on === null) return false;
      if ('upTo' in range) return on <= range.upTo;
      if ('from' in range) return on >= range.from && on <= range.to;
      return on.startsWith(range.beginsWith);
    }).length;
  }

  async countMeetings(year: number, kind?: 'TRAINING') {
    this.counts.push(`meetings ${year} ${kind ?? 'all'}`);
    return (await this.meetingsOf(year)).filter((meeting) => !kind || meeting.kind === kind).length;
  }

  async meetingsOf(year: number) {
    return this.meetingList.filter((meeting) => meeting.startsOn.startsWith(`${year}-`));
  }

  async recommendations() {
    return this.recommendationList;
  }

  async publish(report: AnnualReport, guards: readonly TransactionGuard[], { event }: ChainedEvent) {
    if (this.stored.has(report.year))
      throw new ConflictError(`the annual report of ${report.year} is already published`);
    this.stored.set(report.year, report);
    this.guards.push(guards);
    this.events.push(event);
  }
}

const claims = {
  secretariat: { subject: 'sec-1', groups: ['secretariat'], country: null },
  coChair: { subject: 'cc-1', groups: [], country: 'VN' },
  official: { subject: 'off-1', groups: [], country: 'TH' },
  observer: { subject: 'obs-1', groups: ['observer'], country: null },
  stranger: { subject: 'fr-1', groups: [], country: 'FR' },
};

const power = (holder: string, refusal: string): TransactionGuard => ({
  condition: { power: holder } as unknown as TransactionGuard['condition'],
  refusal: { message: refusal },
});

const member = (country: string, joinedOn: string, status: Member['status'] = 'ACTIVE'): Member => ({
  country,
  name: `Name of ${country}`,
  status,
  joinedOn,
  agencies: [],
  focalPoint: null,
  revision: 1,
});
const jpa = (number: number, startsOn: string, endsOn: string): Jpa => ({
  number,
  title: `JPA ${number}`,
  startsOn,
  endsOn,
  status: 'CONCLUDED',
  participants: ['TH'],
  conference: null,
  revision: 1,
});
const totals = (arrests: number): OutcomeTotals => ({
  operations: 1,
  arrests,
  prosecutions: 0,
  victimsIdentified: 0,
  networksDisrupted: 0,
});

interface Setup {
  readonly caller?: keyof typeof claims;
  readonly now?: string;
  readonly table?: InMemoryReports;
}

function service({
  caller = 'secretariat',
  now = '2026-06-15T09:30:00.000Z',
  table = new InMemoryReports(),
}: Setup = {}) {
  const asked: string[] = [];
  const reports = new ReportService({
    repository: table,
    loader: new RecordingLoader(),
    clock: { now: () => now },
    newId: () => 'event-1',
    access: new Access(claims[caller], async (country) => ({
      memberStatus: country === 'FR' ? null : 'ACTIVE',
      holdsCoChairTerm: country === 'VN',
    })),
    audit: new InMemoryTrail(),
    membership: {
      members: async () => [
        member('TH', '2014-01-01'),
        member('FJ', '2025-03-01', 'SUSPENDED'),
        member('PG', '2025-12-31'),
      ],
      authorityGuards: ({ authority, refusal }: CallerAuthority) => [
        power(authority.kind === 'secretariat' ? authority.kind : `${authority.kind} ${authority.country}`, refusal),
      ],
    },
    coChairs: {
      coChairHistory: async (): Promise<CoChairTerm[]> => [
        { country: 'VN', startsOn: '2025-12-31', endsOn: null },
        { country: 'NZ', startsOn: '2022-07-01', endsOn: '2025-12-31' },
        { country: 'AU', startsOn: '2020-01-01', endsOn: '2025-01-01' },
      ],
    },
    meetings: {
      meetingCount: (year) => table.countMeetings(year),
      trainingCount: (year) => table.countMeetings(year, 'TRAINING'),
    },
    jpas: {
      jpas: async () => [
        jpa(10, '2025-12-31', '2026-06-30'),
        jpa(9, '2024-01-01', '2025-01-01'),
        jpa(8, '2024-01-01', '2024-12-31'),
      ],
      outcomes: async (number) => {
        asked.push(`outcomes ${number}`);
        return totals(number);
      },
    },
    terms: {
      versions: async (): Promise<TermsVersion[]> => [
        {
          version: 3,
          title: 'v3',
          text: '',
          changeSummary: null,
          status: 'ADOPTED',
          adoptedOn: '2025-05-01',
          supersededOn: null,
          revision: 2,
        },
      ],
    },
  });
  return { reports, table, asked };
}

describe('annualReport', () => {
  it('computes a DRAFT of a year not published, from the reads of each domain, as of the time of asking', async () => {
    const table = new InMemoryReports();
    table.recommendationList = [
      { number: 1, text: 'a', owners: ['TH'], status: 'OPEN', dueOn: null, addedOn: '2025-12-31', closedOn: null },
      {
        number: 2,
        text: 'b',
        owners: ['TH'],
        status: 'IMPLEMENTED',
        dueOn: null,
        addedOn: '2024-01-01',
        closedOn: '2025-01-01',
      },
      {
        number: 3,
        text: 'c',
        owners: ['TH'],
        status: 'DROPPED',
        dueOn: null,
        addedOn: '2024-01-01',
        closedOn: '2024-12-31',
      },
    ];
    table.meetingList = [
      {
        number: 1,
        title: 'T',
        kind: 'TRAINING',
        format: 'VIRTUAL',
        startsOn: '2025-12-31',
        endsOn: '2025-12-31',
        city: null,
        host: null,
      },
      {
        number: 2,
        title: 'W',
        kind: 'WORKING_GROUP',
        format: 'VIRTUAL',
        startsOn: '2025-01-01',
        endsOn: '2025-01-01',
        city: null,
        host: null,
      },
    ];
    const { reports, asked } = service({ caller: 'official', table });
    const { html, ...report } = (await reports.annualReport(2025))!;
    expect(report).toEqual({
      year: 2025,
      status: 'DRAFT',
      publishedOn: null,
      computedAt: '2026-06-15T09:30:00.000Z',
      memberCount: 2,
      membersJoined: ['FJ', 'PG'],
      coChairs: ['NZ', 'VN'],
      jpas: [
        {
          number: 9,
          title: 'JPA 9',
          status: 'CONCLUDED',
          startsOn: '2024-01-01',
          endsOn: '2025-01-01',
          participants: ['TH'],
          outcomes: totals(9),
        },
        {
          number: 10,
          title: 'JPA 10',
          status: 'CONCLUDED',
          startsOn: '2025-12-31',
          endsOn: '2026-06-30',
          participants: ['TH'],
          outcomes: totals(10),
        },
      ],
      outcomes: { operations: 2, arrests: 19, prosecutions: 0, victimsIdentified: 0, networksDisrupted: 0 },
      meetings: 2,
      trainings: 1,
      recommendationsMade: 1,
      recommendationsImplemented: 1,
      recommendationsOpen: 1,
      termsOfReferenceAdopted: [3],
    });
    // Only the year's JPAs' totals are read.
    expect(asked).toEqual(['outcomes 9', 'outcomes 10']);
    expect(table.counts).toEqual([
      'ADDED {"from":"2025-01-01","to":"2025-12-31"}',
      'IMPLEMENTED {"from":"2025-01-01","to":"2025-12-31"}',
      'ADDED {"upTo":"2025-12-31"}',
      'IMPLEMENTED {"upTo":"2025-12-31"}',
      'DROPPED {"upTo":"2025-12-31"}',
      'meetings 2025 all',
      'meetings 2025 TRAINING',
    ]);
    expect(html).toContain('DRAFT, computed on 15 June 2026 at 09:30 UTC');
  });

  it('answers the PUBLISHED report when there is one, to every role, without computing anything', async () => {
    const table = new InMemoryReports();
    const stored = { year: 2024, status: 'PUBLISHED', html: '<p>frozen</p>' } as AnnualReport;
    table.stored.set(2024, stored);
    for (const caller of ['secretariat', 'coChair', 'official', 'observer'] as const) {
      const { reports, asked } = service({ caller, table });
      expect(await reports.annualReport(2024)).toBe(stored);
      expect(asked).toEqual([]);
    }
    expect(table.counts).toEqual([]);
  });

  it('answers null to an observer for a year not published, computing nothing', async () => {
    const table = new InMemoryReports();
    const { reports, asked } = service({ caller: 'observer', table });
    expect(await reports.annualReport(2025)).toBeNull();
    expect([asked, table.counts]).toEqual([[], []]);
  });

  it('is FORBIDDEN to a caller with no role, before its year is read', async () => {
    const { reports } = service({ caller: 'stranger' });
    expect(await thrown(reports.annualReport(1900))).toBeInstanceOf(ForbiddenError);
    expect(await thrown(reports.annualReports())).toBeInstanceOf(ForbiddenError);
  });

  it('takes years from 2014 to 2100; others, and what is no whole year, are BAD_USER_INPUT on year', async () => {
    const { reports } = service();
    for (const year of [2013, 2101, 2024.5, Number.NaN]) {
      const error = await thrown(reports.annualReport(year));
      expect(error).toBeInstanceOf(BadInputError);
      expect([(error as BadInputError).field, error.message]).toEqual(['year', 'year must be from 2014 to 2100']);
    }
    expect((await reports.annualReport(2014))?.year).toBe(2014);
    expect((await reports.annualReport(2100))?.year).toBe(2100);
  });

  it('says on the page when the recommendations read for it stopped at their bound of 500', async () => {
    const note = 'Only the first recommendations by number were read for this page';
    const added = (number: number): ReportRecommendation => ({
      number,
      text: `r${number}`,
      owners: ['TH'],
      status: 'OPEN',
      dueOn: null,
      addedOn: '2025-03-01',
      closedOn: null,
    });
    for (const [count, bounded] of [
      [499, false],
      [500, true],
    ] as const) {
      const table = new InMemoryReports();
      table.recommendationList = Array.from({ length: count }, (_, index) => added(index + 1));
      const { html } = (await service({ table }).reports.annualReport(2025))!;
      expect([count, html.includes(note)]).toEqual([count, bounded]);
    }
  });

  it('lists the published reports newest first', async () => {
    const table = new InMemoryReports();
    for (const year of [2019, 2025, 2024]) table.stored.set(year, { year } as AnnualReport);
    expect((await service({ caller: 'observer', table }).reports.annualReports()).map((r) => r.year)).toEqual([
      2025, 2024, 2019,
    ]);
  });
});

describe('publishAnnualReport', () => {
  it('freezes the computed report as PUBLISHED on the day, with its audit event and the power it was allowed by', async () => {
    const { reports, table } = service({ caller: 'coChair' });
    const report = await reports.publish({ year: 2025 });
    expect(report).toMatchObject({ year: 2025, status: 'PUBLISHED', publishedOn: '2026-06-15', memberCount: 2 });
    expect(report.html).toContain('Published on 15 June 2026');
    expect(table.stored.get(2025)).toEqual(report);
    expect(table.guards).toEqual([[power('coChair VN', 'your role may not publish annual report')]]);
    expect(table.events).toEqual([
      expect.objectContaining({
        id: 'event-1',
        actor: 'cc-1',
        actorCountry: 'VN',
        action: 'publishAnnualReport',
        entity: 'report/2025',
        summary: 'published: 2 members, 2 JPAs, 0 meetings, 0 recommendations made, 0 implemented',
        at: '2026-06-15T09:30:00.000Z',
        sequence: 1,
      }),
    ]);
  });

  it('publishes only a year that has ended: BAD_USER_INPUT on year until its 31 December is over', async () => {
    for (const [now, year, ended] of [
      ['2025-12-31T23:59:59.999Z', 2025, false],
      ['2026-01-01T00:00:00.000Z', 2025, true],
      ['2026-06-15T00:00:00.000Z', 2026, false],
      ['2026-06-15T00:00:00.000Z', 2030, false],
    ] as const) {
      const { reports, table } = service({ now });
      if (ended) {
        expect((await reports.publish({ year })).year).toBe(year);
        continue;
      }
      const error = await thrown(reports.publish({ year }));
      expect(error).toBeInstanceOf(BadInputError);
      expect([(error as BadInputError).field, error.message]).toEqual([
        'year',
        `${year} has not ended: its report can be published from ${year + 1}-01-01`,
      ]);
      expect(table.stored.size).toBe(0);
    }
  });

  it('publishes a year once: CONFLICT once it is, computing nothing, the stored report left as it was', async () => {
    const table = new InMemoryReports();
    const stored = { year: 2025, status: 'PUBLISHED', html: 'first' } as AnnualReport;
    table.stored.set(2025, stored);
    const { reports, asked } = service({ table });
    const error = await thrown(reports.publish({ year: 2025 }));
    expect([error.constructor, error.message]).toEqual([
      ConflictError,
      'the annual report of 2025 is already published',
    ]);
    expect(table.stored.get(2025)).toBe(stored);
    expect([asked, table.counts, table.events]).toEqual([[], [], []]);
  });

  it('is FORBIDDEN to officials, observers and callers with no role, before the input is read', async () => {
    for (const caller of ['official', 'observer', 'stranger'] as const) {
      const { reports, table } = service({ caller });
      const error = await thrown(reports.publish({ year: 1900 }));
      expect([error.constructor, error.message]).toEqual([ForbiddenError, 'your role may not publish annual report']);
      expect(table.stored.size).toBe(0);
    }
  });

  it('refuses years outside 2014 to 2100 before looking at the clock', async () => {
    const { reports } = service({ now: '2200-01-01T00:00:00.000Z' });
    for (const year of [2013, 2101]) {
      const error = await thrown(reports.publish({ year }));
      expect([error.constructor, error.message]).toEqual([BadInputError, 'year must be from 2014 to 2100']);
    }
  });
});
