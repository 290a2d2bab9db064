import { describe, expect, it } from 'vitest';
import {
  isFinal,
  maxNumber,
  maxOwners,
  requireMove as requireRecommendationMove,
  validAddRecommendation,
  validNumber,
  validOwners,
  validProgressNote,
  validUpdateRecommendation,
  withinOwnerPower as withinRecommendationOwnerPower,
} from '../../functions/recommendation/recommendation.validation.ts';
import { recommendationStatuses } from '../../functions/recommendation/recommendation.types.ts';
import {
  maxRecommendationNumbers,
  requireMove as requireWorkPlanMove,
  validCreateWorkPlanItem,
  validRecommendationNumbers,
  validUpdateWorkPlanItem,
  withinOwnerPower as withinWorkPlanOwnerPower,
} from '../../functions/workplan/workplan.validation.ts';
import { workPlanStatuses } from '../../functions/workplan/workplan.types.ts';
import { BadInputError, ConflictError } from '../../functions/shared/domain/errors.ts';

/** What a call throws: its class, message and field; 'ok' when it passes. */
function outcome(call: () => unknown): string[] | 'ok' {
  try {
    call();
    return 'ok';
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    return [error.constructor.name, error.message, ...(error instanceof BadInputError ? [String(error.field)] : [])];
  }
}

describe('the status line of a recommendation (docs/api.md)', () => {
  // Every move, from (rows) to (columns): forward one step or several, DROPPED from the open ones.
  const moves: Record<string, Record<string, string>> = {
    OPEN: { OPEN: 'already', IN_PROGRESS: 'ok', IMPLEMENTED: 'ok', DROPPED: 'ok' },
    IN_PROGRESS: { OPEN: 'back', IN_PROGRESS: 'already', IMPLEMENTED: 'ok', DROPPED: 'ok' },
    IMPLEMENTED: { OPEN: 'final', IN_PROGRESS: 'final', IMPLEMENTED: 'already', DROPPED: 'final' },
    DROPPED: { OPEN: 'final', IN_PROGRESS: 'final', IMPLEMENTED: 'final', DROPPED: 'already' },
  };
  for (const from of recommendationStatuses) {
    for (const to of recommendationStatuses) {
      const expected = moves[from]![to]!;
      it(`${from} → ${to}: ${expected}`, () => {
        const messages: Record<string, string> = {
          already: `recommendation 4 is already ${from}`,
          back: `recommendation 4 cannot go back from ${from} to ${to}`,
          final: `recommendation 4 is ${from}, which is final`,
        };
        expect(outcome(() => requireRecommendationMove(4, from, to))).toEqual(
          expected === 'ok' ? 'ok' : ['ConflictError', messages[expected]],
        );
      });
    }
  }

  it('closes at IMPLEMENTED and DROPPED only', () => {
    expect(recommendationStatuses.filter(isFinal)).toEqual(['IMPLEMENTED', 'DROPPED']);
  });

  it('lets an owner official change the status alone, and not to DROPPED', () => {
    expect(withinRecommendationOwnerPower(['status'], 'IN_PROGRESS')).toBe(true);
    expect(withinRecommendationOwnerPower(['status'], 'IMPLEMENTED')).toBe(true);
    expect(withinRecommendationOwnerPower(['status'], 'OPEN')).toBe(true);
    expect(withinRecommendationOwnerPower(['status'], 'DROPPED')).toBe(false);
    expect(withinRecommendationOwnerPower(['text'], undefined)).toBe(false);
    expect(withinRecommendationOwnerPower(['owners'], undefined)).toBe(false);
    expect(withinRecommendationOwnerPower(['status', 'dueOn'], 'IN_PROGRESS')).toBe(false);
    expect(withinRecommendationOwnerPower(['text', 'status'], 'IN_PROGRESS')).toBe(false);
    expect(withinRecommendationOwnerPower([], undefined)).toBe(false);
  });
});

