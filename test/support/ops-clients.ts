import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createDocumentClient } from '../../functions/shared/data/dynamo.ts';
import type { OpsClients } from '../../infra/ops/cli.ts';

/**
 * The ops CLI's clients for a test: those it gives (mocked, or DynamoDB Local), and for the rest
 * clients that no command under test calls (a DynamoDB endpoint nothing listens on).
 */
export function opsClients(given: Partial<OpsClients>): OpsClients {
  return {
    cloudFormation: new CloudFormationClient({ region: 'local' }),
    cognito: new CognitoIdentityProviderClient({ region: 'local' }),
    dynamo: createDocumentClient({ endpoint: 'http://127.0.0.1:9' }),
    s3: new S3Client({ region: 'local' }),
    kms: new KMSClient({ region: 'local' }),
    secretsManager: new SecretsManagerClient({ region: 'local' }),
    ...given,
  };
}
