import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { auditItems } from '../audit/audit.items.ts';
import type { ChainedEvent } from '../shared/domain/audit-events.ts';
import { partitionQuery, queryUpTo, transactItem, transactWrite, type TransactItem } from '../shared/data/dynamo.ts';
import type { ItemLoader } from '../shared/data/item-loader.ts';
import { tables } from '../shared/data/tables.ts';
import type { TransactionGuard } from '../shared/data/transaction-guard.ts';
import { adoptedCodec, counterCodec, versionCodec, versionItem } from './terms.items.ts';
import { adoptedKey, counterKey, publishedPartition, termsPartition, versionKey, versionPrefix } from './terms.keys.ts';
import type { TermsVersion } from './terms.types.ts';

/*
 * Access patterns of the terms table (keys in terms.keys.ts):
 *
 * | pattern                                   | key / index                                        | call               | reads at most          |
 * | ----------------------------------------- | -------------------------------------------------- | ------------------ | ---------------------- |
 * | version by number (many per request)      | pk=TOR, sk=V#<00003>                               | BatchGetItem       | the keys asked for     |
 * | the ADOPTED version                       | pk=TOR, sk=ADOPTED (guard naming it)               | BatchGetItem       | 1                      |
 * | every version, newest first               | pk=TOR, sk begins_with V#, descending              | Query              | 100 (versionListBound) |
 * | adopted and superseded only, newest first | publishedVersions: publishedKey=PUBLISHED (sparse) | Query              | 100 (versionListBound) |
 * | draft                                     | counter (conditioned) + version + power + audit    | TransactWriteItems |                        |
 * | update a draft                            | version (revision, DRAFT) + power + audit          | TransactWriteItems |                        |
 * | adopt                                     | version + previous + ADOPTED guard + power + audit | TransactWriteItems |                        |
 *
 * Every write also carries the guards of the caller's power that membership lends (`power`):
 * a co-chair's term must still be open when it commits.
 *
 * Every Query carries its list's bound as its Limit and stops there (queryUpTo). Version numbers
 * go up to 99,999 and drafts are never deleted, so the list could pass its bound: then
 * `termsOfReferenceVersions` answers the newest 100 (drafts included for those who read them,
 * adopted and superseded ones only for the others).
 */

/**
 * The most versions a list reads: a revision a year for a century, and the size the cost
 * estimate gives `termsOfReferenceVersions` (DESIGN.md, Performance: a request's cost is bounded
 * by what it asks). Each version carries its text (up to 100,000 characters), so a full list
 * of long texts is several megabytes, read in 1 MB pages and counted by the per-request read budget.
 */
export const versionListBound = 100;

const { terms } = tables;

export interface TermsTables {
  readonly terms: string;
  readonly audit: string;
}

/**
 * What the service asks of the terms table: the repository's methods, without its DynamoDB client,
 * so that the rules can be run (and mutation-tested) against an in-memory table in seconds.
 */
export type TermsStore = Pick<TermsRepository, keyof TermsRepository>;

export class TermsRepository {
  private readonly client: DynamoDBDocumentClient;
  private readonly tables: TermsTables;

  constructor(client: DynamoDBDocumentClient, tableNames: TermsTables) {
    this.client = client;
    this.tables = tableNames;
  }

  async version(loader: ItemLoader, version: number): Promise<TermsVersion | null> {
    const item = await loader.load({ table: this.tables.terms, ...versionKey(version) });
    return item ? versionCodec.decode(item) : null;
  }

  async adoptedVersionNumber(loader: ItemLoader): Promise<number | null> {
    const item = await loader.load({ table: this.tables.terms, ...adoptedKey });
    return item ? adoptedCodec.decode(item).version : null;
  }

  async lastVersionNumber(loader: ItemLoader): Promise<number> {
    return counterCodec.decode((await loader.load({ table: this.tables.terms, ...counterKey })) ?? {}).lastVersion;
  }

