import type { GraphqlContext } from '../graphql/context.ts';
import type { TermsVersion } from './terms.types.ts';
import type {
  AdoptTermsOfReferenceInput,
  DraftTermsOfReferenceInput,
  UpdateTermsOfReferenceDraftInput,
} from './terms.validation.ts';

type Input<T> = { input: T };

/** Thin: arguments in, service call, result out. The rules are in TermsService. */
export const termsResolvers = {
  Query: {
    termsOfReference: (_: unknown, { version }: { version?: number | null }, { terms }: GraphqlContext) =>
      terms.termsOfReference(version),
    termsOfReferenceVersions: (_: unknown, __: unknown, { terms }: GraphqlContext) => terms.versions(),
  },
  Mutation: {
    draftTermsOfReference: (_: unknown, { input }: Input<DraftTermsOfReferenceInput>, { terms }: GraphqlContext) =>
      terms.draft(input),
    updateTermsOfReferenceDraft: (_: unknown, { input }: Input<UpdateTermsOfReferenceDraftInput>, { terms }: GraphqlContext) =>
      terms.updateDraft(input),
    adoptTermsOfReference: (_: unknown, { input }: Input<AdoptTermsOfReferenceInput>, { terms }: GraphqlContext) =>
      terms.adopt(input),
  },
  WorkingGroup: {
    termsOfReference: (_: unknown, __: unknown, { terms }: GraphqlContext) => terms.termsOfReference(),
  },
  TermsOfReference: {
    changesFrom: (current: TermsVersion, { version }: { version: number }, { terms }: GraphqlContext) =>
      terms.changesFrom(current, version),
  },
};
