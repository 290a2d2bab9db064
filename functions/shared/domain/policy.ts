/**
 * Who may do what: docs/api.md's permission table, as data, in one place. Access (access.ts) applies it
 * to each request's caller for every FORBIDDEN; what a caller may see (focal points, drafts,
 * operations) is asked of it directly. `test/unit/policy.test.ts` checks it cell by cell.
 */

export type Role = 'SECRETARIAT' | 'OFFICIAL' | 'OBSERVER';

/** The caller as the rules see it: who, from where, with which roles and powers. */
export interface Viewer {
  readonly subject: string;
  readonly country: string | null;
  readonly roles: readonly Role[];
  /** An official whose country holds an open co-chair term. */
  readonly isCoChair: boolean;
}

/**
 * `yes`: always; `own`: only where the target's countries include the caller's country
 * (own country for members, lead or participating country for operations); `no`: never.
 */
export type Grant = 'yes' | 'own' | 'no';

export type Column = 'secretariat' | 'coChair' | 'official' | 'observer';

type Row = Readonly<Record<Column, Grant>>;

const row = (secretariat: Grant, coChair: Grant, official: Grant, observer: Grant): Row => ({
  secretariat,
  coChair,
  official,
  observer,
});

/** docs/api.md, "Who may do what", one row per action. */
export const permissions = {
  read: row('yes', 'yes', 'yes', 'yes'),
  readFocalPoint: row('yes', 'yes', 'yes', 'no'),
  readTermsDrafts: row('yes', 'yes', 'yes', 'no'),
  readMembersOperations: row('yes', 'yes', 'yes', 'no'),
  readParticipantsOperations: row('no', 'own', 'own', 'no'),
  readAuditEvents: row('yes', 'no', 'no', 'no'),
  readHistory: row('yes', 'yes', 'yes', 'no'),
  /** `Operation.reads`: "own" is the operation's lead country only. */
  readOperationReads: row('no', 'own', 'own', 'no'),
  /** What observers may not read of the group's work: `Recommendation.progress` (observers read `[]`), meetings' attendance and minutes. */
  readWorkNotes: row('yes', 'yes', 'yes', 'no'),
  addMember: row('yes', 'no', 'no', 'no'),
  setMemberStatus: row('yes', 'no', 'no', 'no'),
  rotateCoChairs: row('yes', 'no', 'no', 'no'),
  updateMember: row('yes', 'own', 'own', 'no'),
  createJpa: row('yes', 'yes', 'no', 'no'),
  updateJpa: row('yes', 'yes', 'no', 'no'),
  concludeJpa: row('yes', 'yes', 'no', 'no'),
  joinJpa: row('no', 'own', 'own', 'no'),
  createOperation: row('no', 'own', 'own', 'no'),
  updateOperation: row('no', 'own', 'own', 'no'),
  recordOutcomes: row('no', 'own', 'own', 'no'),
  draftTermsOfReference: row('yes', 'yes', 'no', 'no'),
  updateTermsOfReferenceDraft: row('yes', 'yes', 'no', 'no'),
  adoptTermsOfReference: row('yes', 'yes', 'no', 'no'),
  addRecommendation: row('yes', 'yes', 'no', 'no'),
  createWorkPlanItem: row('yes', 'yes', 'no', 'no'),
  /** "own" is an owner country, whose officials may change only the status (never to DROPPED or CANCELLED). */
  updateRecommendation: row('yes', 'yes', 'own', 'no'),
  updateWorkPlanItem: row('yes', 'yes', 'own', 'no'),
  addProgressNote: row('yes', 'yes', 'own', 'no'),
  scheduleMeeting: row('yes', 'yes', 'no', 'no'),
  updateMeeting: row('yes', 'yes', 'no', 'no'),
  recordAttendance: row('yes', 'yes', 'no', 'no'),
  /** `annualReport` of a year not published: a DRAFT computed when asked; observers read only published ones. */
  readAnnualReportDraft: row('yes', 'yes', 'yes', 'no'),
  publishAnnualReport: row('yes', 'yes', 'no', 'no'),
} as const satisfies Record<string, Row>;

export type Action = keyof typeof permissions;

/** The actions that change something: every row but the reads, whose names all begin with `read`. */
export type WriteAction = Exclude<Action, `read${string}`>;

/**
 * The power a write relies on, for the write to check again as it commits (a power held when the
 * request began may be gone by then): the secretariat's comes from the token's group, so there
 * is nothing to check; an official's from its member being ACTIVE; a co-chair's from its country
 * holding an open co-chair term.
 */
export type Authority =
  | { readonly kind: 'secretariat' }
  | { readonly kind: 'activeMember'; readonly country: string }
  | { readonly kind: 'coChair'; readonly country: string };

/** The table's columns that apply to this viewer: one per role, co-chair for a co-chair official. */
export function columnsOf(viewer: Viewer): Column[] {
  const columns: Column[] = [];
  if (viewer.roles.includes('SECRETARIAT')) columns.push('secretariat');
  if (viewer.roles.includes('OFFICIAL')) columns.push(viewer.isCoChair ? 'coChair' : 'official');
  if (viewer.roles.includes('OBSERVER')) columns.push('observer');
  return columns;
}

/** May the viewer's roles ever take this action (on some target)? */
export function mayEver(viewer: Viewer, action: Action): boolean {
  return columnsOf(viewer).some((column) => permissions[action][column] !== 'no');
}

/** May the viewer take this action on a target belonging to these countries? */
export function mayOn(viewer: Viewer, action: Action, targetCountries: readonly string[]): boolean {
  return columnsOf(viewer).some((column) => {
    const grant = permissions[action][column];
    // Stryker disable next-line ConditionalExpression: no target country is null, so the check only narrows the type
    return grant === 'yes' || (grant === 'own' && viewer.country !== null && targetCountries.includes(viewer.country));
  });
}

/**
 * The power this viewer takes a write with, null when none of its powers grants it. Of several
 * that grant it, the one that rests on least: the token's group, then being an official, then
 * being a co-chair. So a co-chair's `createOperation` relies only on its member being ACTIVE, and
 * a rotation that ends its term meanwhile does not refuse a write its country could make anyway.
 * With `on`, the target's countries: an official's `own` grant then counts only on a target of
 * its country, so a co-chair changing a recommendation its country does not own relies on its
 * term, not on its member.
 */
export function authorityFor(viewer: Viewer, action: WriteAction, on?: readonly string[]): Authority | null {
  const grants = permissions[action];
  if (viewer.roles.includes('SECRETARIAT') && grants.secretariat !== 'no') return { kind: 'secretariat' };
  if (viewer.country === null || !viewer.roles.includes('OFFICIAL')) return null;
  const asOfficial = grants.official === 'yes' || (grants.official === 'own' && (!on || on.includes(viewer.country)));
  if (asOfficial) return { kind: 'activeMember', country: viewer.country };
  if (viewer.isCoChair && grants.coChair !== 'no') return { kind: 'coChair', country: viewer.country };
  return null;
}
