// Stands in for fast-json-stringify in the Lambda bundle. graphql-jit imports it only to build a
// serializer when compiled with `customJSONSerializer`, which functions/graphql/executor.ts leaves
// off (Apollo writes the JSON); the real package would bring a JSON-schema compiler with it.
module.exports = function fastJsonStringifyLeftOut() {
  throw new Error('fast-json-stringify is not in this bundle: compile without customJSONSerializer');
};
