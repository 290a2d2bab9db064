import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { executions, type Execution } from '../functions/shared/runtime/config.ts';
import type { SesSender } from './config.ts';

/**
 * What a deployment says about itself rather than the code: who gets alarms, which front-end
 * origins may call the API, how long logs are kept, how hard the API is throttled. Each value
 * comes from CDK context (`-c alarmEmail=...`) or, failing that, an environment variable
 * (`BALI_ALARM_EMAIL`); whatever is absent keeps the stage's default.
 */
export interface DeploymentSettings {
  /** The 12-digit AWS account the stage deploys to. @default - the stage's in `config.ts` */
  readonly account?: string;
  /** The AWS region the stage deploys to. @default - the stage's in `config.ts` */
  readonly region?: string;
  /** @default - dev and prod: none */
  readonly alarmEmail?: string;
  /** @default - dev: `http://localhost:5173`; prod: none */
  readonly allowedOrigins?: readonly string[];
  /** @default - each allowed origin followed by `/` */
  readonly callbackUrls?: readonly string[];
  /** @default - dev: a week; prod: a year */
  readonly logRetention?: RetentionDays;
  /** @default - dev: 10; prod: 50 requests per second */
  readonly throttleRateLimit?: number;
  /** @default - dev: 20; prod: 100 requests */
  readonly throttleBurstLimit?: number;
  /** @default `bali-disruption-<stage>-<account id>` */
  readonly authDomainPrefix?: string;
  /** @default - dev: 30 days; prod: 7 years */
  readonly readRecordRetentionDays?: number;
  /** @default - dev: 1 day (GOVERNANCE); prod: 7 years (COMPLIANCE) */
  readonly auditArchiveRetentionDays?: number;
  /** From `sesFromAddress` and `sesIdentityArn`, given together. @default - Cognito's own sender */
  readonly sesSender?: SesSender;
  /** The function's GRAPHQL_EXECUTION (docs/adr/0001-graphql-jit-through-the-gateway-interface.md). @default 'jit' */
  readonly graphqlExecution?: Execution;
}

/** The context key of each setting and the environment variable that stands in for it. */
export const settingSources = {
  account: 'BALI_ACCOUNT',
  region: 'BALI_REGION',
  alarmEmail: 'BALI_ALARM_EMAIL',
  allowedOrigins: 'BALI_ALLOWED_ORIGINS',
  callbackUrls: 'BALI_CALLBACK_URLS',
  logRetentionDays: 'BALI_LOG_RETENTION_DAYS',
  throttleRateLimit: 'BALI_THROTTLE_RATE_LIMIT',
  throttleBurstLimit: 'BALI_THROTTLE_BURST_LIMIT',
  authDomainPrefix: 'BALI_AUTH_DOMAIN_PREFIX',
  graphqlExecution: 'BALI_GRAPHQL_EXECUTION',
  readRecordRetentionDays: 'BALI_READ_RECORD_RETENTION_DAYS',
  auditArchiveRetentionDays: 'BALI_AUDIT_ARCHIVE_RETENTION_DAYS',
  sesFromAddress: 'BALI_SES_FROM_ADDRESS',
  sesIdentityArn: 'BALI_SES_IDENTITY_ARN',
} as const;

type SettingKey = keyof typeof settingSources;

/** Where settings are read from: the app's context and the process environment. */
export interface SettingsSource {
  readonly context: (key: string) => unknown;
  readonly env: Readonly<Record<string, string | undefined>>;
}

const accountPattern = /^\d{12}$/;
// A commercial, GovCloud or China partition region: us-east-1, us-gov-west-1, cn-north-1, ap-southeast-2.
const regionPattern = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;
// A verified SES identity: a domain or an address, in an account and region of its own.
const sesIdentityPattern = /^arn:aws[a-z-]*:ses:[a-z0-9-]+:\d{12}:identity\/([^/\s]+)$/;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// An origin is scheme, host and optional port: no path, no wildcard. Plain http only for localhost.
const originPattern = /^(https:\/\/[a-z0-9.-]+|http:\/\/(localhost|127\.0\.0\.1))(:\d{1,5})?$/;
const urlPattern = /^(https:\/\/[a-z0-9.-]+|http:\/\/(localhost|127\.0\.0\.1))(:\d{1,5})?\/\S*$/;
// Cognito's rule for a domain prefix, and its refusal of names that suggest AWS itself.
const domainPrefixPattern = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const retentionDays = new Set<number>(Object.values(RetentionDays).filter((v): v is number => typeof v === 'number'));

/**
 * Reads and checks the settings. A malformed value fails synthesis with the setting's name,
 * so a typo never deploys as a silent default.
 */
