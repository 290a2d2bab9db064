import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  RestoreTableToPointInTimeCommand,
  UpdateContinuousBackupsCommand,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DeleteCommand, PutCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { chainEventKey, viewKey } from '../../functions/audit/audit.keys.ts';
import { activeJpaKey } from '../../functions/jpa/jpa.keys.ts';
import { jpaItem, totalsItem } from '../../functions/jpa/jpa.items.ts';
import type { Jpa } from '../../functions/jpa/jpa.types.ts';
import { listingItem, operationItem } from '../../functions/operation/operation.items.ts';
import { idempotencyKey, operationKey } from '../../functions/operation/operation.keys.ts';
import type { Operation } from '../../functions/operation/operation.types.ts';
import { listingsOf } from '../../functions/operation/operation.visibility.ts';
import { createDocumentClient } from '../../functions/shared/data/dynamo.ts';
import type { Item } from '../../functions/shared/data/item-codec.ts';
import { tableIds, type TableNames } from '../../functions/shared/data/tables.ts';
import { runOps, usage } from '../../infra/ops/cli.ts';
import { opsClients } from '../support/ops-clients.ts';
import { pointText, restoredTableName, runRestore } from '../../infra/ops/restore.ts';
import { tableOutputNames } from '../../infra/stack-names.ts';
import { writeChains } from '../support/audit-chains.ts';
import { dataKeyArn, restoreService, type RestoreService } from '../support/restore-service.ts';
import { freshTables } from '../support/tables.ts';

/*
 * `npm run ops -- restore` on DynamoDB Local: the live tables are real tables, the restore itself
 * creates a real table filled with the table as it was (test/support/restore-service.ts), and
 * the copy-back reads and writes both for real. Only what DynamoDB Local lacks is played: the
 * restore call, point-in-time recovery, resource policies, tags, and the encryption and restore
 * summary that DescribeTable adds on AWS.
 */

const cloudFormation = new CloudFormationClient({ region: 'local' });
const cfnMock = mockClient(cloudFormation);

let dynamo: DynamoDBDocumentClient;
/** The same DynamoDB Local, never mocked: what the tests set up and look at. */
let direct: DynamoDBDocumentClient;
let tableNames: TableNames;
let service: RestoreService;
let log: string[];

const run = (...argv: string[]) =>
  runOps(['restore', '--stage', 'prod', ...argv], opsClients({ cloudFormation, dynamo }), (line) => log.push(line));

/** Whole seconds, `days` ago: a point inside the window. */
const daysAgo = (days: number) => new Date(Math.floor(Date.now() / 1000) * 1000 - days * 86_400_000);

/** A fresh stage: its own live tables, deployed as CloudFormation describes them. */
async function freshStage(): Promise<void> {
  const fresh = await freshTables();
  tableNames = fresh.tableNames;
  dynamo = createDocumentClient({ endpoint: fresh.endpoint });
  direct = createDocumentClient({ endpoint: fresh.endpoint });
  service = restoreService(dynamo, direct);
  cfnMock.reset();
  const stack = (name: string, outputs: { OutputKey: string; OutputValue: string }[]) => ({
    Stacks: [{ StackName: name, StackStatus: 'CREATE_COMPLETE' as const, CreationTime: new Date(), Outputs: outputs }],
  });
  cfnMock
    .on(DescribeStacksCommand, { StackName: 'BaliDisruption-prod-Auth' })
    .resolves(stack('BaliDisruption-prod-Auth', [{ OutputKey: 'UserPoolId', OutputValue: 'pool-prod' }]));
  cfnMock.on(DescribeStacksCommand, { StackName: 'BaliDisruption-prod-Data' }).resolves(
    stack(
      'BaliDisruption-prod-Data',
      tableIds.map((id) => ({ OutputKey: tableOutputNames[id], OutputValue: tableNames[id] })),
    ),
  );
}

async function put(table: string, items: readonly Item[]): Promise<void> {
  for (const item of items) await direct.send(new PutCommand({ TableName: table, Item: item }));
}

/** Every item of a table, in key order. */
async function scan(table: string): Promise<Item[]> {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await direct.send(
      new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: start }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return inKeyOrder(items);
}

