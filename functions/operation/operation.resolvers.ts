import type { Resolvers } from '../../schema/generated/resolvers.ts';

/**
 * Thin: arguments in, service call, result out. The rules are in OperationService; every field
 * that hands out an operation also hands it, with its place in the response, to the request's
 * read log (operation.reads.ts), which decides what it records.
 */
export const operationResolvers: Resolvers = {
  Query: {
    operation: async (_, { id }, { operations, operationReads }, { path }) =>
      operationReads.carried(await operations.operation(id), path),
    operations: (_, args, { operations }) => operations.operations(args),
  },
  Mutation: {
    createOperation: async (_, { input }, { operations, operationReads }, { path }) =>
      operationReads.carried(await operations.createOperation(input), path),
    updateOperation: async (_, { input }, { operations, operationReads }, { path }) =>
      operationReads.carried(await operations.updateOperation(input), path),
    recordOutcomes: async (_, { input }, { operations, operationReads }, { path }) =>
      operationReads.carried(await operations.recordOutcomes(input), path),
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
    reads: (operation, { first, after }, { operationReads }) => operationReads.reads(operation, first, after),
  },
  // A cursor is signed only when a client selects it (functions/shared/runtime/cursors.ts).
  OperationEdge: {
    cursor: (edge) => edge.cursor(),
    // Every list of operations (`operations`, `Jpa.operations`) hands them out here.
    node: (edge, _, { operationReads }, { path }) => operationReads.carried(edge.node, path),
  },
  OperationReadEdge: {
    cursor: (edge) => edge.cursor(),
  },
  PageInfo: {
    endCursor: (pageInfo) => pageInfo.endCursor(),
  },
};
