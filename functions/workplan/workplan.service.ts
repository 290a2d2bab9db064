import { auditEntity, auditEvent, type AuditTrail, type ChainedEvent } from '../shared/domain/audit-events.ts';
import type { Clock, IdGenerator } from '../shared/runtime/clock.ts';
import { refusalOn, type Access, type Authorized } from '../shared/domain/access.ts';
import { ConflictError, ForbiddenError, NotFoundError, requireRevision } from '../shared/domain/errors.ts';
import type { ItemLoader } from '../shared/data/item-loader.ts';
import type { OwnerPower } from '../shared/data/owner-condition.ts';
import type { TransactionGuard } from '../shared/data/transaction-guard.ts';
import { mayOn, type Viewer } from '../shared/domain/policy.ts';
import type { MembershipService } from '../membership/membership.service.ts';
import type { Member } from '../membership/membership.types.ts';
import type { RecommendationService } from '../recommendation/recommendation.service.ts';
import type { Recommendation } from '../recommendation/recommendation.types.ts';
import { maxNumber } from '../recommendation/recommendation.validation.ts';
import type { WorkPlanReads, WorkPlanStore } from './workplan.repository.ts';
import type { WorkPlanItem, WorkPlanStatus } from './workplan.types.ts';
import {
  requireMove,
  validCreateWorkPlanItem,
  validUpdateWorkPlanItem,
  withinOwnerPower,
  type CreateWorkPlanItemInput,
  type UpdateWorkPlanItemInput,
} from './workplan.validation.ts';

export interface WorkPlanDependencies {
  readonly repository: WorkPlanStore;
  readonly loader: ItemLoader;
  readonly clock: Clock;
  readonly newId: IdGenerator;
  readonly access: Access;
  /** Chains each change's audit event onto its entity's events. */
  readonly audit: AuditTrail;
  /** Owners are members: their presentation, the ACTIVE check with its guards, and the caller's power. */
  readonly membership: Pick<MembershipService, 'member' | 'requireActiveMembers' | 'authorityGuards'>;
  /** The recommendations an item carries out: read, and checked to exist when it is written. */
  readonly recommendations: Pick<RecommendationService, 'byNumbers' | 'requireRecommendations'>;
}

/** Creates written at the same moment race for the next number; each loser takes the one after. */
const createAttempts = 8;

/** What an official of an owner country hears when it asks for more than the status. */
export const ownerLimit = 'officials of an owner country may change only the status, and not to CANCELLED';

/**
 * The work-plan rules of docs/api.md: numbers in order under a counter, owners 1–20 ACTIVE
 * members, the recommendations named existing, the status line with its final states, owner
 * officials changing only the status. One instance per request; mutations check in docs/api.md's
 * order, as RecommendationService's do, and write the change with its audit event in one
 * transaction that checks the references and the caller's power again.
 */
export class WorkPlanService {
  private readonly deps: WorkPlanDependencies;
  private readonly reader: WorkPlanReads;

  constructor(deps: WorkPlanDependencies) {
    this.deps = deps;
    this.reader = deps.repository.reader(deps.loader);
  }

  /** Null when there is none (for `node`). */
  async workPlanItem(number: number): Promise<WorkPlanItem | null> {
    await this.deps.access.authorize('read');
    if (!Number.isSafeInteger(number) || number < 1 || number > maxNumber) return null;
    return this.reader.item(number);
  }

  /** By due date, then number. */
  async workPlan(status?: WorkPlanStatus | null): Promise<WorkPlanItem[]> {
    await this.deps.access.authorize('read');
    return this.deps.repository.listItems(status ?? undefined);
  }

  async owners(item: WorkPlanItem): Promise<Member[]> {
    const members = await Promise.all(item.owners.map((country) => this.deps.membership.member(country)));
    // Owners were ACTIVE members when named, and members are never deleted.
    return members.filter((member): member is Member => member !== null);
  }

  /** The recommendations it carries out, in the order named. */
  recommendations(item: WorkPlanItem): Promise<Recommendation[]> {
    return this.deps.recommendations.byNumbers(item.recommendationNumbers);
  }

