import type { Resolvers } from '../../schema/generated/resolvers.ts';

/** Thin: arguments in, service call, result out. The rules are in AuditService. */
export const auditResolvers: Resolvers = {
  Query: {
    auditEvents: (_, { entity, first, after }, { audit }) => audit.events(entity, first, after),
  },
  // A cursor is signed only when a client selects it (functions/shared/runtime/cursors.ts).
  AuditEventEdge: {
    cursor: (edge) => edge.cursor(),
  },
};
