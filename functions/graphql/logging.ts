import type { ApolloServerPlugin } from '@apollo/server';
import { codeOf } from './errors.ts';
import type { GraphqlContext } from './context.ts';

/**
 * One structured line per request (request id, operation, subject, duration, outcome), and the
 * full unexpected errors that the answers mask. Never variables, tokens or contact details.
 */
export const requestLogging: ApolloServerPlugin<GraphqlContext> = {
  async requestDidStart({ contextValue }) {
    const started = performance.now();
    const { logger, requestId, claims } = contextValue;
    let codes: string[] = [];
    return {
      async didEncounterErrors({ errors }) {
        codes = errors.map((error) => String(error.extensions?.code ?? codeOf(error)));
        for (const error of errors) {
          if (codeOf(error) === 'INTERNAL_SERVER_ERROR' && !error.extensions?.code) {
            logger.error('unexpected error', { requestId, error: error.originalError ?? error });
          }
        }
      },
      async willSendResponse({ operationName, response }) {
        // A response replaced after execution (./read-records.ts) answers with its own errors.
        if (response.body.kind === 'single' && response.body.singleResult.data === null) {
          const final = (response.body.singleResult.errors ?? []).map((error) => String(error.extensions?.code));
          if (final.length > 0) codes = final;
        }
        logger.info('graphql request', {
          requestId,
          operationName: operationName ?? null,
          subject: claims.subject,
          durationMs: Math.round((performance.now() - started) * 100) / 100,
          outcome: codes.length === 0 ? 'ok' : codes.join(','),
        });
      },
    };
  },
};
