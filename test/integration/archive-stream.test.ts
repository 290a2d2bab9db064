import { CreateTableCommand, DescribeTableCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { inject } from 'vitest';
import { archivedTableIds, readArchiveConfig } from '../../functions/archive/archive.config.ts';
import { lastSequenceMetadata, streamObjectKey, type ArchivedRecord } from '../../functions/archive/archive.layout.ts';
import { createStreamHandler } from '../../functions/archive/archive.stream-handler.ts';
import { chainEventKey } from '../../functions/audit/audit.keys.ts';
import { createDynamoClient } from '../../functions/shared/data/dynamo.ts';
import { tables } from '../../functions/shared/data/tables.ts';
import { archiveStore } from '../support/archive-store.ts';

/*
 * The archiving function fed real stream records: an audit table on DynamoDB Local with a stream
 * of both images (as the Data stack gives every append-only table), read through the Streams API
 * (DescribeStream, GetShardIterator, GetRecords) and handed over as Lambda hands them, with S3 a
 * Map behind aws-sdk-client-mock that honours If-None-Match.
 */

const endpoint = inject('dynamoEndpoint');
const local = { endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
const dynamo = createDynamoClient({ endpoint });
const streams = new DynamoDBStreamsClient(local);
const tableName = `archive-${crypto.randomUUID().slice(0, 8)}-audit`;
const bucket = 'archive-bucket';
let streamArn: string;

/** A chain event in the documented layout (pk `CHAIN#<entity>`, sk the padded sequence). */
function chainEvent(entity: string, sequence: number, hash = `hash-${entity}-${sequence}`) {
  const { pk, sk } = chainEventKey(entity, sequence);
  return {
    pk: { S: pk },
    sk: { S: sk },
    entity: { S: entity },
    sequence: { N: String(sequence) },
    hash: { S: hash },
    action: { S: 'addMember' },
  };
}

/** Every record the stream holds so far, shaped as Lambda delivers them. */
async function streamRecords(): Promise<DynamoDBRecord[]> {
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
  const records: _Record[] = [];
  for (const shard of StreamDescription?.Shards ?? []) {
    let { ShardIterator: iterator } = await streams.send(
      new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    while (iterator) {
      const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
      records.push(...(page.Records ?? []));
      if ((page.Records ?? []).length === 0) break;
      iterator = page.NextShardIterator;
    }
  }
  return records.map(
    (record) =>
      ({
        eventID: record.eventID,
        eventName: record.eventName,
        eventSource: 'aws:dynamodb',
        eventSourceARN: streamArn,
        awsRegion: 'local',
        dynamodb: {
          ...record.dynamodb,
          ApproximateCreationDateTime: Math.floor(
            (record.dynamodb?.ApproximateCreationDateTime?.getTime() ?? 0) / 1000,
          ),
        },
      }) as DynamoDBRecord,
  );
}

const event = (records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });
const linesOf = (body: string): ArchivedRecord[] =>
  body
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as ArchivedRecord);

function newHandler(store = archiveStore()) {
  const logger = new Logger({ serviceName: 'archive-test' });
  const errors = vi.spyOn(logger, 'error');
  const handler = createStreamHandler({ s3: store.s3, bucket, tableIds: { [tableName]: 'audit' } }, logger);
  return { handler, store, errors };
}

beforeAll(async () => {
  await dynamo.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
  const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: tableName }));
  streamArn = Table?.LatestStreamArn as string;
  for (let sequence = 1; sequence <= 7; sequence++)
    await dynamo.send(new PutItemCommand({ TableName: tableName, Item: chainEvent('member/TH', sequence) }));
});

