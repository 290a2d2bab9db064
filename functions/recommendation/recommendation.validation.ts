import { BadInputError, ConflictError } from '../shared/domain/errors.ts';
import * as valid from '../shared/domain/validation.ts';
import type { RecommendationStatus } from './recommendation.types.ts';

export interface AddRecommendationInput {
  readonly text: string;
  readonly jpaNumber?: number | null;
  readonly meetingNumber?: number | null;
  readonly owners: readonly string[];
  readonly dueOn?: string | null;
}
export interface UpdateRecommendationInput {
  readonly number: number;
  readonly expectedRevision: number;
  readonly text?: string | null;
  readonly owners?: readonly string[] | null;
  readonly status?: RecommendationStatus | null;
  readonly dueOn?: string | null;
}
export interface AddProgressNoteInput {
  readonly recommendationNumber: number;
  readonly text: string;
}

/** docs/api.md: `owners` holds 1–20 ACTIVE members. */
export const maxOwners = 20;
/** Numbers are kept in six digits (functions/shared/data/work-keys.ts). */
export const maxNumber = 999_999;
/** docs/api.md: a JPA's number is 1–9999. */
const maxJpaNumber = 9999;

/**
 * Where each status may move (docs/api.md): forward along OPEN → IN_PROGRESS → IMPLEMENTED, one
 * step or several; DROPPED from OPEN or IN_PROGRESS; IMPLEMENTED and DROPPED are final.
 */
export const recommendationMoves: Readonly<Record<RecommendationStatus, readonly RecommendationStatus[]>> = {
  OPEN: ['IN_PROGRESS', 'IMPLEMENTED', 'DROPPED'],
  IN_PROGRESS: ['IMPLEMENTED', 'DROPPED'],
  IMPLEMENTED: [],
  DROPPED: [],
};

/** The statuses a recommendation never leaves; reaching one sets `closedOn`. */
export const isFinal = (status: RecommendationStatus): status is 'IMPLEMENTED' | 'DROPPED' =>
  recommendationMoves[status].length === 0;

/** CONFLICT unless the status may move from `from` to `to`; setting the current status again is no move. */
export function requireMove(number: number, from: RecommendationStatus, to: RecommendationStatus): void {
  if (recommendationMoves[from].includes(to)) return;
  if (from === to) throw new ConflictError(`recommendation ${number} is already ${from}`);
  if (isFinal(from)) throw new ConflictError(`recommendation ${number} is ${from}, which is final`);
  throw new ConflictError(`recommendation ${number} cannot go back from ${from} to ${to}`);
}

/**
 * Whether an official of an owner country may make this change (docs/api.md): the status alone,
 * and not to DROPPED, which only the secretariat or a co-chair may set.
 */
export function withinOwnerPower(changed: readonly string[], status: RecommendationStatus | undefined): boolean {
  return changed.length === 1 && changed[0] === 'status' && status !== 'DROPPED';
}

export function validNumber(number: number, field = 'number'): number {
  return valid.integer(number, field, 1, maxNumber);
}

/** 1 to 20 officially assigned country codes, none twice. Whether each is an ACTIVE member is the data's to say. */
export function validOwners(owners: readonly string[], field = 'owners'): string[] {
  const countries = valid.countryCodes(owners, field);
  if (countries.length < 1 || countries.length > maxOwners)
    throw new BadInputError(`${field} names 1 to ${maxOwners} countries, not ${countries.length}`, field);
  return countries;
}

/** A recommendation's text or a progress note's: 1–2,000 characters, not blank, line breaks allowed. */
const validText = (text: string, field: string) => valid.text(text, field, valid.limits.long, { multiline: true });

export function validAddRecommendation(input: AddRecommendationInput) {
  return {
    text: validText(input.text, 'text'),
    owners: validOwners(input.owners),
    dueOn: input.dueOn == null ? null : valid.date(input.dueOn, 'dueOn'),
    jpaNumber: input.jpaNumber == null ? null : valid.integer(input.jpaNumber, 'jpaNumber', 1, maxJpaNumber),
    meetingNumber: input.meetingNumber == null ? null : validNumber(input.meetingNumber, 'meetingNumber'),
  };
}

export function validUpdateRecommendation(input: UpdateRecommendationInput) {
  const changes = {
    number: validNumber(input.number),
    expectedRevision: valid.revision(input.expectedRevision),
    text: input.text == null ? undefined : validText(input.text, 'text'),
    owners: input.owners == null ? undefined : validOwners(input.owners),
    status: input.status ?? undefined,
    dueOn: input.dueOn == null ? undefined : valid.date(input.dueOn, 'dueOn'),
  };
  const changed = (['text', 'owners', 'status', 'dueOn'] as const).filter((field) => changes[field] !== undefined);
  if (changed.length === 0) valid.requireSome('text, owners, status, dueOn');
  return { ...changes, changed };
}

export function validProgressNote(input: AddProgressNoteInput) {
  return {
    recommendationNumber: validNumber(input.recommendationNumber, 'recommendationNumber'),
    text: validText(input.text, 'text'),
  };
}
