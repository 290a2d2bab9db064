import type { Resolvers } from '../../schema/generated/resolvers.ts';

/** Thin: arguments in, service call, result out. The rules are in JpaService. */
export const jpaResolvers: Resolvers = {
  Query: {
    jpa: (_, { number }, { jpas }) => jpas.jpa(number),
    jpas: (_, { status }, { jpas }) => jpas.jpas(status),
  },
  Mutation: {
    createJpa: (_, { input }, { jpas }) => jpas.createJpa(input),
    updateJpa: (_, { input }, { jpas }) => jpas.updateJpa(input),
    joinJpa: (_, { input }, { jpas }) => jpas.joinJpa(input),
    concludeJpa: (_, { input }, { jpas }) => jpas.concludeJpa(input),
  },
  WorkingGroup: {
    currentJpa: (_, __, { jpas }) => jpas.currentJpa(),
  },
  Jpa: {
    participants: (jpa, _, { jpas }) => jpas.participants(jpa),
    outcomes: (jpa, _, { jpas }) => jpas.outcomes(jpa.number),
    operations: (jpa, { first, after }, { operations }) => operations.operationsOfJpa(jpa, first, after),
  },
};
