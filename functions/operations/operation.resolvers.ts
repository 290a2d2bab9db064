import type { GraphqlContext } from '../graphql/context.ts';
import type { OperationsArgs } from './operation.service.ts';
import type { Operation } from './operation.types.ts';
import type { CreateOperationInput, RecordOutcomesInput, UpdateOperationInput } from './operation.validation.ts';

type Input<T> = { input: T };

/** Thin: arguments in, service call, result out. The rules are in OperationService. */
export const operationResolvers = {
  Query: {
    operation: (_: unknown, { id }: { id: string }, { operations }: GraphqlContext) => operations.operation(id),
    operations: (_: unknown, args: OperationsArgs, { operations }: GraphqlContext) => operations.operations(args),
  },
  Mutation: {
    createOperation: (_: unknown, { input }: Input<CreateOperationInput>, { operations }: GraphqlContext) =>
      operations.createOperation(input),
    updateOperation: (_: unknown, { input }: Input<UpdateOperationInput>, { operations }: GraphqlContext) =>
      operations.updateOperation(input),
    recordOutcomes: (_: unknown, { input }: Input<RecordOutcomesInput>, { operations }: GraphqlContext) =>
      operations.recordOutcomes(input),
  },
  Operation: {
    jpa: async (operation: Operation, _: unknown, { jpas }: GraphqlContext) => jpas.existing(operation.jpaNumber),
    lead: async (operation: Operation, _: unknown, { operations }: GraphqlContext) => {
      const lead = await operations.lead(operation);
      // Operations are only created by officials of member countries, and members are never deleted.
      if (!lead) throw new Error(`operation ${operation.id} is led by ${operation.lead}, which is no member`);
      return lead;
    },
    participants: (operation: Operation, _: unknown, { operations }: GraphqlContext) => operations.participants(operation),
  },
};
