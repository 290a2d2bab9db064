import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { commonTypeDefs } from '../../schema/common.ts';
import { jpaTypeDefs } from '../../schema/jpa.ts';
import { membershipTypeDefs } from '../../schema/membership.ts';
import { operationTypeDefs } from '../../schema/operation.ts';
import { auditTypeDefs } from '../../schema/audit.ts';
import { termsTypeDefs } from '../../schema/terms.ts';
import { nodeTypeDefs } from '../../schema/node.ts';
import { recommendationTypeDefs } from '../../schema/recommendation.ts';
import { workPlanTypeDefs } from '../../schema/workplan.ts';
import { meetingTypeDefs } from '../../schema/meeting.ts';
import { reportTypeDefs } from '../../schema/report.ts';
import { auditResolvers } from '../audit/audit.resolvers.ts';
import { termsResolvers } from '../terms/terms.resolvers.ts';
import { jpaResolvers } from '../jpa/jpa.resolvers.ts';
import { operationResolvers } from '../operation/operation.resolvers.ts';
import { membershipResolvers } from '../membership/membership.resolvers.ts';
import { nodeResolvers } from '../node/node.resolvers.ts';
import { recommendationResolvers } from '../recommendation/recommendation.resolvers.ts';
import { workPlanResolvers } from '../workplan/workplan.resolvers.ts';
import { meetingResolvers } from '../meeting/meeting.resolvers.ts';
import { reportResolvers } from '../report/report.resolvers.ts';
import type { Execution } from '../shared/runtime/config.ts';
import type { GraphqlContext } from './context.ts';
import { costLimit } from './cost.ts';
import { formatError } from './errors.ts';
import { executorOptions } from './executor.ts';
import { limitRules, limits } from './limits.ts';
import { requestLogging } from './logging.ts';
import { readRecords } from './read-records.ts';
import { buildSchema } from './schema.ts';
import { scalarResolvers } from './scalars.ts';

export const typeDefs = [
  commonTypeDefs,
  membershipTypeDefs,
  jpaTypeDefs,
  operationTypeDefs,
  termsTypeDefs,
  auditTypeDefs,
  nodeTypeDefs,
  recommendationTypeDefs,
  workPlanTypeDefs,
  meetingTypeDefs,
  reportTypeDefs,
];

export interface ServerOptions {
  /** Off on AWS unless configured; on for the local server. */
  readonly introspection: boolean;
  /**
   * `jit` (the default): operations compiled by graphql-jit (./executor.ts). `graphql-js`:
   * Apollo's own execution, to tell a bug of the compiler from one of the API.
   */
  readonly execution?: Execution;
}

/**
 * The Apollo server with every domain's schema and resolvers, errors masked in one place, and
 * operations run by the executor `options.execution` names. Everything but the executor is the
 * same under both: parsing, validation and limits, plugins (cost included), error formatting.
 */
export function buildServer(options: ServerOptions): ApolloServer<GraphqlContext> {
  const schema = buildSchema(typeDefs, [
    scalarResolvers,
    membershipResolvers,
    jpaResolvers,
    operationResolvers,
    termsResolvers,
    auditResolvers,
    nodeResolvers,
    recommendationResolvers,
    workPlanResolvers,
    meetingResolvers,
    reportResolvers,
  ]);
  return new ApolloServer<GraphqlContext>({
    ...executorOptions(options.execution ?? 'jit', schema, typeDefs.join('\n')),
    formatError,
    introspection: options.introspection,
    validationRules: limitRules,
    parseOptions: { maxTokens: limits.tokens },
    // A request that a browser would have preflighted (CORS) is no cross-site forgery: a non-simple
    // content type, or one of these headers. The bearer token's Authorization header is one, so
    // GET queries (which carry no content type) pass; docs/api.md says why both checks exist.
    csrfPrevention: { requestHeaders: ['authorization', 'x-apollo-operation-name', 'apollo-require-preflight'] },
    // Documents by id come from the manifest (./documents.ts); nothing a client sends is stored.
    persistedQueries: false,
    allowBatchedHttpRequests: false,
    // Lambda leaves NODE_ENV unset, so each of these is set here rather than left to defaults.
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    // Nothing is reported to Apollo's services, even if an APOLLO_KEY turns up in the environment:
    // the bundle leaves their code out (infra/bundling/function-bundle.ts).
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      requestLogging,
      // The estimated cost, once the operation and its variables are known: MAX_COST_EXCEEDED.
      costLimit,
      // Read records of the operations a response carries, written before it is sent.
      readRecords,
    ],
  });
}
