/** How the operations and idempotency tables' records are stored (keys in operation.keys.ts). */

import * as v from 'valibot';
import { itemCodec, orNull, type Item, type ItemCodec } from '../shared/data/item-codec.ts';
import { tables } from '../shared/data/tables.ts';
import { listingKey, listKey, operationKey, visibility } from './operation.keys.ts';
import { crimeTypes, handlings, operationStatuses, type IdempotencyRecord, type Operation } from './operation.types.ts';

const operationEntries = {
  id: v.string(),
  jpaNumber: v.number(),
  codeName: v.string(),
  lead: v.string(),
  participants: v.array(v.string()),
  crimeTypes: v.array(v.picklist(crimeTypes)),
  status: v.picklist(operationStatuses),
  startsOn: v.string(),
  endsOn: orNull(v.string()),
  summary: orNull(v.string()),
  handling: v.picklist(handlings),
  outcomes: v.object({
    arrests: v.number(),
    prosecutions: v.number(),
    victimsIdentified: v.number(),
    networksDisrupted: v.number(),
  }),
  revision: v.number(),
};

export const operationCodec: ItemCodec<Operation> = itemCodec(operationEntries);

const { visibleOperations, visibleOperationsInJpa, visibleOperationsByStatus, visibleOperationsInJpaByStatus } =
  tables.operations.indexes;

/** A listing item: a copy of the operation, with its position in the listing's lists. */
export const listedCodec = itemCodec({ ...operationEntries, [visibleOperations.sortKey]: v.string() });

export const idempotencyCodec: ItemCodec<IdempotencyRecord> = itemCodec({
  subject: v.string(),
  key: v.string(),
  inputHash: v.string(),
  operationId: v.string(),
  [tables.idempotency.timeToLiveAttribute]: v.number(),
});

export function operationItem(operation: Operation): Item {
  return { ...operationKey(operation.id), ...operationCodec.fields(operation) };
}

/** The item of one listing of an operation: what a list of that listing reads. */
export function listingItem(operation: Operation, listing: string): Item {
  const { jpaNumber, status } = operation;
  return {
    ...listingKey(operation.id, listing),
    ...operationCodec.fields(operation),
    [visibleOperations.partitionKey]: visibility.all(listing),
    [visibleOperationsInJpa.partitionKey]: visibility.jpa(listing, jpaNumber),
    [visibleOperationsByStatus.partitionKey]: visibility.status(listing, status),
    [visibleOperationsInJpaByStatus.partitionKey]: visibility.jpaStatus(listing, jpaNumber, status),
    [visibleOperations.sortKey]: listKey(operation.startsOn, operation.id),
  };
}
