import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

/** The stages this app deploys; each is a full, independent copy of the backend. */
export const stages = ['dev', 'prod'] as const;

export type Stage = (typeof stages)[number];

/** Everything that differs between stages, in one place so a difference is never implicit. */
export interface StageConfig {
  readonly stage: Stage;
  /**
   * Prefix of every stack name. It carries the stage so that two stages can live in one
   * account and region without their stacks colliding.
   */
  readonly stackPrefix: string;
  /** What CloudFormation does with stateful resources (tables, user pool, logs) on removal. */
  readonly removalPolicy: RemovalPolicy;
  /** Whether DynamoDB and Cognito refuse deletion, even when asked directly. */
  readonly deletionProtection: boolean;
  /** How long the function's logs are kept. */
  readonly logRetention: RetentionDays;
}

/** The stage when `-c stage=...` is not given: never prod, so a bare `cdk deploy` is harmless. */
export const defaultStage: Stage = 'dev';

const configs: Readonly<Record<Stage, StageConfig>> = {
  dev: {
    stage: 'dev',
    stackPrefix: 'BaliDisruption-dev',
    // dev data is disposable; keeping it would leave orphaned tables after every teardown.
    removalPolicy: RemovalPolicy.DESTROY,
    deletionProtection: false,
    logRetention: RetentionDays.ONE_WEEK,
  },
  prod: {
    stage: 'prod',
    stackPrefix: 'BaliDisruption-prod',
    // Member and audit records must survive a mistaken stack deletion or resource replacement.
    removalPolicy: RemovalPolicy.RETAIN,
    deletionProtection: true,
    logRetention: RetentionDays.THREE_MONTHS,
  },
};

/** Whether a value names one of the {@link stages}. */
export function isStage(value: unknown): value is Stage {
  return typeof value === 'string' && (stages as readonly string[]).includes(value);
}

/**
 * Reads the stage from the `stage` context value (`cdk synth -c stage=prod`). An unknown
 * value fails synthesis rather than quietly deploying a stage nobody configured.
 */
export function stageFromContext(value: unknown): Stage {
  if (value === undefined) return defaultStage;
  if (isStage(value)) return value;
  throw new Error(`unknown stage ${JSON.stringify(value)}: expected one of ${stages.join(', ')}`);
}

/** The configuration of a stage. */
export function stageConfig(stage: Stage): StageConfig {
  return configs[stage];
}
