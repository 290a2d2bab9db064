/**
 * The CDK app: `cdk synth -c stage=dev|prod` (default dev). Run by cdk.json under Node 24,
 * which strips the TypeScript types natively; there is no compile step.
 */
import { App } from 'aws-cdk-lib';
import { stageConfig, stageFromContext } from './config.ts';
import { addStageStacks } from './stacks/stage-stacks.ts';

const app = new App();
const config = stageConfig(stageFromContext(app.node.tryGetContext('stage')));

// The CLI's account and region when known; otherwise the stacks stay environment-agnostic,
// which is what lets `cdk synth` run offline without credentials.
addStageStacks(app, config, {
  account: process.env.CDK_DEFAULT_ACCOUNT,
  region: process.env.CDK_DEFAULT_REGION,
});
