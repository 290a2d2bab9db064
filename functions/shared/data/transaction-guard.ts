/**
 * A condition one domain lends to another domain's transaction (e.g. "this country is still an
 * ACTIVE member"), so a rule spanning two domains holds at the moment of the write without
 * either service knowing DynamoDB. Only repositories look inside.
 */
export interface TransactionGuard {
  readonly condition: unknown;
}
