import type { GraphqlContext } from '../graphql/context.ts';
import type { Jpa, JpaStatus } from './jpa.types.ts';
import type { ConcludeJpaInput, CreateJpaInput, JoinJpaInput, UpdateJpaInput } from './jpa.validation.ts';

type Input<T> = { input: T };

/** Thin: arguments in, service call, result out. The rules are in JpaService. */
export const jpaResolvers = {
  Query: {
    jpa: (_: unknown, { number }: { number: number }, { jpas }: GraphqlContext) => jpas.jpa(number),
    jpas: (_: unknown, { status }: { status?: JpaStatus | null }, { jpas }: GraphqlContext) => jpas.jpas(status),
  },
  Mutation: {
    createJpa: (_: unknown, { input }: Input<CreateJpaInput>, { jpas }: GraphqlContext) => jpas.createJpa(input),
    updateJpa: (_: unknown, { input }: Input<UpdateJpaInput>, { jpas }: GraphqlContext) => jpas.updateJpa(input),
    joinJpa: (_: unknown, { input }: Input<JoinJpaInput>, { jpas }: GraphqlContext) => jpas.joinJpa(input),
    concludeJpa: (_: unknown, { input }: Input<ConcludeJpaInput>, { jpas }: GraphqlContext) => jpas.concludeJpa(input),
  },
  WorkingGroup: {
    currentJpa: (_: unknown, __: unknown, { jpas }: GraphqlContext) => jpas.currentJpa(),
  },
  Jpa: {
    participants: (jpa: Jpa, _: unknown, { jpas }: GraphqlContext) => jpas.participants(jpa),
    outcomes: (jpa: Jpa, _: unknown, { jpas }: GraphqlContext) => jpas.outcomes(jpa.number),
    operations: (jpa: Jpa, { first, after }: { first?: number | null; after?: string | null }, { operations }: GraphqlContext) =>
      operations.operationsOfJpa(jpa, first, after),
  },
};
