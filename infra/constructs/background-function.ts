import type { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ApplicationLogLevel, Architecture, LoggingFormat, Runtime, SystemLogLevel } from 'aws-cdk-lib/aws-lambda';
import {
  LogLevel as BundlingLogLevel,
  NodejsFunction,
  OutputFormat,
  type BundlingOptions,
} from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { LogLevel } from '../config.ts';
import { functionBundle, projectRoot } from '../bundling/function-bundle.ts';

/**
 * The settings of infra/bundling/function-bundle.ts as NodejsFunction takes them: one minified ESM
 * file with every dependency inside, the SDK included, built as the GraphQL function is.
 */
export function functionBundling(): BundlingOptions {
  return {
    format: OutputFormat.ESM,
    target: functionBundle.target,
    minify: functionBundle.minify,
    sourceMap: functionBundle.sourcemap,
    banner: functionBundle.banner,
    define: { ...functionBundle.define },
    mainFields: [...functionBundle.mainFields],
    externalModules: [],
    esbuildArgs: Object.fromEntries(
      Object.entries(functionBundle.alias).map(([name, path]) => [`--alias:${name}`, path]),
    ),
    logLevel: BundlingLogLevel.WARNING,
  };
}

/** Properties of a {@link BackgroundFunction}. */
export interface BackgroundFunctionProps {
  /** The handler module, from the project root (`functions/archive/archive.stream-handler.ts`). */
  readonly entry: string;
  /** What the function and its role are for. */
  readonly description: string;
  /** The name its Powertools logs carry as `service`. */
  readonly serviceName: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly logRetention: RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
  readonly logLevel: LogLevel;
}

/**
 * A function off the request path (the archive's): Node 24 on ARM64, bundled as the GraphQL function
 * is, Powertools JSON logs in a log group of its own, and a role of its own that starts with nothing
 * but that log group. No tracing: nobody waits on these functions, and X-Ray's actions would be the
 * role's only wildcard.
 */
export class BackgroundFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: BackgroundFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: props.description,
    });
    this.logGroup.grantWrite(this.role);
    this.function = new NodejsFunction(this, 'Function', {
      description: props.description,
      entry: `${projectRoot}${props.entry}`,
      handler: 'handler',
      projectRoot,
      depsLockFilePath: `${projectRoot}package-lock.json`,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      environment: {
        ...props.environment,
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_LOG_LEVEL: props.logLevel,
      },
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel[props.logLevel],
      systemLogLevelV2: SystemLogLevel.INFO,
      bundling: functionBundling(),
    });
  }
}
