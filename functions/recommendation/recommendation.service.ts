import { auditEntity, auditEvent, type AuditTrail, type ChainedEvent } from '../shared/domain/audit-events.ts';
import type { Clock, IdGenerator } from '../shared/runtime/clock.ts';
import { refusalOn, type Access, type Authorized } from '../shared/domain/access.ts';
import {
  BadInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  requireRevision,
} from '../shared/domain/errors.ts';
import type { ItemLoader } from '../shared/data/item-loader.ts';
import type { TransactionGuard } from '../shared/data/transaction-guard.ts';
import { mayEver, mayOn, type Viewer } from '../shared/domain/policy.ts';
import type { JpaService } from '../jpa/jpa.service.ts';
import type { Jpa } from '../jpa/jpa.types.ts';
import type { MembershipService } from '../membership/membership.service.ts';
import type { Member } from '../membership/membership.types.ts';
import type { OwnerPower } from '../shared/data/owner-condition.ts';
import type { RecommendationReads, RecommendationStore } from './recommendation.repository.ts';
import type { ProgressNote, Recommendation, RecommendationStatus } from './recommendation.types.ts';
import {
  isFinal,
  maxNumber,
  requireMove,
  validAddRecommendation,
  validProgressNote,
  validUpdateRecommendation,
  withinOwnerPower,
  type AddProgressNoteInput,
  type AddRecommendationInput,
  type UpdateRecommendationInput,
} from './recommendation.validation.ts';

export interface RecommendationDependencies {
  readonly repository: RecommendationStore;
  readonly loader: ItemLoader;
  readonly clock: Clock;
  readonly newId: IdGenerator;
  readonly access: Access;
  /** Chains each change's audit event onto its entity's events. */
  readonly audit: AuditTrail;
  /** Owners are members: their presentation, the ACTIVE check with its guards, and the caller's power. */
  readonly membership: Pick<MembershipService, 'member' | 'requireActiveMembers' | 'authorityGuards'>;
  /** The JPA a recommendation was made in, as the caller may read it. */
  readonly jpas: Pick<JpaService, 'jpa'>;
}

/** Adds written at the same moment race for the next number; each loser takes the one after. */
const addAttempts = 8;
/** A note names no revision: one that lost only a race with another change is tried on the new state. */
const noteAttempts = 5;

/** What an official of an owner country hears when it asks for more than the status. */
export const ownerLimit = 'officials of an owner country may change only the status, and not to DROPPED';

/**
 * The recommendation rules of docs/api.md: numbers in order under a counter, owners 1–20 ACTIVE
 * members, the JPA and meeting named existing, the status line with its final states, owner
 * officials changing only the status, progress notes that never change and that observers do
 * not read. One instance per request. Mutations check in docs/api.md's order: the role
 * (FORBIDDEN), the input and what it names (BAD_USER_INPUT), the recommendation (NOT_FOUND), the
 * caller's power over it (FORBIDDEN), the state (CONFLICT); and write the change with its audit
 * event in one transaction that checks the references and the caller's power again.
 */
export class RecommendationService {
  private readonly deps: RecommendationDependencies;
  private readonly reader: RecommendationReads;
  /** Each recommendation's notes, read once a request (a recommendation may be asked for twice). */
  private readonly notes = new Map<number, Promise<ProgressNote[]>>();

  constructor(deps: RecommendationDependencies) {
    this.deps = deps;
    this.reader = deps.repository.reader(deps.loader);
  }

  /** Null when there is none. */
  async recommendation(number: number): Promise<Recommendation | null> {
    await this.deps.access.authorize('read');
    if (!Number.isSafeInteger(number) || number < 1 || number > maxNumber) return null;
    return this.reader.recommendation(number);
  }

  /** By number; one keyed Query whichever filters are given. */
  async recommendations(status?: RecommendationStatus | null, owner?: string | null): Promise<Recommendation[]> {
    await this.deps.access.authorize('read');
    return this.deps.repository.listRecommendations({ status: status ?? undefined, owner: owner ?? undefined });
  }

  /** Those made at a meeting, by number (for `Meeting.recommendations`); none for a number no meeting can have. */
  async madeAt(meetingNumber: number): Promise<Recommendation[]> {
    await this.deps.access.authorize('read');
    if (!Number.isSafeInteger(meetingNumber) || meetingNumber < 1 || meetingNumber > maxNumber) return [];
    return this.deps.repository.madeAt(meetingNumber);
  }