function inKeyOrder(items: readonly Item[]): Item[] {
  const key = (item: Item) => `${String(item.pk)} ${String(item.sk)}`;
  return [...items].sort((a, b) => key(a).localeCompare(key(b)));
}

async function describeTable(name: string) {
  return (await direct.send(new DescribeTableCommand({ TableName: name }))).Table;
}

beforeEach(async () => {
  log = [];
  await freshStage();
});

describe('npm run ops -- restore', () => {
  it('is in the usage text, with every table id', () => {
    expect(usage).toMatch(/^ {2}restore --table T --to TIME \[--copy-back \[--dry-run\]\]$/m);
    expect(usage).toContain(`T: ${tableIds.join(', ')}`);
  });

  it('restores into a new table named after the point, under the live table’s key, and re-applies what a restore loses', async () => {
    const point = daysAgo(2);
    const live = tableNames.reads;
    const liveArn = (await describeTable(live))?.TableArn ?? '';
    // The live table as the Data stack leaves it: deletion protection, a stream for the archive,
    // time to live (set by freshTables), the append-only policy and the stack's tags.
    await direct.send(new UpdateTableCommand({ TableName: live, DeletionProtectionEnabled: true }));
    await direct.send(
      new UpdateTableCommand({
        TableName: live,
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    );
    service.policies.set(
      liveArn,
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'AppendOnly', Effect: 'Deny', Principal: '*', Action: 'dynamodb:DeleteItem', Resource: liveArn },
        ],
      }),
    );
    service.tags.set(liveArn, [
      { Key: 'aws:cloudformation:stack-name', Value: 'BaliDisruption-prod-Data' },
      { Key: 'project', Value: 'bali-disruption' },
    ]);

    expect(await run('--table', 'reads', '--to', pointText(point))).toBe(0);

    const name = restoredTableName(live, point);
    expect(name).toBe(`${live}-restored-${point.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`);
    expect(service.mock.commandCalls(RestoreTableToPointInTimeCommand).map((call) => call.args[0].input)).toEqual([
      {
        SourceTableName: live,
        TargetTableName: name,
        RestoreDateTime: point,
        BillingModeOverride: 'PAY_PER_REQUEST',
        SSESpecificationOverride: { Enabled: true, SSEType: 'KMS', KMSMasterKeyId: dataKeyArn },
      },
    ]);
    const restored = await describeTable(name);
    const restoredArn = restored?.TableArn ?? '';
    expect(service.mock.commandCalls(UpdateContinuousBackupsCommand).map((call) => call.args[0].input)).toEqual([
      {
        TableName: name,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 35 },
      },
    ]);
    expect(restored?.DeletionProtectionEnabled).toBe(true);
    expect((await direct.send(new DescribeTimeToLiveCommand({ TableName: name }))).TimeToLiveDescription).toMatchObject(
      { TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' },
    );
    expect(JSON.parse(service.policies.get(restoredArn) ?? 'null')).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'AppendOnly', Effect: 'Deny', Principal: '*', Action: 'dynamodb:DeleteItem', Resource: restoredArn },
      ],
    });
    expect(service.tags.get(restoredArn)).toEqual([
      { Key: 'project', Value: 'bali-disruption' },
      { Key: 'restored-from', Value: live },
      { Key: 'restored-to-time', Value: pointText(point) },
    ]);
    // No stream: the restored copy must not feed the write-once archive.
    expect(restored?.StreamSpecification?.StreamEnabled ?? false).toBe(false);
    expect(log).toEqual([
      `restoring ${live} to ${pointText(point)} as ${name}`,
      `${name} is ACTIVE; re-applied: point-in-time recovery (35 days), deletion protection, time to live on expiresAt, resource policy, 1 tag of the live table's, with restored-from and restored-to-time`,
      `${name} has no stream: a restored copy does not feed the write-once archive`,
      'nothing copied back; to see what would be: the same command with --copy-back --dry-run',
      `once done with it: aws dynamodb update-table --table-name ${name} --no-deletion-protection-enabled && aws dynamodb delete-table --table-name ${name}`,
    ]);
  });

  it('gives a restore to another point another table, and re-applies no setting the live table lacks', async () => {
    const [first, second] = [daysAgo(3), daysAgo(1)];
    await run('--table', 'membership', '--to', pointText(first));
    await run('--table', 'membership', '--to', pointText(second));
    const names = service.mock
      .commandCalls(RestoreTableToPointInTimeCommand)
      .map((call) => call.args[0].input.TargetTableName);
    expect(names).toEqual([
      restoredTableName(tableNames.membership, first),
      restoredTableName(tableNames.membership, second),
    ]);
    expect(new Set(names).size).toBe(2);
    for (const name of names) {
      expect((await describeTable(name ?? ''))?.DeletionProtectionEnabled).toBe(false);
      expect(
        (await direct.send(new DescribeTimeToLiveCommand({ TableName: name }))).TimeToLiveDescription?.TimeToLiveStatus,
      ).toBe('DISABLED');
    }
    expect(log.filter((line) => line.includes('re-applied'))).toEqual(
      names.map(
        (name) =>
          `${name} is ACTIVE; re-applied: point-in-time recovery (35 days), 0 tags of the live table's, with restored-from and restored-to-time`,
      ),
    );
  });

  it('refuses a time outside the restore window, or not a time to the second with its offset, and restores nothing', async () => {
    const { earliest, latest } = service.window;
    const before = new Date(earliest.getTime() - 60_000);
    await expect(run('--table', 'operations', '--to', pointText(before))).rejects.toThrow(
      `${pointText(before)} is outside the restore window of ${tableNames.operations} (${pointText(earliest)} to ${pointText(latest)}): nothing restored`,
    );
    const after = new Date(Math.ceil(Date.now() / 1000) * 1000 + 60_000);
    await expect(run('--table', 'operations', '--to', pointText(after))).rejects.toThrow(
      /is outside the restore window/,
    );
    await expect(run('--table', 'operations', '--to', '2026-05-01 09:00')).rejects.toThrow(
      '--to "2026-05-01 09:00" is not a time to restore to: give an ISO 8601 time to the second with its offset, e.g. 2026-05-01T09:00:00Z',
    );
    await expect(run('--table', 'operations', '--to', '2026-05-01T09:00:00')).rejects.toThrow(
      /is not a time to restore to/,
    );
    await expect(run('--table', 'operations', '--to', '2026-05-01T09:00:00.250Z')).rejects.toThrow(
      /is not a time to restore to/,
    );
    expect(service.mock.commandCalls(RestoreTableToPointInTimeCommand)).toHaveLength(0);
  });

  it('refuses an unknown table id, a missing option, and --dry-run without --copy-back', async () => {
    await expect(run('--table', 'members', '--to', pointText(daysAgo(1)))).rejects.toThrow(
      `"members" is not a table: expected one of ${tableIds.join(', ')}`,
    );
    await expect(run('--to', pointText(daysAgo(1)))).rejects.toThrow('--table is required');
    await expect(run('--table', 'jpas')).rejects.toThrow('--to is required');
    await expect(run('--table', 'jpas', '--to', pointText(daysAgo(1)), '--dry-run')).rejects.toThrow(
      '--dry-run goes with --copy-back',
    );
    expect(service.mock.commandCalls(RestoreTableToPointInTimeCommand)).toHaveLength(0);
  });

  it('waits a bounded time for a long restore, then says to run again; run again, it carries on with the same table', async () => {
    const point = daysAgo(4);
    const name = restoredTableName(tableNames.reads, point);
    const release = service.holdBack(name);
    const command = { tableNames, table: 'reads', to: pointText(point), copyBack: false, dryRun: false };
    const wait = { maxWaitSeconds: 0.3, minDelaySeconds: 0.05, maxDelaySeconds: 0.1 };
    await expect(runRestore(dynamo, command, (line) => log.push(line), wait)).rejects.toThrow(
      `${name} is still being restored after 0.3 seconds; DynamoDB carries on: run the same command again to wait for it and finish`,
    );
    expect(service.mock.commandCalls(UpdateContinuousBackupsCommand)).toHaveLength(0);
    release();
    // Twice more: the second finds every setting in place, and enabling time to live again would fail.
    expect(await runRestore(dynamo, command, (line) => log.push(line), wait)).toBe(0);
    expect(await runRestore(dynamo, command, (line) => log.push(line), wait)).toBe(0);
    expect(service.mock.commandCalls(RestoreTableToPointInTimeCommand)).toHaveLength(1);
    expect(log.filter((line) => line.includes('started before'))).toEqual([
      `${name} is the restore of ${tableNames.reads} to ${pointText(point)} started before: carrying on with it`,
      `${name} is the restore of ${tableNames.reads} to ${pointText(point)} started before: carrying on with it`,
    ]);
    expect((await direct.send(new DescribeTimeToLiveCommand({ TableName: name }))).TimeToLiveDescription).toMatchObject(
      {
        TimeToLiveStatus: 'ENABLED',
        AttributeName: 'expiresAt',
      },
    );
  });

  it('refuses to take over a table that has the restored name but is not that restore', async () => {
    const point = daysAgo(5);
    const name = restoredTableName(tableNames.terms, point);
    await direct.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    );
    await expect(run('--table', 'terms', '--to', pointText(point), '--copy-back')).rejects.toThrow(
      `a table ${name} exists and is not the restore of ${tableNames.terms} to ${pointText(point)}: nothing restored`,
    );
    expect(service.mock.commandCalls(RestoreTableToPointInTimeCommand)).toHaveLength(0);
  });
});

