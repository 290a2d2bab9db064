import { BadInputError } from '../shared/domain/errors.ts';
import * as valid from '../shared/domain/validation.ts';
import type { Agency, AgencyKind, Contact, MemberStatus } from './membership.types.ts';

/** Inputs as the API takes them (GraphQL has already checked their shapes and enum values). */
export interface AgencyInput {
  readonly name: string;
  readonly kind: AgencyKind;
}
export interface ContactInput {
  readonly name: string;
  readonly email: string;
  readonly phone?: string | null;
}
export interface AddMemberInput {
  readonly country: string;
  readonly name: string;
  readonly joinedOn: string;
  readonly agencies?: readonly AgencyInput[] | null;
  readonly focalPoint?: ContactInput | null;
}
export interface UpdateMemberInput {
  readonly country: string;
  readonly expectedRevision: number;
  readonly name?: string | null;
  readonly agencies?: readonly AgencyInput[] | null;
  readonly focalPoint?: ContactInput | null;
}
export interface SetMemberStatusInput {
  readonly country: string;
  readonly expectedRevision: number;
  readonly status: MemberStatus;
  readonly reason: string;
}
export interface RotateCoChairsInput {
  readonly outgoing: readonly string[];
  readonly incoming: readonly string[];
  readonly effectiveOn: string;
}

/** More agencies than any member has; bounds the item size. */
const maxAgencies = 50;

export function validAddMember(input: AddMemberInput) {
  return {
    country: valid.countryCode(input.country, 'country'),
    name: valid.text(input.name, 'name', valid.limits.name),
    joinedOn: valid.date(input.joinedOn, 'joinedOn'),
    agencies: validAgencies(input.agencies ?? []),
    focalPoint: input.focalPoint ? validContact(input.focalPoint) : null,
  };
}

/**
 * An update names the fields it changes; an absent or null field is left as it is
 * (`focalPoint: null` does not remove the focal point: docs/api.md gives no way to, so none is guessed).
 */
export function validUpdateMember(input: UpdateMemberInput) {
  const changes = {
    country: valid.countryCode(input.country, 'country'),
    expectedRevision: valid.revision(input.expectedRevision),
    name: valid.optionalText(input.name, 'name', valid.limits.name),
    agencies: input.agencies ? validAgencies(input.agencies) : undefined,
    focalPoint: input.focalPoint ? validContact(input.focalPoint) : undefined,
  };
  const changedFields = (['name', 'agencies', 'focalPoint'] as const).filter((field) => changes[field] !== undefined);
  if (changedFields.length === 0) {
    throw new BadInputError('an update names at least one of name, agencies, focalPoint', 'input');
  }
  return { ...changes, changedFields };
}

export function validSetMemberStatus(input: SetMemberStatusInput) {
  return {
    country: valid.countryCode(input.country, 'country'),
    expectedRevision: valid.revision(input.expectedRevision),
    status: input.status,
    reason: valid.text(input.reason, 'reason', valid.limits.long, { multiline: true }),
  };
}

export function validRotation(input: RotateCoChairsInput) {
  const outgoing = valid.countryCodes(input.outgoing, 'outgoing');
  const incoming = valid.countryCodes(input.incoming, 'incoming');
  if (outgoing.length === 0 && incoming.length === 0) {
    throw new BadInputError('a rotation names at least one outgoing or incoming country', 'outgoing');
  }
  const both = outgoing.find((country) => incoming.includes(country));
  if (both) throw new BadInputError(`${both} cannot be both outgoing and incoming`, 'incoming');
  return { outgoing, incoming, effectiveOn: valid.date(input.effectiveOn, 'effectiveOn') };
}

function validAgencies(agencies: readonly AgencyInput[]): Agency[] {
  if (agencies.length > maxAgencies) throw new BadInputError(`at most ${maxAgencies} agencies`, 'agencies');
  return agencies.map((agency) => ({
    name: valid.text(agency.name, 'agencies.name', valid.limits.name),
    kind: agency.kind,
  }));
}

function validContact(contact: ContactInput): Contact {
  return {
    name: valid.text(contact.name, 'focalPoint.name', valid.limits.name),
    email: valid.email(contact.email, 'focalPoint.email'),
    phone:
      contact.phone === null || contact.phone === undefined ? null : valid.phone(contact.phone, 'focalPoint.phone'),
  };
}
