import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { auditItems } from '../audit/audit.items.ts';
import { jpaKey } from '../jpa/jpa.keys.ts';
import { meetingKey } from '../meeting/meeting.keys.ts';
import type { ChainedEvent } from '../shared/domain/audit-events.ts';
import {
  partitionQuery,
  queryUpTo,
  transactItem,
  transactWrite,
  type ItemKey,
  type PartitionRead,
  type TransactItem,
} from '../shared/data/dynamo.ts';
import type { ItemLoader } from '../shared/data/item-loader.ts';
import { tables } from '../shared/data/tables.ts';
import { ownerRefusal, type OwnerPower } from '../shared/data/owner-condition.ts';
import type { TransactionGuard } from '../shared/data/transaction-guard.ts';
import {
  closedItem,
  counterCodec,
  noteCodec,
  noteItem,
  recommendationCodec,
  recommendationItems,
} from './recommendation.items.ts';
import {
  madeAtList,
  notePrefix,
  ownerKey,
  ownerList,
  recommendationCounterKey,
  recommendationKey,
  recommendationsList,
  statusList,
} from './recommendation.keys.ts';
import type { ProgressNote, Recommendation, RecommendationStatus } from './recommendation.types.ts';

/*
 * Access patterns of recommendations in the work table (keys and items in recommendation.keys.ts):
 *
 * | pattern                                   | key / index                                              | call               | reads at most                |
 * | ----------------------------------------- | -------------------------------------------------------- | ------------------ | ---------------------------- |
 * | recommendation by number (many a request) | pk=REC#<000004>, sk=REC                                  | BatchGetItem       | the keys asked for           |
 * | the last number given out                 | pk=REC, sk=COUNTER                                       | BatchGetItem       | 1                            |
 * | a meeting exists (made at it)             | the meeting's key (meeting.keys.ts)                      | BatchGetItem       | 1                            |
 * | all, by number                            | workByList: listKey=REC                                  | Query              | 500 (recommendationListBound) |
 * | with a status, by number                  | workByStatus: statusKey=REC#<status>                     | Query              | 500                          |
 * | an owner's, by number                     | workByList: listKey=REC#OWNER#<CC>                       | Query              | 500                          |
 * | an owner's with a status, by number       | workByStatus: statusKey=REC#OWNER#<CC>#<status>          | Query              | 500                          |
 * | made at a meeting, by number              | workByList: listKey=REC#MEETING#<000009>                 | Query              | 500                          |
 * | progress notes, newest first              | pk=REC#<000004>, sk begins_with NOTE#, descending        | Query              | 200 (progressListBound)      |
 * | add                                       | counter (conditioned) + item + copies + references + power + audit | TransactWriteItems |                    |
 * | update / add a progress note              | item (revision[, owner]) + copies + CLOSED + power + audit | TransactWriteItems |                          |
 * | a recommendation exists, in another write | ConditionCheck on its item (existsGuards, the work plan)  | (workplan repo)    |                              |
 *
 * Each list is one Query whatever the arguments: the main item and each copy (one per owner, one
 * for the meeting it was made at) carry the recommendation's fields and the index keys of the
 * lists they are in, and every write rewrites them all, so a list reads no item twice and looks
 * nothing up after. References are checked in the write itself: the owners ACTIVE (guards lent
 * by membership), the JPA and the meeting existing (ConditionChecks on their keys), so a change
 * meanwhile cannot slip past the service's reads. `power`: the guards of the caller's power
 * that membership lends, and for an official of an owner country the owner condition on the
 * item itself.
 *
 * Every Query carries its bound as its Limit and stops there (queryUpTo). Past 500 recommendations
 * a list answers the first 500 by number, and past 200 notes `progress` the newest 200.
 */

/** The most recommendations a list reads: docs/api.md's size of `recommendations` in the cost estimate. */
export const recommendationListBound = 500;
/** The most progress notes `progress` reads: docs/api.md's size of `progress` in the cost estimate. */
export const progressListBound = 200;

const { work } = tables;