/** An operation handled PARTICIPANTS, with the countries given. */
function operation(id: string, revision: number, participants: readonly string[], codeName: string): Operation {
  return {
    id,
    jpaNumber: 8,
    codeName,
    lead: participants[0] ?? 'TH',
    participants,
    crimeTypes: ['PEOPLE_SMUGGLING'],
    status: 'ACTIVE',
    startsOn: '2026-03-01',
    endsOn: null,
    summary: `summary of ${codeName}`,
    handling: 'PARTICIPANTS',
    outcomes: { arrests: revision, prosecutions: 0, victimsIdentified: 0, networksDisrupted: 0 },
    revision,
  };
}

/** An item as DynamoDB stores it: an attribute left undefined is not there. */
const stored = (item: Item): Item =>
  Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined));

/** An operation's item and one listing item per country it is shown to. */
const itemsOf = (op: Operation): Item[] =>
  [operationItem(op), ...listingsOf(op).map((listing) => listingItem(op, listing))].map(stored);

const ids = {
  lost: '00000000-0000-4000-8000-00000000000a',
  narrowed: '00000000-0000-4000-8000-00000000000b',
  wentBack: '00000000-0000-4000-8000-00000000000c',
  strayListing: '00000000-0000-4000-8000-00000000000d',
  same: '00000000-0000-4000-8000-00000000000e',
  raced: '00000000-0000-4000-8000-00000000000f',
};

