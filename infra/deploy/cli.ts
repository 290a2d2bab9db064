import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { stageConfig, stageFromContext, stages, type Stage } from '../config.ts';
import { readSettings } from '../settings.ts';
import { stageStackNames } from '../stack-names.ts';
import { readDeployed, type DeployedStage } from './deployed.ts';
import { readReleased, releasedDir, releasedRoot, writeReleased } from './released.ts';
import { compareStage, type ChangeCounts, type Refusal, type StackChanges } from './rules.ts';
import { placeholderEnvironment, synthesizeStage, type SynthesisOptions, type StageTemplates } from './synthesize.ts';

export const checkUsage = `Usage: npm run deploy:check [-- --stage dev|prod] [--deployed]

Synthesizes each stage (both without --stage) from this checkout and compares its templates
with the released ones in infra/released/<stage>/, or with --deployed with the templates of the
deployed stacks (AWS SDK credentials and region; deployment settings from the BALI_* variables).
Refuses, and exits with status 1, on what an update cannot do safely: replacing or removing a
table, user pool, KMS key, log group, secret, bucket or queue; creating or deleting more than one
index of a table at once; changing what Cognito fixes when a pool is created; removing an output
another stack reads. docs/operations.md, "Before every deploy: the update-safety check".`;

export const acceptUsage = `Usage: npm run deploy:accept [-- --stage dev|prod]

After review, records each stage's templates (both without --stage), synthesized from this
checkout, as the released ones in infra/released/<stage>/, and says what changed.`;

/** What the commands use from outside; tests hand in their own. */
export interface DeployCommandDependencies {
  /** @default infra/released */
  readonly releasedRoot?: string;
  /** @default {@link synthesizeStage} */
  readonly synthesize?: (stage: Stage, options?: SynthesisOptions) => StageTemplates;
  /** Made only for `--deployed`, which needs it. */
  readonly cloudFormation?: () => CloudFormationClient;
  /** Where `--deployed` reads the deployment settings from. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** One line per refusal, naming the stack, the resource or output, and the reason. */
export function refusalLine(refusal: Refusal): string {
  return `refused: ${refusal.stack} ${refusal.logicalId} (${refusal.type}): ${refusal.reason}`;
}

/** How a stack that only one side has is described, by what the other side is. */
const unmatched = {
  released: { new: 'not in the released templates: a first deploy', removed: 'no longer in the app: deleted' },
  deployed: { new: 'not deployed yet: a first deploy', removed: 'no longer in the app: deleted' },
  accepted: {
    new: 'added to the released templates',
    removed: 'no longer in the app: removed from the released templates',
  },
} as const;

function changesLine({ stack, status, resources, outputs }: StackChanges, side: keyof typeof unmatched): string {
  if (status !== 'compared') return `  ${stack}: ${unmatched[side][status]}`;
  const section = (name: string, { added, updated, removed }: ChangeCounts) => {
    const counts = [
      ...(added > 0 ? [`${added} added`] : []),
      ...(updated > 0 ? [`${updated} changed`] : []),
      ...(removed > 0 ? [`${removed} removed`] : []),
    ];
    return counts.length > 0 ? [`${name} ${counts.join(', ')}`] : [];
  };
  const changes = [...section('resources', resources), ...section('outputs', outputs)];
  return `  ${stack}: ${changes.length > 0 ? changes.join('; ') : 'unchanged'}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The options parseArgs found; a mistyped one fails with the command's usage. */
function parsed<T>(usage: string, parse: () => { values: T }): T {
  try {
    return parse().values;
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : error}\n\n${usage}`);
  }
}

function cloudFormationOf(dependencies: DeployCommandDependencies): CloudFormationClient {
  if (!dependencies.cloudFormation) throw new Error('--deployed needs a CloudFormation client');
  return dependencies.cloudFormation();
}

