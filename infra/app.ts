/**
 * The CDK app: `cdk synth -c stage=dev|prod` (default dev). Run by cdk.json under Node 24,
 * which strips the TypeScript types natively; there is no compile step.
 *
 * Deployment settings (alarm e-mail, CORS origins, log retention, throttling) come from
 * context or environment; see `settings.ts` and docs/operations.md.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { stageConfig, stageFromContext } from './config.ts';
import { readSettings } from './settings.ts';
import { addStageStacks } from './stacks/stage-stacks.ts';

const app = new App();
const settings = readSettings({ context: (key) => app.node.tryGetContext(key), env: process.env });
const config = stageConfig(stageFromContext(app.node.tryGetContext('stage')), settings);

// The CLI's account and region when known; otherwise the stacks stay environment-agnostic,
// which is what lets `cdk synth` run offline without credentials.
addStageStacks(app, config, {
  account: process.env.CDK_DEFAULT_ACCOUNT,
  region: process.env.CDK_DEFAULT_REGION,
});

// Every synth and deploy is checked against AWS Solutions rules; a finding stops it.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
