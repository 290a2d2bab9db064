import type { Resolvers } from '../../schema/generated/resolvers.ts';

/** Thin: arguments in, service call, result out. The rules are in WorkPlanService. */
export const workPlanResolvers: Resolvers = {
  Query: {
    workPlan: (_, { status }, { workPlan }) => workPlan.workPlan(status),
  },
  Mutation: {
    createWorkPlanItem: (_, { input }, { workPlan }) => workPlan.createWorkPlanItem(input),
    updateWorkPlanItem: (_, { input }, { workPlan }) => workPlan.updateWorkPlanItem(input),
  },
  WorkPlanItem: {
    owners: (item, _, { workPlan }) => workPlan.owners(item),
    recommendations: (item, _, { workPlan }) => workPlan.recommendations(item),
  },
};
