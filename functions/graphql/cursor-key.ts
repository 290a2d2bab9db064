import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Config } from '../shared/runtime/config.ts';

/**
 * Where the cursor-signing key comes from: given (local server, tests), or a Secrets Manager
 * secret read on the first paginated request of a container, so a cold start that lists nothing
 * does not pay for it. Every container of a deployment shares the key, so cursors outlive them.
 */
export function cursorKeySource(config: Config): () => Promise<Uint8Array> {
  const source = config.cursorKey;
  if ('key' in source) return async () => source.key;
  return async () => {
    const output = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: source.secretArn }));
    if (!output.SecretString) throw new Error('the cursor secret has no string value');
    return Buffer.from(output.SecretString, 'utf8');
  };
}
