import { auditEvent, type AuditEvent } from '../shared/domain/audit-events.ts';
import type { Claims } from '../shared/domain/claims.ts';
import type { Clock, IdGenerator } from '../shared/runtime/clock.ts';
import type { ItemLoader } from '../shared/data/item-loader.ts';
import type { TransactionGuard } from '../shared/data/transaction-guard.ts';
import { BadInputError, ConflictError, ForbiddenError, NotFoundError, requireRevision } from '../shared/domain/errors.ts';
import { mayEver, mayOn, type Action, type Role, type Viewer } from '../shared/domain/policy.ts';
import type { MembershipReader, MembershipRepository } from './membership.repository.ts';
import type {
  CoChairTerm,
  Member,
  MemberStatus,
  OpenTerm,
  WorkingGroupProfile,
} from './membership.types.ts';
import {
  validAddMember,
  validRotation,
  validSetMemberStatus,
  validUpdateMember,
  type AddMemberInput,
  type RotateCoChairsInput,
  type SetMemberStatusInput,
  type UpdateMemberInput,
} from './membership.validation.ts';

export interface MembershipDependencies {
  readonly repository: MembershipRepository;
  /** The request's loader, shared by every domain so each level of a query is one call. */
  readonly loader: ItemLoader;
  readonly clock: Clock;
  readonly newId: IdGenerator;
}

/**
 * The membership rules of API.md: who the caller is, members, co-chair terms and rotation.
 * One instance per request: it holds the request's reader (DataLoader) and its viewer.
 *
 * Each mutation checks, in API.md's order: the role may ever do it (FORBIDDEN), the input
 * (BAD_USER_INPUT), the thing exists (NOT_FOUND), the role may do it on this thing
 * (FORBIDDEN), the state allows it (CONFLICT). The write is one transaction with its audit event.
 */
export class MembershipService {
  private readonly deps: MembershipDependencies;
  private readonly claims: Claims;
  private readonly reader: MembershipReader;
  private viewerPromise: Promise<Viewer> | undefined;
  private historyPromise: Promise<CoChairTerm[]> | undefined;
  private readonly presented = new Map<string, Promise<Member | null>>();

  constructor(deps: MembershipDependencies, claims: Claims) {
    this.deps = deps;
    this.claims = claims;
    this.reader = deps.repository.reader(deps.loader);
  }

  /** The caller's roles and powers, from the claims and the membership data, once per request. */
  viewer(): Promise<Viewer> {
    this.viewerPromise ??= this.resolveViewer();
    return this.viewerPromise;
  }

  private async resolveViewer(): Promise<Viewer> {
    const { subject, groups, country } = this.claims;
    const [member, coChairs] = await Promise.all([
      country ? this.reader.member(country) : null,
      country ? this.reader.coChairState() : null,
    ]);
    const roles: Role[] = [];
    if (groups.includes('secretariat')) roles.push('SECRETARIAT');
    // The observer group makes its members observers whatever their country's status.
    const official = member?.status === 'ACTIVE' && !groups.includes('observer');
    if (official) roles.push('OFFICIAL');
    if (groups.includes('observer') || (member && member.status !== 'ACTIVE')) roles.push('OBSERVER');
    const isCoChair = official && (coChairs?.open.some((term) => term.country === country) ?? false);
    return { subject, country, roles, isCoChair };
  }

  /** Throws FORBIDDEN unless the caller's role may ever take the action. */
  async authorize(action: Action): Promise<Viewer> {
    const viewer = await this.viewer();
    if (!mayEver(viewer, action)) throw new ForbiddenError(`your role may not ${describe(action)}`);
    return viewer;
  }

  async workingGroup(): Promise<WorkingGroupProfile> {
    await this.authorize('read');
    const profile = await this.reader.profile();
    // The profile is written with the tables (sample data locally); without it nothing can answer.
    if (!profile) throw new Error('the working group profile is missing from the membership table');
    return profile;
  }

  async activeMemberCount(): Promise<number> {
    await this.authorize('read');
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
    const viewer = await this.authorize('read');
    const member = await this.reader.member(country);
    return member && present(viewer, member);
  }

  async members(status?: MemberStatus | null): Promise<Member[]> {
    const viewer = await this.authorize('read');
    const members = await this.deps.repository.listMembers(status ?? undefined);
    return members.map((member) => present(viewer, member));
  }

  async openTerms(): Promise<CoChairTerm[]> {
    await this.authorize('read');
    const { open } = await this.reader.coChairState();
    return open.map(({ country, startsOn }) => ({ country, startsOn, endsOn: null }));
  }

  async isCoChair(country: string): Promise<boolean> {
    await this.authorize('read');
    const { open } = await this.reader.coChairState();
    return open.some((term) => term.country === country);
  }

