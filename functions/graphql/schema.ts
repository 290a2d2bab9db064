import {
  buildASTSchema,
  GraphQLObjectType,
  GraphQLScalarType,
  parse,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';

type FieldResolvers = Record<string, GraphQLFieldResolver<never, never, never>>;
/** A resolver map as the domains write it: type name → field name → resolver, or a scalar. */
export type ResolverMap = Record<string, FieldResolvers | GraphQLScalarType>;

/**
 * Builds the executable schema with graphql-js alone: parse the SDL once, build it, and hang the
 * resolvers and scalars on it. Apollo would otherwise merge the SDL with @graphql-tools, whose
 * code is a seventh of the bundle and whose merging is most of the schema's start-up time; the
 * bundle leaves it out (infra/bundling/function-bundle.ts). A resolver for a type or field the
 * SDL lacks is a mistake, and fails here rather than being ignored.
 */
export function buildSchema(typeDefs: readonly string[], resolverMaps: readonly ResolverMap[]): GraphQLSchema {
  // A cold start's work, so the checks that cannot fail at run time are left out: the SDL and the
  // schema built from it are valid (test/schema/schema-validity.test.ts builds them with every
  // check), and nothing reads the SDL's source locations. About 15 ms of a cold start.
  const schema = buildASTSchema(parse(typeDefs.join('\n'), { noLocation: true }), {
    assumeValidSDL: true,
    assumeValid: true,
  });
  for (const map of resolverMaps) {
    for (const [typeName, resolvers] of Object.entries(map)) {
      const type = schema.getType(typeName);
      if (resolvers instanceof GraphQLScalarType) {
        if (!(type instanceof GraphQLScalarType)) throw new Error(`no scalar ${typeName} in the schema`);
        Object.assign(type, {
          serialize: resolvers.serialize,
          parseValue: resolvers.parseValue,
          parseLiteral: resolvers.parseLiteral,
        });
        continue;
      }
      if (!(type instanceof GraphQLObjectType)) throw new Error(`no object type ${typeName} in the schema`);
      const fields = type.getFields();
      for (const [fieldName, resolve] of Object.entries(resolvers)) {
        const field = fields[fieldName];
        if (!field) throw new Error(`no field ${typeName}.${fieldName} in the schema`);
        field.resolve = resolve as GraphQLFieldResolver<unknown, unknown>;
      }
    }
  }
  return schema;
}
