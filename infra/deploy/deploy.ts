/**
 * `npm run deploy -- --stage dev|prod [cdk deploy options]`: deploys a stage the way
 * docs/adr/0011-references-that-follow-replacements.md decides. First the update-safety check
 * against the deployed stacks, then `cdk deploy --all --force`, so that every stack reading
 * another's output (Api, Archive, Monitoring) is updated even when its own template did not
 * change, and reads the producer's current value.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { stageFromContext, type Stage } from '../config.ts';
import { settingSources } from '../settings.ts';

/** One program the deploy runs, in order; the first that fails stops the rest. */
export interface DeployStep {
  readonly what: string;
  readonly command: string;
  readonly args: readonly string[];
  /** Added to the environment: the settings the check reads from `BALI_*` variables. */
  readonly env: Readonly<Record<string, string>>;
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = (name: string) => `${root}node_modules/.bin/${name}`;

/**
 * The steps of a deploy. Arguments other than `--stage` go to `cdk deploy` as they are
 * (`-c alarmEmail=...`, `--profile`, `--require-approval`).
 */
export function deployPlan(argv: readonly string[]): { readonly stage: Stage; readonly steps: readonly DeployStep[] } {
  const rest: string[] = [];
  let stageArg: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--stage') stageArg = argv[++i];
    else if (arg.startsWith('--stage=')) stageArg = arg.slice('--stage='.length);
    else rest.push(arg);
  }
  if (!stageArg) throw new Error('--stage dev|prod is required: npm run deploy -- --stage prod [cdk deploy options]');
  const stage = stageFromContext(stageArg);
  return {
    stage,
    steps: [
      {
        what: 'update-safety check against the deployed stacks',
        command: bin('node'),
        args: ['infra/deploy/check.ts', '--stage', stage, '--deployed'],
        env: settingEnvironment(rest),
      },
      {
        what: `cdk deploy of every ${stage} stack, consumers forced`,
        command: bin('cdk'),
        args: ['deploy', '--all', '-c', `stage=${stage}`, '--force', ...rest],
        env: {},
      },
    ],
  };
}

/**
 * The settings among `-c key=value` arguments as the `BALI_*` variables that stand in for them,
 * so the check synthesizes with the settings the deploy is given.
 */
function settingEnvironment(args: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  args.forEach((arg, i) => {
    const pair = arg === '-c' || arg === '--context' ? args[i + 1] : undefined;
    const split = pair?.indexOf('=') ?? -1;
    if (pair === undefined || split < 1) return;
    const key = pair.slice(0, split);
    if (Object.hasOwn(settingSources, key))
      env[settingSources[key as keyof typeof settingSources]] = pair.slice(split + 1);
  });
  return env;
}

/**
 * An install with `--ignore-scripts` leaves out the Node 24 that the `node` package downloads in
 * its install script, and cdk.json runs that Node: say so before CDK fails with less.
 */
export function installProblem(nodeBinary = bin('node')): string | undefined {
  if (existsSync(nodeBinary)) return undefined;
  return `${nodeBinary} is missing: the install ran without its scripts. Run \`npm ci\` without --ignore-scripts (the pinned Node 24 is installed by one).`;
}

if (import.meta.main) {
  try {
    const problem = installProblem();
    if (problem) throw new Error(problem);
    const { steps } = deployPlan(process.argv.slice(2));
    for (const step of steps) {
      console.log(`deploy: ${step.what}`);
      const { status } = spawnSync(step.command, step.args, {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, ...step.env },
      });
      if (status !== 0) {
        process.exitCode = status ?? 1;
        console.error(`deploy: stopped, ${step.what} failed`);
        break;
      }
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
