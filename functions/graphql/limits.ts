import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { GraphQLError, ValidationContext } from 'graphql';

/**
 * What a document may ask of this API, in one place. The values fit this schema: its deepest
 * useful path (`jpas → operations → edges → node → lead → coChairTerms → member → agencies → name`)
 * is 9 deep, a front end's largest operation is under 300 tokens, and no client needs dozens of
 * aliases or directives. Each limit is tested just under and just over (test/integration/limits.test.ts).
 */
export const limits = {
  /** Depth of field nesting, fragments flattened. */
  depth: 10,
  /** Aliased fields in one document: enough to ask for a few members side by side. */
  aliases: 15,
  /** Directives (`@include`, `@skip`) in one document. */
  directives: 20,
  /** Lexical tokens, checked by graphql-js while parsing, before any other work. */
  tokens: 1000,
  /**
   * armor's cost: 2 per object, 1 per scalar, times 1.5 per level. The JPA overview (JPAs with
   * participants and operations with leads and participants) costs 70, a nine-deep path about 230.
   */
  cost: 1500,
  /** Bytes of a request body: a 100,000-character Terms of Reference text, escaped, fits with room. */
  bodyBytes: 512 * 1024,
} as const;

/**
 * armor throws its refusal out of the validation rule by default, which Apollo answers as an
 * internal error; reported to the validation context instead, it answers GRAPHQL_VALIDATION_FAILED.
 */
const report = {
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
};

/** The limits as GraphQL validation rules. */
export const limitRules = [
  maxDepthRule({ n: limits.depth, ignoreIntrospection: true, flattenFragments: true, errorMessage: 'The document is too deep.', ...report }),
  maxAliasesRule({ n: limits.aliases, errorMessage: 'The document has too many aliases.', ...report }),
  maxDirectivesRule({ n: limits.directives, errorMessage: 'The document has too many directives.', ...report }),
  costLimitRule({ maxCost: limits.cost, ignoreIntrospection: true, errorMessage: 'The document costs too much.', ...report }),
];
