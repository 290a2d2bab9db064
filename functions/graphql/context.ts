import type { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Access } from '../shared/domain/access.ts';
import type { Claims } from '../shared/domain/claims.ts';
import type { Clock, IdGenerator } from '../shared/runtime/clock.ts';
import type { Cursors } from '../shared/runtime/cursors.ts';
import { ItemLoader } from '../shared/data/item-loader.ts';
import type { RequestLimits } from '../shared/data/request-reads.ts';
import { AuditService } from '../audit/audit.service.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import { NodeService } from '../node/node.service.ts';
import { TermsService } from '../terms/terms.service.ts';
import type { TermsRepository } from '../terms/terms.repository.ts';
import { JpaService } from '../jpa/jpa.service.ts';
import type { JpaRepository } from '../jpa/jpa.repository.ts';
import { CoChairService } from '../membership/co-chair.service.ts';
import { countryFacts } from '../membership/membership.access.ts';
import { MembershipService } from '../membership/membership.service.ts';
import type { MembershipRepository } from '../membership/membership.repository.ts';
import { OperationService } from '../operation/operation.service.ts';
import type { OperationRepository } from '../operation/operation.repository.ts';
import { OperationReads } from '../operation/operation.reads.ts';
import type { ReadsRepository } from '../operation/reads.repository.ts';
import { RecommendationService } from '../recommendation/recommendation.service.ts';
import type { RecommendationRepository } from '../recommendation/recommendation.repository.ts';
import { WorkPlanService } from '../workplan/workplan.service.ts';
import type { WorkPlanRepository } from '../workplan/workplan.repository.ts';
import { MeetingService } from '../meeting/meeting.service.ts';
import type { MeetingRepository } from '../meeting/meeting.repository.ts';
import { ReportService } from '../report/report.service.ts';
import type { ReportRepository } from '../report/report.repository.ts';

/** What lives for the whole container: the client, repositories, clock, id source, cursors, logger. */
export interface Services {
  readonly client: DynamoDBDocumentClient;
  readonly membership: MembershipRepository;
  readonly jpas: JpaRepository;
  readonly operations: OperationRepository;
  readonly reads: ReadsRepository;
  readonly terms: TermsRepository;
  readonly recommendations: RecommendationRepository;
  readonly workPlan: WorkPlanRepository;
  readonly meetings: MeetingRepository;
  readonly audit: AuditRepository;
  /** The annual reports, on the work table. */
  readonly reports: ReportRepository;
  readonly clock: Clock;
  readonly newId: IdGenerator;
  readonly cursors: Cursors;
  readonly logger: Logger;
  /** Each request's read budget and calls in flight. */
  readonly requestLimits: RequestLimits;
  /** How long read records of operations are kept, in days. */
  readonly readRecordRetentionDays: number;
}

/** What one request's resolvers see: its identity, the caller's access and its per-request services. */
export interface GraphqlContext {
  readonly requestId: string;
  readonly claims: Claims;
  readonly logger: Logger;
  /** The caller as the rules see it, and what it may do: every service authorizes through it. */
  readonly access: Access;
  readonly membership: MembershipService;
  readonly coChairs: CoChairService;
  readonly jpas: JpaService;
  readonly operations: OperationService;
  /** The request's read log of operations, written before the response leaves; and `Operation.reads`. */
  readonly operationReads: OperationReads;
  readonly terms: TermsService;
  readonly recommendations: RecommendationService;
  readonly workPlan: WorkPlanService;
  readonly meetings: MeetingService;
  readonly audit: AuditService;
  /** The annual report: drafts computed when asked, published ones frozen. */
  readonly reports: ReportService;
  /** `node` and `nodes`: any entity by its global id, through the services above. */
  readonly nodes: NodeService;
}

/**
 * Per request: one item loader shared by every domain, so each level of a query is one call, and
 * one Access, which learns the caller's standing from membership's reader over that loader.
 */
export function createContext(services: Services, claims: Claims, requestId: string): GraphqlContext {
  const { clock, newId, logger, cursors } = services;
  const loader = new ItemLoader(services.client);
  const access = new Access(claims, countryFacts(services.membership.reader(loader)));
  const audit = new AuditService({ repository: services.audit, cursors, access });
  const membershipDeps = { repository: services.membership, loader, clock, newId, access, audit };
  const membership = new MembershipService(membershipDeps);
  const coChairs = new CoChairService(membershipDeps);
  const jpas = new JpaService({ repository: services.jpas, loader, clock, newId, access, audit, membership });
  const operations = new OperationService({
    repository: services.operations,
    loader,
    clock,
    newId,
    cursors,
    access,
    audit,
    membership,
    jpas,
  });
  const operationReads = new OperationReads({
    repository: services.reads,
    clock,
    cursors,
    access,
    requestId,
    reader: { subject: claims.subject, country: claims.country },
    retentionDays: services.readRecordRetentionDays,
  });
  const terms = new TermsService({ repository: services.terms, loader, clock, newId, access, audit, membership });
  const recommendations = new RecommendationService({
    repository: services.recommendations,
    loader,
    clock,
    newId,
    access,
    audit,
    membership,
    jpas,
  });
  const meetings = new MeetingService({
    repository: services.meetings,
    loader,
    clock,
    newId,
    access,
    audit,
    membership,
    jpas,
  });
  const workPlan = new WorkPlanService({
    repository: services.workPlan,
    loader,
    clock,
    newId,
    access,
    audit,
    membership,
    recommendations,
  });
  const reports = new ReportService({
    repository: services.reports,
    loader,
    clock,
    newId,
    access,
    audit,
    membership,
    coChairs,
    jpas,
    terms,
    meetings,
  });
  const nodes = new NodeService({
    access,
    membership,
    coChairs,
    jpas,
    terms,
    operations,
    audit,
    recommendations,
    workPlan,
    meetings,
    reports,
  });
  return {
    requestId,
    claims,
    logger,
    access,
    membership,
    coChairs,
    jpas,
    operations,
    operationReads,
    terms,
    recommendations,
    workPlan,
    meetings,
    audit,
    reports,
    nodes,
  };
}