/**
 * The operations table at the point and now: an operation lost since (deleted with its listing);
 * one that changed since and no longer shows to MY (its MY listing removed, as the API does); one
 * gone back to an older revision by a write outside the API; one gone back while a listing of its
 * older state shows it to VN, whom the restored operation does not name; one unchanged; one lost
 * that a writer re-creates while the copy-back runs.
 */
const operationsAt = {
  point: [
    ...itemsOf(operation(ids.lost, 2, ['TH'], 'Coral Tide')),
    ...itemsOf(operation(ids.narrowed, 3, ['TH', 'VN', 'MY'], 'Mekong Light')),
    ...itemsOf(operation(ids.wentBack, 4, ['TH'], 'Quiet Current')),
    ...itemsOf(operation(ids.strayListing, 2, ['TH'], 'Open Harbour')),
    ...itemsOf(operation(ids.same, 1, ['VN'], 'Still Water')),
    ...itemsOf(operation(ids.raced, 2, ['NZ'], 'Late Tide')),
  ],
  now: [
    ...itemsOf(operation(ids.narrowed, 4, ['TH', 'VN'], 'Mekong Light')),
    ...itemsOf(operation(ids.wentBack, 1, ['TH'], 'Quiet Current')),
    ...itemsOf(operation(ids.strayListing, 1, ['TH', 'VN'], 'Open Harbour')),
    ...itemsOf(operation(ids.same, 1, ['VN'], 'Still Water')),
  ],
};

const key = (pk: string, sk: string) => `${JSON.stringify(pk)} ${JSON.stringify(sk)}`;
const op = (id: string) => key(operationKey(id).pk, operationKey(id).sk);
const listing = (id: string, country: string) => key(operationKey(id).pk, `AUD#C#${country}`);