describe('the status line of a work-plan item (docs/api.md)', () => {
  const moves: Record<string, Record<string, string>> = {
    PLANNED: { PLANNED: 'already', UNDERWAY: 'ok', DONE: 'ok', CANCELLED: 'ok' },
    UNDERWAY: { PLANNED: 'back', UNDERWAY: 'already', DONE: 'ok', CANCELLED: 'ok' },
    DONE: { PLANNED: 'final', UNDERWAY: 'final', DONE: 'already', CANCELLED: 'final' },
    CANCELLED: { PLANNED: 'final', UNDERWAY: 'final', DONE: 'final', CANCELLED: 'already' },
  };
  for (const from of workPlanStatuses) {
    for (const to of workPlanStatuses) {
      const expected = moves[from]![to]!;
      it(`${from} → ${to}: ${expected}`, () => {
        const messages: Record<string, string> = {
          already: `work-plan item 2 is already ${from}`,
          back: `work-plan item 2 cannot go back from ${from} to ${to}`,
          final: `work-plan item 2 is ${from}, which is final`,
        };
        expect(outcome(() => requireWorkPlanMove(2, from, to))).toEqual(
          expected === 'ok' ? 'ok' : ['ConflictError', messages[expected]],
        );
      });
    }
  }

  it('lets an owner official change the status alone, and not to CANCELLED', () => {
    expect(withinWorkPlanOwnerPower(['status'], 'UNDERWAY')).toBe(true);
    expect(withinWorkPlanOwnerPower(['status'], 'DONE')).toBe(true);
    expect(withinWorkPlanOwnerPower(['status'], 'CANCELLED')).toBe(false);
    expect(withinWorkPlanOwnerPower(['title'], undefined)).toBe(false);
    expect(withinWorkPlanOwnerPower(['status', 'recommendationNumbers'], 'DONE')).toBe(false);
    expect(withinWorkPlanOwnerPower([], undefined)).toBe(false);
  });

  it('is a ConflictError, a rule of the current state', () => {
    expect(() => requireWorkPlanMove(1, 'DONE', 'PLANNED')).toThrow(ConflictError);
  });
});

describe('numbers and owners', () => {
  it('takes numbers from 1 to 999,999', () => {
    expect(maxNumber).toBe(999_999);
    expect([validNumber(1), validNumber(999_999)]).toEqual([1, 999_999]);
    for (const bad of [0, -1, 1.5, 1_000_000, Number.NaN]) {
      expect(outcome(() => validNumber(bad, 'meetingNumber'))).toEqual([
        'BadInputError',
        'meetingNumber must be a whole number from 1 to 999999',
        'meetingNumber',
      ]);
    }
  });

  it('takes 1 to 20 owners, officially assigned codes, each once, in the order given', () => {
    expect(maxOwners).toBe(20);
    const twenty = [
      'AU',
      'BD',
      'KH',
      'ID',
      'JP',
      'LA',
      'MY',
      'MM',
      'NZ',
      'PK',
      'PH',
      'KR',
      'LK',
      'TH',
      'US',
      'VN',
      'FJ',
      'FR',
      'DE',
      'GB',
    ];
    expect(validOwners(twenty)).toEqual(twenty);
    expect(validOwners(['TH'])).toEqual(['TH']);
    expect(outcome(() => validOwners([...twenty, 'IN']))).toEqual([
      'BadInputError',
      'owners names 1 to 20 countries, not 21',
      'owners',
    ]);
    expect(outcome(() => validOwners([]))).toEqual([
      'BadInputError',
      'owners names 1 to 20 countries, not 0',
      'owners',
    ]);
    expect(outcome(() => validOwners(['TH', 'TH']))).toEqual(['BadInputError', 'owners names TH twice', 'owners']);
    expect(outcome(() => validOwners(['ZZ']))[2]).toBe('owners');
  });

  it('takes up to 20 recommendation numbers, each once', () => {
    expect(maxRecommendationNumbers).toBe(20);
    const twenty = Array.from({ length: 20 }, (_, index) => index + 1);
    expect(validRecommendationNumbers(twenty)).toEqual(twenty);
    expect(validRecommendationNumbers([])).toEqual([]);
    expect(outcome(() => validRecommendationNumbers([...twenty, 21]))).toEqual([
      'BadInputError',
      'recommendationNumbers names at most 20 recommendations',
      'recommendationNumbers',
    ]);
    expect(outcome(() => validRecommendationNumbers([3, 3]))).toEqual([
      'BadInputError',
      'recommendationNumbers names 3 twice',
      'recommendationNumbers',
    ]);
    expect(outcome(() => validRecommendationNumbers([0]))[1]).toBe(
      'recommendationNumbers must be a whole number from 1 to 999999',
    );
    expect(validRecommendationNumbers([999_999])).toEqual([999_999]);
  });
});

