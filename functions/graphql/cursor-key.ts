import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { boundedRequests, localEndpoint } from '../shared/runtime/aws-requests.ts';
import type { Config } from '../shared/runtime/config.ts';

/**
 * A Secrets Manager client with the DynamoDB client's timeouts and retries, so a stalled read
 * of the cursor key fails inside the function's timeout instead of using it up. `endpoint` is
 * for tests.
 */
export function createSecretsClient(options: { readonly endpoint?: string } = {}): SecretsManagerClient {
  return new SecretsManagerClient({
    ...boundedRequests(),
    ...(options.endpoint ? localEndpoint(options.endpoint) : {}),
  });
}

/**
 * Where the cursor-signing key comes from: given (local server, tests), or a Secrets Manager
 * secret read on the first paginated request of a container, so a cold start that lists nothing
 * does not pay for it. Every container of a deployment shares the key, so cursors outlive them.
 */
export function cursorKeySource(config: Config): () => Promise<Uint8Array> {
  const source = config.cursorKey;
  if ('key' in source) return async () => source.key;
  return async () => {
    const output = await createSecretsClient().send(new GetSecretValueCommand({ SecretId: source.secretArn }));
    if (!output.SecretString) throw new Error('the cursor secret has no string value');
    return Buffer.from(output.SecretString, 'utf8');
  };
}