describe('npm run ops -- restore --copy-back', () => {
  beforeEach(async () => {
    await put(tableNames.operations, operationsAt.now);
    service.snapshot(tableNames.operations, operationsAt.point);
  });

  it('--dry-run lists the keys it would put back or leave for a person, never an item’s contents, and writes nothing', async () => {
    const point = daysAgo(1);
    const before = await scan(tableNames.operations);
    expect(await run('--table', 'operations', '--to', pointText(point), '--copy-back', '--dry-run')).toBe(1);
    expect(await scan(tableNames.operations)).toEqual(before);
    expect(log.filter((line) => line.startsWith('  ')).sort()).toEqual(
      [
        `  missing: ${op(ids.lost)}`,
        `  missing: ${listing(ids.lost, 'TH')}`,
        `  missing: ${op(ids.raced)}`,
        `  missing: ${listing(ids.raced, 'NZ')}`,
        `  older: ${op(ids.wentBack)}`,
        `  older: ${listing(ids.wentBack, 'TH')}`,
        `  needsHand: ${op(ids.strayListing)}`,
      ].sort(),
    );
    expect(log.at(-2)).toBe(
      `copy-back into ${tableNames.operations} (dry run, nothing written): would put back 4 missing, 2 older; left as they are: 5 changed since the point, 1 operations that need a hand (listed above), 2 the same`,
    );
    for (const secret of ['Coral Tide', 'Mekong Light', 'Quiet Current', 'Open Harbour', 'summary of']) {
      expect(log.join('\n')).not.toContain(secret);
    }
  });

  it('puts back what is missing or older, conditionally; never a listing its operation no longer has; leaves what changed since', async () => {
    const point = daysAgo(1);
    // A writer re-creates the raced operation between the copy-back's read and its write.
    service.mock
      .on(PutCommand, { Item: { pk: operationKey(ids.raced).pk, sk: operationKey(ids.raced).sk } })
      .callsFake(async (input) => {
        await put(tableNames.operations, [operationItem(operation(ids.raced, 3, ['NZ'], 'Late Tide'))]);
        return direct.send(new PutCommand(input));
      });
    expect(await run('--table', 'operations', '--to', pointText(point), '--copy-back')).toBe(1);

    const now = await scan(tableNames.operations);
    const partition = (id: string) => now.filter((item) => item.pk === operationKey(id).pk);
    const expected = (id: string, at: Item[]) => inKeyOrder(at.filter((item) => item.pk === operationKey(id).pk));
    // Lost: back, with its listing.
    expect(partition(ids.lost)).toEqual(expected(ids.lost, operationsAt.point));
    // Changed since: as the live writer left it, and still not shown to MY.
    expect(partition(ids.narrowed)).toEqual(expected(ids.narrowed, operationsAt.now));
    // Gone back: the restored revision, listing too.
    expect(partition(ids.wentBack)).toEqual(expected(ids.wentBack, operationsAt.point));
    // A listing of the live state that the restored one lacks: nothing touched.
    expect(partition(ids.strayListing)).toEqual(expected(ids.strayListing, operationsAt.now));
    // Raced: the writer's revision, not the restored one.
    expect(partition(ids.raced)).toEqual([stored(operationItem(operation(ids.raced, 3, ['NZ'], 'Late Tide')))]);
    expect(log.filter((line) => line.startsWith('  ')).sort()).toEqual(
      [`  changedWhileCopying: ${op(ids.raced)}`, `  needsHand: ${op(ids.strayListing)}`].sort(),
    );
    expect(log.at(-2)).toBe(
      `copy-back into ${tableNames.operations}: put back 2 missing, 2 older; left as they are: 6 changed since the point, 1 changed while copying, 1 operations that need a hand (listed above), 2 the same`,
    );
  });
});

