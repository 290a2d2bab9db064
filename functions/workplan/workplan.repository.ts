import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { auditItems } from '../audit/audit.items.ts';
import type { ChainedEvent } from '../shared/domain/audit-events.ts';
import { partitionQuery, queryUpTo, transactItem, transactWrite } from '../shared/data/dynamo.ts';
import type { ItemLoader } from '../shared/data/item-loader.ts';
import { tables } from '../shared/data/tables.ts';
import { ownerRefusal, type OwnerPower } from '../shared/data/owner-condition.ts';
import type { TransactionGuard } from '../shared/data/transaction-guard.ts';
import { counterCodec, workPlanItem, workPlanItemCodec } from './workplan.items.ts';
import { workPlanCounterKey, workPlanItemKey, workPlanList, workPlanStatusList } from './workplan.keys.ts';
import type { WorkPlanItem, WorkPlanStatus } from './workplan.types.ts';

/*
 * Access patterns of the work plan in the work table (keys in workplan.keys.ts):
 *
 * | pattern                                 | key / index                                          | call               | reads at most           |
 * | --------------------------------------- | ---------------------------------------------------- | ------------------ | ----------------------- |
 * | item by number (many per request)       | pk=WP#<000002>, sk=WP                                | BatchGetItem       | the keys asked for      |
 * | the last number given out               | pk=WP, sk=COUNTER                                    | BatchGetItem       | 1                       |
 * | the work plan, by dueOn then number     | workByList: listKey=WP                               | Query              | 500 (workPlanListBound) |
 * | with a status, by dueOn then number     | workByStatus: statusKey=WP#<status>                  | Query              | 500                     |
 * | create                                  | counter (conditioned) + item + references + power + audit | TransactWriteItems |                    |
 * | update                                  | item (revision[, owner]) + references + power + audit | TransactWriteItems |                        |
 *
 * References are checked in the write itself: the owners ACTIVE (guards lent by membership) and
 * the recommendations existing (conditions lent by the recommendations domain). `power`: the
 * guards of the caller's power that membership lends, and for an official of an owner country
 * the owner condition on the item itself. Every Query carries its bound as its Limit and stops
 * there (queryUpTo): past 500 items the work plan answers the first 500 by due date.
 */

/** The most items `workPlan` reads: docs/api.md's size of `workPlan` in the cost estimate. */
export const workPlanListBound = 500;

const { work } = tables;

export interface WorkPlanTables {
  readonly work: string;
  readonly audit: string;
}

/**
 * What the service asks of the table: the repository's methods, without its DynamoDB client, so
 * that the rules run (and are mutation-tested) against an in-memory table.
 */
export type WorkPlanStore = Pick<WorkPlanRepository, keyof WorkPlanRepository>;

/** What the service reads by key through the request's loader (the reader's methods, likewise). */
export type WorkPlanReads = Pick<WorkPlanReader, keyof WorkPlanReader>;

export class WorkPlanRepository {
  private readonly client: DynamoDBDocumentClient;
  private readonly tables: WorkPlanTables;

  constructor(client: DynamoDBDocumentClient, tableNames: WorkPlanTables) {
    this.client = client;
    this.tables = tableNames;
  }

  reader(loader: ItemLoader): WorkPlanReads {
    return new WorkPlanReader(loader, this.tables.work);
  }

  /** By due date, then number; one Query with or without a status. */
  async listItems(status?: WorkPlanStatus): Promise<WorkPlanItem[]> {
    const read = status
      ? { keys: work.indexes.workByStatus, partition: workPlanStatusList(status) }
      : { keys: work.indexes.workByList, partition: workPlanList };
    const items = await queryUpTo(this.client, partitionQuery({ table: this.tables.work, ...read }), workPlanListBound);
    return items.map(workPlanItemCodec.decode);
  }

  /**
   * A new item numbered one past `last`, conditioned on the counter still being `last`: of two
   * creates at once one gets the number, the other a ConflictError to try again with.
   */
  create(item: WorkPlanItem, last: number, guards: readonly TransactionGuard[], event: ChainedEvent): Promise<void> {
    return transactWrite(
      this.client,
      [
        transactItem({
          Put: {
            TableName: this.tables.work,
            Item: { ...workPlanCounterKey, ...counterCodec.fields({ lastNumber: item.number }) },
            ConditionExpression: last === 0 ? 'attribute_not_exists(pk)' : 'lastNumber = :last',
            ...(last === 0 ? {} : { ExpressionAttributeValues: { ':last': last } }),
          },
        }),
        transactItem({
          Put: {
            TableName: this.tables.work,
            Item: workPlanItem(item),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        }),
        ...guards,
        ...auditItems(this.tables.audit, event),
      ],
      'another work-plan item took this number, or what it names changed meanwhile',
    );
  }

  /**
   * Replaces an item at the revision before `item.revision`. For an official of an owner country,
   * its country must still own the item when it commits: the condition says so, though the
   * revision alone would catch it (a change of owners bumps it); what tells a lost power
   * (FORBIDDEN) from a stale revision (CONFLICT) is the item as it was.
   */
  replace(
    item: WorkPlanItem,
    owner: OwnerPower | null,
    guards: readonly TransactionGuard[],
    event: ChainedEvent,
  ): Promise<void> {
    const put = transactItem({
      Put: {
        TableName: this.tables.work,
        Item: workPlanItem(item),
        ConditionExpression: owner ? 'revision = :expected AND contains(owners, :owner)' : 'revision = :expected',
        ExpressionAttributeValues: { ':expected': item.revision - 1, ...(owner ? { ':owner': owner.country } : {}) },
        ...(owner ? { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } : {}),
      },
    });
    return transactWrite(
      this.client,
      [
        owner ? { condition: put, refusal: ownerRefusal(owner) } : put,
        ...guards,
        ...auditItems(this.tables.audit, event),
      ],
      `work-plan item ${item.number} changed meanwhile, or what it names changed`,
    );
  }
}

/** Per-request reads by key, batched with every other key read of the tick and cached. */
export class WorkPlanReader {
  private readonly loader: ItemLoader;
  private readonly table: string;

  constructor(loader: ItemLoader, table: string) {
    this.loader = loader;
    this.table = table;
  }

  async item(number: number): Promise<WorkPlanItem | null> {
    const item = await this.loader.load({ table: this.table, ...workPlanItemKey(number) });
    return item ? workPlanItemCodec.decode(item) : null;
  }

  async lastNumber(): Promise<number> {
    return counterCodec.decode((await this.loader.load({ table: this.table, ...workPlanCounterKey })) ?? {}).lastNumber;
  }
}
