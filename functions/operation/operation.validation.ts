import { BadInputError } from '../shared/domain/errors.ts';
import * as valid from '../shared/domain/validation.ts';
import type { Outcomes } from '../jpa/jpa.types.ts';
import type { CrimeType, Handling, OperationStatus } from './operation.types.ts';

export interface CreateOperationInput {
  readonly jpaNumber: number;
  readonly codeName: string;
  readonly participants?: readonly string[] | null;
  readonly crimeTypes: readonly CrimeType[];
  readonly startsOn: string;
  readonly handling?: Handling | null;
  readonly summary?: string | null;
  readonly idempotencyKey?: string | null;
}
export interface UpdateOperationInput {
  readonly id: string;
  readonly expectedRevision: number;
  readonly codeName?: string | null;
  readonly participants?: readonly string[] | null;
  readonly status?: OperationStatus | null;
  readonly endsOn?: string | null;
  readonly summary?: string | null;
  readonly handling?: Handling | null;
}
export interface RecordOutcomesInput {
  readonly id: string;
  readonly expectedRevision: number;
  readonly outcomes: Outcomes;
}

/** Bounds an operation's listing items (at most one more than its participants), which its transactions write. */
export const maxParticipants = 20;
/** Figures beyond any real operation; keeps the JPA totals far inside safe integers. */
const maxFigure = 1_000_000;
const idempotencyKeyPattern = /^[A-Za-z0-9_.:-]{1,128}$/;
const idPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An operation id is a UUID; anything else names nothing. */
export function isOperationId(id: string): boolean {
  return idPattern.test(id);
}

/** The participants with the lead first, each once. */
export function withLead(lead: string, participants: readonly string[]): string[] {
  return [lead, ...participants.filter((country) => country !== lead)];
}

export function validCreateOperation(input: CreateOperationInput, lead: string) {
  const participants = withLead(lead, valid.countryCodes(input.participants ?? [], 'participants'));
  if (participants.length > maxParticipants)
    throw new BadInputError(`at most ${maxParticipants} participants`, 'participants');
  if (input.crimeTypes.length === 0) throw new BadInputError('name at least one crime type', 'crimeTypes');
  // Stryker disable next-line ConditionalExpression: the pattern accepts null and undefined as the strings 'null' and 'undefined'
  if (input.idempotencyKey != null && !idempotencyKeyPattern.test(input.idempotencyKey)) {
    throw new BadInputError('idempotencyKey is 1–128 letters, digits or _ . : -', 'idempotencyKey');
  }
  return {
    jpaNumber: valid.integer(input.jpaNumber, 'jpaNumber', 1, 9999),
    codeName: valid.text(input.codeName, 'codeName', valid.limits.name),
    participants,
    crimeTypes: [...new Set(input.crimeTypes)],
    startsOn: valid.date(input.startsOn, 'startsOn'),
    handling: input.handling ?? 'PARTICIPANTS',
    summary: valid.optionalText(input.summary, 'summary', valid.limits.long, { multiline: true }) ?? null,
    idempotencyKey: input.idempotencyKey ?? null,
  };
}

export function validUpdateOperation(input: UpdateOperationInput) {
  const participants = input.participants == null ? undefined : valid.countryCodes(input.participants, 'participants');
  if (participants && participants.length > maxParticipants) {
    throw new BadInputError(`at most ${maxParticipants} participants`, 'participants');
  }
  const changes = {
    id: input.id,
    expectedRevision: valid.revision(input.expectedRevision),
    codeName: valid.optionalText(input.codeName, 'codeName', valid.limits.name),
    participants,
    status: input.status ?? undefined,
    endsOn: input.endsOn == null ? undefined : valid.date(input.endsOn, 'endsOn'),
    summary: valid.optionalText(input.summary, 'summary', valid.limits.long, { multiline: true }),
    handling: input.handling ?? undefined,
  };
  const fields = ['codeName', 'participants', 'status', 'endsOn', 'summary', 'handling'] as const;
  const changed = fields.filter((field) => changes[field] !== undefined);
  if (changed.length === 0) throw new BadInputError(`an update names at least one of ${fields.join(', ')}`, 'input');
  return { ...changes, changed };
}

export function validRecordOutcomes(input: RecordOutcomesInput) {
  const figure = (name: keyof Outcomes) => valid.integer(input.outcomes[name], `outcomes.${name}`, 0, maxFigure);
  return {
    id: input.id,
    expectedRevision: valid.revision(input.expectedRevision),
    outcomes: {
      arrests: figure('arrests'),
      prosecutions: figure('prosecutions'),
      victimsIdentified: figure('victimsIdentified'),
      networksDisrupted: figure('networksDisrupted'),
    },
  };
}
