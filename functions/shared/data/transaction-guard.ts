import type { TransactItem } from './dynamo.ts';

/**
 * A condition one domain lends to another domain's transaction (e.g. "this country is still an
 * ACTIVE member"), so a rule spanning two domains holds at the moment of the write without
 * either service knowing DynamoDB. Services only pass it on; a repository built it and another
 * adds it to its transaction.
 */
export interface TransactionGuard {
  readonly condition: TransactItem;
}
