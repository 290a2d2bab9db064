import type { GraphqlContext } from '../graphql/context.ts';

/** Thin: arguments in, service call, result out. The rules are in AuditService. */
export const auditResolvers = {
  Query: {
    auditEvents: (
      _: unknown,
      { entity, first, after }: { entity?: string | null; first?: number | null; after?: string | null },
      { audit }: GraphqlContext,
    ) => audit.events(entity, first, after),
  },
};