describe('recommendation inputs', () => {
  it('trims the text, and takes 2,000 characters of it with line breaks', () => {
    const long = `🌏${'x'.repeat(1997)}\n🌏`;
    expect(validAddRecommendation({ text: `  ${long}  `, owners: ['TH'] })).toEqual({
      text: long,
      owners: ['TH'],
      dueOn: null,
      jpaNumber: null,
      meetingNumber: null,
    });
    expect(outcome(() => validAddRecommendation({ text: `${long}x`, owners: ['TH'] }))).toEqual([
      'BadInputError',
      'text must be at most 2000 characters',
      'text',
    ]);
    expect(outcome(() => validAddRecommendation({ text: '\n ', owners: ['TH'] }))).toEqual([
      'BadInputError',
      'text must not be blank',
      'text',
    ]);
  });

  it('checks the JPA number (1–9999), the meeting number and the due day', () => {
    const base = { text: 'x', owners: ['TH'] };
    expect(
      validAddRecommendation({ ...base, jpaNumber: 9999, meetingNumber: 999_999, dueOn: '2028-02-29' }),
    ).toMatchObject({
      jpaNumber: 9999,
      meetingNumber: 999_999,
      dueOn: '2028-02-29',
    });
    expect(outcome(() => validAddRecommendation({ ...base, jpaNumber: 10_000 }))).toEqual([
      'BadInputError',
      'jpaNumber must be a whole number from 1 to 9999',
      'jpaNumber',
    ]);
    expect(outcome(() => validAddRecommendation({ ...base, jpaNumber: 0 }))[2]).toBe('jpaNumber');
    expect(outcome(() => validAddRecommendation({ ...base, meetingNumber: 1_000_000 }))[2]).toBe('meetingNumber');
    expect(outcome(() => validAddRecommendation({ ...base, dueOn: '2027-02-29' }))[2]).toBe('dueOn');
  });

  it('checks the input before the owners: the text first', () => {
    expect(outcome(() => validAddRecommendation({ text: ' ', owners: [] }))[2]).toBe('text');
  });

  it('names what an update changes, in the order of the input, and at least one thing', () => {
    expect(
      validUpdateRecommendation({
        number: 2,
        expectedRevision: 3,
        dueOn: '2027-01-01',
        status: 'IMPLEMENTED',
        text: ' t ',
      }),
    ).toEqual({
      number: 2,
      expectedRevision: 3,
      text: 't',
      owners: undefined,
      status: 'IMPLEMENTED',
      dueOn: '2027-01-01',
      changed: ['text', 'status', 'dueOn'],
    });
    expect(validUpdateRecommendation({ number: 2, expectedRevision: 1, owners: ['AU'] }).changed).toEqual(['owners']);
    expect(
      outcome(() => validUpdateRecommendation({ number: 2, expectedRevision: 1, text: null, status: null })),
    ).toEqual(['BadInputError', 'an update names at least one of text, owners, status, dueOn', 'input']);
    expect(outcome(() => validUpdateRecommendation({ number: 2, expectedRevision: 0, text: 'x' }))[2]).toBe(
      'expectedRevision',
    );
    expect(outcome(() => validUpdateRecommendation({ number: 0, expectedRevision: 1, text: 'x' }))[2]).toBe('number');
    expect(outcome(() => validUpdateRecommendation({ number: 1, expectedRevision: 1, owners: [] }))[2]).toBe('owners');
    expect(outcome(() => validUpdateRecommendation({ number: 1, expectedRevision: 1, dueOn: 'soon' }))[2]).toBe(
      'dueOn',
    );
    expect(outcome(() => validUpdateRecommendation({ number: 1, expectedRevision: 1, text: ' ' }))[2]).toBe('text');
  });

  it('takes a progress note of 1–2,000 characters', () => {
    expect(validProgressNote({ recommendationNumber: 4, text: ' Done \n' })).toEqual({
      recommendationNumber: 4,
      text: 'Done',
    });
    expect(outcome(() => validProgressNote({ recommendationNumber: 4, text: 'x'.repeat(2001) }))[2]).toBe('text');
    expect(validProgressNote({ recommendationNumber: 4, text: 'x'.repeat(2000) }).text).toHaveLength(2000);
    expect(outcome(() => validProgressNote({ recommendationNumber: 0, text: 'x' }))[2]).toBe('recommendationNumber');
  });
});

