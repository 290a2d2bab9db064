import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { auditItems } from '../audit/audit.items.ts';
import type { ChainedEvent } from '../shared/domain/audit-events.ts';
import { partitionQuery, queryUpTo, transactItem, transactWrite, type TransactItem } from '../shared/data/dynamo.ts';
import type { ItemLoader } from '../shared/data/item-loader.ts';
import { tables } from '../shared/data/tables.ts';
import type { TransactionGuard } from '../shared/data/transaction-guard.ts';
import { activeJpaCodec, jpaCodec, jpaItem, totalsCodec, totalsItem, zeroTotals } from './jpa.items.ts';
import { activeJpaKey, jpaKey, jpaPrefix, jpasPartition, jpaStatusKey, totalsKey } from './jpa.keys.ts';
import type { Jpa, JpaStatus, Outcomes, OutcomeTotals } from './jpa.types.ts';

/*
 * Access patterns of the JPA table (keys in jpa.keys.ts):
 *
 * | pattern                                | key / index                                     | call               | reads at most      |
 * | -------------------------------------- | ----------------------------------------------- | ------------------ | ------------------ |
 * | JPA by number (many per request)       | pk=JPA, sk=JPA#<0007>                           | BatchGetItem       | the keys asked for |
 * | outcome totals of JPAs                 | pk=JPA, sk=TOTALS#<0007>                        | BatchGetItem       | the keys asked for |
 * | the ACTIVE JPA                         | pk=JPA, sk=ACTIVE (guard holding its number)    | BatchGetItem       | 1                  |
 * | all JPAs, newest first                 | pk=JPA, sk begins_with JPA#, descending         | Query              | 100 (jpaListBound) |
 * | JPAs with a status, newest first       | jpasByStatus: statusKey=STATUS#<s>, descending  | Query              | 100 (jpaListBound) |
 * | create / update / conclude             | JPA + ACTIVE guard + members + power + audit    | TransactWriteItems |                    |
 * | join (no revision from the caller)     | Update list_append (conditioned), power, audit  | TransactWriteItems |                    |
 * | operation outcome totals               | Update ADD on TOTALS#n in the operation's write | (operations repo)  |                    |
 *
 * `power`: the guards of the caller's power that membership lends (a co-chair's term still open,
 * an official's member still ACTIVE), checked as the write commits.
 *
 * A JPA's participants are a list in its item, at most the 249 members (no country twice).
 * Every Query carries its list's bound as its Limit and stops there (queryUpTo). JPA numbers go
 * up to 9,999, so the list could pass its bound, after a century of yearly JPAs: then `jpas`
 * answers the newest 100 (by number), with or without a status.
 *
 * At most one ACTIVE JPA: entering ACTIVE puts the guard only if absent, leaving ACTIVE deletes
 * it only if it names this JPA, both in the transaction that changes the status.
 */

/**
 * The most JPAs a list reads: a century of twelve-month JPAs, and the size docs/api.md gives `jpas`
 * in the cost estimate (DESIGN.md, Performance: a request's cost is bounded by what it asks).
 */
export const jpaListBound = 100;

const { jpas } = tables;

export interface JpaTables {
  readonly jpas: string;
  readonly audit: string;
}

/**
 * What the service asks of the JPA table: the repository's methods, without its DynamoDB client,
 * so that the rules can be run (and mutation-tested) against an in-memory table in seconds.
 */
export type JpaStore = Pick<JpaRepository, keyof JpaRepository>;

/** What the service reads by key through the request's loader (the reader's methods, likewise). */
export type JpaReads = Pick<JpaReader, keyof JpaReader>;

export class JpaRepository {
  private readonly client: DynamoDBDocumentClient;
  private readonly tables: JpaTables;

  constructor(client: DynamoDBDocumentClient, tableNames: JpaTables) {
    this.client = client;
    this.tables = tableNames;
  }

  reader(loader: ItemLoader): JpaReads {
    return new JpaReader(loader, this.tables.jpas);
  }

  /** Newest first; the newest `jpaListBound` should there ever be more. */
  async listJpas(status?: JpaStatus): Promise<Jpa[]> {
    const read = status
      ? { keys: jpas.indexes.jpasByStatus, partition: jpaStatusKey(status) }
      : { keys: jpas, partition: jpasPartition, beginsWith: jpaPrefix, consistentRead: true };
    const items = await queryUpTo(
      this.client,
      partitionQuery({ table: this.tables.jpas, ...read, descending: true }),
      jpaListBound,
    );
    return items.map(jpaCodec.decode);
  }

  /**
   * A new JPA (PLANNED) with zero totals; its number must be free, its participants ACTIVE members
   * and the caller's power still held (guards lent by membership).
   */
  createJpa(jpa: Jpa, guards: readonly TransactionGuard[], event: ChainedEvent): Promise<void> {
    return transactWrite(
      this.client,
      [
        transactItem({
          Put: { TableName: this.tables.jpas, Item: jpaItem(jpa), ConditionExpression: 'attribute_not_exists(pk)' },
        }),
        transactItem({ Put: { TableName: this.tables.jpas, Item: totalsItem(jpa.number, zeroTotals) } }),
        ...guards,
        ...auditItems(this.tables.audit, event),
      ],
      `JPA ${jpa.number} already exists`,
    );
  }

