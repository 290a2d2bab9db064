/**
 * Documents the tests send that no front end would: each probes how the server reads, not what a
 * client shows, so it selects exactly the fields whose reads it counts. Client documents
 * (schema/documents, typed in schema/generated/documents.ts) are what every other call sends.
 *
 * Probes that are their test's whole subject stay with it, generated or tabled next to what they
 * check: the cost and shape limits (limits.test.ts, fuzz.test.ts, budget-at-scale.test.ts), the
 * bound of every list and of a request's reads (list-bounds.test.ts, read-bounds.test.ts,
 * read-budget.test.ts), one call per schema field (support/schema-calls.ts `fieldDocument`, for
 * country-codes and text-limits), and requests that are no valid GraphQL at all
 * (membership-rules.test.ts).
 */

/**
 * The newest operations, each with its JPA's participants and first page of operations, with their
 * leads and participants: several JPAs' pages in one level. (A page under every JPA of `jpas` is
 * over the cost limit: 100 JPAs, docs/api.md's size, each a page.)
 */
export const nestedOperationPages = /* GraphQL */ `
  query NestedOperationPages {
    operations(first: 10) { edges { node { jpa { number participants { name } operations(first: 5) { edges { node { codeName lead { name } participants { name } } } } } } } }
  }
`;
/** What `nestedOperationPages` answers, as far as the test reads it. */
export interface NestedOperationPages {
  operations: { edges: { node: { jpa: { number: number } } }[] };
}

/** An operation with its JPA, lead and participants: the relations whose reads are batched. */
export const operationWithRelations = (id: string) =>
  `{ operation(id: "${id}") { codeName jpa { number } lead { name } participants { name } } }`;
