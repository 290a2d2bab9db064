import { BadInputError } from '../shared/domain/errors.ts';
import * as valid from '../shared/domain/validation.ts';
import type { Conference, JpaStatus } from './jpa.types.ts';

export interface ConferenceInput {
  readonly city: string;
  readonly country: string;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly theme?: string | null;
  readonly recommendations?: readonly string[] | null;
}
export interface CreateJpaInput {
  readonly number: number;
  readonly title: string;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly participants?: readonly string[] | null;
}
export interface UpdateJpaInput {
  readonly number: number;
  readonly expectedRevision: number;
  readonly title?: string | null;
  readonly startsOn?: string | null;
  readonly endsOn?: string | null;
  readonly status?: JpaStatus | null;
}
export interface JoinJpaInput {
  readonly number: number;
}
export interface ConcludeJpaInput {
  readonly number: number;
  readonly expectedRevision: number;
  readonly conference?: ConferenceInput | null;
}

const maxRecommendations = 50;
/** More than every member country, so a JPA never needs more; bounds the item and its transactions. */
export const maxParticipants = 50;

export function validNumber(number: number): number {
  return valid.integer(number, 'number', 1, 9999);
}

/** docs/api.md: "after" between dates is strict. */
export function requireAfter(startsOn: string, endsOn: string, field: string): void {
  if (endsOn <= startsOn) throw new BadInputError(`${field} must be later than startsOn`, field);
}

export function validCreateJpa(input: CreateJpaInput) {
  const startsOn = valid.date(input.startsOn, 'startsOn');
  const endsOn = valid.date(input.endsOn, 'endsOn');
  requireAfter(startsOn, endsOn, 'endsOn');
  const participants = valid.countryCodes(input.participants ?? [], 'participants');
  if (participants.length > maxParticipants)
    throw new BadInputError(`at most ${maxParticipants} participants`, 'participants');
  return {
    number: validNumber(input.number),
    title: valid.text(input.title, 'title', valid.limits.name),
    startsOn,
    endsOn,
    participants,
  };
}

export function validUpdateJpa(input: UpdateJpaInput) {
  const changes = {
    number: validNumber(input.number),
    expectedRevision: valid.revision(input.expectedRevision),
    title: valid.optionalText(input.title, 'title', valid.limits.name),
    startsOn: input.startsOn == null ? undefined : valid.date(input.startsOn, 'startsOn'),
    endsOn: input.endsOn == null ? undefined : valid.date(input.endsOn, 'endsOn'),
    status: input.status ?? undefined,
  };
  const changed = (['title', 'startsOn', 'endsOn', 'status'] as const).filter((field) => changes[field] !== undefined);
  if (changed.length === 0)
    throw new BadInputError('an update names at least one of title, startsOn, endsOn, status', 'input');
  return { ...changes, changed };
}

export function validConcludeJpa(input: ConcludeJpaInput) {
  return {
    number: validNumber(input.number),
    expectedRevision: valid.revision(input.expectedRevision),
    conference: input.conference ? validConference(input.conference) : null,
  };
}

function validConference(input: ConferenceInput): Conference {
  const startsOn = valid.date(input.startsOn, 'conference.startsOn');
  const endsOn = valid.date(input.endsOn, 'conference.endsOn');
  requireAfter(startsOn, endsOn, 'conference.endsOn');
  const recommendations = input.recommendations ?? [];
  if (recommendations.length > maxRecommendations) {
    throw new BadInputError(`at most ${maxRecommendations} recommendations`, 'conference.recommendations');
  }
  return {
    city: valid.text(input.city, 'conference.city', valid.limits.name),
    country: valid.countryCode(input.country, 'conference.country'),
    startsOn,
    endsOn,
    theme: valid.optionalText(input.theme, 'conference.theme', valid.limits.name) ?? null,
    recommendations: recommendations.map((text) =>
      valid.text(text, 'conference.recommendations', valid.limits.long, { multiline: true }),
    ),
  };
}
