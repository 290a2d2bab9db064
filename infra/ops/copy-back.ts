import { isDeepStrictEqual } from 'node:util';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, paginateScan, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { activeJpaKey, jpaKey } from '../../functions/jpa/jpa.keys.ts';
import type { JpaStatus } from '../../functions/jpa/jpa.types.ts';
import { operationKey } from '../../functions/operation/operation.keys.ts';
import {
  batchGetAcrossTables,
  partitionQuery,
  queryAll,
  transactItem,
  transactWrite,
  type ItemKey,
} from '../../functions/shared/data/dynamo.ts';
import type { Item } from '../../functions/shared/data/item-codec.ts';
import { tables, type TableId } from '../../functions/shared/data/tables.ts';
import { ConflictError } from '../../functions/shared/domain/errors.ts';

/**
 * What the copy-back does with one item of the restored table:
 *
 * - `missing`: not in the live table; put back, on condition that it is still not there.
 * - `older`: in both, with a lower `revision` in the live table (every item the API updates carries
 *   one, raised by each change, so a lower one means the item went back in time outside the API);
 *   put back, on condition that the live revision is still lower.
 * - `same`: in both, equal.
 * - `changedSince`: the live table moved on after the point: a higher (or equal) revision, or,
 *   for an item the API derives from another, an item it was derived from that has moved on (an
 *   operation's listing items, which the API removes when it narrows who sees the operation; the
 *   guard naming the ACTIVE JPA, which it removes when the JPA leaves ACTIVE). Left as it is.
 * - `appendOnly`: in both but different, in an append-only table (the audit trail, the read
 *   records). Never overwritten: what the live table holds is evidence, and the write-once
 *   archive has every event as first written.
 * - `unversioned`: in both but different, and without a revision to tell which is newer (counters,
 *   totals, guards, co-chair terms, idempotency records). Left as it is.
 * - `expired`: missing, and its time to live has passed: its removal was the retention working.
 * - `needsHand`: an operation to put back while the live table holds a listing of it that the
 *   restored operation lacks, or a newer one: putting the operation back would leave that listing
 *   showing it to readers the restored operation does not name, and the tool deletes nothing.
 * - `changedWhileCopying`: was to be put back, but the live item changed between the read and the
 *   write (the condition failed); left as the live writer made it.
 */
export const verdicts = [
  'missing',
  'older',
  'changedSince',
  'changedWhileCopying',
  'needsHand',
  'appendOnly',
  'unversioned',
  'expired',
  'same',
] as const;

export type Verdict = (typeof verdicts)[number];

export type CopyBackCounts = Record<Verdict, number>;

/** The live table and its restored copy. */
export interface CopyBackTables {
  readonly tableId: TableId;
  readonly live: string;
  readonly restored: string;
}

export interface CopyBackOptions {
  /** Decide and report, write nothing. */
  readonly dryRun: boolean;
  /** What "expired" is measured against. */
  readonly now?: Date;
  /** Called with every item's verdict and key (never its contents). */
  readonly onItem?: (verdict: Verdict, key: ItemKey) => void;
}

const chunkSize = 100;

/**
 * Puts back into the live table what it lost since the restored table's point: items missing
 * there, or older there (see {@link Verdict}). Reads the whole restored table (a Scan: this is an
 * offline recovery tool) and, a hundred keys at a time, the same keys of the live table
 * (BatchGetItem, strongly consistent); it never scans the live table. Every write is
 * conditioned, so a live write made meanwhile is never overwritten.
 *
 * Two passes: first every item the API does not derive from another, then the derived ones
 * (listings, the ACTIVE guard), each checked against what it derives from as the first pass left
 * it, and written in a transaction with a check that it still is so.
 */
