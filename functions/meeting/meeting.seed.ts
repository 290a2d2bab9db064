import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { transactItem, writeOnce, type TransactItem } from '../shared/data/dynamo.ts';
import { counterCodec, meetingItem, minutesItem } from './meeting.items.ts';
import { meetingCounterKey, meetingsInitialisedKey } from './meeting.keys.ts';
import type { Meeting } from './meeting.types.ts';

/** A meeting of the sample data, with its minutes (an item of their own), if it has any. */
export interface SeedMeeting extends Meeting {
  readonly minutes: string | null;
}

/**
 * Writes meetings once (sample data), with the counter at the highest number; false when they
 * were already written. Never a request's work, so apart from the repository and out of the bundle.
 */
export function seedMeetings(
  client: DynamoDBDocumentClient,
  table: string,
  at: string,
  meetings: readonly SeedMeeting[],
  /** The audit trail of this starting state (audit.seed.ts), written in the same transaction. */
  trail: readonly TransactItem[] = [],
): Promise<boolean> {
  const items = [
    { ...meetingCounterKey, ...counterCodec.fields({ lastNumber: Math.max(0, ...meetings.map((m) => m.number)) }) },
    ...meetings.flatMap(({ minutes, ...meeting }) => [
      meetingItem(meeting),
      ...(minutes === null ? [] : [minutesItem(meeting.number, minutes, meeting.revision)]),
    ]),
  ].map((Item) => transactItem({ Put: { TableName: table, Item } }));
  return writeOnce(client, table, meetingsInitialisedKey, at, [...items, ...trail]);
}
