/**
 * `npm run ops -- <command> --stage <stage> ...`: the operations commands of `cli.ts` with real
 * AWS clients. Region and credentials come from the SDK's usual sources (AWS_PROFILE,
 * AWS_REGION, SSO); nothing here stores or prints a secret.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createDocumentClient } from '../../functions/shared/data/dynamo.ts';
import { runOps } from './cli.ts';

try {
  process.exitCode = await runOps(
    process.argv.slice(2),
    {
      cloudFormation: new CloudFormationClient({}),
      cognito: new CognitoIdentityProviderClient({}),
      dynamo: createDocumentClient(),
      s3: new S3Client({}),
      kms: new KMSClient({}),
      secretsManager: new SecretsManagerClient({}),
    },
    (line) => console.log(line),
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
