import type { Resolvers } from '../../schema/generated/resolvers.ts';

/** Thin: arguments in, service call, result out. The rules are in ReportService. */
export const reportResolvers: Resolvers = {
  Query: {
    annualReport: (_, { year }, { reports }) => reports.annualReport(year),
    annualReports: (_, __, { reports }) => reports.annualReports(),
  },
  Mutation: {
    publishAnnualReport: (_, { input }, { reports }) => reports.publish(input),
  },
};
