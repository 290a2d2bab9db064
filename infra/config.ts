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

/**
 * The AWS account and region a stage deploys to. Pinned, so that a synthesis names its region
 * everywhere (the token issuer, asset locations, stack outputs) and the CDK CLI refuses
 * credentials of any other account before it changes anything.
 */
export interface PinnedEnvironment {
  /** 12-digit account id. */
  readonly account?: string;
  /** Region, e.g. `ap-southeast-2`. */
  readonly region?: string;
}

/**
 * Cognito's mail through Amazon SES instead of its default sender (50 mails a day, a shared
 * address that government mail filters often quarantine).
 */
export interface SesSender {
  /** The From address, in the SES identity's domain (or the identity itself). */
  readonly fromAddress: string;
  /** ARN of the verified SES identity (domain or address) Cognito sends through. */
  readonly identityArn: string;
}

/** Everything that differs between stages, in one place so a difference is never implicit. */
export interface StageConfig {
  readonly stage: Stage;
  /** Where the stage deploys; see {@link stageEnvironment}. */
  readonly environment: PinnedEnvironment;
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
  /** @default - Cognito's own sender */
  readonly sesSender?: SesSender;
}

/** The stage when `-c stage=...` is not given: never prod, so a bare `cdk deploy` is harmless. */
export const defaultStage: Stage = 'dev';

type StageDefaults = Omit<StageConfig, 'callbackUrls' | 'alarmEmail' | 'authDomainPrefix' | 'sesSender'>;

const sevenYears = 7 * 365 + 2;

const defaults: Readonly<Record<Stage, StageDefaults>> = {
  dev: {
    stage: 'dev',
    // Name the dev account and region here, e.g. { account: '111122223333', region: 'ap-southeast-2' },
    // or pass them as settings; unpinned, dev deploys where the CLI's credentials point.
    environment: {},
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
    // Name the prod account and region here once they exist, or pass them as settings
    // (-c account=... -c region=...); prod refuses to synthesize without both.
    environment: {},
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
    environment: {
      ...base.environment,
      ...(settings.account ? { account: settings.account } : {}),
      ...(settings.region ? { region: settings.region } : {}),
    },
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
    ...(settings.sesSender ? { sesSender: settings.sesSender } : {}),
  };
}

/** Where a synthesis puts a stage's stacks, and what it tells the person running it. */
export interface StageEnvironment {
  /** Account and region, both known; absent: environment-agnostic stacks (dev, offline). */
  readonly env?: { readonly account: string; readonly region: string };
  /** A line for the person synthesizing when the stage is not pinned. */
  readonly notice?: string;
}

/**
 * The account and region a stage's stacks are synthesized for. A pinned stage uses its own.
 * Prod must be pinned: the CLI's defaults (`CDK_DEFAULT_ACCOUNT`, `CDK_DEFAULT_REGION`) are
 * whatever profile happens to be active, us-east-1 when none is, so a prod synthesis from them
 * could land in the dev account or the wrong region. Dev may fall back on them, and says so.
 *
 * @param cli - the CLI's defaults (`CDK_DEFAULT_ACCOUNT`, `CDK_DEFAULT_REGION`), when known
 */
export function stageEnvironment(config: StageConfig, cli: PinnedEnvironment): StageEnvironment {
  const { account, region } = config.environment;
  if (account && region) return { env: { account, region } };
  const how = `name them in infra/config.ts, or pass -c account=<12 digits> -c region=<region> (or set BALI_ACCOUNT and BALI_REGION)`;
  if (config.stage === 'prod') {
    const missing = [account ? undefined : 'account', region ? undefined : 'region'].filter(Boolean).join(' and ');
    throw new Error(`prod needs its AWS account and region, and has no ${missing}: ${how}`);
  }
  const fallback = { account: account ?? cli.account, region: region ?? cli.region };
  if (fallback.account && fallback.region) {
    return {
      env: { account: fallback.account, region: fallback.region },
      notice: `${config.stage} is not pinned: its stacks go to account ${fallback.account} in ${fallback.region}, the CLI's; to pin it, ${how}`,
    };
  }
  return {
    notice: `${config.stage} is not pinned and the CLI knows no account and region: its stacks are environment-agnostic; to pin it, ${how}`,
  };
}
