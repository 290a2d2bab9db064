import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { auditItems } from '../audit/audit.items.ts';
import { jpaKey } from '../jpa/jpa.keys.ts';
import type { ChainedEvent } from '../shared/domain/audit-events.ts';
import { partitionQuery, queryUpTo, transactItem, transactWrite } from '../shared/data/dynamo.ts';
import type { ItemLoader } from '../shared/data/item-loader.ts';
import { tables, type IndexDefinition } from '../shared/data/tables.ts';
import type { TransactionGuard } from '../shared/data/transaction-guard.ts';
import { counterCodec, meetingCodec, meetingItem, minutesCodec, minutesItem } from './meeting.items.ts';
import {
  meetingCounterKey,
  meetingKey,
  meetingKindList,
  meetingsList,
  meetingYearPrefix,
  minutesKey,
} from './meeting.keys.ts';
import type { Meeting, MeetingKind } from './meeting.types.ts';

/*
 * Access patterns of meetings in the work table (keys in meeting.keys.ts):
 *
 * | pattern                                | key / index                                                      | call                | reads at most             |
 * | -------------------------------------- | ---------------------------------------------------------------- | ------------------- | ------------------------- |
 * | meeting by number (many per request)   | pk=MTG#<000009>, sk=MTG                                          | BatchGetItem        | the keys asked for        |
 * | its minutes (many per request)         | pk=MTG#<000009>, sk=MINUTES                                      | BatchGetItem        | the keys asked for        |
 * | the last number given out              | pk=MTG, sk=COUNTER                                               | BatchGetItem        | 1                         |
 * | meetings, startsOn descending          | workByList: listKey=MTG, descending                              | Query               | 100 (meetingListBound)    |
 * | a year's meetings, startsOn descending | workByList: listKey=MTG, begins_with(listOrder, "<year>-"), desc | Query               | 100 (meetingListBound)    |
 * | how many meetings start in a year      | workByList: listKey=MTG, begins_with(listOrder, "<year>-")       | Query, Select COUNT | 1,000 (meetingCountBound) |
 * | how many of a kind start in a year     | workByStatus: statusKey=MTG#<kind>, begins_with(listOrder, …)    | Query, Select COUNT | 1,000 (meetingCountBound) |
 * | schedule                               | counter (conditioned) + meeting + references + power + audit     | TransactWriteItems  |                           |
 * | update, record attendance              | meeting (revision) [+ minutes] + references + power + audit      | TransactWriteItems  |                           |
 *
 * `references`: guards that what the meeting names still holds when it commits. A host or a
 * presenter is a member (membership lends `attribute_exists` on its member), an attendance
 * country an ACTIVE member (membership lends the status check), a JPA exists (`jpaGuard`, a
 * ConditionCheck on the JPA's key in the jpas table). `power`: the guards of the caller's power
 * (a co-chair's term still open), lent by membership.
 *
 * Every Query carries its bound as its Limit and stops there (queryUpTo). A list past its bound
 * answers the newest 100 meetings (of the year, when one is asked for); a count past its bound
 * answers the bound.
 */

/**
 * The most meetings a list reads: `meetings` answers at most the newest 100, the size docs/api.md
 * gives it in the cost estimate. A working group that meets a few times a year stays far below.
 */
export const meetingListBound = 100;

/**
 * The most meetings a count reads (the annual report's figures of a year): ten times the list, so
 * that a year's figures stay exact well past what its list shows. Each item read counts against
 * the request's read budget: a meeting item holds no minutes, about 1 KB with a usual agenda
 * (1,000 of them cost 125 read units of the 1,000), and only full agendas of the longest titles
 * (some 40 KB each) on hundreds of meetings in one year would reach the limit.
 */
export const meetingCountBound = 1_000;

const { work } = tables;

export interface MeetingTables {
  readonly work: string;
  /** Read only by the ConditionCheck that a meeting's JPA exists. */
  readonly jpas: string;
  readonly audit: string;
}

/**
 * What the service asks of the work table for meetings: the repository's methods, without its
 * DynamoDB client, so that the rules can be run (and mutation-tested) against an in-memory table.
 */
export type MeetingStore = Pick<MeetingRepository, keyof MeetingRepository>;

/** What the service reads by key through the request's loader (the reader's methods, likewise). */
export type MeetingReads = Pick<MeetingReader, keyof MeetingReader>;

export class MeetingRepository {
  private readonly client: DynamoDBDocumentClient;
  private readonly tables: MeetingTables;

  constructor(client: DynamoDBDocumentClient, tableNames: MeetingTables) {
    this.client = client;
    this.tables = tableNames;
  }

  reader(loader: ItemLoader): MeetingReads {
    return new MeetingReader(loader, this.tables.work);
  }