export interface RecommendationTables {
  readonly work: string;
  /** Only to check, in a write, that the JPA a recommendation names exists. */
  readonly jpas: string;
  readonly audit: string;
}

/** The lists `recommendations(status, owner)` reads from. */
export interface RecommendationFilter {
  readonly status?: RecommendationStatus;
  readonly owner?: string;
}

/** A change of a recommendation: the new state over the one read, and a progress note it adds. */
export interface RecommendationChange {
  readonly recommendation: Recommendation;
  readonly previous: Recommendation;
  readonly note?: ProgressNote;
}

/**
 * What the service asks of the table: the repository's methods, without its DynamoDB client, so
 * that the rules run (and are mutation-tested) against an in-memory table.
 */
export type RecommendationStore = Pick<RecommendationRepository, keyof RecommendationRepository>;

/** What the service reads by key through the request's loader (the reader's methods, likewise). */
export type RecommendationReads = Pick<RecommendationReader, keyof RecommendationReader>;

export class RecommendationRepository {
  private readonly client: DynamoDBDocumentClient;
  private readonly tables: RecommendationTables;

  constructor(client: DynamoDBDocumentClient, tableNames: RecommendationTables) {
    this.client = client;
    this.tables = tableNames;
  }

  reader(loader: ItemLoader): RecommendationReads {
    return new RecommendationReader(loader, this.tables.work);
  }

  /** By number; one Query, whichever of the filters are given. */
  async listRecommendations({ status, owner }: RecommendationFilter): Promise<Recommendation[]> {
    const list = owner ? ownerList(owner) : recommendationsList;
    const read = status
      ? { keys: work.indexes.workByStatus, partition: statusList(list, status) }
      : { keys: work.indexes.workByList, partition: list };
    return this.list(read);
  }

  /** Those made at a meeting, by number. */
  madeAt(meeting: number): Promise<Recommendation[]> {
    return this.list({ keys: work.indexes.workByList, partition: madeAtList(meeting) });
  }

  /** Newest first, the newest `progressListBound`. */
  async progress(number: number): Promise<ProgressNote[]> {
    const items = await queryUpTo(
      this.client,
      partitionQuery({
        table: this.tables.work,
        keys: work,
        partition: recommendationKey(number).pk,
        beginsWith: notePrefix,
        descending: true,
        consistentRead: true,
      }),
      progressListBound,
    );
    return items.map(noteCodec.decode);
  }

  /**
   * A new recommendation numbered one past `last`, conditioned on the counter still being `last`:
   * of two adds at once one gets the number, the other a ConflictError to try again with. The JPA
   * and the meeting it names must exist when it commits, and the guards hold (owners ACTIVE, the
   * caller's power).
   */
  add(recommendation: Recommendation, last: number, guards: readonly TransactionGuard[], event: ChainedEvent) {
    const items: (TransactItem | TransactionGuard)[] = [
      transactItem({
        Put: {
          TableName: this.tables.work,
          Item: { ...recommendationCounterKey, ...counterCodec.fields({ lastNumber: recommendation.number }) },
          ConditionExpression: last === 0 ? 'attribute_not_exists(pk)' : 'lastNumber = :last',
          ...(last === 0 ? {} : { ExpressionAttributeValues: { ':last': last } }),
        },
      }),
      ...recommendationItems(recommendation).map((Item) =>
        transactItem({ Put: { TableName: this.tables.work, Item, ConditionExpression: 'attribute_not_exists(pk)' } }),
      ),
      ...(recommendation.jpaNumber === null ? [] : [exists(this.tables.jpas, jpaKey(recommendation.jpaNumber))]),
      ...(recommendation.meetingNumber === null
        ? []
        : [exists(this.tables.work, meetingKey(recommendation.meetingNumber))]),
      ...guards,
      ...auditItems(this.tables.audit, event),
    ];
    return transactWrite(
      this.client,
      items,
      'another recommendation took this number, or what it names changed meanwhile',
    );
  }

