import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { readConfig } from '../shared/runtime/config.ts';
import { createGraphqlHandler } from './create-handler.ts';
import { internalErrorMessage } from './errors.ts';
import { errorResponse } from './http.ts';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

let built: Handler | undefined;

/**
 * The Lambda entry. The handler is built on the first request rather than at import, and a build
 * that fails (a missing variable, say) is not kept: that request answers INTERNAL_SERVER_ERROR
 * and logs why, and the next request tries again, so the container recovers once the cause is
 * gone instead of failing every request until it is recycled.
 */
export async function handler(event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2> {
  try {
    built ??= createGraphqlHandler(readConfig(process.env)) as unknown as Handler;
  } catch (error) {
    new Logger({ serviceName: 'bali-disruption-graphql' }).error('could not start', { requestId: context.awsRequestId, error });
    return errorResponse(500, 'INTERNAL_SERVER_ERROR', internalErrorMessage);
  }
  return built(event, context);
}
