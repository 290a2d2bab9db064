import { auditEntity, auditEvent, type AuditTrail, type ChainedEvent } from '../shared/domain/audit-events.ts';
import type { Access } from '../shared/domain/access.ts';
import type { Clock, IdGenerator } from '../shared/runtime/clock.ts';
import type { ItemLoader } from '../shared/data/item-loader.ts';
import type { TransactionGuard } from '../shared/data/transaction-guard.ts';
import { BadInputError, ConflictError, NotFoundError, requireRevision } from '../shared/domain/errors.ts';
import { mayEver, type Viewer } from '../shared/domain/policy.ts';
import type { CallerAuthority, MembershipReads, MembershipStore } from './membership.repository.ts';
import type { Member, MemberStatus, WorkingGroupProfile } from './membership.types.ts';
import {
  validAddMember,
  validSetMemberStatus,
  validUpdateMember,
  type AddMemberInput,
  type SetMemberStatusInput,
  type UpdateMemberInput,
} from './membership.validation.ts';

export interface MembershipDependencies {
  readonly repository: MembershipStore;
  /** The request's loader, shared by every domain so each level of a query is one call. */
  readonly loader: ItemLoader;
  readonly clock: Clock;
  readonly newId: IdGenerator;
  /** Who the caller is and what it may do. */
  readonly access: Access;
  /** Chains each change's audit event onto its entity's events. */
  readonly audit: AuditTrail;
}

/**
 * The membership rules of docs/api.md: the working group and its members (co-chairs are in
 * co-chair.service.ts). One instance per request: it holds the request's reader (DataLoader).
 *
 * Each mutation checks, in docs/api.md's order: the role may ever do it (FORBIDDEN), the input
 * (BAD_USER_INPUT), the thing exists (NOT_FOUND), the role may do it on this thing
 * (FORBIDDEN), the state allows it (CONFLICT). The write is one transaction with its audit event.
 */
export class MembershipService {
  private readonly deps: MembershipDependencies;
  private readonly reader: MembershipReads;
  private readonly presented = new Map<string, Promise<Member | null>>();

  constructor(deps: MembershipDependencies) {
    this.deps = deps;
    this.reader = deps.repository.reader(deps.loader);
  }

  async workingGroup(): Promise<WorkingGroupProfile> {
    await this.deps.access.authorize('read');
    const profile = await this.reader.profile();
    // The profile is written with the tables (sample data locally); without it nothing can answer.
    if (!profile) throw new Error('the working group profile is missing from the membership table');
    return profile;
  }

  async activeMemberCount(): Promise<number> {
    await this.deps.access.authorize('read');
    return this.reader.activeMemberCount();
  }

  /**
   * A member as this caller may see it. The same country is asked for many times in one request
   * (the lead of twenty operations, say): each is read and presented once, and every later ask
   * gets the same answer.
   */
  member(country: string): Promise<Member | null> {
    let member = this.presented.get(country);
    if (!member) {
      member = this.presentedMember(country);
      this.presented.set(country, member);
    }
    return member;
  }

  private async presentedMember(country: string): Promise<Member | null> {
    const viewer = await this.deps.access.authorize('read');
    const member = await this.reader.member(country);
    return member && present(viewer, member);
  }

  async members(status?: MemberStatus | null): Promise<Member[]> {
    const viewer = await this.deps.access.authorize('read');
    const members = await this.deps.repository.listMembers(status ?? undefined);
    return members.map((member) => present(viewer, member));
  }

  /**
   * For another domain's write naming these countries (JPA participants): BAD_USER_INPUT unless
   * each is an ACTIVE member now, and guards that keep it so until the write commits.
   */
  async requireActiveMembers(countries: readonly string[], field: string): Promise<TransactionGuard[]> {
    const members = await Promise.all(countries.map((country) => this.reader.member(country)));
    const inactive = countries.find((_, index) => members[index]?.status !== 'ACTIVE');
    if (inactive) throw new BadInputError(`${inactive} is not an ACTIVE member`, field);
    return countries.map((country) => this.deps.repository.activeMemberGuard(country));
  }