  /** Every term, newest first; read once per request and shared by all members' `coChairTerms`. */
  async coChairHistory(country?: string): Promise<CoChairTerm[]> {
    await this.authorize('read');
    this.historyPromise ??= this.deps.repository.listCoChairTerms();
    const history = await this.historyPromise;
    return country ? history.filter((term) => term.country === country) : history;
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

  async addMember(input: AddMemberInput): Promise<Member> {
    await this.authorize('addMember');
    const member: Member = { ...validAddMember(input), status: 'ACTIVE', revision: 1 };
    await this.deps.repository.addMember(member, await this.event('addMember', member.country, `added ${member.name}`));
    return this.written(member);
  }

  async updateMember(input: UpdateMemberInput): Promise<Member> {
    const viewer = await this.authorize('updateMember');
    const changes = validUpdateMember(input);
    const current = await this.existingMember(changes.country);
    if (!mayOn(viewer, 'updateMember', [current.country])) {
      throw new ForbiddenError('officials may update only their own country');
    }
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
      await this.event('updateMember', member.country, `updated ${changes.changedFields.join(', ')}`),
    );
    return this.written(member);
  }

  async setMemberStatus(input: SetMemberStatusInput): Promise<Member> {
    await this.authorize('setMemberStatus');
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
      await this.event('setMemberStatus', country, `${current.status} → ${status}: ${reason}`),
    );
    return this.written(member);
  }

  /** Returns the open terms after the rotation. */
  async rotateCoChairs(input: RotateCoChairsInput): Promise<CoChairTerm[]> {
    await this.authorize('rotateCoChairs');
    const { outgoing, incoming, effectiveOn } = validRotation(input);
    const [state, incomingMembers] = await Promise.all([
      this.reader.coChairState(),
      Promise.all(incoming.map((country) => this.reader.member(country))),
    ]);
    incomingMembers.forEach((member, index) => {
      if (member?.status !== 'ACTIVE') {
        throw new BadInputError(`incoming ${incoming[index]} is not an ACTIVE member`, 'incoming');
      }
    });
    const openByCountry = new Map(state.open.map((term) => [term.country, term]));
    const closing = outgoing.flatMap((country) => openByCountry.get(country) ?? []);
    const late = closing.find((term) => effectiveOn < term.startsOn);
    if (late) throw new BadInputError(`effectiveOn is before ${late.country}'s term started (${late.startsOn})`, 'effectiveOn');
    // Counted as if every named outgoing term closes: one that is not open is a CONFLICT below,
    // which is what a rotation that lost a race for the same outgoing country must hear.
    if (state.open.length - outgoing.length + incoming.length > 2) {
      throw new BadInputError('after the rotation there would be more than two co-chairs', 'incoming');
    }
    const notOpen = outgoing.find((country) => !openByCountry.has(country));
    if (notOpen) throw new ConflictError(`outgoing ${notOpen} holds no open co-chair term`);
    const already = incoming.find((country) => openByCountry.has(country));
    if (already) throw new ConflictError(`incoming ${already} is already a co-chair`);

    const open = await this.deps.repository.rotateCoChairs(
      state,
      closing,
      incoming.map((country) => ({ country, startsOn: effectiveOn })),
      effectiveOn,
      await this.event('rotateCoChairs', null, rotationSummary(outgoing, incoming, effectiveOn)),
    );
    this.forgetReads();
    return open.map(({ country, startsOn }: OpenTerm) => ({ country, startsOn, endsOn: null }));
  }

  private async existingMember(country: string): Promise<Member> {
    const member = await this.reader.member(country);
    if (!member) throw new NotFoundError(`${country} is not a member`);
    return member;
  }

  private async event(action: string, country: string | null, summary: string): Promise<AuditEvent> {
    return auditEvent(this.deps, await this.viewer(), action, country ? `member/${country}` : 'cochairs', summary);
  }

  private async written(member: Member): Promise<Member> {
    this.forgetReads();
    return present(await this.viewer(), member);
  }

  private forgetReads(): void {
    this.deps.loader.forget();
    this.historyPromise = undefined;
    this.presented.clear();
  }
}

/** A member as this viewer may see it: the focal point only for those allowed to read it. */
function present(viewer: Viewer, member: Member): Member {
  return mayEver(viewer, 'readFocalPoint') ? member : { ...member, focalPoint: null };
}

function rotationSummary(outgoing: readonly string[], incoming: readonly string[], effectiveOn: string): string {
  const parts = [
    outgoing.length > 0 ? `out: ${outgoing.join(', ')}` : null,
    incoming.length > 0 ? `in: ${incoming.join(', ')}` : null,
  ].filter((part) => part !== null);
  return `${parts.join('; ')} on ${effectiveOn}`;
}

function describe(action: Action): string {
  return action === 'read' ? 'read this' : action.replace(/([A-Z])/g, ' $1').toLowerCase();
}