export async function copyBack(
  dynamo: DynamoDBDocumentClient,
  copy: CopyBackTables,
  options: CopyBackOptions,
): Promise<CopyBackCounts> {
  const counts: CopyBackCounts = {
    missing: 0,
    older: 0,
    changedSince: 0,
    changedWhileCopying: 0,
    needsHand: 0,
    appendOnly: 0,
    unversioned: 0,
    expired: 0,
    same: 0,
  };
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  // Keys the first pass puts back (or, in a dry run, would): what derived items are checked against.
  const putBack = new Set<string>();
  const record = (verdict: Verdict, item: Item) => {
    counts[verdict] += 1;
    if (verdict === 'missing' || verdict === 'older') putBack.add(keyId(keyOf(item)));
    options.onItem?.(verdict, keyOf(item));
  };

  for await (const chunk of restoredChunks(dynamo, copy.restored, (item) => !derivation(copy.tableId, item))) {
    const live = await read(dynamo, copy.live, chunk.map(keyOf));
    await Promise.all(
      chunk.map(async (restored, index) => {
        let verdict = verdictOf(copy.tableId, restored, live[index], nowSeconds);
        if (isPutBack(verdict) && (await leavesListingBehind(dynamo, copy, restored))) verdict = 'needsHand';
        if (isPutBack(verdict) && !options.dryRun && !(await put(dynamo, copy.live, restored, verdict))) {
          verdict = 'changedWhileCopying';
        }
        record(verdict, restored);
      }),
    );
  }

  for await (const chunk of restoredChunks(dynamo, copy.restored, (item) => !!derivation(copy.tableId, item))) {
    const derived = chunk.flatMap((item) => {
      const from = derivation(copy.tableId, item);
      return from ? [{ restored: item, from }] : [];
    });
    const live = await read(
      dynamo,
      copy.live,
      derived.map(({ restored }) => keyOf(restored)),
    );
    const owners = await ownersAfter(
      dynamo,
      copy,
      derived.map(({ from }) => from.owner),
      options.dryRun ? putBack : new Set(),
    );
    await Promise.all(
      derived.map(async ({ restored, from }, index) => {
        let verdict = verdictOf(copy.tableId, restored, live[index], nowSeconds);
        if (isPutBack(verdict) && !from.matches(owners[index])) verdict = 'changedSince';
        if (isPutBack(verdict) && !options.dryRun && !(await putDerived(dynamo, copy.live, restored, verdict, from))) {
          verdict = 'changedWhileCopying';
        }
        record(verdict, restored);
      }),
    );
  }
  return counts;
}

function isPutBack(verdict: Verdict): verdict is 'missing' | 'older' {
  return verdict === 'missing' || verdict === 'older';
}

/** The verdict on a restored item from the two items alone. */
function verdictOf(tableId: TableId, restored: Item, live: Item | undefined, nowSeconds: number): Verdict {
  const definition = tables[tableId];
  if (!live) {
    const expiry = definition.timeToLiveAttribute ? restored[definition.timeToLiveAttribute] : undefined;
    return typeof expiry === 'number' && expiry <= nowSeconds ? 'expired' : 'missing';
  }
  if (isDeepStrictEqual(restored, live)) return 'same';
  if (definition.appendOnly) return 'appendOnly';
  if (typeof restored.revision !== 'number' || typeof live.revision !== 'number') return 'unversioned';
  return live.revision < restored.revision ? 'older' : 'changedSince';
}

/** An item the API derives from another, and how to tell whether that one is still the state it came from. */
interface Derivation {
  readonly owner: ItemKey;
  readonly matches: (owner: Item | undefined) => boolean;
  /** The same test, as a condition on the owner at write time. */
  readonly condition: {
    readonly ConditionExpression: string;
    readonly ExpressionAttributeNames: Record<string, string>;
    readonly ExpressionAttributeValues: Record<string, unknown>;
  };
}

const operationItemKey = operationKey('');
const activeStatus: JpaStatus = 'ACTIVE';

function derivation(tableId: TableId, item: Item): Derivation | undefined {
  const { pk, sk } = keyOf(item);
  // Every item of an operation's partition but the operation itself is one of its listings,
  // a copy of the operation at the same revision.
  if (tableId === 'operations' && pk.startsWith(operationItemKey.pk) && sk !== operationItemKey.sk) {
    const revision = item.revision;
    return {
      owner: { pk, sk: operationItemKey.sk },
      matches: (owner) => owner?.revision === revision,
      condition: {
        ConditionExpression: '#revision = :revision',
        ExpressionAttributeNames: { '#revision': 'revision' },
        ExpressionAttributeValues: { ':revision': revision },
      },
    };
  }
  if (tableId === 'jpas' && pk === activeJpaKey.pk && sk === activeJpaKey.sk && typeof item.number === 'number') {
    return {
      owner: jpaKey(item.number),
      matches: (owner) => owner?.status === activeStatus,
      condition: {
        ConditionExpression: '#status = :active',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':active': activeStatus },
      },
    };
  }
  return undefined;
}

/**
 * What each derived item's owner will be once the first pass is done: the live item (after a real
 * first pass, which wrote), or in a dry run the restored one where the first pass would put it back.
 */
