import { Annotations, type Environment } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { missingProdSettings, type StageConfig } from '../config.ts';
import { settingSources } from '../settings.ts';
import { stageStackNames } from '../stack-names.ts';
import { ApiStack } from './api-stack.ts';
import { ArchiveStack } from './archive-stack.ts';
import { AuthStack } from './auth-stack.ts';
import { DataStack } from './data-stack.ts';
import { MonitoringStack } from './monitoring-stack.ts';

/** The stacks of one stage. */
export interface StageStacks {
  readonly data: DataStack;
  readonly auth: AuthStack;
  readonly api: ApiStack;
  readonly monitoring: MonitoringStack;
  readonly archive: ArchiveStack;
}

/**
 * Adds one stage's stacks to an app: `<prefix>-Data`, `<prefix>-Auth`, `<prefix>-Api`,
 * `<prefix>-Archive` and `<prefix>-Monitoring`. Dependencies point one way, through typed props:
 *
 * ```
 * Data ◀── Api ◀───── Monitoring
 * Auth ◀──┘  Data ◀──┤
 * Data ◀── Archive ◀─┘
 * ```
 *
 * Data and Auth know nothing of the others, so the API, the archive's functions and the
 * monitoring can be replaced without touching stored data or users.
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
    terminationProtection: config.terminationProtection,
    tags: { project: 'bali-disruption', stage: config.stage },
  };
  const names = stageStackNames(config.stackPrefix);
  const describe = (what: string) => `Bali Process disruption API: ${what} (${config.stage})`;
  const data = new DataStack(scope, names.data, {
    ...common,
    description: describe('DynamoDB tables and their key'),
  });
  const auth = new AuthStack(scope, names.auth, {
    ...common,
    description: describe('Cognito user pool and app client'),
  });
  const api = new ApiStack(scope, names.api, {
    ...common,
    description: describe('HTTP API and GraphQL function'),
    tables: data.tables,
    tableKey: data.dataKey,
    userPool: auth.userPool,
    appClient: auth.appClient,
    authDomain: auth.domain,
  });
  const archive = new ArchiveStack(scope, names.archive, {
    ...common,
    description: describe('write-once archive of the audit trail and read records, daily signed digests'),
    tables: data.tables,
    tableKey: data.dataKey,
  });
  const monitoring = new MonitoringStack(scope, names.monitoring, {
    ...common,
    description: describe('alarms, alarm topic and dashboard'),
    graphqlFunction: api.graphqlFunction.function,
    httpApi: api.api.httpApi,
    tables: data.tables,
    archive: {
      archiveFunction: archive.archiveFunction.function,
      digestFunction: archive.digestFunction.function,
      failedBatches: archive.failedBatches,
    },
  });

  // Synthesis works without them (offline, in CI), but a prod deployment is not complete.
  for (const setting of missingProdSettings(config)) {
    const stack = setting === 'alarmEmail' ? monitoring : api;
    const source = setting as keyof typeof settingSources;
    Annotations.of(stack).addWarningV2(
      `bali:missing-${setting}`,
      `prod has no ${setting}: pass -c ${setting}=... or set ${settingSources[source]} before deploying`,
    );
  }
  return { data, auth, api, monitoring, archive };
}
