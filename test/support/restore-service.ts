import {
  CreateTableCommand,
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  GetResourcePolicyCommand,
  ListTagsOfResourceCommand,
  PolicyNotFoundException,
  PutResourcePolicyCommand,
  RestoreTableToPointInTimeCommand,
  TagResourceCommand,
  UpdateContinuousBackupsCommand,
  type Tag,
} from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { Item } from '../../functions/shared/data/item-codec.ts';

/** The customer-managed key the stage's tables are encrypted under, as DynamoDB on AWS describes it. */
export const dataKeyArn = 'arn:aws:kms:ap-southeast-2:111122223333:key/0f1e2d3c-aaaa-bbbb-cccc-123456789012';

/**
 * What DynamoDB on AWS does for a restore and DynamoDB Local does not, played over a Document
 * Client on DynamoDB Local; every other call goes to DynamoDB Local itself:
 *
 * - `RestoreTableToPointInTime` creates the target table on DynamoDB Local with the source's keys
 *   and indexes, and fills it with the snapshot given for the source: the table as it was then;
 * - `DescribeTable` is DynamoDB Local's answer, with what AWS adds to it: the encryption under
 *   {@link dataKeyArn}, and on a restored table its `RestoreSummary` (and `CREATING` while a test
 *   holds the restore back);
 * - point-in-time recovery (`DescribeContinuousBackups` with its window, `UpdateContinuousBackups`),
 *   resource policies and tags, which DynamoDB Local lacks, kept here by ARN or name.
 */
export interface RestoreService {
  readonly mock: DocumentClientMock;
  /** What a restore of `liveName` brings back. */
  snapshot(liveName: string, items: readonly Item[]): void;
  /** Keeps the restored table `name` CREATING, as a long restore would, until released. */
  holdBack(name: string): () => void;
  /** The restore window the live tables describe. */
  readonly window: { readonly earliest: Date; readonly latest: Date };
  readonly policies: Map<string, string>;
  readonly tags: Map<string, Tag[]>;
}

const mockDocumentClient = (client: DynamoDBDocumentClient) => mockClient(client);
type DocumentClientMock = ReturnType<typeof mockDocumentClient>;

/**
 * @param dynamo - the client the code under test uses: mocked here for the calls above only
 * @param direct - another client on the same DynamoDB Local, never mocked, for the real calls
 */
export function restoreService(dynamo: DynamoDBDocumentClient, direct: DynamoDBDocumentClient): RestoreService {
  const snapshots = new Map<string, readonly Item[]>();
  const restores = new Map<string, { SourceTableArn: string; RestoreDateTime: Date }>();
  const held = new Set<string>();
  const policies = new Map<string, string>();
  const tags = new Map<string, Tag[]>();
  const now = Math.floor(Date.now() / 1000) * 1000;
  const window = { earliest: new Date(now - 35 * 86_400_000), latest: new Date(now - 5 * 60_000) };

  const mock = mockDocumentClient(dynamo);
  // Whatever is not played below goes to DynamoDB Local.
  mock.send.callThrough();
  mock.on(DescribeTableCommand).callsFake(async (input) => {
    const { Table: table } = await direct.send(new DescribeTableCommand(input));
    const restore = table?.TableName ? restores.get(table.TableName) : undefined;
    return {
      Table: {
        ...table,
        SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: dataKeyArn },
        ...(restore ? { RestoreSummary: { ...restore, RestoreInProgress: false } } : {}),
        ...(table?.TableName && held.has(table.TableName) ? { TableStatus: 'CREATING' } : {}),
      },
    };
  });
  mock.on(DescribeContinuousBackupsCommand).resolves({
    ContinuousBackupsDescription: {
      ContinuousBackupsStatus: 'ENABLED',
      PointInTimeRecoveryDescription: {
        PointInTimeRecoveryStatus: 'ENABLED',
        RecoveryPeriodInDays: 35,
        EarliestRestorableDateTime: window.earliest,
        LatestRestorableDateTime: window.latest,
      },
    },
  });
  mock.on(UpdateContinuousBackupsCommand).resolves({});
  mock.on(GetResourcePolicyCommand).callsFake(async ({ ResourceArn }) => {
    const policy = policies.get(ResourceArn);
    if (!policy) throw new PolicyNotFoundException({ message: 'Resource policy not found', $metadata: {} });
    return { Policy: policy, RevisionId: '1' };
  });
  mock.on(PutResourcePolicyCommand).callsFake(async ({ ResourceArn, Policy }) => {
    policies.set(ResourceArn, Policy);
    return { RevisionId: '2' };
  });
  mock.on(ListTagsOfResourceCommand).callsFake(async ({ ResourceArn }) => ({ Tags: tags.get(ResourceArn) ?? [] }));
  mock.on(TagResourceCommand).callsFake(async ({ ResourceArn, Tags }) => {
    const kept = (tags.get(ResourceArn) ?? []).filter((tag) => !Tags.some((added: Tag) => added.Key === tag.Key));
    tags.set(ResourceArn, [...kept, ...Tags]);
    return {};
  });
  mock.on(RestoreTableToPointInTimeCommand).callsFake(async ({ SourceTableName, TargetTableName, RestoreDateTime }) => {
    const { Table: source } = await direct.send(new DescribeTableCommand({ TableName: SourceTableName }));
    await direct.send(
      new CreateTableCommand({
        TableName: TargetTableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: source?.AttributeDefinitions,
        KeySchema: source?.KeySchema,
        ...(source?.GlobalSecondaryIndexes?.length
          ? {
              GlobalSecondaryIndexes: source.GlobalSecondaryIndexes.map((index) => ({
                IndexName: index.IndexName,
                KeySchema: index.KeySchema,
                Projection: index.Projection,
              })),
            }
          : {}),
      }),
    );
    const items = snapshots.get(SourceTableName) ?? [];
    for (let start = 0; start < items.length; start += 25) {
      await direct.send(
        new BatchWriteCommand({
          RequestItems: {
            [TargetTableName]: items.slice(start, start + 25).map((item) => ({ PutRequest: { Item: item } })),
          },
        }),
      );
    }
    restores.set(TargetTableName, { SourceTableArn: source?.TableArn ?? '', RestoreDateTime });
    const { Table: restored } = await direct.send(new DescribeTableCommand({ TableName: TargetTableName }));
    return { TableDescription: restored };
  });

  return {
    mock,
    snapshot: (liveName, items) => snapshots.set(liveName, items),
    holdBack: (name) => {
      held.add(name);
      return () => held.delete(name);
    },
    window,
    policies,
    tags,
  };
}