/** The stage's deployed stacks, and the region they were looked for in; AWS's refusal said plainly. */
async function readDeployedStage(
  client: CloudFormationClient,
  stage: Stage,
): Promise<{ region: string; deployed: DeployedStage }> {
  try {
    const region = await client.config.region();
    const names = Object.values(stageStackNames(stageConfig(stage).stackPrefix));
    return { region, deployed: await readDeployed(client, names) };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(
      `--deployed could not read the ${stage} stacks from CloudFormation (credentials and region from AWS_PROFILE, AWS_REGION, ...): ${why}`,
    );
  }
}

function chosenStages(stage: string | undefined): readonly Stage[] {
  return stage === undefined ? stages : [stageFromContext(stage)];
}

/**
 * `npm run deploy:check`: compares and refuses, stage by stage.
 *
 * @returns the exit status: 1 when anything was refused, else 0
 */
export async function runCheck(
  argv: readonly string[],
  dependencies: DeployCommandDependencies,
  log: (line: string) => void,
): Promise<number> {
  const values = parsed(checkUsage, () =>
    parseArgs({ args: [...argv], options: { stage: { type: 'string' }, deployed: { type: 'boolean' } } }),
  );
  const root = dependencies.releasedRoot ?? releasedRoot;
  const synthesize = dependencies.synthesize ?? synthesizeStage;
  const baseline = values.deployed ? 'deployed' : 'released';
  const client = values.deployed ? cloudFormationOf(dependencies) : undefined;
  let refused = 0;
  for (const stage of chosenStages(values.stage)) {
    let before: StageTemplates;
    let after: StageTemplates;
    if (client) {
      const { region, deployed } = await readDeployedStage(client, stage);
      if (!deployed.env) {
        log(`${stage}: none of its stacks is deployed in ${region}: a first deploy, nothing to compare`);
        continue;
      }
      const settings = readSettings({ context: () => undefined, env: dependencies.env ?? process.env });
      before = deployed.templates;
      after = synthesize(stage, { env: deployed.env, settings });
      log(
        `${stage}: this checkout, synthesized for ${deployed.env.account} in ${deployed.env.region}, against the deployed stacks' templates`,
      );
    } else {
      const released = readReleased(root, stage);
      const where = relative(process.cwd(), releasedDir(root, stage));
      if (!released) {
        log(
          `refused: ${stage} has no released templates in ${where}: review the first release, then record it with npm run deploy:accept -- --stage ${stage}`,
        );
        refused += 1;
        continue;
      }
      before = released;
      after = synthesize(stage);
      log(
        `${stage}: this checkout, synthesized for ${placeholderEnvironment.account} in ${placeholderEnvironment.region}, against the released templates in ${where}`,
      );
    }
    const comparison = compareStage(before, after, baseline);
    for (const stack of comparison.stacks) log(changesLine(stack, baseline));
    for (const refusal of comparison.refusals) log(refusalLine(refusal));
    log(
      comparison.refusals.length === 0
        ? `${stage}: nothing refused`
        : `${stage}: ${plural(comparison.refusals.length, 'change')} refused`,
    );
    refused += comparison.refusals.length;
  }
  if (refused > 0) {
    log(
      'Each refused change needs another way to deploy it: docs/operations.md, "Before every deploy: the update-safety check".',
    );
  }
  return refused > 0 ? 1 : 0;
}

/**
 * `npm run deploy:accept`: writes the released templates after review.
 *
 * @returns the exit status, 0
 */
export async function runAccept(
  argv: readonly string[],
  dependencies: DeployCommandDependencies,
  log: (line: string) => void,
): Promise<number> {
  const values = parsed(acceptUsage, () => parseArgs({ args: [...argv], options: { stage: { type: 'string' } } }));
  const root = dependencies.releasedRoot ?? releasedRoot;
  const synthesize = dependencies.synthesize ?? synthesizeStage;
  for (const stage of chosenStages(values.stage)) {
    const before = readReleased(root, stage) ?? {};
    const after = synthesize(stage);
    const comparison = compareStage(before, after);
    writeReleased(root, stage, after);
    log(`${stage}: released templates written to ${relative(process.cwd(), releasedDir(root, stage))}`);
    for (const stack of comparison.stacks) log(changesLine(stack, 'accepted'));
    for (const refusal of comparison.refusals) log(`accepted after review: ${refusalLine(refusal)}`);
  }
  return 0;
}
