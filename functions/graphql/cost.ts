import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from '@apollo/server';
import {
  getNamedType,
  getNullableType,
  getVariableValues,
  GraphQLError,
  isListType,
  isObjectType,
  visit,
  type DocumentNode,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { costWeights, limits, listArguments, listSizes, unlistedListSize } from './limits.ts';

/*
 * The estimated cost of a request, before it runs (docs/api.md: lists counted at their `first`, or
 * their largest possible size). graphql-query-complexity (slicknode, MIT, maintained, graphql 16
 * and 17, an ESM build, one small dependency) walks the operation: fragments, `@include`/`@skip`
 * and variables resolved, each field's children summed, and a field's own cost left to an
 * estimator. armor's cost rule, used before, has no notion of list size (`first: 100` cost what
 * `first: 1` did) and no access to variables. The IBM `@cost`/`@listSize` directives would put
 * the same numbers into the SDL, spread over six files; here they are one table next to the other
 * limits (./limits.ts), and a test checks that every list of the schema is in it.
 *
 * The library's docs recommend computing the estimate in an Apollo plugin once the operation is
 * resolved (`didResolveOperation`), where the variables and the operation name are known. A
 * validation rule could not see them, and Apollo answers every validation error as
 * GRAPHQL_VALIDATION_FAILED, where docs/api.md asks MAX_COST_EXCEEDED.
 */

/** The largest `first` a page takes (docs/api.md); a `first` given as null counts at it. */
const largestPage = 100;

/** The library's own bound on the fields it visits: fragments spread inside fragments can multiply them. */
const maxQueryNodes = 10_000;

const isPage = (field: GraphQLField<unknown, unknown>) => field.args.some((arg) => arg.name === 'first');

/**
 * One field's cost: `once + count × (perItem + children)`, where `count` is its `first` for a page,
 * the length of the argument `listArguments` names (`nodes`: its ids), its size from `listSizes`
 * for another list, and 1 for anything else.
 */
const fieldCost: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  // Introspection and __typename read nothing.
  if (type.name.startsWith('__') || field.name.startsWith('__')) return 0;
  const key = `${type.name}.${field.name}`;
  const named = getNamedType(field.type);
  const perItem = costWeights.fields[key] ?? (isObjectType(named) ? (costWeights.items[named.name] ?? 0) : 0);
  const counted = listArguments[key] === undefined ? undefined : args[listArguments[key]];
  const count = Array.isArray(counted)
    ? counted.length
    : isPage(field)
      ? typeof args.first === 'number'
        ? Math.max(1, args.first)
        : largestPage
      : isListType(getNullableType(field.type))
        ? (listSizes[key] ?? unlistedListSize)
        : 1;
  return (costWeights.once[key] ?? 0) + count * (perItem + childComplexity);
};

/**
 * The estimated cost of one operation of a document with these variables, or null when the
 * variables do not fit the operation: then nothing runs anyway, and the executor answers
 * BAD_USER_INPUT as without an estimate (./executor.ts).
 */
export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operation?: OperationDefinitionNode,
): number | null {
  if (operation && getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 1 }).errors)
    return null;
  return getComplexity({
    schema,
    query: document,
    variables,
    ...(operation?.name ? { operationName: operation.name.value } : {}),
    estimators: [fieldCost],
    maxQueryNodes,
  });
}

/**
 * Estimates already made, per document: Apollo keeps one parsed document per text, so a client's
 * documents are estimated once each, not on every request (an estimate takes about 0.15 ms, a
 * hit a few microseconds). The key holds the values of the variables an estimate reads (a
 * `first`, an `if`); a request with a null variable is estimated afresh, since null where an
 * argument may not take it fails the estimate.
 */
const estimates = new WeakMap<
  DocumentNode,
  { readonly read: readonly string[]; readonly costs: Map<string, number | null> }
>();
const estimatesPerDocument = 64;

function cachedEstimate(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operation: OperationDefinitionNode,
): number | null {
  if (Object.values(variables).includes(null)) return estimateCost(schema, document, variables, operation);
  let known = estimates.get(document);
  if (!known) {
    known = { read: variablesRead(document), costs: new Map() };
    estimates.set(document, known);
  }
  // Invalid variables are never admitted on a cached estimate: the executor checks them first.
  const definitions = operation.variableDefinitions ?? [];
  if (definitions.length > 0 && getVariableValues(schema, definitions, variables, { maxErrors: 1 }).errors) return null;
  // A list (`nodes`' ids) counts by its length alone.
  const key = JSON.stringify([
    operation.name?.value ?? null,
    ...known.read.map((name) => {
      const value = variables[name] ?? null;
      return Array.isArray(value) ? value.length : value;
    }),
  ]);
  let cost = known.costs.get(key);
  if (cost === undefined) {
    cost = estimateCost(schema, document, variables, operation);
    if (known.costs.size >= estimatesPerDocument) known.costs.clear();
    known.costs.set(key, cost);
  }
  return cost;
}

/** Arguments whose values the estimate reads: a page's `first`, `@include`/`@skip`'s `if`, a counted list's. */
const estimatedArguments = new Set(['first', 'if', ...Object.values(listArguments)]);

/** The variables a document passes to an argument the estimate reads: all the estimate reads of them. */
function variablesRead(document: DocumentNode): string[] {
  const read = new Set<string>();
  visit(document, {
    Argument(argument) {
      if (!estimatedArguments.has(argument.name.value)) return;
      visit(argument.value, { Variable: (variable) => void read.add(variable.name.value) });
    },
  });
  return [...read].sort();
}

const refusal = (message: string) =>
  // A 400 like the other refusals of a document before it runs (Apollo's validation errors).
  new GraphQLError(message, { extensions: { code: 'MAX_COST_EXCEEDED', http: { status: 400 } } });

const formatted = (cost: number) => Math.ceil(cost).toLocaleString('en-US');

const costHooks: GraphQLRequestListener<BaseContext> = {
  async didResolveOperation({ schema, document, request, operation }) {
    if (!operation) return; // Apollo answers that the document names no such operation.
    let cost: number | null;
    try {
      cost = cachedEstimate(schema, document, request.variables ?? {}, operation);
    } catch (error) {
      // The library's bound on the fields it visits: the document is too large to estimate.
      if (error instanceof Error && /maximum allowed number of nodes/.test(error.message)) {
        throw refusal(
          `The request is too large to estimate: it selects more than ${formatted(maxQueryNodes)} fields with its fragments expanded.`,
        );
      }
      // An argument whose variable it cannot take (null where it may not be): that field
      // would fail, and an estimate without it is no estimate of the rest.
      throw new GraphQLError(error instanceof Error ? error.message : String(error), {
        extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
      });
    }
    if (cost !== null && cost > limits.cost) {
      throw refusal(`The request's estimated cost ${formatted(cost)} is over the limit of ${formatted(limits.cost)}.`);
    }
  },
};

/**
 * Refuses, before anything runs, a request whose estimated cost is over `limits.cost`, with
 * MAX_COST_EXCEEDED and the estimate and the limit in the message.
 */
export const costLimit: ApolloServerPlugin = {
  // One set of hooks for every request: they keep nothing of a request's own.
  requestDidStart: async () => costHooks,
};
