import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, partitionQuery, queryAll } from '../../functions/shared/data/dynamo.ts';
import { tables } from '../../functions/shared/data/tables.ts';
import { meetingKey } from '../../functions/meeting/meeting.keys.ts';
import type { TestApi } from './api.ts';

/**
 * A meeting item under the meetings domain's key, with no more than a number and a title: the
 * recommendations domain asks only whether a meeting exists. Numbers from 900 up stay clear of
 * the sample meetings.
 */
export async function putMeeting(api: Pick<TestApi, 'endpoint' | 'tableNames'>, number: number): Promise<void> {
  const client = createDocumentClient({ endpoint: api.endpoint });
  await client.send(
    new PutCommand({
      TableName: api.tableNames.work,
      Item: { ...meetingKey(number), number, title: `Meeting ${number}` },
    }),
  );
}

/** Every item of one partition of the work table, or of one of its indexes, straight from the table. */
export function workItems(
  api: Pick<TestApi, 'endpoint' | 'tableNames'>,
  index: 'table' | 'workByList' | 'workByStatus' | 'workByDate',
  partition: string,
): Promise<Record<string, unknown>[]> {
  const keys = index === 'table' ? tables.work : tables.work.indexes[index];
  return queryAll(
    createDocumentClient({ endpoint: api.endpoint }),
    partitionQuery({ table: api.tableNames.work, keys, partition }),
  );
}