  /**
   * Replaces a JPA whose stored revision is `jpa.revision - 1`, moving the ACTIVE guard with its
   * status: of two JPAs made ACTIVE at once, only one can put the guard.
   */
  replaceJpa(jpa: Jpa, previous: Jpa, guards: readonly TransactionGuard[], event: ChainedEvent): Promise<void> {
    const items: (TransactItem | TransactionGuard)[] = [
      transactItem({
        Put: {
          TableName: this.tables.jpas,
          Item: jpaItem(jpa),
          ConditionExpression: 'revision = :expected',
          ExpressionAttributeValues: { ':expected': previous.revision },
        },
      }),
      ...guards,
      ...auditItems(this.tables.audit, event),
    ];
    if (jpa.status === 'ACTIVE' && previous.status !== 'ACTIVE') {
      items.push(
        transactItem({
          Put: {
            TableName: this.tables.jpas,
            Item: { ...activeJpaKey, ...activeJpaCodec.fields(jpa) },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        }),
      );
    }
    if (previous.status === 'ACTIVE' && jpa.status !== 'ACTIVE') {
      items.push(
        transactItem({
          Delete: {
            TableName: this.tables.jpas,
            Key: activeJpaKey,
            ConditionExpression: '#number = :number',
            ExpressionAttributeNames: { '#number': 'number' },
            ExpressionAttributeValues: { ':number': jpa.number },
          },
        }),
      );
    }
    return transactWrite(this.client, items, `JPA ${jpa.number} changed meanwhile, or another JPA is ACTIVE`);
  }

  /**
   * Adds a participant without a revision check from the caller: an atomic append conditioned
   * on the country not taking part yet and the JPA not being CONCLUDED, so concurrent joins of
   * different countries all land, and each bumps the revision once. The guards keep the joining
   * country an ACTIVE member (the caller's power) until it commits.
   */
  joinJpa(number: number, country: string, guards: readonly TransactionGuard[], event: ChainedEvent): Promise<void> {
    return transactWrite(
      this.client,
      [
        transactItem({
          Update: {
            TableName: this.tables.jpas,
            Key: jpaKey(number),
            UpdateExpression: 'SET participants = list_append(participants, :joining), revision = revision + :one',
            ConditionExpression: '#status <> :concluded AND NOT contains(participants, :country)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':joining': [country],
              ':one': 1,
              ':concluded': 'CONCLUDED',
              ':country': country,
            },
          },
        }),
        ...guards,
        ...auditItems(this.tables.audit, event),
      ],
      `JPA ${number} changed meanwhile`,
    );
  }

  /**
   * A condition for an operation's transaction: every one of these countries takes part in the
   * JPA and, for a new operation (`open`), the JPA is not CONCLUDED, when the operation is written.
   */
  participantsGuard(number: number, countries: readonly string[], open: boolean): TransactionGuard {
    const clauses = countries.map((_, index) => `contains(participants, :c${index})`);
    const condition = transactItem({
      ConditionCheck: {
        TableName: this.tables.jpas,
        Key: jpaKey(number),
        ConditionExpression: [...(open ? ['#status <> :concluded'] : ['attribute_exists(pk)']), ...clauses].join(
          ' AND ',
        ),
        ...(open ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
        ExpressionAttributeValues: {
          ...(open ? { ':concluded': 'CONCLUDED' } : {}),
          ...Object.fromEntries(countries.map((country, index) => [`:c${index}`, country])),
        },
      },
    });
    return { condition };
  }

  /** Adds to a JPA's totals, for an operation's transaction: atomic, so concurrent writers add up. */
  totalsGuard(number: number, delta: Outcomes & { operations: number }): TransactionGuard {
    const condition = transactItem({
      Update: {
        TableName: this.tables.jpas,
        Key: totalsKey(number),
        UpdateExpression: 'ADD operations :o, arrests :a, prosecutions :p, victimsIdentified :v, networksDisrupted :n',
        ExpressionAttributeValues: {
          ':o': delta.operations,
          ':a': delta.arrests,
          ':p': delta.prosecutions,
          ':v': delta.victimsIdentified,
          ':n': delta.networksDisrupted,
        },
      },
    });
    return { condition };
  }
}

/** Per-request reads by key, batched with every other key read of the tick and cached. */
export class JpaReader {
  private readonly loader: ItemLoader;
  private readonly table: string;

  constructor(loader: ItemLoader, table: string) {
    this.loader = loader;
    this.table = table;
  }

  async jpa(number: number): Promise<Jpa | null> {
    const item = await this.loader.load({ table: this.table, ...jpaKey(number) });
    return item ? jpaCodec.decode(item) : null;
  }

  async totals(number: number): Promise<OutcomeTotals> {
    return totalsCodec.decode((await this.loader.load({ table: this.table, ...totalsKey(number) })) ?? {});
  }

  async activeNumber(): Promise<number | null> {
    const item = await this.loader.load({ table: this.table, ...activeJpaKey });
    return item ? activeJpaCodec.decode(item).number : null;
  }
}
