import { tableIds, tables, type TableId } from '../shared/data/tables.ts';

/**
 * The tables whose streams are archived: every table marked `appendOnly` (the audit trail, the read
 * records), so a new append-only table is archived by being declared so.
 */
export const archivedTableIds: readonly TableId[] = tableIds.filter((id) => tables[id].appendOnly === true);

/** The names the archive functions' logs carry as `service`. */
export const archiveServiceName = 'bali-disruption-archive';
export const digestServiceName = 'bali-disruption-digest';

/** What the archive functions read from their environment, once per container. */
export interface ArchiveConfig {
  /** The write-once bucket (ARCHIVE_BUCKET). */
  readonly bucket: string;
  /** Each archived table's id, by its physical name (from the tables' own variables, e.g. AUDIT_TABLE). */
  readonly tableIds: Readonly<Record<string, string>>;
  /** The KMS key that signs digests (DIGEST_SIGNING_KEY_ID); only the digest function has one. */
  readonly signingKeyId?: string;
}

/** The environment variables that hand the archive its bucket and tables. */
export function archiveEnvironment(bucket: string, tableNames: Readonly<Partial<Record<TableId, string>>>) {
  return {
    ARCHIVE_BUCKET: bucket,
    ...Object.fromEntries(archivedTableIds.map((id) => [tables[id].envVar, tableNames[id] ?? ''])),
  };
}

/** Reads the configuration; a missing variable fails here, named, rather than as a puzzling S3 error later. */
export function readArchiveConfig(env: Record<string, string | undefined>): ArchiveConfig {
  const names = ['ARCHIVE_BUCKET', ...archivedTableIds.map((id) => tables[id].envVar)];
  const missing = names.filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`missing environment variables: ${missing.join(', ')}`);
  return {
    bucket: env.ARCHIVE_BUCKET as string,
    tableIds: Object.fromEntries(archivedTableIds.map((id) => [env[tables[id].envVar] as string, id])),
    ...(env.DIGEST_SIGNING_KEY_ID ? { signingKeyId: env.DIGEST_SIGNING_KEY_ID } : {}),
  };
}
