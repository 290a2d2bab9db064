import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createDynamoClient } from '../../functions/shared/data/dynamo.ts';
import * as doc from '../../schema/generated/documents.ts';
import { callers, createTestApi, dataOf, type TestApi } from '../support/api.ts';

/**
 * The links between recommendations and meetings (API.md: `Recommendation.meeting`, the meeting
 * it was made at, and `Meeting.recommendations`, those made at it): each read through the other
 * domain's service, the meeting by its number, the recommendations by one Query of their
 * `REC#MEETING#<n>` list.
 */

interface RecordedCall {
  readonly command: string;
  readonly index: string | undefined;
  readonly partition: unknown;
  readonly limit: number | undefined;
}

/** Every DynamoDB call the handler makes, with the index and partition of each Query. */
function recordingClient(endpoint: string): { client: DynamoDBDocumentClient; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const base = createDynamoClient({ endpoint });
  base.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as {
        IndexName?: string;
        Limit?: number;
        ExpressionAttributeValues?: Record<string, unknown>;
      };
      // Marshalled or not, depending on where the document client's middleware stands.
      const partition = input.ExpressionAttributeValues?.[':p'];
      calls.push({
        command: String(context.commandName),
        index: input.IndexName,
        partition: typeof partition === 'object' && partition !== null && 'S' in partition ? partition.S : partition,
        limit: input.Limit,
      });
      return next(args);
    },
    { step: 'initialize', name: 'recordCalls' },
  );
  return { client: DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } }), calls };
}

const recorder = recordingClient(inject('dynamoEndpoint'));

describe('a recommendation and the meeting it was made at', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ client: recorder.client });
  });

  it('the sample recommendations were made at meeting 1, the Ha Noi conference, which lists all five', async () => {
    const { recommendations } = dataOf(await api.call(callers.secretariat, doc.RecommendationsDocument, {}));
    expect(recommendations.map((found) => [found.number, found.meeting?.number, found.meeting?.id])).toEqual(
      [1, 2, 3, 4, 5].map((number) => [number, 1, 'meeting/1']),
    );
    const { meeting } = dataOf(await api.call(callers.secretariat, doc.MeetingDocument, { number: 1 }));
    expect(meeting?.title).toContain('Review, Reflect and Reset');
    expect(meeting?.recommendations.map((found) => found.number)).toEqual([1, 2, 3, 4, 5]);
  });

  it('a recommendation made at a new meeting shows it, and the meeting lists it; one made at none shows null', async () => {
    const scheduled = dataOf(
      await api.call(callers.secretariat, doc.ScheduleMeetingDocument, {
        input: {
          title: 'Working group, linked',
          kind: 'WORKING_GROUP',
          format: 'VIRTUAL',
          startsOn: '2026-09-01',
          endsOn: '2026-09-01',
        },
      }),
    ).scheduleMeeting;
    const made = dataOf(
      await api.call(callers.secretariat, doc.AddRecommendationDocument, {
        input: { text: 'Made at the linked meeting', owners: ['AU'], meetingNumber: scheduled.number },
      }),
    ).addRecommendation;
    const unlinked = dataOf(
      await api.call(callers.secretariat, doc.AddRecommendationDocument, {
        input: { text: 'Made at no meeting', owners: ['AU'] },
      }),
    ).addRecommendation;
    expect(made.meeting).toMatchObject({ id: scheduled.id, number: scheduled.number, title: 'Working group, linked' });
    expect(unlinked.meeting).toBeNull();

    const { meeting } = dataOf(await api.call(callers.secretariat, doc.MeetingDocument, { number: scheduled.number }));
    expect(meeting?.recommendations.map(({ id, number, text, status }) => ({ id, number, text, status }))).toEqual([
      { id: made.id, number: made.number, text: 'Made at the linked meeting', status: 'OPEN' },
    ]);
    // The other meetings do not list it.
    const { meeting: hanoi } = dataOf(await api.call(callers.secretariat, doc.MeetingDocument, { number: 1 }));
    expect(hanoi?.recommendations.map((found) => found.number)).toEqual([1, 2, 3, 4, 5]);
  });

  it('observers follow both links, and read the meeting as meeting(number) answers them (no attendance, no minutes)', async () => {
    const linked = dataOf(
      await api.call<{
        recommendation: { meeting: { number: number; attendance: unknown[]; minutes: string | null } | null };
      }>(callers.observer, '{ recommendation(number: 1) { meeting { number attendance { delegates } minutes } } }'),
    );
    expect(linked.recommendation.meeting).toEqual({ number: 1, attendance: [], minutes: null });
    const { meeting } = dataOf(await api.call(callers.observer, doc.MeetingDocument, { number: 1 }));
    expect(meeting?.recommendations.map((found) => found.number)).toEqual([1, 2, 3, 4, 5]);
  });

  it('Meeting.recommendations is one keyed Query of REC#MEETING#<n> with its bound; Recommendation.meeting a read by key', async () => {
    recorder.calls.length = 0;
    dataOf(await api.call(callers.secretariat, '{ meeting(number: 1) { recommendations { number } } }'));
    const queries = recorder.calls.filter((call) => call.command === 'QueryCommand');
    expect(queries).toEqual([
      { command: 'QueryCommand', index: 'workByList', partition: 'REC#MEETING#000001', limit: 500 },
    ]);
    expect(recorder.calls.map((call) => call.command)).not.toContain('ScanCommand');

    recorder.calls.length = 0;
    dataOf(await api.call(callers.secretariat, '{ recommendations { meeting { number } } }'));
    // The list's one Query; the five recommendations' one meeting read by key, once.
    expect(recorder.calls.filter((call) => call.command === 'QueryCommand')).toHaveLength(1);
    expect(recorder.calls.map((call) => call.command)).not.toContain('ScanCommand');
    const keyed = recorder.calls.filter((call) => call.command !== 'QueryCommand');
    expect(keyed.length).toBeLessThanOrEqual(2);
  });
});
