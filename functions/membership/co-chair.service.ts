import { auditEntity, auditEvent } from '../shared/domain/audit-events.ts';
import { BadInputError, ConflictError } from '../shared/domain/errors.ts';
import type { MembershipReads } from './membership.repository.ts';
import type { MembershipDependencies } from './membership.service.ts';
import type { CoChairTerm, OpenTerm } from './membership.types.ts';
import { validRotation, type RotateCoChairsInput } from './membership.validation.ts';

/**
 * The co-chair rules of docs/api.md: the open terms, their history, and rotation (at most two open
 * terms, each held by an ACTIVE member). One instance per request, over the request's reader.
 *
 * A rotation checks, in docs/api.md's order: the role may ever do it (FORBIDDEN), the input
 * (BAD_USER_INPUT), the state allows it (CONFLICT). The write is one transaction with its audit event.
 */
export class CoChairService {
  private readonly deps: MembershipDependencies;
  private readonly reader: MembershipReads;
  private historyPromise: Promise<CoChairTerm[]> | undefined;

  constructor(deps: MembershipDependencies) {
    this.deps = deps;
    this.reader = deps.repository.reader(deps.loader);
  }

  async openTerms(): Promise<CoChairTerm[]> {
    await this.deps.access.authorize('read');
    const { open } = await this.reader.coChairState();
    return open.map(asTerm);
  }

  async isCoChair(country: string): Promise<boolean> {
    await this.deps.access.authorize('read');
    const { open } = await this.reader.coChairState();
    return open.some((term) => term.country === country);
  }

  /** Every term, newest first; read once per request and shared by all members' `coChairTerms`. */
  async coChairHistory(country?: string): Promise<CoChairTerm[]> {
    await this.deps.access.authorize('read');
    this.historyPromise ??= this.deps.repository.listCoChairTerms();
    const history = await this.historyPromise;
    return country ? history.filter((term) => term.country === country) : history;
  }

  /**
   * The term of this country that started that day (the latest, should one country have held two),
   * among the terms `coChairHistory` lists; null if there is none. Every term asked for in a
   * request comes from the one read of the history.
   */
  async term(country: string, startsOn: string): Promise<CoChairTerm | null> {
    const terms = await this.coChairHistory(country);
    return terms.find((term) => term.startsOn === startsOn) ?? null;
  }

  /** Returns the open terms after the rotation. */
  async rotateCoChairs(input: RotateCoChairsInput): Promise<CoChairTerm[]> {
    const viewer = await this.deps.access.authorize('rotateCoChairs');
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
    // Stryker disable next-line ArrayDeclaration: an outgoing country with no open term is a CONFLICT below, before `closing` reaches the write
    const closing = outgoing.flatMap((country) => openByCountry.get(country) ?? []);
    const late = closing.find((term) => effectiveOn < term.startsOn);
    if (late)
      throw new BadInputError(`effectiveOn is before ${late.country}'s term started (${late.startsOn})`, 'effectiveOn');
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
      await this.deps.audit.chain(
        auditEvent(
          this.deps,
          viewer,
          'rotateCoChairs',
          auditEntity.coChairs,
          rotationSummary(outgoing, incoming, effectiveOn),
        ),
      ),
    );
    // The rotation changed the open terms and the history; members themselves are unchanged.
    this.deps.loader.forget();
    this.historyPromise = undefined;
    return open.map(asTerm);
  }
}

function asTerm({ country, startsOn }: OpenTerm): CoChairTerm {
  return { country, startsOn, endsOn: null };
}

function rotationSummary(outgoing: readonly string[], incoming: readonly string[], effectiveOn: string): string {
  const parts = [
    outgoing.length > 0 ? `out: ${outgoing.join(', ')}` : null,
    incoming.length > 0 ? `in: ${incoming.join(', ')}` : null,
  ].filter((part) => part !== null);
  return `${parts.join('; ')} on ${effectiveOn}`;
}
