import { NodeHttpHandler } from '@smithy/node-http-handler';

/**
 * How every AWS client of the function sends requests: a call that hangs is cut off and
 * retried (reads, and writes under a ClientRequestToken, are safe to repeat), so three attempts
 * stay inside the function's 10-second timeout. Without throwOnRequestTimeout the SDK only
 * warns and keeps waiting.
 */
export function boundedRequests(): { requestHandler: NodeHttpHandler; maxAttempts: number } {
  return {
    requestHandler: new NodeHttpHandler({ connectionTimeout: 1000, requestTimeout: 2500, throwOnRequestTimeout: true }),
    maxAttempts: 3,
  };
}

/**
 * Against a local or fake endpoint a client signs with fixed credentials, which DynamoDB Local
 * (run with a shared database) and test doubles accept whatever they are; on AWS the SDK finds
 * region and role.
 */
export function localEndpoint(endpoint: string) {
  return {
    endpoint,
    region: process.env.AWS_REGION ?? 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
}
