import { tableIds, tables, type TableNames } from '../data/tables.ts';

/** What the function needs from its environment, read and checked once per container. */
export interface Config {
  readonly tableNames: TableNames;
  /** Set locally (DynamoDB Local); unset on AWS, where the SDK finds the regional endpoint. */
  readonly dynamoEndpoint?: string;
  /** Introspection is a development aid; the Lambda leaves it off unless told otherwise. */
  readonly introspection: boolean;
  /**
   * The key that signs cursors: on AWS a Secrets Manager secret, named here by ARN and fetched
   * when first needed; locally and in tests, the key itself.
   */
  readonly cursorKey: { readonly secretArn: string } | { readonly key: Uint8Array };
  /**
   * Which executor runs operations: graphql-jit (the default) or Apollo's own graphql-js, to
   * tell an executor's bug from the API's (docs/adr/0001-graphql-jit-through-the-gateway-interface.md).
   */
  readonly execution?: Execution;
  /**
   * How long read records of operations are kept, in days (the stage's setting, infra/config.ts).
   * On AWS always given (READ_RECORD_RETENTION_DAYS); the local server and tests leave it to
   * {@link localReadRecordRetentionDays}.
   */
  readonly readRecordRetentionDays?: number;
  /**
   * Which documents run (docs/api.md, "Transport"): `open`, any; `trusted`, only those of the
   * manifest of the front end's documents. On AWS always given (DOCUMENTS, the stage's setting);
   * the local server and tests leave it to `open`.
   */
  readonly documents?: DocumentsMode;
}

/** The retention of read records where no stage sets one: the local server and tests. */
export const localReadRecordRetentionDays = 30;

export const executions = ['jit', 'graphql-js'] as const;
export type Execution = (typeof executions)[number];

export const documentsModes = ['open', 'trusted'] as const;
export type DocumentsMode = (typeof documentsModes)[number];

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads the configuration from environment variables. A missing table name fails here with a
 * message naming the variable, rather than becoming `''` and a puzzling DynamoDB error later.
 */
export function readConfig(env: Record<string, string | undefined>): Config {
  const missing = [
    ...tableIds.map((id) => tables[id].envVar),
    'CURSOR_SECRET_ARN',
    'READ_RECORD_RETENTION_DAYS',
    // No default on AWS: a deployment that lost the setting must not quietly run any document.
    'DOCUMENTS',
  ].filter((name) => !env[name]);
  if (missing.length > 0) throw new ConfigError(`missing environment variables: ${missing.join(', ')}`);
  const tableNames = Object.fromEntries(tableIds.map((id) => [id, env[tables[id].envVar]])) as TableNames;
  const endpoint = env.DYNAMODB_ENDPOINT;
  return {
    tableNames,
    ...(endpoint ? { dynamoEndpoint: endpoint } : {}),
    introspection: env.GRAPHQL_INTROSPECTION === 'true',
    cursorKey: { secretArn: env.CURSOR_SECRET_ARN as string },
    execution: readExecution(env),
    readRecordRetentionDays: readRetentionDays(env.READ_RECORD_RETENTION_DAYS as string),
    documents: readDocumentsMode(env),
  };
}

/**
 * READ_RECORD_RETENTION_DAYS: a whole number of days from 1. Anything else fails the start: a
 * read record kept shorter than the stage asks would be evidence lost without a word.
 */
function readRetentionDays(value: string): number {
  const days = Number(value);
  if (!/^[0-9]+$/.test(value) || days < 1)
    throw new ConfigError(
      `READ_RECORD_RETENTION_DAYS must be a whole number of days from 1, not ${JSON.stringify(value)}`,
    );
  return days;
}

/** GRAPHQL_EXECUTION: unset is `jit`; anything but `jit` or `graphql-js` fails the start, naming both. */
export function readExecution(env: Record<string, string | undefined>): Execution {
  const value = env.GRAPHQL_EXECUTION;
  if (value === undefined || value === '') return 'jit';
  const execution = executions.find((known) => known === value);
  if (!execution)
    throw new ConfigError(`GRAPHQL_EXECUTION must be ${executions.join(' or ')}, not ${JSON.stringify(value)}`);
  return execution;
}

/**
 * DOCUMENTS: unset is `open` (the local server's default; readConfig refuses it unset before
 * asking); anything but `open` or `trusted` fails the start, naming both.
 */
export function readDocumentsMode(env: Record<string, string | undefined>): DocumentsMode {
  const value = env.DOCUMENTS;
  if (value === undefined || value === '') return 'open';
  const mode = documentsModes.find((known) => known === value);
  if (!mode) throw new ConfigError(`DOCUMENTS must be ${documentsModes.join(' or ')}, not ${JSON.stringify(value)}`);
  return mode;
}

/** The environment variables that hand these table names to a function. */
export function tableEnvironment(names: TableNames): Record<string, string> {
  return Object.fromEntries(tableIds.map((id) => [tables[id].envVar, names[id]]));
}
