import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { auditItems } from '../audit/audit.items.ts';
import { meetingsList } from '../meeting/meeting.keys.ts';
import { addedDates, closedDates, recommendationsList } from '../recommendation/recommendation.keys.ts';
import type { ChainedEvent } from '../shared/domain/audit-events.ts';
import { partitionQuery, queryUpTo, transactItem, transactWrite } from '../shared/data/dynamo.ts';
import type { ItemLoader } from '../shared/data/item-loader.ts';
import { tables, type IndexDefinition } from '../shared/data/tables.ts';
import type { TransactionGuard } from '../shared/data/transaction-guard.ts';
import { meetingCodec, recommendationCodec, reportCodec, reportItem } from './report.items.ts';
import { reportKey, reportsPartition } from './report.keys.ts';
import { reportYears, type AnnualReport, type ReportMeeting, type ReportRecommendation } from './report.types.ts';

/*
 * Access patterns of the annual report on the work table (its keys in report.keys.ts; those of the
 * recommendations and meetings it counts in recommendation.keys.ts and meeting.keys.ts):
 *
 * | pattern                                     | key / index                                                     | call               | reads at most              |
 * | ------------------------------------------- | --------------------------------------------------------------- | ------------------ | -------------------------- |
 * | the published report of a year              | pk=REPORT, sk=<year>                                            | BatchGetItem       | 1                          |
 * | the published reports, newest first         | pk=REPORT, descending                                           | Query              | 87 (publishedBound)        |
 * | recommendations added in a year / by a day  | workByDate: dateKey=REC#ADDED, dateOn BETWEEN or <=             | Query, COUNT       | the range, counted         |
 * | implemented in a year / by a day            | workByDate: dateKey=REC#IMPLEMENTED, dateOn BETWEEN or <=       | Query, COUNT       | the range, counted         |
 * | dropped by a day                            | workByDate: dateKey=REC#DROPPED, dateOn <=                      | Query, COUNT       | the range, counted         |
 * | the meetings of a year, by startsOn         | workByList: listKey=MTG, begins_with(listOrder, "<year>-")      | Query              | 100 (meetingListBound)     |
 * | every recommendation, by number             | workByList: listKey=REC                                         | Query              | 500 (recommendationBound)  |
 * | publish a year once                         | report (attribute_not_exists) + power + audit event             | TransactWriteItems |                            |
 *
 * A COUNT returns no items, but DynamoDB still reads (and charges the capacity of) every item of
 * its range, page after 1 MB page: the per-request read budget (functions/shared/data/
 * request-reads.ts) bounds it like any read. The figures are counted rather than taken from the
 * bounded lists so that they stay exact past the lists' bounds. The counts of a year's meetings and
 * trainings are the meetings domain's (MeetingService.meetingCount and trainingCount).
 */

/** The most published reports there can be: one a year from 2014 to 2100. */
export const publishedBound = reportYears.last - reportYears.first + 1;
/** The most meetings of a year the report lists: docs/api.md's size of `meetings`. */
export const meetingListBound = 100;
/** The most recommendations the report reads to list: docs/api.md's size of `recommendations`. */
export const recommendationBound = 500;

const { work } = tables;

export interface ReportTables {
  readonly work: string;
  readonly audit: string;
}

/** A range of an index partition's sort key: days written YYYY-MM-DD, or a prefix. */
export type SortRange =
  | { readonly from: string; readonly to: string }
  | { readonly upTo: string }
  | { readonly beginsWith: string };

/**
 * What the service asks of the table: the repository's methods, without its DynamoDB client, so
 * that the rules can run against an in-memory table.
 */
export type ReportStore = Pick<ReportRepository, keyof ReportRepository>;

export class ReportRepository {
  private readonly client: DynamoDBDocumentClient;
  private readonly tables: ReportTables;

  constructor(client: DynamoDBDocumentClient, tableNames: ReportTables) {
    this.client = client;
    this.tables = tableNames;
  }

  async published(loader: ItemLoader, year: number): Promise<AnnualReport | null> {
    const item = await loader.load({ table: this.tables.work, ...reportKey(year) });
    return item ? reportCodec.decode(item) : null;
  }

  /** Newest first; every one there can be (one a year). */
  async listPublished(): Promise<AnnualReport[]> {
    const items = await queryUpTo(
      this.client,
      partitionQuery({
        table: this.tables.work,
        keys: work,
        partition: reportsPartition,
        descending: true,
        consistentRead: true,
      }),
      publishedBound,
    );
    return items.map(reportCodec.decode);
  }

  /** Recommendations added (ADDED), or made IMPLEMENTED or DROPPED, on the days of `range`. */
  countRecommendations(dates: 'ADDED' | 'IMPLEMENTED' | 'DROPPED', range: SortRange): Promise<number> {
    const partition = dates === 'ADDED' ? addedDates : closedDates(dates);
    return this.count(work.indexes.workByDate, partition, range);
  }

  /** The meetings whose startsOn is in the year, by startsOn then number; the first `meetingListBound`. */
  async meetingsOf(year: number): Promise<ReportMeeting[]> {
    const items = await queryUpTo(
      this.client,
      this.rangeQuery(work.indexes.workByList, meetingsList, { beginsWith: `${year}-` }),
      meetingListBound,
    );
    return items.map(meetingCodec.decode);
  }

  /** Every recommendation by number, the first `recommendationBound`. */
  async recommendations(): Promise<ReportRecommendation[]> {
    const items = await queryUpTo(
      this.client,
      partitionQuery({ table: this.tables.work, keys: work.indexes.workByList, partition: recommendationsList }),
      recommendationBound,
    );
    return items.map(recommendationCodec.decode);
  }

  /**
   * Stores a year's report once: the put is conditioned on the year having no report, so of two
   * publications only one is ever written, whatever else their transactions carry.
   */
  publish(report: AnnualReport, guards: readonly TransactionGuard[], event: ChainedEvent): Promise<void> {
    return transactWrite(
      this.client,
      [
        transactItem({
          Put: {
            TableName: this.tables.work,
            Item: reportItem(report),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        }),
        ...guards,
        ...auditItems(this.tables.audit, event),
      ],
      `the annual report of ${report.year} is already published`,
    );
  }

  /** Counts a range page after page (DynamoDB stops each at 1 MB of items read). */
  private async count(index: IndexDefinition, partition: string, range: SortRange): Promise<number> {
    const input = { ...this.rangeQuery(index, partition, range), Select: 'COUNT' as const };
    let total = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const output = await this.client.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
      total += output.Count ?? 0;
      startKey = output.LastEvaluatedKey;
    } while (startKey);
    return total;
  }

  private rangeQuery(index: IndexDefinition, partition: string, range: SortRange): QueryCommandInput {
    const sortCondition =
      'beginsWith' in range ? 'begins_with(#s, :a)' : 'upTo' in range ? '#s <= :b' : '#s BETWEEN :a AND :b';
    const values =
      'beginsWith' in range
        ? { ':a': range.beginsWith }
        : 'upTo' in range
          ? { ':b': range.upTo }
          : { ':a': range.from, ':b': range.to };
    return {
      TableName: this.tables.work,
      IndexName: index.name,
      KeyConditionExpression: `#p = :p AND ${sortCondition}`,
      ExpressionAttributeNames: { '#p': index.partitionKey, '#s': index.sortKey },
      ExpressionAttributeValues: { ':p': partition, ...values },
    };
  }
}