describe('copy-back of the audit trail, the ACTIVE JPA and expiring records', () => {
  it('puts back an audit event missing from the live trail and never overwrites one that differs, and says so', async () => {
    await writeChains(direct, tableNames.audit, [{ entity: 'member/TH', audiences: [['*'], ['*'], ['*']] }]);
    const atPoint = await scan(tableNames.audit);
    service.snapshot(tableNames.audit, atPoint);
    const removed = chainEventKey('member/TH', 2);
    const changed = viewKey('*', 'member/TH', 3);
    await direct.send(new DeleteCommand({ TableName: tableNames.audit, Key: removed }));
    const changedView = {
      ...atPoint.find((item) => item.pk === changed.pk && item.sk === changed.sk),
      summary: 'rewritten',
    };
    await put(tableNames.audit, [changedView]);

    expect(await run('--table', 'audit', '--to', pointText(daysAgo(1)), '--copy-back')).toBe(0);

    const now = await scan(tableNames.audit);
    expect(now).toContainEqual(atPoint.find((item) => item.pk === removed.pk && item.sk === removed.sk));
    expect(now).toContainEqual(changedView);
    expect(log).toContain('audit is append-only: items missing from it are put back, none is ever overwritten');
    expect(log.at(-2)).toBe(
      `copy-back into ${tableNames.audit}: put back 1 missing, 0 older; left as they are: 1 different in an append-only table (never overwritten), ${atPoint.length - 2} the same`,
    );
  });

  const jpa = (status: Jpa['status'], revision: number): Jpa => ({
    number: 8,
    title: 'JPA 8',
    startsOn: '2025-07-01',
    endsOn: '2026-06-30',
    status,
    participants: ['TH', 'VN'],
    conference: null,
    revision,
  });
  const totals = { operations: 3, arrests: 12, prosecutions: 4, victimsIdentified: 9, networksDisrupted: 1 };
  const guard = { ...activeJpaKey, number: 8 };

  it('puts back the guard of the ACTIVE JPA only while that JPA is still ACTIVE', async () => {
    service.snapshot(tableNames.jpas, [jpaItem(jpa('ACTIVE', 2)), guard, totalsItem(8, totals)]);
    // Since the point, the guard was lost, and the totals moved on.
    await put(tableNames.jpas, [jpaItem(jpa('ACTIVE', 2)), totalsItem(8, { ...totals, arrests: 15 })]);
    expect(await run('--table', 'jpas', '--to', pointText(daysAgo(1)), '--copy-back')).toBe(0);
    expect(await scan(tableNames.jpas)).toContainEqual(guard);
    expect(await scan(tableNames.jpas)).toContainEqual(totalsItem(8, { ...totals, arrests: 15 }));
    expect(log.at(-2)).toBe(
      `copy-back into ${tableNames.jpas}: put back 1 missing, 0 older; left as they are: 1 different, with no revision to compare, 1 the same`,
    );
  });

  it('never puts back the guard of a JPA that has left ACTIVE since', async () => {
    service.snapshot(tableNames.jpas, [jpaItem(jpa('ACTIVE', 2)), guard, totalsItem(8, totals)]);
    // Since the point, the JPA was concluded, which removes the guard; its totals were lost.
    await put(tableNames.jpas, [jpaItem(jpa('CONCLUDED', 3))]);
    expect(await run('--table', 'jpas', '--to', pointText(daysAgo(1)), '--copy-back')).toBe(0);
    expect(await scan(tableNames.jpas)).toEqual([jpaItem(jpa('CONCLUDED', 3)), totalsItem(8, totals)]);
    expect(log.at(-2)).toBe(
      `copy-back into ${tableNames.jpas}: put back 1 missing, 0 older; left as they are: 2 changed since the point`,
    );
  });

  it('never puts back an item whose time to live has passed', async () => {
    const record = (key: string, expiresAt: number) => ({
      ...idempotencyKey('sub-1', key),
      subject: 'sub-1',
      key,
      inputHash: 'h',
      operationId: ids.lost,
      expiresAt,
    });
    const nowSeconds = Math.floor(Date.now() / 1000);
    const [expired, current] = [record('old', nowSeconds - 3600), record('new', nowSeconds + 3600)];
    service.snapshot(tableNames.idempotency, [expired, current]);
    expect(await run('--table', 'idempotency', '--to', pointText(daysAgo(1)), '--copy-back')).toBe(0);
    expect(await scan(tableNames.idempotency)).toEqual([current]);
    expect(log.at(-2)).toBe(
      `copy-back into ${tableNames.idempotency}: put back 1 missing, 0 older; left as they are: 1 expired (their removal was the retention)`,
    );
  });
});
