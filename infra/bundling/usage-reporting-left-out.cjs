// Stands in for @apollo/usage-reporting-protobuf in the Lambda bundle. Apollo only loads it for
// usage reporting, which this API never turns on (no APOLLO_KEY, and the plugin is disabled in
// functions/graphql/server.ts); leaving it out saves a fifth of the bundle. Anything that did
// reach for it would find no exports and fail loudly.
module.exports = {};
