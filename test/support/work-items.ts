import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { meetingItem as storedMeetingItem } from '../../functions/meeting/meeting.items.ts';
import {
  closedItem,
  recommendationItems as storedRecommendationItems,
} from '../../functions/recommendation/recommendation.items.ts';
import { createDocumentClient, partitionQuery, queryAll } from '../../functions/shared/data/dynamo.ts';
import { tables, type TableNames } from '../../functions/shared/data/tables.ts';
import type { TestApi } from './api.ts';

/*
 * Recommendations and meetings written straight into the work table, item for item as their
 * domains write them: through the domains' own item builders (recommendation.items.ts,
 * meeting.items.ts), so the keys and attributes are those addRecommendation, updateRecommendation
 * and scheduleMeeting write. For years whose days are in the past, which the mutations (dated by
 * the server's clock) would make only one clock step at a time. Counters, progress notes and
 * audit events are left out: the annual report reads none of them.
 */

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
}

/** The items of one recommendation: its main item, one per owner, where it was made, and once final its CLOSED item. */
export function recommendationItems(recommendation: RecommendationItem): Record<string, unknown>[] {
  const { number, status, addedOn, closedOn } = recommendation;
  const final = status === 'IMPLEMENTED' || status === 'DROPPED';
  if (final !== (closedOn !== undefined))
    throw new Error(`recommendation ${number}: closedOn goes with a final status`);
  const at = `${addedOn}T09:00:00.000Z`;
  return [
    ...storedRecommendationItems({
      number,
      text: recommendation.text,
      owners: [...recommendation.owners],
      status,
      dueOn: recommendation.dueOn ?? null,
      jpaNumber: recommendation.jpaNumber ?? null,
      meetingNumber: recommendation.meetingNumber ?? null,
      addedOn,
      closedOn: closedOn ?? null,
      revision: final ? 2 : 1,
      createdAt: at,
      updatedAt: closedOn ? `${closedOn}T09:00:00.000Z` : at,
    }),
    ...(final && closedOn ? [closedItem(number, status, closedOn)] : []),
  ];
}

export function meetingItem(meeting: MeetingItem): Record<string, unknown> {
  return storedMeetingItem({
    number: meeting.number,
    title: meeting.title,
    kind: meeting.kind,
    format: meeting.format,
    startsOn: meeting.startsOn,
    endsOn: meeting.endsOn,
    city: meeting.city ?? null,
    host: meeting.host ?? null,
    jpaNumber: meeting.jpaNumber ?? null,
    agenda: [],
    attendance: [],
    revision: 1,
  });
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
 * A meeting as scheduleMeeting stores it, under a number the counter never gave: the
 * recommendations domain asks only whether a meeting exists. Numbers from 900 up stay clear of
 * the sample meetings.
 */
export async function putMeeting(api: Pick<TestApi, 'endpoint' | 'tableNames'>, number: number): Promise<void> {
  await putWorkItems(api, {
    meetings: [
      {
        number,
        title: `Meeting ${number}`,
        kind: 'WORKING_GROUP',
        format: 'VIRTUAL',
        startsOn: '2026-03-01',
        endsOn: '2026-03-01',
      },
    ],
  });
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
