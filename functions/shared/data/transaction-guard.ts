import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { TransactItem } from './dynamo.ts';

/**
 * A condition one domain lends to another domain's transaction (e.g. "this country is still an
 * ACTIVE member"), so a rule spanning two domains holds at the moment of the write without
 * either service knowing DynamoDB. Services only pass it on; a repository built it and another
 * adds it to its transaction.
 */
export interface TransactionGuard {
  readonly condition: TransactItem;
  /** For a guard of the caller's own power: what its failure answers instead of CONFLICT. */
  readonly refusal?: Refusal;
}

/**
 * A guard's failure that means the caller lost the power it acted with: FORBIDDEN with
 * `message`, whatever else failed, and nothing written.
 */
export interface Refusal {
  readonly message: string;
  /**
   * For a condition that checks more than the power (the write's own revision, when the power
   * rests on the very item written): whether the item as it was, which the condition then asks
   * DynamoDB to return (`ReturnValuesOnConditionCheckFailure: ALL_OLD`), shows the power gone.
   */
  readonly lost?: (old: Readonly<Record<string, AttributeValue>> | undefined) => boolean;
}
