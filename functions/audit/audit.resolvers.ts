import type { Resolvers } from '../../schema/generated/resolvers.ts';
import { auditEntity } from '../shared/domain/audit-events.ts';

/** Thin: arguments in, service call, result out. The rules are in AuditService. */
export const auditResolvers: Resolvers = {
  Query: {
    auditEvents: (_, { entity, first, after }, { audit }) => audit.events(entity, first, after),
  },
  // History hangs off an entity its caller has already been allowed to read.
  Member: {
    history: (member, { first, after }, { audit }) =>
      audit.history(auditEntity.member(member.country), false, first, after),
  },
  Jpa: {
    history: (jpa, { first, after }, { audit }) => audit.history(auditEntity.jpa(jpa.number), false, first, after),
  },
  TermsOfReference: {
    history: (version, { first, after }, { audit }) =>
      audit.history(auditEntity.termsOfReference(version.version), false, first, after),
  },
  Operation: {
    history: (operation, { first, after }, { audit }) =>
      audit.history(auditEntity.operation(operation.id), true, first, after),
  },
  // A cursor is signed only when a client selects it (functions/shared/runtime/cursors.ts).
  AuditEventEdge: {
    cursor: (edge) => edge.cursor(),
  },
};