  /**
   * For another domain's write naming these countries (a meeting's host and presenters):
   * BAD_USER_INPUT unless each is a member of any status, and guards that it still is when the
   * write commits.
   */
  async requireMembers(countries: readonly string[], field: string): Promise<TransactionGuard[]> {
    const members = await Promise.all(countries.map((country) => this.reader.member(country)));
    const unknown = countries.find((_, index) => members[index] === null);
    if (unknown) throw new BadInputError(`${unknown} is not a member`, field);
    return countries.map((country) => this.deps.repository.memberGuard(country));
  }

  /**
   * For another domain's write: the conditions that the caller's power, which `authorize` granted
   * the write, still holds when it commits (none for the secretariat). Its failure is FORBIDDEN.
   */
  authorityGuards(caller: CallerAuthority): TransactionGuard[] {
    return this.deps.repository.authorityGuards(caller);
  }

  async addMember(input: AddMemberInput): Promise<Member> {
    await this.deps.access.authorize('addMember');
    const member: Member = { ...validAddMember(input), status: 'ACTIVE', revision: 1 };
    await this.deps.repository.addMember(member, await this.event('addMember', member.country, `added ${member.name}`));
    return this.written(member);
  }

  async updateMember(input: UpdateMemberInput): Promise<Member> {
    const caller = await this.deps.access.authorize('updateMember');
    const changes = validUpdateMember(input);
    const current = await this.existingMember(changes.country);
    await this.deps.access.authorize('updateMember', [current.country]);
    requireRevision(current.country, current, changes.expectedRevision);
    const member: Member = {
      ...current,
      name: changes.name ?? current.name,
      agencies: changes.agencies ?? current.agencies,
      focalPoint: changes.focalPoint === undefined ? current.focalPoint : changes.focalPoint,
      revision: current.revision + 1,
    };
    await this.deps.repository.replaceMember(
      member,
      current.status,
      caller,
      await this.event('updateMember', member.country, `updated ${changes.changedFields.join(', ')}`),
    );
    return this.written(member);
  }

  async setMemberStatus(input: SetMemberStatusInput): Promise<Member> {
    const caller = await this.deps.access.authorize('setMemberStatus');
    const { country, expectedRevision, status, reason } = validSetMemberStatus(input);
    const current = await this.existingMember(country);
    requireRevision(current.country, current, expectedRevision);
    if (current.status === status) throw new ConflictError(`${country} is already ${status}`);
    if (status !== 'ACTIVE' && (await this.reader.coChairState()).open.some((term) => term.country === country)) {
      throw new ConflictError(`${country} holds an open co-chair term: rotate it out first`);
    }
    const member: Member = { ...current, status, revision: current.revision + 1 };
    await this.deps.repository.replaceMember(
      member,
      current.status,
      caller,
      await this.event('setMemberStatus', country, `${current.status} → ${status}: ${reason}`),
    );
    return this.written(member);
  }

  private async existingMember(country: string): Promise<Member> {
    const member = await this.reader.member(country);
    if (!member) throw new NotFoundError(`${country} is not a member`);
    return member;
  }

  private async event(action: string, country: string, summary: string): Promise<ChainedEvent> {
    const viewer = await this.deps.access.viewer();
    return this.deps.audit.chain(auditEvent(this.deps, viewer, action, auditEntity.member(country), summary));
  }

  private async written(member: Member): Promise<Member> {
    this.forgetReads();
    return present(await this.deps.access.viewer(), member);
  }

  private forgetReads(): void {
    this.deps.loader.forget();
    this.presented.clear();
  }
}

/** A member as this viewer may see it: the focal point only for those allowed to read it. */
function present(viewer: Viewer, member: Member): Member {
  return mayEver(viewer, 'readFocalPoint') ? member : { ...member, focalPoint: null };
}
