import { auditEntity, auditEvent, type AuditTrail, type ChainedEvent } from '../shared/domain/audit-events.ts';
import type { Clock, IdGenerator } from '../shared/runtime/clock.ts';
import { ConflictError, NotFoundError, requireRevision } from '../shared/domain/errors.ts';
import type { ItemLoader } from '../shared/data/item-loader.ts';
import type { Viewer } from '../shared/domain/policy.ts';
import type { Access } from '../shared/domain/access.ts';
import type { TransactionGuard } from '../shared/data/transaction-guard.ts';
import type { MembershipService } from '../membership/membership.service.ts';
import type { Member } from '../membership/membership.types.ts';
import type { JpaReads, JpaStore } from './jpa.repository.ts';
import type { Jpa, JpaStatus, OutcomeTotals } from './jpa.types.ts';
import {
  requireAfter,
  validConcludeJpa,
  validCreateJpa,
  validNumber,
  validUpdateJpa,
  type ConcludeJpaInput,
  type CreateJpaInput,
  type JoinJpaInput,
  type UpdateJpaInput,
} from './jpa.validation.ts';

/** Tries of a join that lost races for the JPA's audit chain, before it answers CONFLICT. */
const joinAttempts = 5;

/** What an operation's write asks of its JPA. */
export interface OperationGuards {
  /** Countries that must take part in the JPA when the operation is written. */
  readonly participants?: readonly string[];
  /** How the JPA's totals move. */
  readonly totals?: OutcomeTotals;
  /** A new operation: the JPA must not be CONCLUDED either. */
  readonly open?: boolean;
}

export interface JpaDependencies {
  readonly repository: JpaStore;
  readonly loader: ItemLoader;
  readonly clock: Clock;
  readonly newId: IdGenerator;
  readonly access: Access;
  /** Chains each change's audit event onto its entity's events. */
  readonly audit: AuditTrail;
  /** Members for participants: the membership domain, through its service (only what the rules ask of it). */
  readonly membership: Pick<MembershipService, 'member' | 'requireActiveMembers' | 'authorityGuards'>;
}

/**
 * The JPA rules of docs/api.md. One instance per request. Mutations check in docs/api.md's order:
 * role (FORBIDDEN), input (BAD_USER_INPUT), existence (NOT_FOUND), state (CONFLICT), and write
 * the change with its audit event in one transaction.
 */
export class JpaService {
  private readonly deps: JpaDependencies;
  private readonly reader: JpaReads;

  constructor(deps: JpaDependencies) {
    this.deps = deps;
    this.reader = deps.repository.reader(deps.loader);
  }

  async jpa(number: number): Promise<Jpa | null> {
    await this.deps.access.authorize('read');
    return this.reader.jpa(number);
  }

  /** Newest first. */
  async jpas(status?: JpaStatus | null): Promise<Jpa[]> {
    await this.deps.access.authorize('read');
    return this.deps.repository.listJpas(status ?? undefined);
  }

  /** The ACTIVE JPA, if any. */
  async currentJpa(): Promise<Jpa | null> {
    await this.deps.access.authorize('read');
    const number = await this.reader.activeNumber();
    return number === null ? null : this.reader.jpa(number);
  }

  /** Sums over all the JPA's operations, whoever may read them (docs/api.md lets every role read totals). */
  async outcomes(number: number): Promise<OutcomeTotals> {
    await this.deps.access.authorize('read');
    return this.reader.totals(number);
  }

  async participants(jpa: Jpa): Promise<Member[]> {
    const members = await Promise.all(jpa.participants.map((country) => this.deps.membership.member(country)));
    // Participants are ACTIVE members when they join, and members are never deleted.
    return members.filter((member): member is Member => member !== null);
  }

  async createJpa(input: CreateJpaInput): Promise<Jpa> {
    const viewer = await this.deps.access.authorize('createJpa');
    const fields = validCreateJpa(input);
    const participants = await this.deps.membership.requireActiveMembers(fields.participants, 'participants');
    if (await this.reader.jpa(fields.number)) throw new ConflictError(`JPA ${fields.number} already exists`);
    const jpa: Jpa = { ...fields, status: 'PLANNED', conference: null, revision: 1 };
    await this.deps.repository.createJpa(
      jpa,
      [...this.deps.membership.authorityGuards(viewer), ...participants],
      await this.event(viewer, 'createJpa', jpa.number, `created "${jpa.title}"`),
    );
    return this.deps.loader.written(jpa);
  }

