import * as valid from '../shared/domain/validation.ts';

export interface DraftTermsOfReferenceInput {
  readonly title: string;
  readonly text: string;
  readonly changeSummary?: string | null;
}
export interface UpdateTermsOfReferenceDraftInput {
  readonly version: number;
  readonly expectedRevision: number;
  readonly title?: string | null;
  readonly text?: string | null;
  readonly changeSummary?: string | null;
}
export interface AdoptTermsOfReferenceInput {
  readonly version: number;
  readonly expectedRevision: number;
  readonly adoptedOn: string;
}

export function validVersion(version: number, field = 'version'): number {
  return valid.integer(version, field, 1, 99_999);
}

export function validDraft(input: DraftTermsOfReferenceInput) {
  return {
    title: valid.text(input.title, 'title', valid.limits.name),
    text: valid.text(input.text, 'text', valid.limits.text, { multiline: true }),
    changeSummary:
      valid.optionalText(input.changeSummary, 'changeSummary', valid.limits.long, { multiline: true }) ?? null,
  };
}

export function validDraftUpdate(input: UpdateTermsOfReferenceDraftInput) {
  const changes = {
    version: validVersion(input.version),
    expectedRevision: valid.revision(input.expectedRevision),
    title: valid.optionalText(input.title, 'title', valid.limits.name),
    text: valid.optionalText(input.text, 'text', valid.limits.text, { multiline: true }),
    changeSummary: valid.optionalText(input.changeSummary, 'changeSummary', valid.limits.long, { multiline: true }),
  };
  const changed = (['title', 'text', 'changeSummary'] as const).filter((field) => changes[field] !== undefined);
  if (changed.length === 0) valid.requireSome('title, text, changeSummary');
  return { ...changes, changed };
}

export function validAdoption(input: AdoptTermsOfReferenceInput) {
  return {
    version: validVersion(input.version),
    expectedRevision: valid.revision(input.expectedRevision),
    adoptedOn: valid.date(input.adoptedOn, 'adoptedOn'),
  };
}
