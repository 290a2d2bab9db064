import {
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  GetResourcePolicyCommand,
  ListTagsOfResourceCommand,
  PolicyNotFoundException,
  PutResourcePolicyCommand,
  ResourceNotFoundException,
  RestoreTableToPointInTimeCommand,
  TagResourceCommand,
  UpdateContinuousBackupsCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type PointInTimeRecoveryDescription,
  type TableDescription,
  type Tag,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tableIds, tables, type TableId, type TableNames } from '../../functions/shared/data/tables.ts';
import { copyBack, verdicts, type CopyBackCounts, type Verdict } from './copy-back.ts';

/** The restored table's tags that say what it is a copy of, beside the live table's own tags. */
const restoreTags = { from: 'restored-from', toTime: 'restored-to-time' } as const;

/** How long to wait for a restore, and how often to look; tests look more often. */
export interface RestoreWait {
  /** Seconds before giving up (the restore carries on; running the command again picks it up). */
  readonly maxWaitSeconds: number;
  /** Seconds between the first looks; later ones back off up to `maxDelaySeconds`. */
  readonly minDelaySeconds: number;
  readonly maxDelaySeconds: number;
}

/** A restore of a table of a few gigabytes takes well under an hour; longer ones are picked up again. */
const defaultWait: RestoreWait = { maxWaitSeconds: 3600, minDelaySeconds: 20, maxDelaySeconds: 60 };

/** What a restore made. */
export interface RestoredTable {
  readonly name: string;
  /** What was re-applied of the live table's settings, one phrase each, for the operator. */
  readonly reapplied: readonly string[];
}

const isoPoint = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The point to restore to, from what the operator typed: an ISO 8601 time to the second with its
 * offset, so that nobody restores to the wrong hour because of where they sit.
 */
function parsePoint(text: string): Date {
  const point = new Date(text);
  if (!isoPoint.test(text) || Number.isNaN(point.getTime())) {
    throw new Error(
      `--to ${JSON.stringify(text)} is not a time to restore to: give an ISO 8601 time to the second with its offset, e.g. 2026-05-01T09:00:00Z`,
    );
  }
  return point;
}

/** The point as UTC to the second, as in the restored table's name and its tag. */
export function pointText(point: Date): string {
  return point.toISOString().replace('.000Z', 'Z');
}

/**
 * The restored table's name: the live one's with the point, so that restores to different points
 * never collide and the name says what the table holds (`…-restored-20260501T090000Z`).
 */
export function restoredTableName(liveName: string, point: Date): string {
  return `${liveName}-restored-${pointText(point).replace(/[-:]/g, '')}`;
}

/**
 * Restores a table to a point in time into a new table of its own name (the live table is only
 * read), waits until it is ACTIVE, and gives it back what a restore leaves out: point-in-time
 * recovery, deletion protection, time to live, the resource policy and the tags, plus two tags
 * saying what it is a copy of. Its encryption is the live table's customer-managed key, its
 * indexes the live table's, and its billing on demand.
 *
 * No stream: a live append-only table streams into the write-once archive, and a restored copy
 * must not feed it (its events are in the archive already, as first written).
 *
 * Run again for the same table and point, it picks up the restore it started (one still running,
 * or one whose settings were not all applied) rather than starting another.
 */
