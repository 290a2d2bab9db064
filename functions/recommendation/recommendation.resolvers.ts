import type { Resolvers } from '../../schema/generated/resolvers.ts';

/** Thin: arguments in, service call, result out. The rules are in RecommendationService. */
export const recommendationResolvers: Resolvers = {
  Query: {
    recommendation: (_, { number }, { recommendations }) => recommendations.recommendation(number),
    recommendations: (_, { status, owner }, { recommendations }) => recommendations.recommendations(status, owner),
  },
  Mutation: {
    addRecommendation: (_, { input }, { recommendations }) => recommendations.addRecommendation(input),
    updateRecommendation: (_, { input }, { recommendations }) => recommendations.updateRecommendation(input),
    addProgressNote: (_, { input }, { recommendations }) => recommendations.addProgressNote(input),
  },
  Recommendation: {
    jpa: (recommendation, _, { recommendations }) => recommendations.jpa(recommendation),
    // The meeting through its own service, so that observers read it as `meeting(number)` answers them.
    meeting: (recommendation, _, { meetings }) => meetings.madeAt(recommendation.meetingNumber),
    owners: (recommendation, _, { recommendations }) => recommendations.owners(recommendation),
    progress: (recommendation, _, { recommendations }) => recommendations.progress(recommendation),
  },
};
