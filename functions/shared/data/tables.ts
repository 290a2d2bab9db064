/**
 * The DynamoDB tables as plain data: the single source that the CDK app, the local table
 * creation and the repositories all read. Keys are strings everywhere; what each key holds
 * is documented by the repository that owns the table, in its access-pattern table.
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
  readonly indexes: readonly IndexDefinition[];
  /** Attribute holding an epoch-seconds expiry, where items expire. */
  readonly timeToLiveAttribute?: string;
  /** True where the API only ever adds items (the Lambda gets no update or delete on it). */
  readonly appendOnly?: boolean;
}

const definitions = {
  /** Members, co-chair terms, the co-chair guard and the working group's profile. */
  membership: {
    envVar: 'MEMBERSHIP_TABLE',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: [{ name: 'membersByStatus', partitionKey: 'statusKey', sortKey: 'sk' }],
  },
  /** Joint Periods of Action and the guard on the one ACTIVE JPA. */
  jpas: {
    envVar: 'JPAS_TABLE',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: [{ name: 'jpasByStatus', partitionKey: 'statusKey', sortKey: 'sk' }],
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
    indexes: [
      { name: 'visibleOperations', partitionKey: 'visAll', sortKey: 'listKey' },
      { name: 'visibleOperationsInJpa', partitionKey: 'visJpa', sortKey: 'listKey' },
      { name: 'visibleOperationsByStatus', partitionKey: 'visStatus', sortKey: 'listKey' },
      { name: 'visibleOperationsInJpaByStatus', partitionKey: 'visJpaStatus', sortKey: 'listKey' },
    ],
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
    indexes: [{ name: 'publishedVersions', partitionKey: 'publishedKey', sortKey: 'sk' }],
  },
  /** Audit events: per entity, and one stream over all entities, both newest first. */
  audit: {
    envVar: 'AUDIT_TABLE',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: [{ name: 'eventsByTime', partitionKey: 'streamKey', sortKey: 'sk' }],
    appendOnly: true,
  },
  /** Results of creates keyed by (caller, idempotency key), expiring after their window. */
  idempotency: {
    envVar: 'IDEMPOTENCY_TABLE',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: [],
    timeToLiveAttribute: 'expiresAt',
  },
} as const satisfies Record<string, TableDefinition>;

export type TableId = keyof typeof definitions;

export const tables: Readonly<Record<TableId, TableDefinition>> = definitions;

/** Physical table names, as the Lambda receives them. */
export type TableNames = Record<TableId, string>;

export const tableIds = Object.keys(tables) as TableId[];
