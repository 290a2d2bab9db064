import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as doc from '../../schema/generated/documents.ts';
import { callers, codes, createTestApi, dataOf, type GraphqlResponse, type TestApi } from '../support/api.ts';
import { auditEvents, brokenChains } from '../support/tables.ts';
import { barrierClient, type WriteBarrier } from '../support/write-barrier.ts';

/**
 * Parallel writers of meetings, each race through the write barrier (test/support/write-barrier.ts):
 * every competitor has read before any writes, so only the write's conditions decide. Parallel
 * schedules read the same last number; parallel changes the same revision; a change of what a
 * write relies on (the caller's co-chair term, an attending country's status) commits between a
 * write's reads and its transaction.
 */
let api: TestApi;
let barrier: WriteBarrier;
beforeEach(async () => {
  api = await createTestApi((_, endpoint) => {
    const held = barrierClient(endpoint);
    barrier = held.barrier;
    return { client: held.client };
  });
});

// Whoever won, every race leaves each entity's audit chain one unbroken line: no fork, no gap.
afterEach(async () => {
  expect(await brokenChains(api.endpoint, api.tableNames)).toEqual([]);
});

const writers = 5;
const events = () => auditEvents(api.endpoint, api.tableNames);
const meeting = async (number: number) =>
  dataOf(await api.call(callers.secretariat, doc.MeetingDocument, { number })).meeting;

/** Splits parallel answers into the indexes of the winners and the codes of the losers. */
function outcome<T>(responses: GraphqlResponse<T>[]) {
  const winners = responses.flatMap((response, index) => (response.errors ? [] : [index]));
  const losers = responses.filter((response) => response.errors).flatMap(codes);
  return { winners, losers };
}

describe('meetings scheduled at once', () => {
  it('each get a number of their own, consecutive after the last, each recorded once', async () => {
    const responses = await barrier.race(
      Array.from(
        { length: writers },
        (_, writer) => () =>
          api.call(writer % 2 ? callers.coChair : callers.secretariat, doc.ScheduleMeetingDocument, {
            input: {
              title: `Meeting of writer ${writer}`,
              kind: 'WORKING_GROUP',
              format: 'VIRTUAL',
              startsOn: '2026-02-02',
              endsOn: '2026-02-02',
            },
          }),
      ),
    );
    expect(responses.flatMap(codes)).toEqual([]);
    const numbers = responses.map((response) => dataOf(response).scheduleMeeting.number);
    expect([...numbers].sort((a, b) => a - b)).toEqual([4, 5, 6, 7, 8]);
    for (const [writer, number] of numbers.entries())
      expect((await meeting(number))?.title).toBe(`Meeting of writer ${writer}`);
    const scheduled = (await events()).filter((event) => event.action === 'scheduleMeeting');
    expect(scheduled.map((event) => event.entity).sort()).toEqual(numbers.map((number) => `meeting/${number}`).sort());
    // The next one follows them.
    const next = await api.call(callers.secretariat, doc.ScheduleMeetingDocument, {
      input: { title: 'After', kind: 'TRAINING', format: 'VIRTUAL', startsOn: '2026-02-03', endsOn: '2026-02-03' },
    });
    expect(dataOf(next).scheduleMeeting.number).toBe(9);
  });
});

describe('changes of one meeting based on the same revision', () => {
  const races: Record<
    string,
    { write: (writer: number) => Promise<GraphqlResponse<unknown>>; stored: () => Promise<number> }
  > = {
    updateMeeting: {
      write: (writer: number) =>
        api.call(callers.secretariat, doc.UpdateMeetingDocument, {
          input: { number: 1, expectedRevision: 3, title: `Title of writer ${writer}` },
        }),
      stored: async () => Number(/(\d+)$/.exec((await meeting(1))?.title ?? '')?.[1]),
    },
    recordAttendance: {
      write: (writer: number) =>
        api.call(callers.coChair, doc.RecordAttendanceDocument, {
          input: { number: 1, expectedRevision: 3, attendance: [{ country: 'NZ', delegates: 10 + writer }] },
        }),
      stored: async () => ((await meeting(1))?.attendance[0]?.delegates ?? Number.NaN) - 10,
    },
  };

  for (const [action, race] of Object.entries(races)) {
    it(`${action}: exactly one wins, the others CONFLICT, state and audit trail are the winner's`, async () => {
      const responses = await barrier.race(Array.from({ length: writers }, (_, writer) => () => race.write(writer)));
      const { winners, losers } = outcome(responses);
      expect(winners).toHaveLength(1);
      expect(losers).toEqual(Array(writers - 1).fill('CONFLICT'));
      expect(await race.stored()).toBe(winners[0]);
      expect((await meeting(1))?.revision).toBe(4);
      expect((await events()).map((event) => [event.action, event.entity])).toEqual([[action, 'meeting/1']]);
    });
  }
});

describe('a change that commits between the reads of a write and its transaction', () => {
  const rotateOutNz = () =>
    api.call(callers.secretariat, doc.RotateCoChairsDocument, {
      input: { outgoing: ['NZ'], incoming: ['AU'], effectiveOn: '2026-07-01' },
    });
  const writes = {
    scheduleMeeting: {
      send: () =>
        api.call(callers.coChair, doc.ScheduleMeetingDocument, {
          input: { title: 'Mine', kind: 'WORKSHOP', format: 'VIRTUAL', startsOn: '2026-09-01', endsOn: '2026-09-01' },
        }),
      refusal: 'your role may not schedule meeting',
    },
    updateMeeting: {
      send: () =>
        api.call(callers.coChair, doc.UpdateMeetingDocument, {
          input: { number: 1, expectedRevision: 3, title: 'Mine' },
        }),
      refusal: 'your role may not update meeting',
    },
    recordAttendance: {
      send: () =>
        api.call(callers.coChair, doc.RecordAttendanceDocument, {
          input: { number: 1, expectedRevision: 3, attendance: [] },
        }),
      refusal: 'your role may not record attendance',
    },
  };

  for (const [action, write] of Object.entries(writes)) {
    it(`${action} by a co-chair rotated out meanwhile: FORBIDDEN, nothing written`, async () => {
      const before = await api.call(callers.secretariat, doc.MeetingsDocument);
      const responses = await barrier.race<GraphqlResponse<unknown>>([rotateOutNz, write.send], 'in turn');
      expect(responses.map(codes)).toEqual([[], ['FORBIDDEN']]);
      expect(responses[1]?.errors?.map((error) => error.message)).toEqual([write.refusal]);
      expect(await api.call(callers.secretariat, doc.MeetingsDocument)).toEqual(before);
      expect((await events()).map((event) => event.action)).toEqual(['rotateCoChairs']);
    });
  }

  it('recordAttendance naming a country suspended meanwhile: CONFLICT, nothing written', async () => {
    const responses = await barrier.race<GraphqlResponse<unknown>>(
      [
        () =>
          api.call(callers.secretariat, doc.SetMemberStatusDocument, {
            input: { country: 'JP', expectedRevision: 1, status: 'SUSPENDED', reason: 'race' },
          }),
        () =>
          api.call(callers.secretariat, doc.RecordAttendanceDocument, {
            input: { number: 1, expectedRevision: 3, attendance: [{ country: 'JP', delegates: 2 }] },
          }),
      ],
      'in turn',
    );
    expect(responses.map(codes)).toEqual([[], ['CONFLICT']]);
    expect((await meeting(1))?.revision).toBe(3);
    expect((await events()).map((event) => event.action)).toEqual(['setMemberStatus']);
  });
});
