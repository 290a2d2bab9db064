import { auditEntity, auditEvent, type AuditTrail } from '../shared/domain/audit-events.ts';
import type { Access } from '../shared/domain/access.ts';
import { BadInputError, ConflictError } from '../shared/domain/errors.ts';
import { mayEver } from '../shared/domain/policy.ts';
import type { ItemLoader } from '../shared/data/item-loader.ts';
import type { Clock, IdGenerator } from '../shared/runtime/clock.ts';
import type { JpaService } from '../jpa/jpa.service.ts';
import type { MeetingService } from '../meeting/meeting.service.ts';
import type { CoChairService } from '../membership/co-chair.service.ts';
import type { MembershipService } from '../membership/membership.service.ts';
import type { TermsService } from '../terms/terms.service.ts';
import {
  adoptedIn,
  coChairsOf,
  coChairTermsOf,
  firstDay,
  inForceDuring,
  jpasOf,
  lastDay,
  memberFigures,
  openAtYearEnd,
  recommendationsOfYear,
  reportJpa,
  sumOutcomes,
} from './report.figures.ts';
import { renderReport } from './report.html.ts';
import { recommendationBound, type ReportStore } from './report.repository.ts';
import type { AnnualReport, ReportStatus } from './report.types.ts';
import { validYear, type PublishAnnualReportInput } from './report.validation.ts';

export interface ReportDependencies {
  readonly repository: ReportStore;
  readonly loader: ItemLoader;
  readonly clock: Clock;
  readonly newId: IdGenerator;
  readonly access: Access;
  /** Chains each publication's audit event onto the report's events. */
  readonly audit: AuditTrail;
  /** The other domains, each through its service and only for what the report reads of it. */
  readonly membership: Pick<MembershipService, 'members' | 'authorityGuards'>;
  readonly coChairs: Pick<CoChairService, 'coChairHistory'>;
  readonly jpas: Pick<JpaService, 'jpas' | 'outcomes'>;
  readonly terms: Pick<TermsService, 'versions'>;
  readonly meetings: Pick<MeetingService, 'meetingCount' | 'trainingCount'>;
}

/**
 * The annual report of docs/api.md: a DRAFT computed from the data when asked (for the secretariat
 * and officials), or the PUBLISHED snapshot, every figure and the html frozen in one item.
 *
 * A draft reads what its year needs, each read through a key and bounded: the published item by
 * key; then together the members (249 at most), the co-chair history (100), the JPAs (100), the
 * Terms of Reference versions (100), the recommendations (500) and the year's meetings (100), and
 * seven COUNT Queries; then the outcome totals of the year's JPAs in one batch. Three rounds of
 * calls, whatever the data.
 */
export class ReportService {
  private readonly deps: ReportDependencies;

  constructor(deps: ReportDependencies) {
    this.deps = deps;
  }

  /** The PUBLISHED report of the year, else a DRAFT for those who may read one, else null (observers). */
  async annualReport(year: number): Promise<AnnualReport | null> {
    const viewer = await this.deps.access.authorize('read');
    const valid = validYear(year);
    const published = await this.deps.repository.published(this.deps.loader, valid);
    if (published) return published;
    if (!mayEver(viewer, 'readAnnualReportDraft')) return null;
    return this.compute(valid, this.deps.clock.now(), 'DRAFT');
  }

  /** The PUBLISHED reports, newest first. */
  async annualReports(): Promise<AnnualReport[]> {
    await this.deps.access.authorize('read');
    return this.deps.repository.listPublished();
  }

  /**
   * Freezes the year's report, its html included, in one transaction with its audit event: only a
   * year that has ended (BAD_USER_INPUT), only once (CONFLICT; of two at once the write's condition
   * lets one through), and only while the caller's power holds (a co-chair's term still open).
   */
  async publish(input: PublishAnnualReportInput): Promise<AnnualReport> {
    const caller = await this.deps.access.authorize('publishAnnualReport');
    const year = validYear(input.year);
    const now = this.deps.clock.now();
    if (now.slice(0, 10) <= lastDay(year)) {
      throw new BadInputError(`${year} has not ended: its report can be published from ${year + 1}-01-01`, 'year');
    }
    if (await this.deps.repository.published(this.deps.loader, year)) {
      throw new ConflictError(`the annual report of ${year} is already published`);
    }
    const report = await this.compute(year, now, 'PUBLISHED');
    const summary =
      `published: ${report.memberCount} members, ${report.jpas.length} JPAs, ${report.meetings} meetings, ` +
      `${report.recommendationsMade} recommendations made, ${report.recommendationsImplemented} implemented`;
    await this.deps.repository.publish(
      report,
      this.deps.membership.authorityGuards(caller),
      await this.deps.audit.chain(
        auditEvent(this.deps, caller, 'publishAnnualReport', auditEntity.annualReport(year), summary),
      ),
    );
    return this.deps.loader.written(report);
  }

  /** Every figure of docs/api.md ("Fine print, version 2") as of `now`, and the page that shows them. */
  private async compute(year: number, now: string, status: ReportStatus): Promise<AnnualReport> {
    const { repository } = this.deps;
    const yearDays = { from: firstDay(year), to: lastDay(year) };
    const byYearEnd = { upTo: lastDay(year) };
    const [
      members,
      terms,
      jpas,
      versions,
      recommendations,
      meetings,
      made,
      implemented,
      addedBy,
      implementedBy,
      droppedBy,
      meetingCount,
      trainings,
    ] = await Promise.all([
      this.deps.membership.members(),
      this.deps.coChairs.coChairHistory(),
      this.deps.jpas.jpas(),
      this.deps.terms.versions(),
      repository.recommendations(),
      repository.meetingsOf(year),
      repository.countRecommendations('ADDED', yearDays),
      repository.countRecommendations('IMPLEMENTED', yearDays),
      repository.countRecommendations('ADDED', byYearEnd),
      repository.countRecommendations('IMPLEMENTED', byYearEnd),
      repository.countRecommendations('DROPPED', byYearEnd),
      this.deps.meetings.meetingCount(year),
      this.deps.meetings.trainingCount(year),
    ]);
    const running = jpasOf(jpas, year);
    const totals = await Promise.all(running.map((jpa) => this.deps.jpas.outcomes(jpa.number)));
    const reportJpas = running.map((jpa, index) => reportJpa(jpa, totals[index]!));
    const heading = {
      year,
      status,
      publishedOn: status === 'PUBLISHED' ? now.slice(0, 10) : null,
      computedAt: now,
      ...memberFigures(members, year),
      coChairs: coChairsOf(terms, year),
      jpas: reportJpas,
      outcomes: sumOutcomes(reportJpas),
      meetings: meetingCount,
      trainings,
      recommendationsMade: made,
      recommendationsImplemented: implemented,
      recommendationsOpen: openAtYearEnd({ addedBy, implementedBy, droppedBy }),
      termsOfReferenceAdopted: adoptedIn(versions, year),
    };
    const html = renderReport(heading, {
      members,
      coChairTerms: coChairTermsOf(terms, year),
      meetings,
      recommendations: recommendationsOfYear(recommendations, year),
      recommendationsComplete: recommendations.length < recommendationBound,
      termsInForce: inForceDuring(versions, year),
    });
    return { ...heading, html };
  }
}
