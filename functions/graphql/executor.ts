import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { getVariableValues, GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { Execution } from '../shared/runtime/config.ts';

/**
 * What Apollo is given to run operations with: for `jit`, the gateway below; for `graphql-js`,
 * the schema itself, which Apollo executes with graphql-js as it would without a gateway.
 */
export function executorOptions(
  execution: Execution,
  schema: GraphQLSchema,
  sdl: string,
): { gateway: GatewayInterface } | { schema: GraphQLSchema } {
  return execution === 'jit' ? { gateway: compiledExecution(schema, sdl) } : { schema };
}

/**
 * Executes with graphql-jit instead of graphql-js. Each operation of a document that Apollo has
 * parsed and validated (limits included) is compiled once into a plain function and run from then
 * on. graphql-js re-walks the document for every field of every request, which was about half
 * of the handler's own CPU time on a page of twenty items (docs/benchmark.md).
 *
 * Apollo Server 5 has no executor option; its gateway interface is where an executor plugs in, so
 * the schema is served through it. Nothing here is federated: `load` hands Apollo the executor and
 * `onSchemaLoadOrUpdate` the one schema, which never changes. Apollo still parses, validates,
 * caches documents, runs the plugins and formats errors as without a gateway.
 */
export function compiledExecution(schema: GraphQLSchema, sdl: string): GatewayInterface {
  // Keyed by the document Apollo caches: a compiled operation lives as long as its document does.
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | ExecutionResult>>();

  const compile = (document: DocumentNode, operationName: string | null): CompiledQuery | ExecutionResult => {
    let operations = compiled.get(document);
    if (!operations) {
      operations = new Map();
      compiled.set(document, operations);
    }
    const key = operationName ?? '';
    let operation = operations.get(key);
    if (!operation) {
      operation = compileQuery(schema, document, operationName ?? undefined);
      operations.set(key, operation);
    }
    return operation;
  };

  const executor: GatewayExecutor = async ({ document, operation, request, context }) => {
    // Apollo hands over no operation when `operationName` names none of the document's (a
    // client's stale name: GraphiQL sends one after a change of tab) or when several go unnamed.
    // graphql-js answers that with an error, which Apollo sends as OPERATION_RESOLUTION_FAILURE
    // (400); so does graphql-jit when it compiles, so that error is answered first, as there.
    const compiled = compile(document, request.operationName ?? null);
    if (!isCompiledQuery(compiled)) return answer(compiled);
    // graphql-js checks the variables next, so a bad one is refused exactly as without the
    // compiler: errors that point at the variable, which Apollo answers as BAD_USER_INPUT.
    const inputs = request.variables ?? {};
    const variables = getVariableValues(schema, operation.variableDefinitions ?? [], inputs, { maxErrors: 50 });
    if (variables.errors) return { errors: variables.errors };
    return answer(await compiled.query(undefined, context, inputs));
  };

  return {
    load: async () => ({ executor }),
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: sdl });
      return () => {};
    },
    stop: async () => {},
  };
}

/** A result with graphql-jit's errors rebuilt as graphql-js's. */
function answer(result: ExecutionResult): ExecutionResult {
  return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
}

/**
 * graphql-jit's errors leave `extensions` undefined where graphql-js's carry an object, and
 * Apollo reads the code from it; rebuilt as graphql-js errors, they reach formatError as before.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  const rebuilt = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions ?? undefined,
  });
  // graphql-jit gives the locations themselves rather than the nodes graphql-js computes them from.
  return Object.assign(rebuilt, { locations: error.locations });
}
