import { tableIds, type TableId } from '../functions/shared/data/tables.ts';

/**
 * Names shared by the stacks that publish them and the operations scripts that read them back
 * (`infra/ops`): stack names per stage, and the names of the outputs those scripts need.
 * Plain data, so the scripts need no CDK to know where to look.
 */
export interface StageStackNames {
  readonly data: string;
  readonly auth: string;
  readonly api: string;
  readonly monitoring: string;
  readonly archive: string;
}

/** The stack names of a stage, from its prefix (`BaliDisruption-prod` → `BaliDisruption-prod-Data`, ...). */
export function stageStackNames(stackPrefix: string): StageStackNames {
  return {
    data: `${stackPrefix}-Data`,
    auth: `${stackPrefix}-Auth`,
    api: `${stackPrefix}-Api`,
    monitoring: `${stackPrefix}-Monitoring`,
    archive: `${stackPrefix}-Archive`,
  };
}

/** `membership` becomes `MembershipTable`, which reads well in logical ids and the console. */
export function tableConstructId(tableId: TableId): string {
  return `${tableId.charAt(0).toUpperCase()}${tableId.slice(1)}Table`;
}

/** The Data stack's output holding a table's physical name, e.g. `MembershipTableName`. */
export function tableOutputName(tableId: TableId): string {
  return `${tableConstructId(tableId)}Name`;
}

/** Every table's output name, by table id. */
export const tableOutputNames: Readonly<Record<TableId, string>> = Object.fromEntries(
  tableIds.map((tableId) => [tableId, tableOutputName(tableId)]),
) as Record<TableId, string>;

/** The Auth stack's output holding the user pool id. */
export const userPoolOutputName = 'UserPoolId';

/** The Archive stack's outputs the operations scripts read: the bucket, and the key that signs digests. */
export const archiveOutputNames = { bucket: 'ArchiveBucketName', signingKey: 'DigestSigningKeyId' } as const;

/** The Api stack's output holding the ARN of the cursor keys' secret, which `rotate-cursor-key` writes. */
export const cursorKeyOutputName = 'CursorKeySecretArn';
