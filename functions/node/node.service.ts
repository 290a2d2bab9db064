import type { AuditEvent } from '../shared/domain/audit-events.ts';
import type { Access } from '../shared/domain/access.ts';
import { BadInputError } from '../shared/domain/errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { JpaService } from '../jpa/jpa.service.ts';
import type { Jpa } from '../jpa/jpa.types.ts';
import type { CoChairService } from '../membership/co-chair.service.ts';
import type { MembershipService } from '../membership/membership.service.ts';
import type { CoChairTerm, Member } from '../membership/membership.types.ts';
import type { OperationService } from '../operation/operation.service.ts';
import type { ReportService } from '../report/report.service.ts';
import type { AnnualReport } from '../report/report.types.ts';
import type { Operation } from '../operation/operation.types.ts';
import type { TermsService } from '../terms/terms.service.ts';
import type { TermsVersion } from '../terms/terms.types.ts';
import type { RecommendationService } from '../recommendation/recommendation.service.ts';
import type { Recommendation } from '../recommendation/recommendation.types.ts';
import type { WorkPlanService } from '../workplan/workplan.service.ts';
import type { WorkPlanItem } from '../workplan/workplan.types.ts';
import type { MeetingService } from '../meeting/meeting.service.ts';
import type { Meeting } from '../meeting/meeting.types.ts';
import { parseNodeId, type NodeKey } from './node.ids.ts';

/** An entity `node` answers, named by its GraphQL type (which graphql-js reads from `__typename`). */
export type NodeValue =
  | (Member & { readonly __typename: 'Member' })
  | (CoChairTerm & { readonly __typename: 'CoChairTerm' })
  | (Jpa & { readonly __typename: 'Jpa' })
  | (TermsVersion & { readonly __typename: 'TermsOfReference' })
  | (Meeting & { readonly __typename: 'Meeting' })
  | (Operation & { readonly __typename: 'Operation' })
  | (AuditEvent & { readonly __typename: 'AuditEvent' })
  | (Recommendation & { readonly __typename: 'Recommendation' })
  | (WorkPlanItem & { readonly __typename: 'WorkPlanItem' })
  | (AnnualReport & { readonly __typename: 'AnnualReport' });

export interface NodeDependencies {
  readonly access: Access;
  /** Each domain's own read of one entity as the caller may see it: null where `member(country)` etc. answer null. */
  readonly membership: Pick<MembershipService, 'member'>;
  readonly coChairs: Pick<CoChairService, 'term'>;
  readonly jpas: Pick<JpaService, 'jpa'>;
  readonly terms: Pick<TermsService, 'termsOfReference'>;
  readonly operations: Pick<OperationService, 'operation'>;
  readonly meetings: Pick<MeetingService, 'meeting'>;
  readonly audit: Pick<AuditService, 'event'>;
  readonly recommendations: Pick<RecommendationService, 'recommendation'>;
  readonly workPlan: Pick<WorkPlanService, 'workPlanItem'>;
  readonly reports: Pick<ReportService, 'annualReport'>;
}

/** docs/api.md: `nodes` takes 1 to 100 ids. */
export const maxNodeIds = 100;

/**
 * `node` and `nodes`: any entity by its global id (./node.ids.ts), exactly as the caller may read
 * it through the entity's own query. Each id goes to its domain's service, so the domain's rules
 * decide, and the answer for an entity that does not exist, one the caller may not read and a
 * malformed id is the same null. The services read through the request's loader: the keys of
 * all ids asked together go out as one BatchGetItem, and every co-chair term from one read of
 * the history. One instance per request.
 */
export class NodeService {
  private readonly deps: NodeDependencies;

  constructor(deps: NodeDependencies) {
    this.deps = deps;
  }

  async node(id: string): Promise<NodeValue | null> {
    await this.deps.access.authorize('read');
    const key = parseNodeId(id);
    return key && this.read(key);
  }

  /** In the order asked, an id asked twice answered twice. */
  async nodes(ids: readonly string[]): Promise<(NodeValue | null)[]> {
    await this.deps.access.authorize('read');
    if (ids.length < 1 || ids.length > maxNodeIds)
      throw new BadInputError(`ids takes 1 to ${maxNodeIds} ids, not ${ids.length}`, 'ids');
    return Promise.all(
      ids.map((id) => {
        const key = parseNodeId(id);
        return key && this.read(key);
      }),
    );
  }

  private async read(key: NodeKey): Promise<NodeValue | null> {
    const { deps } = this;
    switch (key.type) {
      case 'Member':
        return tagged('Member', await deps.membership.member(key.country));
      case 'CoChairTerm':
        return tagged('CoChairTerm', await deps.coChairs.term(key.country, key.startsOn));
      case 'Jpa':
        return tagged('Jpa', await deps.jpas.jpa(key.number));
      case 'TermsOfReference':
        return tagged('TermsOfReference', await deps.terms.termsOfReference(key.version));
      case 'Recommendation':
        return tagged('Recommendation', await deps.recommendations.recommendation(key.number));
      case 'WorkPlanItem':
        return tagged('WorkPlanItem', await deps.workPlan.workPlanItem(key.number));
      case 'Meeting':
        return tagged('Meeting', await deps.meetings.meeting(key.number));
      case 'AnnualReport':
        return tagged('AnnualReport', await deps.reports.annualReport(key.year));
      case 'OperationOrAuditEvent': {
        // Both are UUIDs, drawn from the same source: at most one of the two reads finds anything.
        const operation = await deps.operations.operation(key.id);
        if (operation) return tagged('Operation', operation);
        return tagged('AuditEvent', await deps.audit.event(key.id, this.auditedEntities));
      }
    }
  }

  /** An audit event is read by id only by who may read its entity now: the domains decide that too. */
  private readonly auditedEntities = {
    member: (country: string) => this.deps.membership.member(country),
    jpa: (number: number) => this.deps.jpas.jpa(number),
    termsOfReference: (version: number) => this.deps.terms.termsOfReference(version),
    operation: (id: string) => this.deps.operations.operation(id),
  };
}

function tagged<N extends NodeValue['__typename'], T extends object>(
  __typename: N,
  value: T | null,
): (T & { readonly __typename: N }) | null {
  return value && { ...value, __typename };
}