async function ownersAfter(
  dynamo: DynamoDBDocumentClient,
  copy: CopyBackTables,
  owners: readonly ItemKey[],
  wouldPutBack: ReadonlySet<string>,
): Promise<(Item | undefined)[]> {
  const live = await read(dynamo, copy.live, owners);
  if (!owners.some((owner) => wouldPutBack.has(keyId(owner)))) return live;
  const restored = await read(dynamo, copy.restored, owners);
  return owners.map((owner, index) => (wouldPutBack.has(keyId(owner)) ? restored[index] : live[index]));
}

/**
 * Whether putting back this operation would leave behind a live listing that does not belong to
 * it: one the restored operation lacks, or one of a later revision. Only operations have listings.
 */
async function leavesListingBehind(
  dynamo: DynamoDBDocumentClient,
  copy: CopyBackTables,
  restored: Item,
): Promise<boolean> {
  const { pk, sk } = keyOf(restored);
  if (copy.tableId !== 'operations' || sk !== operationItemKey.sk || typeof restored.revision !== 'number') {
    return false;
  }
  const partition = (table: string) =>
    queryAll(dynamo, partitionQuery({ table, keys: tables.operations, partition: pk, consistentRead: true }));
  const [live, kept] = await Promise.all([partition(copy.live), partition(copy.restored)]);
  const restoredListings = new Set(kept.map((item) => keyOf(item).sk));
  const revision = restored.revision;
  return live.some(
    (item) =>
      keyOf(item).sk !== sk &&
      (!restoredListings.has(keyOf(item).sk) || typeof item.revision !== 'number' || item.revision > revision),
  );
}

const conditions = {
  missing: { ConditionExpression: 'attribute_not_exists(pk)' },
  older: (restored: Item) => ({
    ConditionExpression: '#revision < :restored',
    ExpressionAttributeNames: { '#revision': 'revision' },
    ExpressionAttributeValues: { ':restored': restored.revision },
  }),
};

function condition(verdict: 'missing' | 'older', restored: Item) {
  return verdict === 'missing' ? conditions.missing : conditions.older(restored);
}

/** Puts an item back; false when the live item changed meanwhile. */
async function put(
  dynamo: DynamoDBDocumentClient,
  table: string,
  restored: Item,
  verdict: 'missing' | 'older',
): Promise<boolean> {
  try {
    await dynamo.send(new PutCommand({ TableName: table, Item: restored, ...condition(verdict, restored) }));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Puts a derived item back with a check that what it derives from is still its state. */
async function putDerived(
  dynamo: DynamoDBDocumentClient,
  table: string,
  restored: Item,
  verdict: 'missing' | 'older',
  from: Derivation,
): Promise<boolean> {
  try {
    await transactWrite(
      dynamo,
      [
        transactItem({ Put: { TableName: table, Item: restored, ...condition(verdict, restored) } }),
        transactItem({ ConditionCheck: { TableName: table, Key: from.owner, ...from.condition } }),
      ],
      'changed while copying',
    );
    return true;
  } catch (error) {
    if (error instanceof ConflictError) return false;
    throw error;
  }
}

/** The restored table's items that `wanted` picks, a hundred at a time, page after page. */
async function* restoredChunks(
  dynamo: DynamoDBDocumentClient,
  table: string,
  wanted: (item: Item) => boolean,
): AsyncGenerator<Item[]> {
  for await (const page of paginateScan({ client: dynamo }, { TableName: table, ConsistentRead: true })) {
    const items = (page.Items ?? []).filter(wanted);
    for (let start = 0; start < items.length; start += chunkSize) yield items.slice(start, start + chunkSize);
  }
}

/** The items of `table` under `keys`, in their order, undefined where absent; a key may repeat. */
async function read(
  dynamo: DynamoDBDocumentClient,
  table: string,
  keys: readonly ItemKey[],
): Promise<(Item | undefined)[]> {
  // BatchGetItem refuses a key twice in one call: listings of one operation share their owner.
  const unique = [...new Map(keys.map((key) => [keyId(key), key])).values()];
  const items = await batchGetAcrossTables(
    dynamo,
    unique.map(({ pk, sk }) => ({ table, pk, sk })),
  );
  const found = new Map(unique.map((key, index) => [keyId(key), items[index]]));
  return keys.map((key) => found.get(keyId(key)));
}

function keyOf(item: Item): ItemKey {
  return { pk: String(item.pk), sk: String(item.sk) };
}

function keyId({ pk, sk }: ItemKey): string {
  return `${pk}\u0000${sk}`;
}