  /** These recommendations, in the order asked, leaving out numbers that have none (the work plan's). */
  async byNumbers(numbers: readonly number[]): Promise<Recommendation[]> {
    await this.deps.access.authorize('read');
    const found = await Promise.all(numbers.map((number) => this.reader.recommendation(number)));
    return found.filter((recommendation): recommendation is Recommendation => recommendation !== null);
  }

  /** Newest first; none for those who may not read progress notes (observers). */
  async progress(recommendation: Recommendation): Promise<ProgressNote[]> {
    const viewer = await this.deps.access.authorize('read');
    if (!mayEver(viewer, 'readWorkNotes')) return [];
    let notes = this.notes.get(recommendation.number);
    if (!notes) {
      notes = this.deps.repository.progress(recommendation.number);
      this.notes.set(recommendation.number, notes);
    }
    return notes;
  }

  async owners(recommendation: Recommendation): Promise<Member[]> {
    const members = await Promise.all(recommendation.owners.map((country) => this.deps.membership.member(country)));
    // Owners were ACTIVE members when named, and members are never deleted.
    return members.filter((member): member is Member => member !== null);
  }

  async jpa(recommendation: Recommendation): Promise<Jpa | null> {
    return recommendation.jpaNumber === null ? null : this.deps.jpas.jpa(recommendation.jpaNumber);
  }

  /**
   * For another domain's write naming these recommendations (a work-plan item): BAD_USER_INPUT
   * unless each exists, and conditions that check so again as the write commits.
   */
  async requireRecommendations(numbers: readonly number[], field: string): Promise<TransactionGuard[]> {
    const found = await Promise.all(numbers.map((number) => this.reader.recommendation(number)));
    const missing = numbers.find((_, index) => found[index] === null);
    if (missing !== undefined) throw new BadInputError(`there is no recommendation ${missing}`, field);
    return this.deps.repository.existsGuards(numbers);
  }

  async addRecommendation(input: AddRecommendationInput): Promise<Recommendation> {
    const caller = await this.deps.access.authorize('addRecommendation');
    const fields = validAddRecommendation(input);
    for (let attempt = 1; ; attempt += 1) {
      // Read again on every attempt: a suspension that made the last one fail is BAD_USER_INPUT now.
      const references = await this.references(fields);
      const last = await this.reader.lastNumber();
      const now = this.deps.clock.now();
      const recommendation: Recommendation = {
        ...fields,
        number: last + 1,
        status: 'OPEN',
        addedOn: day(now),
        closedOn: null,
        revision: 1,
        createdAt: now,
        updatedAt: now,
      };
      try {
        await this.deps.repository.add(
          recommendation,
          last,
          [...this.deps.membership.authorityGuards(caller), ...references],
          await this.event(caller, 'addRecommendation', recommendation.number, `added "${recommendation.text}"`),
        );
        return this.written(recommendation);
      } catch (error) {
        this.forget();
        if (!(error instanceof ConflictError) || attempt === addAttempts) throw error;
      }
    }
  }

  async updateRecommendation(input: UpdateRecommendationInput): Promise<Recommendation> {
    await this.deps.access.authorize('updateRecommendation');
    const changes = validUpdateRecommendation(input);
    const owners = changes.owners ? await this.deps.membership.requireActiveMembers(changes.owners, 'owners') : [];
    const current = await this.existing(changes.number);
    const caller = await this.authorizeOn(
      'updateRecommendation',
      current,
      withinOwnerPower(changes.changed, changes.status),
    );
    if (changes.status !== undefined) requireMove(current.number, current.status, changes.status);
    requireRevision(`recommendation ${current.number}`, current, changes.expectedRevision);
    const now = this.deps.clock.now();
    const status = changes.status ?? current.status;
    const recommendation: Recommendation = {
      ...current,
      text: changes.text ?? current.text,
      owners: changes.owners ?? current.owners,
      status,
      dueOn: changes.dueOn ?? current.dueOn,
      closedOn: current.closedOn ?? (isFinal(status) ? day(now) : null),
      revision: current.revision + 1,
      updatedAt: now,
    };
    const moved = status === current.status ? '' : ` (${current.status} → ${status})`;
    await this.deps.repository.replace(
      { recommendation, previous: current },
      ownerPower(caller, 'updateRecommendation'),
      [...this.deps.membership.authorityGuards(caller), ...owners],
      await this.event(caller, 'updateRecommendation', current.number, `updated ${changes.changed.join(', ')}${moved}`),
    );
    return this.written(recommendation);
  }

