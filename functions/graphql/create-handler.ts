import { Logger } from '@aws-lambda-powertools/logger';
import { startServerAndCreateLambdaHandler } from '@as-integrations/aws-lambda';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { GraphQLError } from 'graphql';
import { parseClaims, type Claims } from '../shared/domain/claims.ts';
import { randomId, systemClock } from '../shared/runtime/clock.ts';
import { localReadRecordRetentionDays, type Config } from '../shared/runtime/config.ts';
import { createDocumentClient } from '../shared/data/dynamo.ts';
import { limitRequestReads, requestLimits, RequestReads, withRequestReads } from '../shared/data/request-reads.ts';
import { UnauthenticatedError } from '../shared/domain/errors.ts';
import { JpaRepository } from '../jpa/jpa.repository.ts';
import { MembershipRepository } from '../membership/membership.repository.ts';
import { OperationRepository } from '../operation/operation.repository.ts';
import { ReadsRepository } from '../operation/reads.repository.ts';
import { AuditRepository } from '../audit/audit.repository.ts';
import { TermsRepository } from '../terms/terms.repository.ts';
import { RecommendationRepository } from '../recommendation/recommendation.repository.ts';
import { WorkPlanRepository } from '../workplan/workplan.repository.ts';
import { MeetingRepository } from '../meeting/meeting.repository.ts';
import { ReportRepository } from '../report/report.repository.ts';
import { Cursors } from '../shared/runtime/cursors.ts';
import { cursorKeySource } from './cursor-key.ts';
import { createContext, type GraphqlContext, type Services } from './context.ts';
import { shippedDocuments, type DocumentManifest } from './documents.ts';
import { graphqlHttp } from './http.ts';
import { buildServer } from './server.ts';

type CjsApolloServer<T extends object> = Parameters<typeof startServerAndCreateLambdaHandler<never, T>>[0];

/** The GraphQL Lambda as API Gateway (HTTP API, JWT authorizer) and the local server call it. */
export type LambdaHandler = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * Builds the Lambda handler for API Gateway v2 events: once per container, the client,
 * repositories and Apollo server; per request, the claims and the context. The local server
 * calls the same function with its own configuration.
 */
export function createGraphqlHandler(
  config: Config,
  overrides: Partial<Services> = {},
  manifest: DocumentManifest = shippedDocuments,
): LambdaHandler {
  const client =
    overrides.client ?? createDocumentClient({ ...(config.dynamoEndpoint ? { endpoint: config.dynamoEndpoint } : {}) });
  const clock = overrides.clock ?? systemClock;
  const logger = overrides.logger ?? new Logger({ serviceName: 'bali-disruption-graphql' });
  const keys = cursorKeySource(config, clock, (message, error) => logger.warn(message, { error }));
  const services: Services = {
    client,
    membership: new MembershipRepository(client, config.tableNames),
    jpas: new JpaRepository(client, config.tableNames),
    operations: new OperationRepository(client, config.tableNames),
    reads: new ReadsRepository(client, config.tableNames),
    terms: new TermsRepository(client, config.tableNames),
    recommendations: new RecommendationRepository(client, config.tableNames),
    workPlan: new WorkPlanRepository(client, config.tableNames),
    meetings: new MeetingRepository(client, config.tableNames),
    audit: new AuditRepository(client, config.tableNames),
    reports: new ReportRepository(client, config.tableNames),
    cursors: new Cursors(keys, clock),
    clock,
    newId: randomId,
    logger,
    requestLimits,
    readRecordRetentionDays: config.readRecordRetentionDays ?? localReadRecordRetentionDays,
    ...overrides,
  };
  const server = buildServer({ introspection: config.introspection, execution: config.execution });
  limitRequestReads(client);
  const http = graphqlHttp(services.logger, config.documents ?? 'open', manifest);
  // The integration is CommonJS and types the server with @apollo/server's CommonJS declarations;
  // ours is the ESM build of the same class, which TypeScript counts as another type.
  const handle = startServerAndCreateLambdaHandler(
    server as unknown as CjsApolloServer<GraphqlContext>,
    http.requestHandler,
    {
      middleware: [http.middleware],
      // Before Apollo parses anything: first who calls, then whether the documents gate let the request through.
      context: async ({ event, context }) => {
        // The route always has the JWT authorizer; an event without one is a request without identity.
        let claims: Claims;
        try {
          claims = parseClaims(event.requestContext.authorizer?.jwt?.claims);
        } catch (error) {
          if (!(error instanceof UnauthenticatedError)) throw error;
          throw new GraphQLError(error.message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
        }
        const refusal = http.refusalOf(event);
        if (refusal) {
          services.logger.info('graphql request', {
            requestId: context.awsRequestId,
            operationName: null,
            subject: claims.subject,
            outcome: refusal.extensions.code,
          });
          throw refusal;
        }
        return createContext(services, claims, context.awsRequestId);
      },
    },
  );
  // Each request runs with its own account of DynamoDB reads: a budget and a bound on calls in flight.
  return (event, context) =>
    withRequestReads(new RequestReads(services.requestLimits), async () => {
      // Typed as any Lambda handler, which may answer through the callback; this one always returns.
      const result = await handle(event, context, () => {});
      if (!result) throw new Error('the Lambda integration returned no response');
      return result;
    });
}
