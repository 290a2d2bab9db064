import { Logger } from '@aws-lambda-powertools/logger';
import { buildClientSchema, getIntrospectionQuery, printSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import type { GraphqlContext } from '../../functions/graphql/context.ts';
import { buildServer } from '../../functions/graphql/server.ts';

/**
 * The schema exactly as clients see it: asked of the real Apollo server by introspection, so it is
 * whatever the server makes of the SDL in `schema/*.ts` and the resolvers, not a second reading of
 * the SDL that could differ from it.
 */
export async function servedSchema(): Promise<GraphQLSchema> {
  const server = buildServer({ introspection: true });
  // Introspection reads no data: the request needs only what the request plugins read.
  const contextValue: Partial<GraphqlContext> = {
    requestId: 'schema-snapshot',
    claims: { subject: 'schema-snapshot', groups: [], country: null },
    logger: new Logger({ serviceName: 'schema-snapshot', logLevel: 'SILENT' }),
  };
  const response = await server.executeOperation<IntrospectionQuery>(
    { query: getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, inputValueDeprecation: true }) },
    { contextValue: contextValue as GraphqlContext },
  );
  if (response.body.kind !== 'single' || !response.body.singleResult.data) {
    throw new Error(`introspection failed: ${JSON.stringify(response.body)}`);
  }
  return buildClientSchema(response.body.singleResult.data);
}

/** The SDL of the served schema, as `schema/schema.graphql` keeps it. */
export async function servedSchemaSdl(): Promise<string> {
  return `${printSchema(await servedSchema())}\n`;
}