export async function restoreTable(
  dynamo: DynamoDBDocumentClient,
  liveName: string,
  point: Date,
  log: (line: string) => void,
  wait: RestoreWait = defaultWait,
): Promise<RestoredTable> {
  const live = await describe(dynamo, liveName);
  if (!live) throw new Error(`there is no table ${liveName}`);
  const name = restoredTableName(liveName, point);
  const recovery = await pointInTimeRecovery(dynamo, liveName);
  const existing = await describe(dynamo, name);
  if (existing) {
    checkIsRestoreOf(existing, live, point);
    log(`${name} is the restore of ${liveName} to ${pointText(point)} started before: carrying on with it`);
  } else {
    checkWindow(recovery, liveName, point);
    await dynamo.send(
      new RestoreTableToPointInTimeCommand({
        SourceTableName: liveName,
        TargetTableName: name,
        RestoreDateTime: point,
        // Every table of the Data stack is on demand.
        BillingModeOverride: 'PAY_PER_REQUEST',
        // A restore would take the source's encryption anyway; naming the key makes a restore that
        // cannot use it fail here, rather than leave a copy under another key.
        ...(live.SSEDescription?.KMSMasterKeyArn
          ? {
              SSESpecificationOverride: {
                Enabled: true,
                SSEType: 'KMS',
                KMSMasterKeyId: live.SSEDescription.KMSMasterKeyArn,
              },
            }
          : {}),
      }),
    );
    log(`restoring ${liveName} to ${pointText(point)} as ${name}`);
  }
  await untilActive(dynamo, name, wait);
  const restored = await describe(dynamo, name);
  if (!restored?.TableArn || !live.TableArn)
    throw new Error(`DynamoDB described ${name} or ${liveName} without an ARN`);
  const reapplied = [
    await reapplyRecovery(dynamo, name, recovery),
    await reapplyDeletionProtection(dynamo, live, restored),
    await reapplyTimeToLive(dynamo, liveName, name),
    await reapplyPolicy(dynamo, live.TableArn, restored.TableArn),
    await reapplyTags(dynamo, live.TableArn, restored.TableArn, liveName, point),
  ].flatMap((phrase) => (phrase ? [phrase] : []));
  return { name, reapplied };
}