  /**
   * A note by the caller, newest of the recommendation's, bumping its revision. It names no
   * revision, so one that lost only a race with another change is written again on the new state.
   */
  async addProgressNote(input: AddProgressNoteInput): Promise<Recommendation> {
    await this.deps.access.authorize('addProgressNote');
    const { recommendationNumber, text } = validProgressNote(input);
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.existing(recommendationNumber);
      const caller = await this.authorizeOn('addProgressNote', current, true);
      const now = this.deps.clock.now();
      const note: ProgressNote = {
        id: this.deps.newId(),
        at: now,
        author: caller.subject,
        country: caller.country,
        text,
      };
      const recommendation: Recommendation = { ...current, revision: current.revision + 1, updatedAt: now };
      try {
        await this.deps.repository.replace(
          { recommendation, previous: current, note },
          ownerPower(caller, 'addProgressNote'),
          this.deps.membership.authorityGuards(caller),
          await this.event(caller, 'addProgressNote', current.number, 'added a progress note'),
        );
        return this.written(recommendation);
      } catch (error) {
        this.forget();
        if (!(error instanceof ConflictError) || attempt === noteAttempts) throw error;
      }
    }
  }

  /**
   * The caller's power over this recommendation: the secretariat's or a co-chair's over any; an
   * owner country's official's only for a change within `ownerChange` (the status alone, not to
   * DROPPED; a progress note). FORBIDDEN otherwise, with why.
   */
  private async authorizeOn(
    action: 'updateRecommendation' | 'addProgressNote',
    current: Recommendation,
    ownerChange: boolean,
  ): Promise<Authorized> {
    const viewer = await this.deps.access.viewer();
    // Stryker disable next-line ConditionalExpression: no owner is null, so the check only narrows the type
    const owner = viewer.country !== null && current.owners.includes(viewer.country);
    // Stryker disable next-line ArrayDeclaration: any target without the caller's country answers the same: may its role act on what its country does not own
    if (owner && !ownerChange && !mayOn(viewer, action, [])) throw new ForbiddenError(ownerLimit);
    // Stryker disable next-line ArrayDeclaration: any target without the caller's country answers the same: officials refused, a co-chair relying on its term
    return this.deps.access.authorize(action, ownerChange ? current.owners : []);
  }

  /** BAD_USER_INPUT unless the owners are ACTIVE members and the JPA and meeting exist; the owners' guards. */
  private async references(fields: ReturnType<typeof validAddRecommendation>): Promise<TransactionGuard[]> {
    const [guards, jpa, meeting] = await Promise.all([
      this.deps.membership.requireActiveMembers(fields.owners, 'owners'),
      fields.jpaNumber === null ? null : this.deps.jpas.jpa(fields.jpaNumber),
      fields.meetingNumber === null ? true : this.reader.meetingExists(fields.meetingNumber),
    ]);
    if (fields.jpaNumber !== null && jpa === null)
      throw new BadInputError(`there is no JPA ${fields.jpaNumber}`, 'jpaNumber');
    if (!meeting) throw new BadInputError(`there is no meeting ${fields.meetingNumber}`, 'meetingNumber');
    return guards;
  }

  private async existing(number: number): Promise<Recommendation> {
    const recommendation = await this.reader.recommendation(number);
    if (!recommendation) throw new NotFoundError(`recommendation ${number} does not exist`);
    return recommendation;
  }

  private event(viewer: Viewer, action: string, number: number, summary: string): Promise<ChainedEvent> {
    return this.deps.audit.chain(auditEvent(this.deps, viewer, action, auditEntity.recommendation(number), summary));
  }

  private forget(): void {
    this.deps.loader.forget();
    this.notes.clear();
  }

  private written(recommendation: Recommendation): Recommendation {
    this.forget();
    return recommendation;
  }
}

/** For an official acting as an owner country: its country must still own the item when the write commits. */
function ownerPower(caller: Authorized, action: 'updateRecommendation' | 'addProgressNote'): OwnerPower | null {
  return caller.authority.kind === 'activeMember'
    ? { country: caller.authority.country, refusal: refusalOn(action) }
    : null;
}

/** The UTC day of an instant. */
const day = (instant: string): string => instant.slice(0, 10);