  /**
   * Writes a change over the revision read (`previous`): the item and its copies (an owner no
   * longer named loses its copy), the CLOSED item when it becomes final, and a progress note.
   * For an official of an owner country, its country must still own the item when it commits:
   * the condition says so, though the revision alone would catch it (a change of owners bumps it);
   * what tells a lost power (FORBIDDEN) from a stale revision (CONFLICT) is the item as it was.
   */
  replace(
    { recommendation, previous, note }: RecommendationChange,
    owner: OwnerPower | null,
    guards: readonly TransactionGuard[],
    event: ChainedEvent,
  ): Promise<void> {
    const [main, ...copies] = recommendationItems(recommendation);
    const put = transactItem({
      Put: {
        TableName: this.tables.work,
        Item: main!,
        ConditionExpression: owner ? 'revision = :expected AND contains(owners, :owner)' : 'revision = :expected',
        ExpressionAttributeValues: { ':expected': previous.revision, ...(owner ? { ':owner': owner.country } : {}) },
        ...(owner ? { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } : {}),
      },
    });
    const removed = previous.owners.filter((country) => !recommendation.owners.includes(country));
    const closedOn = recommendation.closedOn;
    const closes =
      (recommendation.status === 'IMPLEMENTED' || recommendation.status === 'DROPPED') &&
      previous.status !== recommendation.status &&
      closedOn !== null;
    const items: (TransactItem | TransactionGuard)[] = [
      owner ? { condition: put, refusal: ownerRefusal(owner) } : put,
      ...copies.map((Item) => transactItem({ Put: { TableName: this.tables.work, Item } })),
      ...removed.map((country) =>
        transactItem({ Delete: { TableName: this.tables.work, Key: ownerKey(recommendation.number, country) } }),
      ),
      ...(closes
        ? [
            transactItem({
              Put: {
                TableName: this.tables.work,
                Item: closedItem(recommendation.number, recommendation.status, closedOn),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            }),
          ]
        : []),
      ...(note
        ? [
            transactItem({
              Put: {
                TableName: this.tables.work,
                Item: noteItem(recommendation.number, note),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            }),
          ]
        : []),
      ...guards,
      ...auditItems(this.tables.audit, event),
    ];
    return transactWrite(this.client, items, `recommendation ${recommendation.number} changed meanwhile`);
  }

  /** The first `recommendationListBound` items of a list, by number. */
  private async list(read: Pick<PartitionRead, 'keys' | 'partition'>): Promise<Recommendation[]> {
    const items = await queryUpTo(
      this.client,
      partitionQuery({ table: this.tables.work, ...read }),
      recommendationListBound,
    );
    return items.map(recommendationCodec.decode);
  }

  /** Conditions for another domain's write (the work plan's): each of these recommendations exists when it commits. */
  existsGuards(numbers: readonly number[]): TransactionGuard[] {
    return numbers.map((number) => ({ condition: exists(this.tables.work, recommendationKey(number)) }));
  }
}

/** Per-request reads by key, batched with every other key read of the tick and cached. */
export class RecommendationReader {
  private readonly loader: ItemLoader;
  private readonly table: string;

  constructor(loader: ItemLoader, table: string) {
    this.loader = loader;
    this.table = table;
  }

  async recommendation(number: number): Promise<Recommendation | null> {
    const item = await this.loader.load({ table: this.table, ...recommendationKey(number) });
    return item ? recommendationCodec.decode(item) : null;
  }

  async lastNumber(): Promise<number> {
    return counterCodec.decode((await this.loader.load({ table: this.table, ...recommendationCounterKey })) ?? {})
      .lastNumber;
  }

  /** Whether the meeting exists: its item, whatever the meetings domain keeps in it. */
  async meetingExists(number: number): Promise<boolean> {
    return (await this.loader.load({ table: this.table, ...meetingKey(number) })) !== undefined;
  }
}

/** A condition: the item exists. */
function exists(table: string, key: ItemKey): TransactItem {
  return transactItem({ ConditionCheck: { TableName: table, Key: key, ConditionExpression: 'attribute_exists(pk)' } });
}
