import { ApolloServer } from '@apollo/server';
import { handlers, startServerAndCreateLambdaHandler } from '@as-integrations/aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

/**
 * The least a GraphQL-over-DynamoDB Lambda can be: a bare Apollo Server 5 handler whose one field
 * does one GetItem through the Document Client. The benchmark's baseline; never deployed.
 * The endpoint comes from AWS_ENDPOINT_URL_DYNAMODB, the table from TABLE.
 */
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));

const server = new ApolloServer({
  typeDefs: 'type Query { item(pk: String!, sk: String!): String }',
  resolvers: {
    Query: {
      item: async (_: unknown, key: { pk: string; sk: string }) => {
        const output = await client.send(new GetCommand({ TableName: process.env.TABLE, Key: key }));
        return output.Item ? JSON.stringify(output.Item) : null;
      },
    },
  },
});

// The integration types the server with @apollo/server's CommonJS declarations (see functions/graphql/create-handler.ts).
type CjsApolloServer = Parameters<typeof startServerAndCreateLambdaHandler>[0];
export const handler = startServerAndCreateLambdaHandler(
  server as unknown as CjsApolloServer,
  handlers.createAPIGatewayProxyEventV2RequestHandler(),
);
