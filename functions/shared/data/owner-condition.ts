import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Refusal } from './transaction-guard.ts';

/**
 * An official acting as an owner country (of a recommendation, a work-plan item): its power rests
 * on the item it writes naming its country in `owners`, which the write's own condition checks
 * again as it commits (`contains(owners, :owner)`, with the item as it was returned on failure).
 */
export interface OwnerPower {
  readonly country: string;
  /** What the write answers (FORBIDDEN) when the country owns the item no more. */
  readonly refusal: string;
}

/**
 * The refusal of a write conditioned on the revision read and on its owner: FORBIDDEN when the item
 * as it was names the country no more, CONFLICT for a stale revision alone.
 */
export function ownerRefusal({ country, refusal }: OwnerPower): Refusal {
  return {
    message: refusal,
    lost: (old: Readonly<Record<string, AttributeValue>> | undefined) =>
      !(old?.owners?.L ?? []).some((value) => value.S === country),
  };
}
