import { GetCommand, paginateQuery, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import {
  allEventsStream,
  timeKey,
  chainHeadKey,
  chainPartition,
  chainsPartition,
  everyone,
  sequenceKey,
  sequenceKeyPattern,
  viewPartition,
} from '../../functions/audit/audit.keys.ts';
import { partitionQuery } from '../../functions/shared/data/dynamo.ts';
import type { Item } from '../../functions/shared/data/item-codec.ts';
import { tables } from '../../functions/shared/data/tables.ts';
import { eventHash } from '../../functions/shared/domain/audit-events.ts';

/**
 * `verify-audit` (docs/api.md, "Audit chain"; docs/operations.md, "Verifying the audit trail"):
 * walks every chain of the audit table and checks it from its items alone, the way anyone
 * holding the events could.
 *
 * | read                          | key                                        | call                      |
 * | ----------------------------- | ------------------------------------------ | ------------------------- |
 * | every chain head, by entity   | pk=CHAINS                                  | Query, paginated          |
 * | one chain, by sequence        | pk=CHAIN#<entity>                          | Query, paginated, twice   |
 * | one audience's views          | pk=VIEW#<audience>#<entity>                | Query, paginated          |
 * | a head again (writes raced)   | pk=CHAINS, sk=<entity>                     | GetItem, rarely           |
 *
 * Never a Scan: the `CHAINS` partition lists every chain. All reads are strongly consistent, so
 * a check never fails for an item that was written but not yet readable. The cost is linear in
 * the items: each chain is read twice (once for the links, once beside its views) and each view
 * once; the memory is one page per open Query (the chain, and one per audience of the chain).
 *
 * A chain is checked first (keys, sequences, links, hashes, its head), then, only if it holds,
 * its views against it. The first failing check of a chain is reported, at the sequence of the
 * event it concerns; every chain is walked, so one report names every broken chain.
 *
 * What it cannot see without a Scan: a chain whose head was removed, and views under an audience
 * that no event of the entity names (other than `*`, which is always read: a need-to-know event
 * in `*` would show it to the secretariat). The write-once archive covers those.
 */

/** Where a chain first fails: the entity, the sequence of the event concerned, and what is wrong. */
export interface ChainBreak {
  readonly entity: string;
  readonly sequence: number;
  readonly what: string;
}

export interface AuditVerification {
  /** Events in the chains that were walked. */
  readonly events: number;
  readonly chains: number;
  /** One per broken chain, in the order of the heads (by entity). */
  readonly breaks: readonly ChainBreak[];
}

export interface VerifyOptions {
  /** Items per Query call (DynamoDB's `Limit`); unset, a call reads up to DynamoDB's 1 MB. */
  readonly pageSize?: number;
  /** Told of each broken chain when it is found, before the walk goes on. */
  readonly onBreak?: (broken: ChainBreak) => void;
}

/** The last line of `verify-audit`, as docs/api.md words it: the first broken chain, or the count. */
export function verificationLine(result: AuditVerification): string {
  const [first] = result.breaks;
  return first
    ? `audit: chain broken at ${first.entity} #${first.sequence}: ${first.what}`
    : `audit: ${result.events} events in ${result.chains} chains verified`;
}

/** Walks every chain of the audit table `table`. Throws only when DynamoDB does (a table that is not there). */
export async function verifyAuditTrail(
  client: DynamoDBDocumentClient,
  table: string,
  options: VerifyOptions = {},
): Promise<AuditVerification> {
  const reader = new Reader(client, table, options.pageSize);
  let events = 0;
  let chains = 0;
  const breaks: ChainBreak[] = [];
  for await (const head of reader.items(chainsPartition)) {
    chains += 1;
    const entity = String(head.sk);
    const checked = await checkChain(reader, entity, head);
    events += checked.events;
    const broken = 'broken' in checked ? checked.broken : await checkViews(reader, entity, checked);
    if (broken) {
      breaks.push(broken);
      options.onBreak?.(broken);
    }
  }
  return { events, chains, breaks };
}

/** The Queries and Gets of one run, all strongly consistent and paginated with `pageSize`. */
class Reader {
  private readonly client: DynamoDBDocumentClient;
  private readonly table: string;
  private readonly pageSize: number | undefined;

  constructor(client: DynamoDBDocumentClient, table: string, pageSize: number | undefined) {
    this.client = client;
    this.table = table;
    this.pageSize = pageSize;
  }

  /** A partition's items in key order, one page held at a time. */
  async *items(partition: string): AsyncGenerator<Item> {
    const input: QueryCommandInput = partitionQuery({
      table: this.table,
      keys: tables.audit,
      partition,
      consistentRead: true,
    });
    const pages = paginateQuery({ client: this.client, ...(this.pageSize ? { pageSize: this.pageSize } : {}) }, input);
    for await (const page of pages) yield* page.Items ?? [];
  }

  /** The chain's head as it is now, for a chain written to while it was being read. */
  async head(entity: string): Promise<Item | undefined> {
    const output = await this.client.send(
      new GetCommand({ TableName: this.table, Key: chainHeadKey(entity), ConsistentRead: true }),
    );
    return output.Item;
  }
}

/** Where a chain that holds ends, and the audiences its events name. */
interface CheckedChain {
  readonly events: number;
  readonly last: number;
  readonly audiences: ReadonlySet<string>;
}

/** The fields of an event that its views copy (and the hash covers, with `hash` itself). */
const eventFields = [
  'id',
  'at',
  'actor',
  'actorCountry',
  'action',
  'entity',
  'summary',
  'sequence',
  'previousHash',
  'hash',
] as const;

/** Absent and null are the same value for a field that may be null (as in the hash). */
const value = (item: Item, field: string): unknown => item[field] ?? null;

/**
 * The chain's events in sequence order: each under the key of its sequence, 1, 2, … with no gap,
 * linked to the one before, hashed as docs/api.md says; then the head on the last one. A chain
 * that holds is passed on with its audiences for the views.
 */
async function checkChain(
  reader: Reader,
  entity: string,
  head: Item,
): Promise<CheckedChain | { readonly events: number; readonly broken: ChainBreak }> {
  let events = 0;
  let previousHash: string | null = null;
  const audiences = new Set<string>([everyone]);
  const broken = (sequence: number, what: string) => ({ events, broken: { entity, sequence, what } });
  // A head that is not one (no entity, sequence or hash of the right type) fails after the walk.
  const headHolds =
    head.entity === entity &&
    Number.isInteger(head.sequence) &&
    Number(head.sequence) >= 1 &&
    typeof head.hash === 'string';
  let headSequence = headHolds ? Number(head.sequence) : Number.POSITIVE_INFINITY;
  let headHash = head.hash;
  for await (const item of reader.items(chainPartition(entity))) {
    const expected = events + 1;
    const sk = String(item.sk);
    if (!sequenceKeyPattern.test(sk))
      return broken(expected, `an item with sort key ${JSON.stringify(sk)} is no event`);
    const sequence = Number(sk);
    if (sequence > expected) return broken(expected, `event #${expected} is missing (the next is #${sequence})`);
    if (sequence < expected) return broken(sequence, `an event #${sequence} before #1`);
    const problem = eventProblem(item, entity, sequence, previousHash);
    if (problem) return broken(sequence, problem);
    if (sequence > headSequence) {
      // Events are added with their head in one transaction: one past the head read at the start
      // was either written since (the head has moved onto it or beyond) or not by the API.
      const now = await reader.head(entity);
      if (!now || Number(now.sequence) < sequence) {
        return broken(sequence, `event #${sequence} is past the chain's head (#${headSequence})`);
      }
      headSequence = Number(now.sequence);
      headHash = now.hash;
    }
    events = sequence;
    previousHash = String(item.hash);
    for (const audience of item.audience as string[]) audiences.add(audience);
  }
  if (!headHolds) return broken(Math.max(events, 1), 'its head is not a head of this chain (entity, sequence, hash)');
  if (events < headSequence) {
    return broken(headSequence, `the head is at #${headSequence} but the chain ends at #${events}`);
  }
  if (headHash !== previousHash) return broken(headSequence, `the head's hash is not the hash of #${headSequence}`);
  return { events, last: events, audiences };
}

/** What is wrong with the chain event at `sequence`, or null. */
function eventProblem(item: Item, entity: string, sequence: number, previousHash: string | null): string | null {
  if (item.entity !== entity) return `its entity is ${JSON.stringify(item.entity)}`;
  if (item.sequence !== sequence)
    return `its sequence is ${JSON.stringify(item.sequence)} under the key of #${sequence}`;
  for (const field of ['id', 'at', 'actor', 'action', 'summary', 'hash'] as const) {
    if (typeof item[field] !== 'string') return `its ${field} is not a string`;
  }
  for (const field of ['actorCountry', 'previousHash'] as const) {
    const stored = value(item, field);
    if (stored !== null && typeof stored !== 'string') return `its ${field} is neither a string nor null`;
  }
  const hashed = {
    id: String(item.id),
    entity,
    sequence,
    at: String(item.at),
    actor: String(item.actor),
    actorCountry: value(item, 'actorCountry') as string | null,
    action: String(item.action),
    summary: String(item.summary),
    previousHash: value(item, 'previousHash') as string | null,
  };
  if (item.hash !== eventHash(hashed)) return 'its hash does not match its contents';
  if (hashed.previousHash !== previousHash) {
    return sequence === 1 ? 'its previousHash is not null' : `its previousHash is not the hash of #${sequence - 1}`;
  }
  const audience = item.audience;
  if (!Array.isArray(audience) || audience.length === 0 || audience.some((reader) => typeof reader !== 'string')) {
    return 'its audience is not a list of readers';
  }
  return null;
}

/**
 * The views of a chain that holds, read beside it: for each event and each audience (the
 * chain's, and `*`), a view exactly where the event's audience names it, equal to the event, and
 * nothing else in the audience's partition.
 */
async function checkViews(reader: Reader, entity: string, chain: CheckedChain): Promise<ChainBreak | null> {
  const audiences = [...chain.audiences].sort();
  const cursors = new Map(
    audiences.map((audience) => [audience, new Cursor(reader.items(viewPartition(audience, entity)))]),
  );
  const broken = (sequence: number, what: string): ChainBreak => ({ entity, sequence, what });
  try {
    for await (const event of reader.items(chainPartition(entity))) {
      const sequence = Number(event.sequence);
      if (sequence > chain.last) break;
      const key = sequenceKey(sequence);
      const named = new Set(event.audience as string[]);
      for (const audience of audiences) {
        const cursor = cursors.get(audience)!;
        const view = await cursor.peek();
        const at = view === undefined ? undefined : String(view.sk);
        if (at !== undefined && at < key) return broken(sequence, `${viewItem(audience, at)} is no view of an event`);
        if (!named.has(audience)) {
          if (at === key) return broken(sequence, `a view for ${audience}, which is not in its audience`);
          continue;
        }
        if (!view || at !== key) return broken(sequence, `no view for ${audience}`);
        const problem = viewProblem(view, event, audience);
        if (problem) return broken(sequence, problem);
        cursor.take();
      }
    }
    for (const [audience, cursor] of cursors) {
      const view = await cursor.peek();
      if (view === undefined) continue;
      const at = String(view.sk);
      const sequence = sequenceKeyPattern.test(at) ? Number(at) : chain.last + 1;
      // A view past the chain's end was written since the chain was read (with its event and
      // head), or not by the API.
      const now = await reader.head(entity);
      if (!now || Number(now.sequence) < sequence) {
        return broken(sequence, `${viewItem(audience, at)} is past the end of the chain (#${chain.last})`);
      }
    }
    return null;
  } finally {
    await Promise.all([...cursors.values()].map((cursor) => cursor.close()));
  }
}

const viewItem = (audience: string, sk: string) => `the item ${JSON.stringify(sk)} of the views for ${audience}`;

/** How a view differs from its event, or null. */
function viewProblem(view: Item, event: Item, audience: string): string | null {
  const differing = eventFields.filter((field) => value(view, field) !== value(event, field));
  if (differing.length > 0) return `the view for ${audience} differs in ${differing.join(', ')}`;
  // Only views of `*` are on the stream of all events that the secretariat reads.
  const stream = view[tables.audit.indexes.eventsByTime.partitionKey];
  if (audience === everyone && stream !== allEventsStream) return `the view for ${audience} is not in the whole trail`;
  if (audience !== everyone && stream !== undefined) return `the view for ${audience} is in the whole trail`;
  const position = view[tables.audit.indexes.eventsByTime.sortKey];
  if (audience === everyone && position !== timeKey({ at: String(event.at), id: String(event.id) }))
    return `the view for ${audience} is out of place in the whole trail`;
  return null;
}

/** One item of look-ahead over a partition being read, so that several can be walked side by side. */
class Cursor {
  private readonly items: AsyncGenerator<Item>;
  private next: IteratorResult<Item> | undefined;

  constructor(items: AsyncGenerator<Item>) {
    this.items = items;
  }

  async peek(): Promise<Item | undefined> {
    this.next ??= await this.items.next();
    return this.next.done ? undefined : this.next.value;
  }

  take(): void {
    this.next = undefined;
  }

  async close(): Promise<void> {
    await this.items.return(undefined);
  }
}