describe('work-plan inputs', () => {
  it('takes a title of 1–200 characters and a description of up to 2,000, trimmed', () => {
    expect(
      validCreateWorkPlanItem({
        title: ` ${'t'.repeat(200)} `,
        description: ` ${'d'.repeat(2000)} `,
        owners: ['TH'],
        dueOn: '2027-01-01',
      }),
    ).toEqual({
      title: 't'.repeat(200),
      description: 'd'.repeat(2000),
      owners: ['TH'],
      dueOn: '2027-01-01',
      recommendationNumbers: [],
    });
    const base = { title: 'x', owners: ['TH'], dueOn: '2027-01-01' };
    expect(outcome(() => validCreateWorkPlanItem({ ...base, title: 't'.repeat(201) }))).toEqual([
      'BadInputError',
      'title must be at most 200 characters',
      'title',
    ]);
    expect(outcome(() => validCreateWorkPlanItem({ ...base, title: 'a\nb' }))[2]).toBe('title');
    expect(outcome(() => validCreateWorkPlanItem({ ...base, description: 'd'.repeat(2001) }))[2]).toBe('description');
    expect(outcome(() => validCreateWorkPlanItem({ ...base, description: ' ' }))[2]).toBe('description');
    expect(validCreateWorkPlanItem({ ...base, description: 'a\nb' }).description).toBe('a\nb');
    expect(validCreateWorkPlanItem({ ...base, description: null }).description).toBeNull();
    expect(outcome(() => validCreateWorkPlanItem({ ...base, dueOn: '2027-13-01' }))[2]).toBe('dueOn');
    expect(outcome(() => validCreateWorkPlanItem({ ...base, owners: [] }))[2]).toBe('owners');
    expect(outcome(() => validCreateWorkPlanItem({ ...base, recommendationNumbers: [1, 1] }))[2]).toBe(
      'recommendationNumbers',
    );
    expect(validCreateWorkPlanItem({ ...base, recommendationNumbers: [2, 1] }).recommendationNumbers).toEqual([2, 1]);
  });

  it('names what an update changes, and at least one thing', () => {
    expect(
      validUpdateWorkPlanItem({
        number: 2,
        expectedRevision: 1,
        recommendationNumbers: [],
        status: 'DONE',
        description: 'd',
        title: 't',
        owners: ['AU'],
        dueOn: '2027-01-01',
      }).changed,
    ).toEqual(['title', 'description', 'owners', 'dueOn', 'status', 'recommendationNumbers']);
    expect(validUpdateWorkPlanItem({ number: 2, expectedRevision: 1, description: 'd' })).toMatchObject({
      title: undefined,
      description: 'd',
      owners: undefined,
      dueOn: undefined,
      status: undefined,
      recommendationNumbers: undefined,
      changed: ['description'],
    });
    expect(outcome(() => validUpdateWorkPlanItem({ number: 2, expectedRevision: 1 }))).toEqual([
      'BadInputError',
      'an update names at least one of title, description, owners, dueOn, status, recommendationNumbers',
      'input',
    ]);
    expect(outcome(() => validUpdateWorkPlanItem({ number: 2, expectedRevision: 1, title: ' ' }))[2]).toBe('title');
    expect(outcome(() => validUpdateWorkPlanItem({ number: 2, expectedRevision: 1, owners: ['TH', 'TH'] }))[2]).toBe(
      'owners',
    );
    expect(outcome(() => validUpdateWorkPlanItem({ number: 2, expectedRevision: 1, dueOn: '2027-02-30' }))[2]).toBe(
      'dueOn',
    );
    expect(
      outcome(() => validUpdateWorkPlanItem({ number: 2, expectedRevision: 1, recommendationNumbers: [0] }))[2],
    ).toBe('recommendationNumbers');
    expect(outcome(() => validUpdateWorkPlanItem({ number: 0, expectedRevision: 1, title: 't' }))[2]).toBe('number');
  });
});
