import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { IUserPool, IUserPoolClient, IUserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { TableId } from '../../functions/shared/data/tables.ts';
import type { StageConfig } from '../config.ts';
import { cursorKeyOutputName } from '../stack-names.ts';
import { GraphqlApi } from '../constructs/graphql-api.ts';
import { GraphqlFunction } from '../constructs/graphql-function.ts';

/** Properties of the {@link ApiStack}: what it takes from the Data and Auth stacks. */
export interface ApiStackProps extends StackProps {
  readonly config: StageConfig;
  /** Every table of the Data stack, by id. */
  readonly tables: Readonly<Record<TableId, ITable>>;
  /** The key the tables are encrypted under. */
  readonly tableKey: IKey;
  /** The pool whose ID tokens the API accepts. */
  readonly userPool: IUserPool;
  /** The client those tokens must have been issued to (their `aud` claim). */
  readonly appClient: IUserPoolClient;
  /** The hosted sign-in domain, published for the front end. */
  readonly authDomain: IUserPoolDomain;
}

/**
 * The GraphQL function and the HTTP API in front of it, and the outputs a front end is
 * configured from. Depends on the Data and Auth stacks; neither depends on it, so the API can
 * be replaced without touching stored data or users.
 */
export class ApiStack extends Stack {
  /** The Lambda function that runs Apollo Server. */
  readonly graphqlFunction: GraphqlFunction;
  /** The HTTP API in front of it. */
  readonly api: GraphqlApi;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.graphqlFunction = new GraphqlFunction(this, 'Graphql', {
      tables: props.tables,
      tableKey: props.tableKey,
      logRetention: config.logRetention,
      logRemovalPolicy: config.removalPolicy,
      logLevel: config.logLevel,
      introspection: config.introspection,
      execution: config.execution,
      readRecordRetentionDays: config.readRecordRetentionDays,
      documents: config.documents,
    });

    this.api = new GraphqlApi(this, 'Api', {
      handler: this.graphqlFunction.function,
      userPool: props.userPool,
      appClient: props.appClient,
      apiName: `${config.stackPrefix}-api`,
      throttle: config.throttle,
      allowedOrigins: config.allowedOrigins,
      logRetention: config.logRetention,
      logRemovalPolicy: config.removalPolicy,
    });

    // Everything a front end needs to talk to this stage, in one stack's outputs
    // (`cdk deploy --outputs-file` writes them as JSON).
    const outputs: Record<string, [value: string, description: string]> = {
      GraphqlUrl: [
        this.api.graphqlUrl,
        'POST (or GET, for queries) GraphQL requests here, with the ID token as Bearer token',
      ],
      UserPoolId: [props.userPool.userPoolId, 'Cognito user pool id'],
      AppClientId: [props.appClient.userPoolClientId, 'Cognito app client id (public client, code flow with PKCE)'],
      AuthDomain: [
        `${props.authDomain.domainName}.auth.${this.region}.amazoncognito.com`,
        'Host of the sign-in pages and OAuth endpoints',
      ],
      Region: [this.region, 'AWS region of the API and the user pool'],
    };
    for (const [name, [value, description]] of Object.entries(outputs))
      new CfnOutput(this, name, { value, description });
    // For `npm run ops -- rotate-cursor-key`, not for front ends: an ARN, not the secret.
    new CfnOutput(this, cursorKeyOutputName, {
      value: this.graphqlFunction.cursorSecret.secretArn,
      description: 'Secrets Manager secret holding the cursor keys (npm run ops -- rotate-cursor-key)',
    });
  }
}
