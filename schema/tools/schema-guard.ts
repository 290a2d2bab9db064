import { buildSchema, findBreakingChanges, findDangerousChanges, type GraphQLSchema } from 'graphql';

/** What a change of the served schema does to front ends built against the snapshot. */
export interface SchemaComparison {
  /** Changes that break a client: a type, field, argument or enum value gone, a type changed, an argument now required. */
  readonly breaking: readonly string[];
  /** Changes a client may trip on: a new enum value, a changed default, a new optional argument. */
  readonly dangerous: readonly string[];
}

/** Compares with graphql-js's own change finders, which know every rule of the spec. */
export function compareWithSnapshot(snapshotSdl: string, current: GraphQLSchema): SchemaComparison {
  const snapshot = buildSchema(snapshotSdl);
  return {
    breaking: findBreakingChanges(snapshot, current).map((change) => `${change.type}: ${change.description}`),
    dangerous: findDangerousChanges(snapshot, current).map((change) => `${change.type}: ${change.description}`),
  };
}
