import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, partitionQuery, queryAll } from '../../functions/shared/data/dynamo.ts';
import { tables, type TableNames } from '../../functions/shared/data/tables.ts';
import { meetingKey, meetingKindList, meetingOrder, meetingsList } from '../../functions/meeting/meeting.keys.ts';
import {
  addedDates,
  closedDates,
  closedKey,
  listOrder,
  madeAtKey,
  madeAtList,
  ownerKey,
  ownerList,
  recommendationKey,
  recommendationsList,
  statusList,
} from '../../functions/recommendation/recommendation.keys.ts';
import type { TestApi } from './api.ts';

/*
 * Recommendations and meetings written straight into the work table, item for item as their
 * domains write them: the keys of functions/recommendation/recommendation.keys.ts and
 * functions/meeting/meeting.keys.ts, and the main items' attributes agreed for issue 18. The
 * annual report reads them through those keys alone. Once the recommendation and meeting
 * services are in, the tests that use this can make the same year through their mutations
 * (addRecommendation and updateRecommendation on a clock set to each day, scheduleMeeting).
 * Counters and progress notes are left out: the report reads neither.
 */

const { workByList, workByStatus, workByDate } = tables.work.indexes;

export interface RecommendationItem {
  readonly number: number;
  readonly text: string;
  readonly owners: readonly string[];
  readonly status: 'OPEN' | 'IN_PROGRESS' | 'IMPLEMENTED' | 'DROPPED';
  readonly addedOn: string;
  /** Required when IMPLEMENTED or DROPPED: the day it became so. */
  readonly closedOn?: string;
  readonly dueOn?: string;
  readonly jpaNumber?: number;
  readonly meetingNumber?: number;
}

export interface MeetingItem {
  readonly number: number;
  readonly title: string;
  readonly kind: 'WORKING_GROUP' | 'CONFERENCE' | 'WORKSHOP' | 'TRAINING';
  readonly format: 'IN_PERSON' | 'VIRTUAL' | 'HYBRID';
  readonly startsOn: string;
  readonly endsOn: string;
  readonly city?: string;
  readonly host?: string;
  readonly jpaNumber?: number;
  readonly minutes?: string;
}

/** The items of one recommendation: its main item, one per owner, where it was made, and once final its CLOSED item. */
export function recommendationItems(recommendation: RecommendationItem): Record<string, unknown>[] {
  const { number, status, owners, addedOn, closedOn } = recommendation;
  const final = status === 'IMPLEMENTED' || status === 'DROPPED';
  if (final !== (closedOn !== undefined))
    throw new Error(`recommendation ${number}: closedOn goes with a final status`);
  const at = `${addedOn}T09:00:00.000Z`;
  const order = listOrder(number);
  return [
    {
      ...recommendationKey(number),
      [workByList.partitionKey]: recommendationsList,
      [workByStatus.partitionKey]: statusList(recommendationsList, status),
      [workByList.sortKey]: order,
      [workByDate.partitionKey]: addedDates,
      [workByDate.sortKey]: addedOn,
      number,
      text: recommendation.text,
      owners: [...owners],
      status,
      ...(recommendation.dueOn ? { dueOn: recommendation.dueOn } : {}),
      ...(recommendation.jpaNumber ? { jpaNumber: recommendation.jpaNumber } : {}),
      ...(recommendation.meetingNumber ? { meetingNumber: recommendation.meetingNumber } : {}),
      addedOn,
      ...(closedOn ? { closedOn } : {}),
      revision: final ? 2 : 1,
      createdAt: at,
      updatedAt: closedOn ? `${closedOn}T09:00:00.000Z` : at,
    },
    ...owners.map((country) => ({
      ...ownerKey(number, country),
      [workByList.partitionKey]: ownerList(country),
      [workByStatus.partitionKey]: statusList(ownerList(country), status),
      [workByList.sortKey]: order,
    })),
    ...(recommendation.meetingNumber
      ? [
          {
            ...madeAtKey(number),
            [workByList.partitionKey]: madeAtList(recommendation.meetingNumber),
            [workByList.sortKey]: order,
          },
        ]
      : []),
    ...(final && closedOn
      ? [{ ...closedKey(number), [workByDate.partitionKey]: closedDates(status), [workByDate.sortKey]: closedOn }]
      : []),
  ];
}

export function meetingItem(meeting: MeetingItem): Record<string, unknown> {
  return {
    ...meetingKey(meeting.number),
    [workByList.partitionKey]: meetingsList,
    [workByStatus.partitionKey]: meetingKindList(meeting.kind),
    [workByList.sortKey]: meetingOrder(meeting.startsOn, meeting.number),
    number: meeting.number,
    title: meeting.title,
    kind: meeting.kind,
    format: meeting.format,
    startsOn: meeting.startsOn,
    endsOn: meeting.endsOn,
    ...(meeting.city ? { city: meeting.city } : {}),
    ...(meeting.host ? { host: meeting.host } : {}),
    ...(meeting.jpaNumber ? { jpaNumber: meeting.jpaNumber } : {}),
    agenda: [],
    attendance: [],
    ...(meeting.minutes ? { minutes: meeting.minutes } : {}),
    revision: 1,
  };
}

/** Writes recommendations and meetings into the work table of a test's tables. */
export async function putWorkItems(
  api: { readonly endpoint: string; readonly tableNames: TableNames },
  items: { readonly recommendations?: readonly RecommendationItem[]; readonly meetings?: readonly MeetingItem[] },
): Promise<void> {
  const client = createDocumentClient({ endpoint: api.endpoint });
  const all = [
    ...(items.recommendations ?? []).flatMap(recommendationItems),
    ...(items.meetings ?? []).map(meetingItem),
  ];
  await Promise.all(all.map((Item) => client.send(new PutCommand({ TableName: api.tableNames.work, Item }))));
}

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
