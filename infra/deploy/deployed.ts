import {
  DescribeStacksCommand,
  GetTemplateCommand,
  type CloudFormationClient,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { Arn, ArnFormat } from 'aws-cdk-lib';
import type { PinnedEnvironment, StageTemplates, Template } from './synthesize.ts';

/** What CloudFormation holds for a stage's stacks. */
export interface DeployedStage {
  /** The templates of the stacks that are deployed, by stack name. */
  readonly templates: StageTemplates;
  /** Where they are deployed, from their stack ids; undefined when none is. */
  readonly env: PinnedEnvironment | undefined;
}

async function describe(cloudFormation: CloudFormationClient, stackName: string): Promise<Stack | undefined> {
  try {
    const { Stacks: stacks } = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
    return stacks?.[0];
  } catch (error) {
    // CloudFormation's answer for a stack that is not there is a ValidationError saying so.
    if (error instanceof Error && /does not exist/.test(error.message)) return undefined;
    throw error;
  }
}

/**
 * Reads the templates of a stage's deployed stacks as they were submitted (`TemplateStage:
 * Original`, what `cdk deploy` uploaded), and the account and region they live in. A stack that
 * does not exist, or that a change set created without ever executing it, is not deployed.
 */
export async function readDeployed(
  cloudFormation: CloudFormationClient,
  stackNames: readonly string[],
): Promise<DeployedStage> {
  const templates: Record<string, Template> = {};
  const envs = new Map<string, PinnedEnvironment>();
  for (const stackName of stackNames) {
    const stack = await describe(cloudFormation, stackName);
    if (!stack?.StackId || stack.StackStatus === 'REVIEW_IN_PROGRESS') continue;
    const { account, region } = Arn.split(stack.StackId, ArnFormat.SLASH_RESOURCE_NAME);
    if (account && region) envs.set(`${account}/${region}`, { account, region });
    const { TemplateBody: body } = await cloudFormation.send(
      new GetTemplateCommand({ StackName: stackName, TemplateStage: 'Original' }),
    );
    try {
      templates[stackName] = JSON.parse(body ?? '') as Template;
    } catch {
      throw new Error(`the deployed template of ${stackName} is not JSON, so it was not deployed by this app`);
    }
  }
  if (envs.size > 1) {
    throw new Error(`the stage's stacks are deployed in more than one place: ${[...envs.keys()].join(', ')}`);
  }
  return { templates, env: envs.values().next().value };
}