describe('the archiving function on a DynamoDB Local stream', () => {
  it('archives every append-only table, and reads their names from the tables’ own variables', () => {
    expect(archivedTableIds).toContain('audit');
    expect(archivedTableIds.every((id) => 'appendOnly' in tables[id] && tables[id].appendOnly)).toBe(true);
    const env = Object.fromEntries(archivedTableIds.map((id) => [tables[id].envVar, `physical-${id}`]));
    expect(readArchiveConfig({ ...env, ARCHIVE_BUCKET: bucket }).tableIds).toEqual(
      Object.fromEntries(archivedTableIds.map((id) => [`physical-${id}`, id])),
    );
    expect(() => readArchiveConfig(env)).toThrow(/ARCHIVE_BUCKET/);
  });

  it('writes a batch as one JSON Lines object, in stream order, keyed by its first record', async () => {
    const records = (await streamRecords()).slice(0, 3);
    const { handler, store } = newHandler();
    expect(await handler(event(records))).toEqual({ batchItemFailures: [] });

    const [first, , last] = records as [DynamoDBRecord, DynamoDBRecord, DynamoDBRecord];
    const key = streamObjectKey('audit', {
      sequenceNumber: first.dynamodb?.SequenceNumber as string,
      eventID: first.eventID as string,
      approximateCreationDateTime: first.dynamodb?.ApproximateCreationDateTime as number,
    });
    expect([...store.objects.keys()]).toEqual([key]);
    expect(key).toMatch(/^stream\/audit\/\d{4}\/\d{2}\/\d{2}\/\d{40}-[^/]+\.jsonl$/);
    const object = store.objects.get(key);
    expect(object?.metadata[lastSequenceMetadata]).toBe(last.dynamodb?.SequenceNumber);
    const lines = linesOf(object?.body ?? '');
    expect(lines.map((line) => [line.table, line.eventName, line.keys.pk, line.keys.sk, line.newImage?.hash])).toEqual(
      [1, 2, 3].map((sequence) => [
        'audit',
        'INSERT',
        { S: 'CHAIN#member/TH' },
        { S: String(sequence).padStart(10, '0') },
        { S: `hash-member/TH-${sequence}` },
      ]),
    );
    expect(lines.map((line) => line.sequenceNumber)).toEqual(records.map((r) => r.dynamodb?.SequenceNumber));
  });

  it('writes nothing twice when Lambda retries a batch, and only what is new when the retry has grown', async () => {
    const records = await streamRecords();
    const { handler, store } = newHandler();
    await handler(event(records.slice(0, 3)));
    await handler(event(records.slice(0, 3)));
    expect(store.objects.size).toBe(1);

    await handler(event(records.slice(0, 5)));
    await handler(event(records.slice(0, 7)));
    await handler(event(records.slice(0, 7)));
    const archived = [...store.objects.values()].flatMap((object) => linesOf(object.body));
    expect(archived.map((line) => line.keys.sk?.S)).toEqual(
      [1, 2, 3, 4, 5, 6, 7].map((n) => String(n).padStart(10, '0')),
    );
    expect(store.objects.size).toBe(3);
    const puts = store.mock.commandCalls(PutObjectCommand);
    expect(puts.every((call) => call.args[0].input.IfNoneMatch === '*')).toBe(true);
  });

  it('reports the batch as failed at its first record when S3 refuses the write, and archives nothing', async () => {
    const records = (await streamRecords()).slice(0, 3);
    const { handler, store, errors } = newHandler();
    store.refusePuts(() => true);
    expect(await handler(event(records))).toEqual({
      batchItemFailures: [{ itemIdentifier: records[0]?.dynamodb?.SequenceNumber }],
    });
    expect(store.objects.size).toBe(0);
    expect(errors).toHaveBeenCalledWith('batch not archived', expect.objectContaining({ records: 3 }));
  });

  it('reports the failure at the first record not archived when a retry gets part-way', async () => {
    const records = await streamRecords();
    const { handler, store } = newHandler();
    await handler(event(records.slice(0, 3)));
    store.refusePuts((key) => key.includes(records[3]?.eventID as string));
    expect(await handler(event(records.slice(0, 5)))).toEqual({
      batchItemFailures: [{ itemIdentifier: records[3]?.dynamodb?.SequenceNumber }],
    });
    expect(store.objects.size).toBe(1);
  });

  it('keeps what an overwritten item was: the record carries the old image and the new', async () => {
    await dynamo.send(new PutItemCommand({ TableName: tableName, Item: chainEvent('member/TH', 2, 'forged') }));
    const records = await streamRecords();
    const overwrite = records.at(-1) as DynamoDBRecord;
    const { handler, store } = newHandler();
    await handler(event([overwrite]));
    const [line] = linesOf([...store.objects.values()][0]?.body ?? '');
    expect(line).toMatchObject({
      eventName: 'MODIFY',
      oldImage: { hash: { S: 'hash-member/TH-2' } },
      newImage: { hash: { S: 'forged' } },
    });
  });
});
