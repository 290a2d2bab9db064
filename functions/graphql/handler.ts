import { Logger } from '@aws-lambda-powertools/logger';
import { readConfig } from '../shared/runtime/config.ts';
import { createGraphqlHandler, type LambdaHandler } from './create-handler.ts';
import { internalErrorMessage } from './errors.ts';
import { errorResponse } from './http.ts';

let built: LambdaHandler | undefined;

/**
 * The Lambda entry. The handler is built on the first request rather than at import, and a build
 * that fails (a missing variable, say) is not kept: that request answers INTERNAL_SERVER_ERROR
 * and logs why, and the next request tries again, so the container recovers once the cause is
 * gone instead of failing every request until it is recycled.
 */
export const handler: LambdaHandler = async (event, context) => {
  try {
    built ??= createGraphqlHandler(readConfig(process.env));
  } catch (error) {
    new Logger({ serviceName: 'bali-disruption-graphql' }).error('could not start', {
      requestId: context.awsRequestId,
      error,
    });
    return errorResponse(500, 'INTERNAL_SERVER_ERROR', internalErrorMessage);
  }
  return built(event, context);
};
