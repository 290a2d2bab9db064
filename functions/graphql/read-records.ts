import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type DocumentNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { GraphqlContext } from './context.ts';
import { internalErrorMessage } from './errors.ts';

/**
 * Writes the read records of a response (functions/operation/operation.reads.ts) once its
 * execution is over and before it is sent; if they cannot be written, the response is replaced
 * by one INTERNAL_SERVER_ERROR without data, so no operation leaves unrecorded.
 *
 * A plugin's `executionDidEnd` rather than the executor (./executor.ts): Apollo awaits it after
 * the result is formatted into the response and before any `willSendResponse`, with either
 * executor (the graphql-jit gateway, or Apollo's own graphql-js), so the rule holds whichever
 * runs, and the request's log line (./logging.ts, at `willSendResponse`) sees the final answer.
 */
export const readRecords: ApolloServerPlugin<GraphqlContext> = {
  async requestDidStart() {
    return {
      async executionDidStart(requestContext) {
        return {
          async executionDidEnd(error) {
            const { response, operation, document, contextValue } = requestContext;
            if (error || response.body?.kind !== 'single') return;
            const result = response.body.singleResult;
            try {
              await contextValue.operationReads.record(result.data, rootFields(operation, document));
            } catch (failure) {
              contextValue.logger.error('read records not written', {
                requestId: contextValue.requestId,
                error: failure,
              });
              response.body = {
                kind: 'single',
                singleResult: {
                  data: null,
                  errors: [{ message: internalErrorMessage, extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
                },
              };
            }
          },
        };
      },
    };
  },
};

/**
 * The field each response key of the operation's root stands for (an alias is a response key of
 * its own), through fragments. A valid document gives one response key only one field name.
 */
export function rootFields(operation: OperationDefinitionNode, document: DocumentNode): (key: string) => string {
  // Walked only when asked: most responses carry no operation handled PARTICIPANTS.
  let names: Map<string, string> | undefined;
  return (key) => {
    names ??= rootFieldNames(operation, document);
    return names.get(key) ?? key;
  };
}

function rootFieldNames(operation: OperationDefinitionNode, document: DocumentNode): Map<string, string> {
  const fragments = new Map(
    document.definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition.selectionSet] as const] : [],
    ),
  );
  const names = new Map<string, string>();
  const visited = new Set<string>();
  const collect = (selections: SelectionSetNode): void => {
    for (const selection of selections.selections) {
      if (selection.kind === Kind.FIELD)
        names.set(selection.alias?.value ?? selection.name.value, selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) collect(fragment);
      }
    }
  };
  collect(operation.selectionSet);
  return names;
}
