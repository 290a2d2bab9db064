import type { Resolvers } from '../../schema/generated/resolvers.ts';

/** Thin: arguments in, service call, result out. The rules are in OperationService. */
export const operationResolvers: Resolvers = {
  Query: {
    operation: (_, { id }, { operations }) => operations.operation(id),
    operations: (_, args, { operations }) => operations.operations(args),
  },
  Mutation: {
    createOperation: (_, { input }, { operations }) => operations.createOperation(input),
    updateOperation: (_, { input }, { operations }) => operations.updateOperation(input),
    recordOutcomes: (_, { input }, { operations }) => operations.recordOutcomes(input),
  },
  Operation: {
    jpa: async (operation, _, { jpas }) => jpas.existing(operation.jpaNumber),
    lead: async (operation, _, { operations }) => {
      const lead = await operations.lead(operation);
      // Operations are only created by officials of member countries, and members are never deleted.
      if (!lead) throw new Error(`operation ${operation.id} is led by ${operation.lead}, which is no member`);
      return lead;
    },
    participants: (operation, _, { operations }) => operations.participants(operation),
  },
  // A cursor is signed only when a client selects it (functions/shared/runtime/cursors.ts).
  OperationEdge: {
    cursor: (edge) => edge.cursor(),
  },
  PageInfo: {
    endCursor: (pageInfo) => pageInfo.endCursor(),
  },
};
