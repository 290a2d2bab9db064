import type { Resolvers } from '../../schema/generated/resolvers.ts';

/** Thin: arguments in, service call, result out. The rules are in TermsService. */
export const termsResolvers: Resolvers = {
  Query: {
    termsOfReference: (_, { version }, { terms }) => terms.termsOfReference(version),
    termsOfReferenceVersions: (_, __, { terms }) => terms.versions(),
  },
  Mutation: {
    draftTermsOfReference: (_, { input }, { terms }) => terms.draft(input),
    updateTermsOfReferenceDraft: (_, { input }, { terms }) => terms.updateDraft(input),
    adoptTermsOfReference: (_, { input }, { terms }) => terms.adopt(input),
  },
  WorkingGroup: {
    termsOfReference: (_, __, { terms }) => terms.termsOfReference(),
  },
  TermsOfReference: {
    changesFrom: (current, { version }, { terms }) => terms.changesFrom(current, version),
  },
};
