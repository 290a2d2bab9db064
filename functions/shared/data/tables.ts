/**
 * The DynamoDB tables as plain data: the single source that the CDK app, the local table
 * creation and the repositories all read. Keys are strings everywhere; what each key holds
 * is documented by the repository that owns the table, in its access-pattern table.
 *
 * Index and attribute names are typed constants (`tables.operations.indexes.visibleOperations`,
 * its `partitionKey`): repositories name indexes and key attributes only through them, so
 * renaming one here fails the typecheck wherever it is used.
 *
 * No CDK types here: this module is part of the Lambda bundle.
 */

export interface KeySchema {
  readonly partitionKey: string;
  readonly sortKey: string;
}

export interface IndexDefinition extends KeySchema {
  /** Named after the access pattern it serves, never `gsi1`. */
  readonly name: string;
}

export interface TableDefinition extends KeySchema {
  /** Environment variable that carries the physical table name to the Lambda. */
  readonly envVar: string;
  /** By name. */
  readonly indexes: Readonly<Record<string, IndexDefinition>>;
  /** Attribute holding an epoch-seconds expiry, where items expire. */
  readonly timeToLiveAttribute?: string;
  /** True where the API only ever adds items (the Lambda gets no update or delete on it). */
  readonly appendOnly?: boolean;
}

type Named<I extends Record<string, KeySchema>> = { readonly [N in keyof I & string]: I[N] & { readonly name: N } };

/** Indexes keyed by their names, each also carrying its name (what CloudFormation and Query take). */
function indexes<const I extends Record<string, KeySchema>>(keys: I): Named<I> {
  return Object.fromEntries(Object.entries(keys).map(([name, schema]) => [name, { name, ...schema }])) as Named<I>;
}

const definitions = {
  /** Members, co-chair terms, the co-chair guard and the working group's profile. */
  membership: {
    envVar: 'MEMBERSHIP_TABLE',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: indexes({ membersByStatus: { partitionKey: 'statusKey', sortKey: 'sk' } }),
  },
  /** Joint Periods of Action and the guard on the one ACTIVE JPA. */
  jpas: {
    envVar: 'JPAS_TABLE',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: indexes({ jpasByStatus: { partitionKey: 'statusKey', sortKey: 'sk' } }),
  },
  /**
   * Operations, and one listing item per list an operation belongs to (functions/operation/
   * operation.visibility.ts) so that visibility and the country filter are keys: each index
   * serves "operations in this listing", optionally in a JPA and/or with a status, all sorted by
   * `listKey` (startsOn descending, then id).
   */
  operations: {
    envVar: 'OPERATIONS_TABLE',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: indexes({
      visibleOperations: { partitionKey: 'visAll', sortKey: 'listKey' },
      visibleOperationsInJpa: { partitionKey: 'visJpa', sortKey: 'listKey' },
      visibleOperationsByStatus: { partitionKey: 'visStatus', sortKey: 'listKey' },
      visibleOperationsInJpaByStatus: { partitionKey: 'visJpaStatus', sortKey: 'listKey' },
    }),
  },
  /**
   * Terms of Reference versions, the version counter and the adopted-version guard. Only adopted
   * and superseded versions carry the key of `publishedVersions`, so readers who may not see
   * drafts list that sparse index instead of filtering the drafts out.
   */
  terms: {
    envVar: 'TERMS_TABLE',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: indexes({ publishedVersions: { partitionKey: 'publishedKey', sortKey: 'sk' } }),
  },
  /**
   * Audit events: chained per entity, with a view per reader who may see them; `eventsById` finds
   * an event's items by its id (functions/audit/audit.keys.ts).
   */
  audit: {
    envVar: 'AUDIT_TABLE',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: indexes({
      eventsByTime: { partitionKey: 'streamKey', sortKey: 'timeKey' },
      eventsById: { partitionKey: 'id', sortKey: 'pk' },
    }),
    appendOnly: true,
  },
  /**
   * Read records of operations handled PARTICIPANTS: one per operation, request and caller, newest
   * first per operation (functions/operation/reads.repository.ts). Only ever added; each expires
   * after the stage's retention.
   */
  reads: {
    envVar: 'READS_TABLE',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: indexes({}),
    appendOnly: true,
    timeToLiveAttribute: 'expiresAt',
  },
  /**
   * The group's work between JPAs: recommendations, the work plan, meetings and the published
   * annual reports. Each list is a partition of an index, so every list and every figure of the
   * annual report is read through a key (functions/recommendation/recommendation.keys.ts and
   * its siblings): `workByList` lists in order (`listOrder`), `workByStatus` the same lists by
   * status (or a meeting's kind), `workByDate` by the date something happened (`dateOn`).
   */
  work: {
    envVar: 'WORK_TABLE',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: indexes({
      workByList: { partitionKey: 'listKey', sortKey: 'listOrder' },
      workByStatus: { partitionKey: 'statusKey', sortKey: 'listOrder' },
      workByDate: { partitionKey: 'dateKey', sortKey: 'dateOn' },
    }),
  },
  /** Results of creates keyed by (caller, idempotency key), expiring after their window. */
  idempotency: {
    envVar: 'IDEMPOTENCY_TABLE',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: indexes({}),
    timeToLiveAttribute: 'expiresAt',
  },
} as const satisfies Record<string, TableDefinition>;

export type TableId = keyof typeof definitions;

export const tables: { readonly [T in TableId]: (typeof definitions)[T] & TableDefinition } = definitions;

/** Physical table names, as the Lambda receives them. */
export type TableNames = Record<TableId, string>;

export const tableIds = Object.keys(tables) as TableId[];

/** A table's indexes, as a list (CloudFormation, IAM and the local tables take them so). */
export function indexList(definition: TableDefinition): IndexDefinition[] {
  return Object.values(definition.indexes);
}
