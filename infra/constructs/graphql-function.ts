import { fileURLToPath } from 'node:url';
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { tableEnvironment } from '../../functions/shared/config.ts';
import { tableIds, tables, type TableDefinition, type TableId, type TableNames } from '../../functions/shared/tables.ts';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Lets the bundled ESM code `require()` the CommonJS dependencies esbuild inlines; without it
 * they throw "Dynamic require of ... is not supported" at cold start.
 */
const requireBanner = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/**
 * What the function may do on a table it only ever appends to: add items and read them back.
 * PutItem also covers a Put inside TransactWriteItems.
 */
const appendOnlyActions = ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];

/** Properties of a {@link GraphqlFunction}. */
export interface GraphqlFunctionProps {
  /** The tables the resolvers use; their names reach the code through the environment. */
  readonly tables: Readonly<Record<TableId, ITable>>;
  /** How long the function's logs are kept. */
  readonly logRetention: RetentionDays;
  /** What happens to the log group when it leaves the stack. */
  readonly logRemovalPolicy: RemovalPolicy;
}

/**
 * The one Lambda function behind the API: Apollo Server from `functions/graphql/handler.ts`,
 * bundled by esbuild into a single ESM file with every dependency inside (the AWS SDK too, so
 * the code runs against the SDK version it was tested with, not the runtime's).
 */
export class GraphqlFunction extends Construct {
  /** The bundled function; API Gateway invokes it. */
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: GraphqlFunctionProps) {
    super(scope, id);
    const tableNames = Object.fromEntries(
      tableIds.map((tableId) => [tableId, props.tables[tableId].tableName]),
    ) as TableNames;

    this.function = new NodejsFunction(this, 'Function', {
      entry: `${projectRoot}functions/graphql/handler.ts`,
      handler: 'handler',
      projectRoot,
      depsLockFilePath: `${projectRoot}package-lock.json`,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      // More memory is also more CPU, which shortens Apollo's cold start.
      memorySize: 512,
      // Well inside API Gateway's 30-second integration limit.
      timeout: Duration.seconds(10),
      environment: tableEnvironment(tableNames),
      logGroup: new LogGroup(this, 'Logs', {
        retention: props.logRetention,
        removalPolicy: props.logRemovalPolicy,
      }),
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        minify: true,
        sourceMap: false,
        banner: requireBanner,
        mainFields: ['module', 'main'],
        externalModules: [],
        logLevel: LogLevel.WARNING,
      },
    });

    for (const tableId of tableIds) {
      grantTableAccess(this.function, props.tables[tableId], tables[tableId]);
    }
  }
}

/** Read/write on ordinary tables; append and read only where the definition is append-only. */
function grantTableAccess(grantee: IGrantable, table: ITable, definition: TableDefinition): void {
  if (definition.appendOnly) {
    // `grant` covers the table and its indexes, so the audit stream can be queried.
    table.grant(grantee, ...appendOnlyActions);
  } else {
    table.grantReadWriteData(grantee);
  }
}
