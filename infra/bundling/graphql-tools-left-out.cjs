// Stands in for @graphql-tools/schema in the Lambda bundle. Apollo imports it only to build a
// schema from typeDefs and resolvers; functions/graphql/schema.ts builds ours with graphql-js and
// hands Apollo the finished schema, so this is never called.
module.exports = {
  makeExecutableSchema() {
    throw new Error('@graphql-tools/schema is not in this bundle: pass Apollo a built schema');
  },
};
