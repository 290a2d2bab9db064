import type { Claims } from './claims.ts';
import { ForbiddenError } from './errors.ts';
import {
  authorityFor,
  mayEver,
  mayOn,
  type Action,
  type Authority,
  type Role,
  type Viewer,
  type WriteAction,
} from './policy.ts';

/**
 * What the rules need to know about the caller's country, which only the membership domain knows.
 * The request's context hands it in, so this module (and every service) depends on no domain.
 */
export interface CountryFacts {
  /** The country's member status (`ACTIVE`, …), or null when the country is no member. */
  readonly memberStatus: string | null;
  /** Whether the country holds an open co-chair term. */
  readonly holdsCoChairTerm: boolean;
}

export type CountryFactsOf = (country: string) => Promise<CountryFacts>;

/**
 * Why a caller whose role may take an action may not take it on this target: the actions checked
 * against a target's countries, each with its refusal. Only `own` grants can refuse here.
 */
const refusalsOn = {
  updateMember: 'officials may update only their own country',
  updateOperation: 'only the lead country may change an operation',
  recordOutcomes: 'only the lead country may change an operation',
  updateRecommendation: 'officials may change only the recommendations their country owns',
  updateWorkPlanItem: 'officials may change only the work-plan items their country owns',
  addProgressNote: 'officials may add progress notes only to the recommendations their country owns',
} as const satisfies Partial<Record<Action, string>>;

export type TargetedAction = keyof typeof refusalsOn;

/** What `authorize(action, on)` answers a caller whose role may take the action, but not on this target. */
export const refusalOn = (action: TargetedAction): string => refusalsOn[action];

/**
 * A caller allowed to write, with what the write checks again as it commits (docs/api.md, "Who
 * may do what"): the power it was allowed by, and the FORBIDDEN message it answers should that
 * power be gone by then, the one this check gives a caller without it.
 */
export interface Authorized extends Viewer {
  readonly authority: Authority;
  readonly refusal: string;
}

/**
 * One request's caller, and whether it may act: who it is (the viewer), and the permission table
 * (policy.ts) applied to it. Every FORBIDDEN of the API is thrown here.
 *
 * A mutation asks twice, in docs/api.md's order: `authorize(action)` first, before its input is read
 * (role may ever), and once the target is known to exist, `authorize(action, countries)` (role may
 * on this target: the target's countries must include the caller's where the grant is `own`).
 * For a write it answers the power the write relies on (`Authorized`): the check here is made
 * when the request begins, and the write's transaction makes it again (membership.repository.ts,
 * `authorityGuards`), so a power lost meanwhile (a rotation, a suspension) writes nothing.
 */
export class Access {
  private readonly claims: Claims;
  private readonly countryFacts: CountryFactsOf;
  private viewerPromise: Promise<Viewer> | undefined;

  constructor(claims: Claims, countryFacts: CountryFactsOf) {
    this.claims = claims;
    this.countryFacts = countryFacts;
  }

  /** The caller's roles and powers, from the claims and its country's facts, once per request. */
  viewer(): Promise<Viewer> {
    this.viewerPromise ??= this.resolveViewer();
    return this.viewerPromise;
  }

  /**
   * The viewer, or FORBIDDEN unless its role may ever take the action; with `on`, also unless it
   * may take it on a target belonging to those countries.
   */
  async authorize(action: WriteAction): Promise<Authorized>;
  async authorize(action: TargetedAction, on: readonly string[]): Promise<Authorized>;
  async authorize(action: Action): Promise<Viewer>;
  async authorize(action: Action, on?: readonly string[]): Promise<Viewer | Authorized> {
    const viewer = await this.viewer();
    const refusal = `your role may not ${describe(action)}`;
    if (!mayEver(viewer, action)) throw new ForbiddenError(refusal);
    if (on && !mayOn(viewer, action, on)) throw new ForbiddenError(refusalsOn[action as TargetedAction]);
    if (!isWrite(action)) return viewer;
    // Null only for a viewer the claims never make (an official without a country): no member's power.
    const authority = authorityFor(viewer, action, on);
    if (!authority) throw new ForbiddenError(refusal);
    return { ...viewer, authority, refusal };
  }

  private async resolveViewer(): Promise<Viewer> {
    const { subject, groups, country } = this.claims;
    const { memberStatus, holdsCoChairTerm } = country ? await this.countryFacts(country) : noCountry;
    const roles: Role[] = [];
    if (groups.includes('secretariat')) roles.push('SECRETARIAT');
    // The observer group makes its members observers whatever their country's status.
    const official = memberStatus === 'ACTIVE' && !groups.includes('observer');
    if (official) roles.push('OFFICIAL');
    if (groups.includes('observer') || (memberStatus !== null && memberStatus !== 'ACTIVE')) roles.push('OBSERVER');
    return { subject, country, roles, isCoChair: official && holdsCoChairTerm };
  }
}

/** A caller without a country belongs to no member (and nothing is read to learn so). */
// Stryker disable next-line BooleanLiteral: a caller without a country is no official, and only officials are co-chairs
const noCountry: CountryFacts = { memberStatus: null, holdsCoChairTerm: false };

function isWrite(action: Action): action is WriteAction {
  return !action.startsWith('read');
}

function describe(action: Action): string {
  return action === 'read' ? 'read this' : action.replace(/([A-Z])/g, ' $1').toLowerCase();
}