export function readSettings(source: SettingsSource): DeploymentSettings {
  const raw = (key: SettingKey): string | undefined => {
    const value = source.context(key) ?? source.env[settingSources[key]];
    if (value === undefined || value === null || String(value).trim() === '') return undefined;
    return String(value).trim();
  };
  const fail = (key: SettingKey, why: string): never => {
    throw new Error(`setting ${key} (context -c ${key}=... or ${settingSources[key]}): ${why}`);
  };
  const list = (key: SettingKey, pattern: RegExp, what: string): string[] | undefined => {
    const value = raw(key);
    if (value === undefined) return undefined;
    const items = value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0);
    for (const item of items) if (!pattern.test(item)) fail(key, `${JSON.stringify(item)} is not ${what}`);
    return items;
  };
  const count = (key: SettingKey): number | undefined => {
    const value = raw(key);
    if (value === undefined) return undefined;
    const parsed = Number(value);
    return Number.isInteger(parsed) && parsed > 0
      ? parsed
      : fail(key, `${JSON.stringify(value)} is not a positive whole number`);
  };

  const account = raw('account');
  if (account !== undefined && !accountPattern.test(account))
    fail('account', `${JSON.stringify(account)} is not a 12-digit AWS account id`);
  const region = raw('region');
  if (region !== undefined && !regionPattern.test(region))
    fail('region', `${JSON.stringify(region)} is not an AWS region such as ap-southeast-2`);
  const alarmEmail = raw('alarmEmail');
  if (alarmEmail !== undefined && !emailPattern.test(alarmEmail))
    fail('alarmEmail', `${JSON.stringify(alarmEmail)} is not an e-mail address`);
  const authDomainPrefix = raw('authDomainPrefix');
  if (
    authDomainPrefix !== undefined &&
    (!domainPrefixPattern.test(authDomainPrefix) || /aws|amazon|cognito/.test(authDomainPrefix))
  ) {
    fail('authDomainPrefix', `${JSON.stringify(authDomainPrefix)} is not a Cognito domain prefix`);
  }
  const days = count('logRetentionDays');
  if (days !== undefined && !retentionDays.has(days)) {
    fail('logRetentionDays', `${days} is not a retention CloudWatch Logs offers (e.g. 7, 30, 90, 365)`);
  }
  const sesSender = readSesSender(raw, fail);
  const execution = raw('graphqlExecution');
  const graphqlExecution = execution === undefined ? undefined : executions.find((known) => known === execution);
  if (execution !== undefined && !graphqlExecution)
    fail('graphqlExecution', `${JSON.stringify(execution)} is not ${executions.join(' or ')}`);
  const settings: DeploymentSettings = {
    account,
    region,
    alarmEmail,
    allowedOrigins: list('allowedOrigins', originPattern, 'an origin such as https://app.example.org'),
    callbackUrls: list('callbackUrls', urlPattern, 'a URL such as https://app.example.org/'),
    logRetention: days as RetentionDays | undefined,
    throttleRateLimit: count('throttleRateLimit'),
    throttleBurstLimit: count('throttleBurstLimit'),
    authDomainPrefix,
    graphqlExecution,
    sesSender,
    readRecordRetentionDays: count('readRecordRetentionDays'),
    auditArchiveRetentionDays: count('auditArchiveRetentionDays'),
  };
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
}

/**
 * The SES sender, when both its settings are given. Cognito refuses a From address the identity
 * does not cover, but only at deploy time; checking here fails the synthesis instead.
 */
function readSesSender(
  raw: (key: SettingKey) => string | undefined,
  fail: (key: SettingKey, why: string) => never,
): SesSender | undefined {
  const fromAddress = raw('sesFromAddress');
  const identityArn = raw('sesIdentityArn');
  if (fromAddress === undefined && identityArn === undefined) return undefined;
  if (fromAddress === undefined) return fail('sesFromAddress', 'is needed with sesIdentityArn');
  if (identityArn === undefined) return fail('sesIdentityArn', 'is needed with sesFromAddress');
  if (!emailPattern.test(fromAddress))
    fail('sesFromAddress', `${JSON.stringify(fromAddress)} is not an e-mail address`);
  const identity = sesIdentityPattern.exec(identityArn)?.[1];
  if (identity === undefined) {
    return fail(
      'sesIdentityArn',
      `${JSON.stringify(identityArn)} is not an SES identity ARN such as arn:aws:ses:ap-southeast-2:111122223333:identity/example.org`,
    );
  }
  const address = fromAddress.toLowerCase();
  const domain = address.slice(address.indexOf('@') + 1);
  const covered = identity.includes('@')
    ? address === identity.toLowerCase()
    : domain === identity.toLowerCase() || domain.endsWith(`.${identity.toLowerCase()}`);
  if (!covered) fail('sesFromAddress', `${JSON.stringify(fromAddress)} is not covered by the SES identity ${identity}`);
  return { fromAddress, identityArn };
}
