/**
 * The CDK app: `cdk synth -c stage=dev|prod` (default dev). Run by cdk.json under Node 24,
 * which strips the TypeScript types natively; there is no compile step.
 *
 * Deployment settings (account and region, alarm e-mail, CORS origins, log retention,
 * throttling) come from context or environment; see `settings.ts` and docs/operations.md.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { stageConfig, stageEnvironment, stageFromContext } from './config.ts';
import { readSettings } from './settings.ts';
import { addStageStacks } from './stacks/stage-stacks.ts';

const app = new App();
try {
  const settings = readSettings({ context: (key) => app.node.tryGetContext(key), env: process.env });
  const config = stageConfig(stageFromContext(app.node.tryGetContext('stage')), settings);
  // The stage's own account and region; prod refuses to go without them, dev may take the
  // CLI's. Either way `cdk synth` runs offline: a pinned environment needs no credentials.
  const { env, notice } = stageEnvironment(config, {
    account: process.env.CDK_DEFAULT_ACCOUNT,
    region: process.env.CDK_DEFAULT_REGION,
  });
  if (notice) console.warn(notice);
  addStageStacks(app, config, env);
} catch (error) {
  // A setting or environment the app refuses: its one line, not a stack trace.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

// Every synth and deploy is checked against AWS Solutions rules; a finding stops it.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
