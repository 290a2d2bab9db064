import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
  PayloadFormatVersion,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { ThrottleLimits } from '../config.ts';

/**
 * One JSON object per request. The caller appears by subject (`sub`) only: never a token, an
 * e-mail address or a request body.
 */
export const accessLogFields = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  sourceIp: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  httpMethod: '$context.httpMethod',
  path: '$context.path',
  routeKey: '$context.routeKey',
  protocol: '$context.protocol',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  subject: '$context.authorizer.claims.sub',
} as const;

/**
 * Headers a browser may send: the bearer token, JSON, and the headers that satisfy Apollo's
 * CSRF prevention.
 */
export const corsAllowHeaders = [
  'authorization',
  'content-type',
  'apollo-require-preflight',
  'x-apollo-operation-name',
];

/** Properties of a {@link GraphqlApi}. */
export interface GraphqlApiProps {
  /** The function behind `GET` and `POST /graphql`. */
  readonly handler: IFunction;
  /** The pool whose tokens the API accepts. */
  readonly userPool: IUserPool;
  /** The client those tokens must have been issued to (their `aud` claim). */
  readonly appClient: IUserPoolClient;
  /** Name of the API in the console. */
  readonly apiName: string;
  /** The stage's throttling. */
  readonly throttle: ThrottleLimits;
  /** Browser origins allowed by CORS; empty allows no cross-origin call at all. */
  readonly allowedOrigins: readonly string[];
  /** How long access logs are kept. */
  readonly logRetention: RetentionDays;
  /** What happens to the access logs when they leave the stack. */
  readonly logRemovalPolicy: RemovalPolicy;
}

/**
 * The HTTP API: `GET` and `POST /graphql`, behind Cognito's JWT authorizer, so a request
 * without a valid token costs nothing and never reaches the function. CORS preflights are
 * answered by API Gateway itself, not by a route. One `$default` stage, throttled, with JSON
 * access logs.
 */
export class GraphqlApi extends Construct {
  /** The HTTP API with its route and authorizer. */
  readonly httpApi: HttpApi;
  /** Its one stage, `$default`. */
  readonly stage: HttpStage;
  /** Where the stage writes one JSON line per request. */
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: GraphqlApiProps) {
    super(scope, id);
    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: props.apiName,
      description: 'Bali Process disruption GraphQL API',
      // The stage is made below, with throttling and access logs.
      createDefaultStage: false,
      // Any route added later is authorized unless it opts out explicitly.
      defaultAuthorizer: new HttpUserPoolAuthorizer('CognitoAuthorizer', props.userPool, {
        userPoolClients: [props.appClient],
      }),
      ...(props.allowedOrigins.length > 0
        ? {
            corsPreflight: {
              allowOrigins: [...props.allowedOrigins],
              allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST],
              allowHeaders: corsAllowHeaders,
              // Bearer tokens, not cookies: the browser sends no credentials on its own.
              allowCredentials: false,
              maxAge: Duration.hours(2),
            },
          }
        : {}),
    });
    // GET for queries (GraphQL over HTTP; urql sends queries so by default), POST for everything.
    this.httpApi.addRoutes({
      path: '/graphql',
      methods: [HttpMethod.GET, HttpMethod.POST],
      integration: new HttpLambdaIntegration('GraphqlIntegration', props.handler, {
        payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
      }),
    });

    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.throttle.rateLimit, burstLimit: props.throttle.burstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(accessLogFields)),
      },
    });
  }

  /** The URL a client posts GraphQL requests to. */
  get graphqlUrl(): string {
    return `${this.httpApi.apiEndpoint}/graphql`;
  }
}
