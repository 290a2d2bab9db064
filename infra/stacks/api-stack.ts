import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { HttpApi, HttpMethod, PayloadFormatVersion } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import type { TableId } from '../../functions/shared/tables.ts';
import type { StageConfig } from '../config.ts';
import { GraphqlFunction } from '../constructs/graphql-function.ts';

/** Properties of the {@link ApiStack}: what it takes from the Data and Auth stacks. */
export interface ApiStackProps extends StackProps {
  readonly config: StageConfig;
  /** Every table of the Data stack, by id. */
  readonly tables: Readonly<Record<TableId, ITable>>;
  /** The pool whose ID tokens the API accepts. */
  readonly userPool: IUserPool;
  /** The client those tokens must have been issued to (their `aud` claim). */
  readonly appClient: IUserPoolClient;
}

/**
 * The HTTP API and the GraphQL function behind it. One route, `POST /graphql`, and API Gateway
 * verifies the Cognito JWT before the function runs, so unauthenticated calls cost nothing.
 */
export class ApiStack extends Stack {
  /** The Lambda function that runs Apollo Server. */
  readonly graphqlFunction: GraphqlFunction;
  /** The HTTP API in front of it. */
  readonly httpApi: HttpApi;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.graphqlFunction = new GraphqlFunction(this, 'Graphql', {
      tables: props.tables,
      logRetention: config.logRetention,
      logRemovalPolicy: config.removalPolicy,
    });

    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: `${config.stackPrefix}-api`,
      description: `Bali Process disruption GraphQL API (${config.stage})`,
      // Any route added later is authorized unless it opts out explicitly.
      defaultAuthorizer: new HttpUserPoolAuthorizer('CognitoAuthorizer', props.userPool, {
        userPoolClients: [props.appClient],
      }),
    });
    this.httpApi.addRoutes({
      path: '/graphql',
      methods: [HttpMethod.POST],
      integration: new HttpLambdaIntegration('GraphqlIntegration', this.graphqlFunction.function, {
        payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
      }),
    });

    // Everything a client needs to talk to this stage, in one stack's outputs.
    new CfnOutput(this, 'GraphqlUrl', { value: `${this.httpApi.apiEndpoint}/graphql` });
    new CfnOutput(this, 'UserPoolId', { value: props.userPool.userPoolId });
    new CfnOutput(this, 'AppClientId', { value: props.appClient.userPoolClientId });
    new CfnOutput(this, 'Region', { value: this.region });
  }
}