  async createWorkPlanItem(input: CreateWorkPlanItemInput): Promise<WorkPlanItem> {
    const caller = await this.deps.access.authorize('createWorkPlanItem');
    const fields = validCreateWorkPlanItem(input);
    for (let attempt = 1; ; attempt += 1) {
      // Read again on every attempt: a suspension that made the last one fail is BAD_USER_INPUT now.
      const references = await this.references(fields.owners, fields.recommendationNumbers);
      const last = await this.reader.lastNumber();
      const now = this.deps.clock.now();
      const item: WorkPlanItem = {
        ...fields,
        number: last + 1,
        status: 'PLANNED',
        revision: 1,
        createdAt: now,
        updatedAt: now,
      };
      try {
        await this.deps.repository.create(
          item,
          last,
          [...this.deps.membership.authorityGuards(caller), ...references],
          await this.event(caller, 'createWorkPlanItem', item.number, `created "${item.title}"`),
        );
        return this.written(item);
      } catch (error) {
        this.deps.loader.forget();
        if (!(error instanceof ConflictError) || attempt === createAttempts) throw error;
      }
    }
  }

  async updateWorkPlanItem(input: UpdateWorkPlanItemInput): Promise<WorkPlanItem> {
    await this.deps.access.authorize('updateWorkPlanItem');
    const changes = validUpdateWorkPlanItem(input);
    const references = await this.references(changes.owners, changes.recommendationNumbers);
    const current = await this.reader.item(changes.number);
    if (!current) throw new NotFoundError(`work-plan item ${changes.number} does not exist`);
    const caller = await this.authorizeOn(current, withinOwnerPower(changes.changed, changes.status));
    if (changes.status !== undefined) requireMove(current.number, current.status, changes.status);
    requireRevision(`work-plan item ${current.number}`, current, changes.expectedRevision);
    const item: WorkPlanItem = {
      ...current,
      title: changes.title ?? current.title,
      description: changes.description ?? current.description,
      owners: changes.owners ?? current.owners,
      dueOn: changes.dueOn ?? current.dueOn,
      status: changes.status ?? current.status,
      recommendationNumbers: changes.recommendationNumbers ?? current.recommendationNumbers,
      revision: current.revision + 1,
      updatedAt: this.deps.clock.now(),
    };
    const moved = item.status === current.status ? '' : ` (${current.status} → ${item.status})`;
    await this.deps.repository.replace(
      item,
      ownerPower(caller),
      [...this.deps.membership.authorityGuards(caller), ...references],
      await this.event(caller, 'updateWorkPlanItem', item.number, `updated ${changes.changed.join(', ')}${moved}`),
    );
    return this.written(item);
  }

  /**
   * The caller's power over this item: the secretariat's or a co-chair's over any; an owner
   * country's official's only for the status alone, not to CANCELLED. FORBIDDEN otherwise, with why.
   */
  private async authorizeOn(current: WorkPlanItem, ownerChange: boolean): Promise<Authorized> {
    const viewer = await this.deps.access.viewer();
    // Stryker disable next-line ConditionalExpression: no owner is null, so the check only narrows the type
    const owner = viewer.country !== null && current.owners.includes(viewer.country);
    // Stryker disable next-line ArrayDeclaration: any target without the caller's country answers the same: may its role act on what its country does not own
    if (owner && !ownerChange && !mayOn(viewer, 'updateWorkPlanItem', [])) throw new ForbiddenError(ownerLimit);
    // Stryker disable next-line ArrayDeclaration: any target without the caller's country answers the same: officials refused, a co-chair relying on its term
    return this.deps.access.authorize('updateWorkPlanItem', ownerChange ? current.owners : []);
  }

  /** BAD_USER_INPUT unless the owners are ACTIVE members and the recommendations exist; their guards. */
  private async references(
    owners: readonly string[] | undefined,
    recommendationNumbers: readonly number[] | undefined,
  ): Promise<TransactionGuard[]> {
    const [active, existing] = await Promise.all([
      owners ? this.deps.membership.requireActiveMembers(owners, 'owners') : [],
      recommendationNumbers
        ? this.deps.recommendations.requireRecommendations(recommendationNumbers, 'recommendationNumbers')
        : [],
    ]);
    return [...active, ...existing];
  }

  private event(viewer: Viewer, action: string, number: number, summary: string): Promise<ChainedEvent> {
    return this.deps.audit.chain(auditEvent(this.deps, viewer, action, auditEntity.workPlanItem(number), summary));
  }

  private written(item: WorkPlanItem): WorkPlanItem {
    this.deps.loader.forget();
    return item;
  }
}

/** For an official acting as an owner country: its country must still own the item when the write commits. */
function ownerPower(caller: Authorized): OwnerPower | null {
  return caller.authority.kind === 'activeMember'
    ? { country: caller.authority.country, refusal: refusalOn('updateWorkPlanItem') }
    : null;
}