  /** startsOn descending (then number descending); only those starting in `year` when given. */
  async listMeetings(year: number | null): Promise<Meeting[]> {
    const query = this.yearQuery(work.indexes.workByList, meetingsList, year, true);
    const items = await queryUpTo(this.client, query, meetingListBound);
    return items.map(meetingCodec.decode);
  }

  /** How many meetings (of this kind, when given) start in `year`; at most `meetingCountBound`. */
  async countMeetings(year: number, kind?: MeetingKind): Promise<number> {
    const query = kind
      ? this.yearQuery(work.indexes.workByStatus, meetingKindList(kind), year, false)
      : this.yearQuery(work.indexes.workByList, meetingsList, year, false);
    const input: QueryCommandInput = { ...query, Select: 'COUNT' };
    let count = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const output = await this.client.send(
        new QueryCommand({ ...input, Limit: meetingCountBound - count, ExclusiveStartKey: startKey }),
      );
      count += output.Count ?? 0;
      startKey = output.LastEvaluatedKey;
    } while (startKey && count < meetingCountBound);
    return count;
  }

  /**
   * A new meeting numbered one past `last`, conditioned on the counter still being `last`: of two
   * meetings scheduled at once, one gets the number and the other a ConflictError to try again with.
   */
  schedule(meeting: Meeting, last: number, guards: readonly TransactionGuard[], event: ChainedEvent): Promise<void> {
    return transactWrite(
      this.client,
      [
        transactItem({
          Put: {
            TableName: this.tables.work,
            Item: { ...meetingCounterKey, ...counterCodec.fields({ lastNumber: meeting.number }) },
            ConditionExpression: last === 0 ? 'attribute_not_exists(pk)' : 'lastNumber = :last',
            ...(last === 0 ? {} : { ExpressionAttributeValues: { ':last': last } }),
          },
        }),
        transactItem({
          Put: {
            TableName: this.tables.work,
            Item: meetingItem(meeting),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        }),
        ...guards,
        ...auditItems(this.tables.audit, event),
      ],
      'another meeting took this number, or what the meeting names changed meanwhile',
    );
  }

  /**
   * Replaces a meeting whose stored revision is `meeting.revision - 1`, index attributes included,
   * and its minutes when given: of two changes based on the same revision, exactly one commits.
   */
  replace(meeting: Meeting, guards: readonly TransactionGuard[], event: ChainedEvent, minutes?: string): Promise<void> {
    return transactWrite(
      this.client,
      [
        transactItem({
          Put: {
            TableName: this.tables.work,
            Item: meetingItem(meeting),
            ConditionExpression: 'revision = :expected',
            ExpressionAttributeValues: { ':expected': meeting.revision - 1 },
          },
        }),
        // Unconditioned: the meeting's revision, in the same transaction, orders the writers.
        ...(minutes === undefined
          ? []
          : [
              transactItem({
                Put: { TableName: this.tables.work, Item: minutesItem(meeting.number, minutes, meeting.revision) },
              }),
            ]),
        ...guards,
        ...auditItems(this.tables.audit, event),
      ],
      `meeting ${meeting.number} changed meanwhile, or what it names changed`,
    );
  }

  /** A condition for a meeting's write: JPA `number` exists when it commits. */
  jpaGuard(number: number): TransactionGuard {
    const condition = transactItem({
      ConditionCheck: {
        TableName: this.tables.jpas,
        Key: jpaKey(number),
        ConditionExpression: 'attribute_exists(pk)',
      },
    });
    return { condition };
  }

  /** The Query of a list's meetings, of one year when given (their `listOrder` begins with it). */
  private yearQuery(index: IndexDefinition, list: string, year: number | null, descending: boolean): QueryCommandInput {
    return partitionQuery({
      table: this.tables.work,
      keys: index,
      partition: list,
      ...(year === null ? {} : { beginsWith: meetingYearPrefix(year) }),
      descending,
    });
  }
}

/** Per-request reads by key, batched with every other key read of the tick and cached. */
export class MeetingReader {
  private readonly loader: ItemLoader;
  private readonly table: string;

  constructor(loader: ItemLoader, table: string) {
    this.loader = loader;
    this.table = table;
  }

  async meeting(number: number): Promise<Meeting | null> {
    const item = await this.loader.load({ table: this.table, ...meetingKey(number) });
    return item ? meetingCodec.decode(item) : null;
  }

  /** Its minutes; null before any are written. */
  async minutes(number: number): Promise<string | null> {
    const item = await this.loader.load({ table: this.table, ...minutesKey(number) });
    return item ? minutesCodec.decode(item).minutes : null;
  }

  async lastNumber(): Promise<number> {
    return counterCodec.decode((await this.loader.load({ table: this.table, ...meetingCounterKey })) ?? {}).lastNumber;
  }
}
