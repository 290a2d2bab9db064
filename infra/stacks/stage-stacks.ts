import type { Environment } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config.ts';
import { ApiStack } from './api-stack.ts';
import { AuthStack } from './auth-stack.ts';
import { DataStack } from './data-stack.ts';

/** The stacks of one stage. */
export interface StageStacks {
  readonly data: DataStack;
  readonly auth: AuthStack;
  readonly api: ApiStack;
}

/**
 * Adds one stage's stacks to an app: `<prefix>-Data`, `<prefix>-Auth` and `<prefix>-Api`.
 * Dependencies point one way: Api takes Data's tables and Auth's pool through typed props;
 * Data and Auth know nothing of Api, so the API can be replaced without touching stored data.
 *
 * @param scope - the app
 * @param config - the stage's configuration; its prefix names the stacks
 * @param env - the account and region to deploy to; without it the stacks are
 *   environment-agnostic
 */
export function addStageStacks(scope: Construct, config: StageConfig, env?: Environment): StageStacks {
  const common = {
    config,
    ...(env ? { env } : {}),
    tags: { project: 'bali-disruption', stage: config.stage },
  };
  const data = new DataStack(scope, `${config.stackPrefix}-Data`, {
    ...common,
    description: `Bali Process disruption API: DynamoDB tables (${config.stage})`,
  });
  const auth = new AuthStack(scope, `${config.stackPrefix}-Auth`, {
    ...common,
    description: `Bali Process disruption API: Cognito user pool (${config.stage})`,
  });
  const api = new ApiStack(scope, `${config.stackPrefix}-Api`, {
    ...common,
    description: `Bali Process disruption API: HTTP API and GraphQL function (${config.stage})`,
    tables: data.tables,
    userPool: auth.userPool,
    appClient: auth.appClient,
  });
  return { data, auth, api };
}