  async updateJpa(input: UpdateJpaInput): Promise<Jpa> {
    const viewer = await this.deps.access.authorize('updateJpa');
    const changes = validUpdateJpa(input);
    const current = await this.existing(changes.number);
    const jpa: Jpa = {
      ...current,
      title: changes.title ?? current.title,
      startsOn: changes.startsOn ?? current.startsOn,
      endsOn: changes.endsOn ?? current.endsOn,
      status: changes.status ?? current.status,
      revision: current.revision + 1,
    };
    requireAfter(jpa.startsOn, jpa.endsOn, changes.endsOn ? 'endsOn' : 'startsOn');
    if (current.status === 'CONCLUDED' && jpa.status !== 'CONCLUDED') {
      throw new ConflictError(`JPA ${jpa.number} is CONCLUDED and stays so`);
    }
    requireRevision(`JPA ${current.number}`, current, changes.expectedRevision);
    await this.requireNoOtherActive(jpa, current);
    await this.deps.repository.replaceJpa(
      jpa,
      current,
      this.deps.membership.authorityGuards(viewer),
      await this.event(
        viewer,
        'updateJpa',
        jpa.number,
        `updated ${changes.changed.join(', ')}${statusChange(current, jpa)}`,
      ),
    );
    return this.deps.loader.written(jpa);
  }

  /**
   * The caller's own country joins; a country already taking part gets the JPA unchanged. A join
   * names no revision, so one that lost only the race for the JPA's audit chain (another country
   * joined meanwhile) is tried again on the new head rather than answered CONFLICT. The joining
   * country is the caller's, whose power rests on its member being ACTIVE: the guard of that
   * power is the one that keeps the participant an ACTIVE member until the write commits.
   */
  async joinJpa(input: JoinJpaInput): Promise<Jpa> {
    const viewer = await this.deps.access.authorize('joinJpa');
    const number = validNumber(input.number);
    // Only officials may join (policy.ts), and authorize names an official's power by its country.
    const country = viewer.country!;
    for (let attempt = 1; ; attempt++) {
      const current = await this.existing(number);
      if (current.participants.includes(country)) return current;
      if (current.status === 'CONCLUDED')
        throw new ConflictError(`JPA ${number} is CONCLUDED and takes no new participants`);
      try {
        await this.deps.repository.joinJpa(
          number,
          country,
          this.deps.membership.authorityGuards(viewer),
          await this.event(viewer, 'joinJpa', number, `${country} joined`),
        );
        this.deps.loader.forget();
        return (await this.reader.jpa(number))!;
      } catch (error) {
        this.deps.loader.forget();
        // Read again: a concurrent join of the same country landed first (the JPA is as asked), or
        // another change moved the JPA on and this join is tried on it.
        if (!(error instanceof ConflictError) || attempt === joinAttempts) throw error;
      }
    }
  }

  async concludeJpa(input: ConcludeJpaInput): Promise<Jpa> {
    const viewer = await this.deps.access.authorize('concludeJpa');
    const { number, expectedRevision, conference } = validConcludeJpa(input);
    const current = await this.existing(number);
    if (current.status === 'CONCLUDED') throw new ConflictError(`JPA ${number} is already CONCLUDED`);
    requireRevision(`JPA ${current.number}`, current, expectedRevision);
    const jpa: Jpa = { ...current, status: 'CONCLUDED', conference, revision: current.revision + 1 };
    const where = conference ? `, conference in ${conference.city}` : '';
    await this.deps.repository.replaceJpa(
      jpa,
      current,
      this.deps.membership.authorityGuards(viewer),
      await this.event(viewer, 'concludeJpa', number, `concluded${where}`),
    );
    return this.deps.loader.written(jpa);
  }

  /** For an operation: the JPA, NOT_FOUND when it does not exist. */
  async existing(number: number): Promise<Jpa> {
    const jpa = await this.reader.jpa(number);
    if (!jpa) throw new NotFoundError(`JPA ${number} does not exist`);
    return jpa;
  }

  /**
   * Conditions for an operation's transaction: its countries take part in the JPA (and, for a
   * new operation, the JPA is not CONCLUDED), and the JPA's totals move.
   */
  operationGuards(number: number, { participants, totals, open = false }: OperationGuards): TransactionGuard[] {
    const { repository } = this.deps;
    return [
      ...(participants ? [repository.participantsGuard(number, participants, open)] : []),
      ...(totals ? [repository.totalsGuard(number, totals)] : []),
    ];
  }

  private async requireNoOtherActive(jpa: Jpa, current: Jpa): Promise<void> {
    if (jpa.status !== 'ACTIVE' || current.status === 'ACTIVE') return;
    const active = await this.reader.activeNumber();
    if (active !== null && active !== jpa.number) throw new ConflictError(`JPA ${active} is ACTIVE; conclude it first`);
  }

  private event(viewer: Viewer, action: string, number: number, summary: string): Promise<ChainedEvent> {
    return this.deps.audit.chain(auditEvent(this.deps, viewer, action, auditEntity.jpa(number), summary));
  }
}

function statusChange(before: Jpa, after: Jpa): string {
  return before.status === after.status ? '' : ` (${before.status} → ${after.status})`;
}
