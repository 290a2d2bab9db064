import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { DocumentsMode, Execution } from '../functions/shared/runtime/config.ts';
import type { DeploymentSettings } from './settings.ts';

/** The stages this app deploys; each is a full, independent copy of the backend. */
export const stages = ['dev', 'prod'] as const;

export type Stage = (typeof stages)[number];

/** Log levels the function's Powertools logger and Lambda's log filter both understand. */
export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

/** Steady-state requests per second and burst the API's stage accepts before answering 429. */
export interface ThrottleLimits {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

/** Everything that differs between stages, in one place so a difference is never implicit. */
export interface StageConfig {
  readonly stage: Stage;
  /**
   * Prefix of every stack name. It carries the stage so that two stages can live in one
   * account and region without their stacks colliding.
   */
  readonly stackPrefix: string;
  /** What CloudFormation does with stateful resources (tables, keys, user pool, logs) on removal. */
  readonly removalPolicy: RemovalPolicy;
  /** Whether DynamoDB and Cognito refuse deletion, even when asked directly. */
  readonly deletionProtection: boolean;
  /** Whether CloudFormation refuses to delete the stacks (`cdk destroy`). */
  readonly terminationProtection: boolean;
  /** How long function and access logs are kept. */
  readonly logRetention: RetentionDays;
  /** The function's log level. */
  readonly logLevel: LogLevel;
  /** Whether the API answers introspection queries (front-end code generation in dev). */
  readonly introspection: boolean;
  /** The executor the function runs operations with: graphql-jit unless a setting says graphql-js. */
  readonly execution: Execution;
  /**
   * Which documents the API runs (docs/api.md, "Transport"): `open`, any; `trusted`, only the
   * front end's, from the manifest shipped with the function, refused before they are parsed.
   */
  readonly documents: DocumentsMode;
  /** The API stage's throttling. */
  readonly throttle: ThrottleLimits;
  /** Origins of the front end, the only ones CORS lets browsers call the API from. */
  readonly allowedOrigins: readonly string[];
  /** Where Cognito may send users back after sign-in and sign-out. */
  readonly callbackUrls: readonly string[];
  /**
   * How long read records of need-to-know operations are kept (docs/api.md, "Read records"),
   * through the table's TTL.
   */
  readonly readRecordRetentionDays: number;
  /**
   * The write-once archive of the audit trail and the read records: S3 Object Lock's mode and
   * how long each object is locked. COMPLIANCE cannot be shortened or lifted by anyone, root
   * included; GOVERNANCE can be, by a principal allowed to bypass it.
   */
  readonly auditArchive: { readonly mode: 'COMPLIANCE' | 'GOVERNANCE'; readonly retentionDays: number };
  /**
   * Who receives alarm notifications.
   * @default - no subscriber (prod synthesizes with a warning)
   */
  readonly alarmEmail?: string;
  /**
   * Prefix of the Cognito sign-in domain.
   * @default `bali-disruption-<stage>-<account id>`
   */
  readonly authDomainPrefix?: string;
}

/** The stage when `-c stage=...` is not given: never prod, so a bare `cdk deploy` is harmless. */
export const defaultStage: Stage = 'dev';

type StageDefaults = Omit<StageConfig, 'callbackUrls' | 'alarmEmail' | 'authDomainPrefix'>;

const sevenYears = 7 * 365 + 2;

const defaults: Readonly<Record<Stage, StageDefaults>> = {
  dev: {
    stage: 'dev',
    stackPrefix: 'BaliDisruption-dev',
    // dev data is disposable; keeping it would leave orphaned tables after every teardown.
    removalPolicy: RemovalPolicy.DESTROY,
    deletionProtection: false,
    terminationProtection: false,
    logRetention: RetentionDays.ONE_WEEK,
    logLevel: 'DEBUG',
    introspection: true,
    execution: 'jit',
    // Front ends under development send documents the manifest does not have yet.
    documents: 'open',
    throttle: { rateLimit: 10, burstLimit: 20 },
    // A front end under development on Vite's default port; never a prod origin.
    allowedOrigins: ['http://localhost:5173'],
    readRecordRetentionDays: 30,
    // A day's lock still exercises Object Lock; GOVERNANCE lets a test stack be torn down.
    auditArchive: { mode: 'GOVERNANCE', retentionDays: 1 },
  },
  prod: {
    stage: 'prod',
    stackPrefix: 'BaliDisruption-prod',
    // Member and audit records must survive a mistaken stack deletion or resource replacement.
    removalPolicy: RemovalPolicy.RETAIN,
    deletionProtection: true,
    terminationProtection: true,
    // A year of access and function logs: incident reviews reach back months, not days.
    logRetention: RetentionDays.ONE_YEAR,
    logLevel: 'INFO',
    introspection: false,
    execution: 'jit',
    // One known front end: law-enforcement data answers only its documents (OWASP, trusted documents).
    documents: 'trusted',
    // A working group of sixteen countries: far above its peak, far below what would cost money.
    throttle: { rateLimit: 50, burstLimit: 100 },
    // Only from the deployment's settings: an origin in code would be a guess.
    allowedOrigins: [],
    // Seven years (with two leap days), a common retention for law-enforcement case records.
    readRecordRetentionDays: sevenYears,
    auditArchive: { mode: 'COMPLIANCE', retentionDays: sevenYears },
  },
};

/** Settings a prod deployment is incomplete without; synthesis warns when one is missing. */
export function missingProdSettings(config: StageConfig): string[] {
  if (config.stage !== 'prod') return [];
  const missing: string[] = [];
  if (!config.alarmEmail) missing.push('alarmEmail');
  if (config.allowedOrigins.length === 0) missing.push('allowedOrigins');
  return missing;
}

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

/**
 * The configuration of a stage: its defaults, overridden by the deployment's settings (from
 * context or environment, see `settings.ts`). Cognito's callback URLs default to each
 * allowed origin's root.
 */
export function stageConfig(stage: Stage, settings: DeploymentSettings = {}): StageConfig {
  const base = defaults[stage];
  const allowedOrigins = settings.allowedOrigins ?? base.allowedOrigins;
  return {
    ...base,
    ...(settings.logRetention !== undefined ? { logRetention: settings.logRetention } : {}),
    execution: settings.graphqlExecution ?? base.execution,
    throttle: {
      rateLimit: settings.throttleRateLimit ?? base.throttle.rateLimit,
      burstLimit: settings.throttleBurstLimit ?? base.throttle.burstLimit,
    },
    allowedOrigins,
    callbackUrls: settings.callbackUrls ?? allowedOrigins.map((origin) => `${origin}/`),
    readRecordRetentionDays: settings.readRecordRetentionDays ?? base.readRecordRetentionDays,
    auditArchive: {
      mode: base.auditArchive.mode,
      retentionDays: settings.auditArchiveRetentionDays ?? base.auditArchive.retentionDays,
    },
    ...(settings.alarmEmail ? { alarmEmail: settings.alarmEmail } : {}),
    ...(settings.authDomainPrefix ? { authDomainPrefix: settings.authDomainPrefix } : {}),
  };
}
