import { BadInputError, ConflictError } from '../shared/domain/errors.ts';
import * as valid from '../shared/domain/validation.ts';
import { maxNumber, validNumber, validOwners } from '../recommendation/recommendation.validation.ts';
import type { WorkPlanStatus } from './workplan.types.ts';

export interface CreateWorkPlanItemInput {
  readonly title: string;
  readonly description?: string | null;
  readonly owners: readonly string[];
  readonly dueOn: string;
  readonly recommendationNumbers?: readonly number[] | null;
}
export interface UpdateWorkPlanItemInput {
  readonly number: number;
  readonly expectedRevision: number;
  readonly title?: string | null;
  readonly description?: string | null;
  readonly owners?: readonly string[] | null;
  readonly dueOn?: string | null;
  readonly status?: WorkPlanStatus | null;
  readonly recommendationNumbers?: readonly number[] | null;
}

/**
 * An addition to docs/api.md: a work-plan item names at most 20 recommendations. It bounds the
 * item, its transaction (a condition per recommendation) and `WorkPlanItem.recommendations`.
 */
export const maxRecommendationNumbers = 20;

/**
 * Where each status may move (docs/api.md): forward along PLANNED → UNDERWAY → DONE, one step or
 * several; CANCELLED from PLANNED or UNDERWAY; DONE and CANCELLED are final.
 */
export const workPlanMoves: Readonly<Record<WorkPlanStatus, readonly WorkPlanStatus[]>> = {
  PLANNED: ['UNDERWAY', 'DONE', 'CANCELLED'],
  UNDERWAY: ['DONE', 'CANCELLED'],
  DONE: [],
  CANCELLED: [],
};

/** CONFLICT unless the status may move from `from` to `to`; setting the current status again is no move. */
export function requireMove(number: number, from: WorkPlanStatus, to: WorkPlanStatus): void {
  if (workPlanMoves[from].includes(to)) return;
  if (from === to) throw new ConflictError(`work-plan item ${number} is already ${from}`);
  if (workPlanMoves[from].length === 0) throw new ConflictError(`work-plan item ${number} is ${from}, which is final`);
  throw new ConflictError(`work-plan item ${number} cannot go back from ${from} to ${to}`);
}

/**
 * Whether an official of an owner country may make this change (docs/api.md): the status alone,
 * and not to CANCELLED, which only the secretariat or a co-chair may set.
 */
export function withinOwnerPower(changed: readonly string[], status: WorkPlanStatus | undefined): boolean {
  return changed.length === 1 && changed[0] === 'status' && status !== 'CANCELLED';
}

/** 0 to 20 recommendation numbers, none twice. Whether each exists is the data's to say. */
export function validRecommendationNumbers(numbers: readonly number[], field = 'recommendationNumbers'): number[] {
  if (numbers.length > maxRecommendationNumbers)
    throw new BadInputError(`${field} names at most ${maxRecommendationNumbers} recommendations`, field);
  const seen = new Set<number>();
  for (const number of numbers) {
    valid.integer(number, field, 1, maxNumber);
    if (seen.has(number)) throw new BadInputError(`${field} names ${number} twice`, field);
    seen.add(number);
  }
  return [...seen];
}

const validTitle = (title: string) => valid.text(title, 'title', valid.limits.name);
const validDescription = (description: string | null | undefined) =>
  valid.optionalText(description, 'description', valid.limits.long, { multiline: true });

export function validCreateWorkPlanItem(input: CreateWorkPlanItemInput) {
  return {
    title: validTitle(input.title),
    description: validDescription(input.description) ?? null,
    owners: validOwners(input.owners),
    dueOn: valid.date(input.dueOn, 'dueOn'),
    recommendationNumbers: validRecommendationNumbers(input.recommendationNumbers ?? []),
  };
}

export function validUpdateWorkPlanItem(input: UpdateWorkPlanItemInput) {
  const changes = {
    number: validNumber(input.number),
    expectedRevision: valid.revision(input.expectedRevision),
    title: input.title == null ? undefined : validTitle(input.title),
    description: validDescription(input.description),
    owners: input.owners == null ? undefined : validOwners(input.owners),
    dueOn: input.dueOn == null ? undefined : valid.date(input.dueOn, 'dueOn'),
    status: input.status ?? undefined,
    recommendationNumbers:
      input.recommendationNumbers == null ? undefined : validRecommendationNumbers(input.recommendationNumbers),
  };
  const fields = ['title', 'description', 'owners', 'dueOn', 'status', 'recommendationNumbers'] as const;
  const changed = fields.filter((field) => changes[field] !== undefined);
  if (changed.length === 0) valid.requireSome(fields.join(', '));
  return { ...changes, changed };
}