async function describe(dynamo: DynamoDBDocumentClient, name: string): Promise<TableDescription | undefined> {
  try {
    return (await dynamo.send(new DescribeTableCommand({ TableName: name }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

async function pointInTimeRecovery(
  dynamo: DynamoDBDocumentClient,
  liveName: string,
): Promise<PointInTimeRecoveryDescription> {
  const { ContinuousBackupsDescription: backups } = await dynamo.send(
    new DescribeContinuousBackupsCommand({ TableName: liveName }),
  );
  const recovery = backups?.PointInTimeRecoveryDescription;
  if (recovery?.PointInTimeRecoveryStatus !== 'ENABLED') {
    throw new Error(`point-in-time recovery is off for ${liveName}: there is nothing to restore from`);
  }
  return recovery;
}

function checkWindow(recovery: PointInTimeRecoveryDescription, liveName: string, point: Date): void {
  const { EarliestRestorableDateTime: earliest, LatestRestorableDateTime: latest } = recovery;
  if (!earliest || !latest || point < earliest || point > latest) {
    const window = earliest && latest ? `${pointText(earliest)} to ${pointText(latest)}` : 'not known';
    throw new Error(`${pointText(point)} is outside the restore window of ${liveName} (${window}): nothing restored`);
  }
}

/** A table already under the restored name is ours only if it is this table restored to this point. */
function checkIsRestoreOf(existing: TableDescription, live: TableDescription, point: Date): void {
  const summary = existing.RestoreSummary;
  if (summary?.SourceTableArn !== live.TableArn || summary?.RestoreDateTime?.getTime() !== point.getTime()) {
    throw new Error(
      `a table ${existing.TableName} exists and is not the restore of ${live.TableName} to ${pointText(point)}: nothing restored`,
    );
  }
}

async function untilActive(dynamo: DynamoDBDocumentClient, name: string, wait: RestoreWait): Promise<void> {
  try {
    await waitUntilTableExists(
      {
        client: dynamo,
        maxWaitTime: wait.maxWaitSeconds,
        minDelay: wait.minDelaySeconds,
        maxDelay: wait.maxDelaySeconds,
      },
      { TableName: name },
    );
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') {
      throw new Error(
        `${name} is still being restored after ${duration(wait.maxWaitSeconds)}; DynamoDB carries on: run the same command again to wait for it and finish`,
      );
    }
    throw error;
  }
}

function duration(seconds: number): string {
  return seconds < 120 ? `${seconds} seconds` : `${Math.round(seconds / 60)} minutes`;
}

async function reapplyRecovery(
  dynamo: DynamoDBDocumentClient,
  name: string,
  recovery: PointInTimeRecoveryDescription,
): Promise<string> {
  await dynamo.send(
    new UpdateContinuousBackupsCommand({
      TableName: name,
      PointInTimeRecoverySpecification: {
        PointInTimeRecoveryEnabled: true,
        ...(recovery.RecoveryPeriodInDays ? { RecoveryPeriodInDays: recovery.RecoveryPeriodInDays } : {}),
      },
    }),
  );
  return `point-in-time recovery${recovery.RecoveryPeriodInDays ? ` (${recovery.RecoveryPeriodInDays} days)` : ''}`;
}

async function reapplyDeletionProtection(
  dynamo: DynamoDBDocumentClient,
  live: TableDescription,
  restored: TableDescription,
): Promise<string | undefined> {
  if (!live.DeletionProtectionEnabled) return undefined;
  if (!restored.DeletionProtectionEnabled) {
    await dynamo.send(new UpdateTableCommand({ TableName: restored.TableName, DeletionProtectionEnabled: true }));
  }
  return 'deletion protection';
}

async function reapplyTimeToLive(
  dynamo: DynamoDBDocumentClient,
  liveName: string,
  name: string,
): Promise<string | undefined> {
  const attribute = await timeToLiveAttribute(dynamo, liveName);
  if (!attribute) return undefined;
  // DynamoDB refuses to enable time to live twice, so a second run leaves it as the first set it.
  if ((await timeToLiveAttribute(dynamo, name)) !== attribute) {
    await dynamo.send(
      new UpdateTimeToLiveCommand({
        TableName: name,
        TimeToLiveSpecification: { AttributeName: attribute, Enabled: true },
      }),
    );
  }
  return `time to live on ${attribute}`;
}

async function timeToLiveAttribute(dynamo: DynamoDBDocumentClient, name: string): Promise<string | undefined> {
  const { TimeToLiveDescription: ttl } = await dynamo.send(new DescribeTimeToLiveCommand({ TableName: name }));
  return ttl?.TimeToLiveStatus === 'ENABLED' || ttl?.TimeToLiveStatus === 'ENABLING' ? ttl.AttributeName : undefined;
}

/** The live table's policy on the restored one, naming the restored table wherever it named the live one. */
async function reapplyPolicy(
  dynamo: DynamoDBDocumentClient,
  liveArn: string,
  restoredArn: string,
): Promise<string | undefined> {
  let policy: string | undefined;
  try {
    ({ Policy: policy } = await dynamo.send(new GetResourcePolicyCommand({ ResourceArn: liveArn })));
  } catch (error) {
    if (error instanceof PolicyNotFoundException) return undefined;
    throw error;
  }
  if (!policy) return undefined;
  await dynamo.send(
    new PutResourcePolicyCommand({ ResourceArn: restoredArn, Policy: policy.replaceAll(liveArn, restoredArn) }),
  );
  return 'resource policy';
}

async function reapplyTags(
  dynamo: DynamoDBDocumentClient,
  liveArn: string,
  restoredArn: string,
  liveName: string,
  point: Date,
): Promise<string> {
  const tags: Tag[] = [];
  let nextToken: string | undefined;
  do {
    const page = await dynamo.send(new ListTagsOfResourceCommand({ ResourceArn: liveArn, NextToken: nextToken }));
    // Keys beginning `aws:` (CloudFormation's own) are AWS's to set, and TagResource refuses them.
    tags.push(...(page.Tags ?? []).filter((tag) => !tag.Key?.startsWith('aws:')));
    nextToken = page.NextToken;
  } while (nextToken);
  await dynamo.send(
    new TagResourceCommand({
      ResourceArn: restoredArn,
      Tags: [...tags, { Key: restoreTags.from, Value: liveName }, { Key: restoreTags.toTime, Value: pointText(point) }],
    }),
  );
  return `${tags.length === 1 ? '1 tag' : `${tags.length} tags`} of the live table's, with ${restoreTags.from} and ${restoreTags.toTime}`;
}

/** What `npm run ops -- restore` is asked. */
export interface RestoreCommand {
  readonly tableNames: TableNames;
  /** As typed: a table id of functions/shared/data/tables.ts. */
  readonly table: string;
  /** As typed: see {@link parsePoint}. */
  readonly to: string;
  readonly copyBack: boolean;
  readonly dryRun: boolean;
}

/** How each verdict reads in the copy-back's last line. */
const verdictPhrases: Readonly<Record<Verdict, string>> = {
  missing: 'missing',
  older: 'older',
  changedSince: 'changed since the point',
  changedWhileCopying: 'changed while copying',
  needsHand: 'operations that need a hand (listed above)',
  appendOnly: 'different in an append-only table (never overwritten)',
  unversioned: 'different, with no revision to compare',
  expired: 'expired (their removal was the retention)',
  same: 'the same',
};

/**
 * `restore`: the table restored to the point under its own name with its settings, then with
 * `copyBack`, what the live table lost put back (or, with `dryRun`, listed). Prints keys, never
 * an item's contents: the data is law-enforcement data.
 *
 * @returns the exit status: 1 when operations were left for a person to repair, else 0
 */
export async function runRestore(
  dynamo: DynamoDBDocumentClient,
  command: RestoreCommand,
  log: (line: string) => void,
  wait: RestoreWait = defaultWait,
): Promise<number> {
  const tableId = checkTableId(command.table);
  const point = parsePoint(command.to);
  if (command.dryRun && !command.copyBack)
    throw new Error('--dry-run goes with --copy-back: a restore writes only to its new table');
  const live = command.tableNames[tableId];
  const restored = await restoreTable(dynamo, live, point, log, wait);
  log(`${restored.name} is ACTIVE; re-applied: ${restored.reapplied.join(', ')}`);
  log(`${restored.name} has no stream: a restored copy does not feed the write-once archive`);
  if (!command.copyBack) {
    log(`nothing copied back; to see what would be: the same command with --copy-back --dry-run`);
    log(cleanUp(restored.name));
    return 0;
  }
  if (tables[tableId].appendOnly) {
    log(`${tableId} is append-only: items missing from it are put back, none is ever overwritten`);
  }
  const listed: readonly Verdict[] = command.dryRun
    ? ['missing', 'older', 'needsHand']
    : ['needsHand', 'changedWhileCopying'];
  const counts = await copyBack(
    dynamo,
    { tableId, live, restored: restored.name },
    {
      dryRun: command.dryRun,
      onItem: (verdict, key) => {
        if (listed.includes(verdict)) log(`  ${verdict}: ${JSON.stringify(key.pk)} ${JSON.stringify(key.sk)}`);
      },
    },
  );
  log(copyBackLine(live, counts, command.dryRun));
  log(cleanUp(restored.name));
  return counts.needsHand > 0 ? 1 : 0;
}

function checkTableId(table: string): TableId {
  const tableId = tableIds.find((id) => id === table);
  if (!tableId) throw new Error(`${JSON.stringify(table)} is not a table: expected one of ${tableIds.join(', ')}`);
  return tableId;
}

function copyBackLine(live: string, counts: CopyBackCounts, dryRun: boolean): string {
  const phrase = (verdict: Verdict) => `${counts[verdict]} ${verdictPhrases[verdict]}`;
  const left = verdicts.filter((verdict) => verdict !== 'missing' && verdict !== 'older' && counts[verdict] > 0);
  return [
    `copy-back into ${live}${dryRun ? ' (dry run, nothing written)' : ''}: `,
    `${dryRun ? 'would put back' : 'put back'} ${phrase('missing')}, ${phrase('older')}`,
    left.length > 0 ? `; left as they are: ${left.map(phrase).join(', ')}` : '',
  ].join('');
}

function cleanUp(name: string): string {
  return `once done with it: aws dynamodb update-table --table-name ${name} --no-deletion-protection-enabled && aws dynamodb delete-table --table-name ${name}`;
}