  /**
   * Newest first, the newest `versionListBound` should there ever be more; `publishedOnly` reads
   * the sparse index that drafts are never in.
   */
  async listVersions(publishedOnly: boolean): Promise<TermsVersion[]> {
    const read = publishedOnly
      ? { keys: terms.indexes.publishedVersions, partition: publishedPartition }
      : { keys: terms, partition: termsPartition, beginsWith: versionPrefix, consistentRead: true };
    const items = await queryUpTo(
      this.client,
      partitionQuery({ table: this.tables.terms, ...read, descending: true }),
      versionListBound,
    );
    return items.map(versionCodec.decode);
  }

  /**
   * A new DRAFT numbered one past `last`, conditioned on the counter still being `last`: of two
   * drafts written at once, one gets the number and the other a ConflictError to try again with.
   */
  draft(draft: TermsVersion, last: number, guards: readonly TransactionGuard[], event: ChainedEvent): Promise<void> {
    return transactWrite(
      this.client,
      [
        transactItem({
          Put: {
            TableName: this.tables.terms,
            Item: { ...counterKey, ...counterCodec.fields({ lastVersion: draft.version }) },
            ConditionExpression: last === 0 ? 'attribute_not_exists(pk)' : 'lastVersion = :last',
            ...(last === 0 ? {} : { ExpressionAttributeValues: { ':last': last } }),
          },
        }),
        transactItem({
          Put: {
            TableName: this.tables.terms,
            Item: versionItem(draft),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        }),
        ...guards,
        ...auditItems(this.tables.audit, event),
      ],
      'another draft took this version number',
    );
  }

  /** Replaces a DRAFT at the revision before `draft.revision`; an adopted text can never be written. */
  replaceDraft(draft: TermsVersion, guards: readonly TransactionGuard[], event: ChainedEvent): Promise<void> {
    return transactWrite(
      this.client,
      [
        transactItem({
          Put: {
            TableName: this.tables.terms,
            Item: versionItem(draft),
            ConditionExpression: 'revision = :expected AND #status = :draft',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':expected': draft.revision - 1, ':draft': 'DRAFT' },
          },
        }),
        ...guards,
        ...auditItems(this.tables.audit, event),
      ],
      `version ${draft.version} changed meanwhile or is no longer a DRAFT`,
    );
  }

  /**
   * Adopts a DRAFT and supersedes the adopted version in one transaction conditioned on the
   * ADOPTED guard still naming `previous`: of two adoptions at once, exactly one wins, and there
   * is never a moment with zero or two ADOPTED versions.
   */
  adopt(
    adopted: TermsVersion,
    previous: TermsVersion | null,
    guards: readonly TransactionGuard[],
    event: ChainedEvent,
  ): Promise<void> {
    const items: (TransactItem | TransactionGuard)[] = [
      transactItem({
        Put: {
          TableName: this.tables.terms,
          Item: versionItem(adopted),
          ConditionExpression: 'revision = :expected AND #status = :draft',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':expected': adopted.revision - 1, ':draft': 'DRAFT' },
        },
      }),
      transactItem({
        Put: {
          TableName: this.tables.terms,
          Item: { ...adoptedKey, ...adoptedCodec.fields(adopted) },
          ConditionExpression: previous ? 'version = :previous' : 'attribute_not_exists(pk)',
          ...(previous ? { ExpressionAttributeValues: { ':previous': previous.version } } : {}),
        },
      }),
      ...guards,
      ...auditItems(this.tables.audit, event),
    ];
    if (previous) {
      items.push(
        transactItem({
          Update: {
            TableName: this.tables.terms,
            Key: versionKey(previous.version),
            UpdateExpression: 'SET #status = :superseded, supersededOn = :on, revision = revision + :one',
            ConditionExpression: '#status = :adopted AND revision = :revision',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':superseded': 'SUPERSEDED',
              ':adopted': 'ADOPTED',
              ':on': adopted.adoptedOn,
              ':one': 1,
              ':revision': previous.revision,
            },
          },
        }),
      );
    }
    return transactWrite(
      this.client,
      items,
      `version ${adopted.version} changed meanwhile, or another version was adopted`,
    );
  }
}
