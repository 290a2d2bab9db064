import { describe, expect, it } from 'vitest';
import * as recommendationKeys from '../../functions/recommendation/recommendation.keys.ts';
import {
  closedItem,
  noteItem,
  recommendationCodec,
  recommendationItems,
} from '../../functions/recommendation/recommendation.items.ts';
import type { Recommendation } from '../../functions/recommendation/recommendation.types.ts';
import * as workPlanKeys from '../../functions/workplan/workplan.keys.ts';
import { workPlanItem, workPlanItemCodec } from '../../functions/workplan/workplan.items.ts';
import type { WorkPlanItem } from '../../functions/workplan/workplan.types.ts';

// The keys and items are the stored layout the lists and the annual report read: changing one
// strands every item written under the old one.
const recommendation: Recommendation = {
  number: 4,
  text: 'Act',
  owners: ['TH', 'AU'],
  status: 'IN_PROGRESS',
  dueOn: '2026-12-31',
  jpaNumber: 7,
  meetingNumber: 9,
  addedOn: '2024-07-25',
  closedOn: null,
  revision: 3,
  createdAt: '2024-07-25T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};
const fields = {
  number: 4,
  text: 'Act',
  owners: ['TH', 'AU'],
  status: 'IN_PROGRESS',
  dueOn: '2026-12-31',
  jpaNumber: 7,
  meetingNumber: 9,
  addedOn: '2024-07-25',
  revision: 3,
  createdAt: '2024-07-25T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

describe('the keys of recommendations and the work plan', () => {
  it('of recommendations', () => {
    expect(recommendationKeys.recommendationKey(4)).toEqual({ pk: 'REC#000004', sk: 'REC' });
    expect(recommendationKeys.ownerKey(4, 'TH')).toEqual({ pk: 'REC#000004', sk: 'OWNER#TH' });
    expect(recommendationKeys.madeAtKey(4)).toEqual({ pk: 'REC#000004', sk: 'MEETING' });
    expect(recommendationKeys.closedKey(4)).toEqual({ pk: 'REC#000004', sk: 'CLOSED' });
    expect(recommendationKeys.noteKey(4, '2025-01-01T00:00:00.000Z', 'n1')).toEqual({
      pk: 'REC#000004',
      sk: 'NOTE#2025-01-01T00:00:00.000Z#n1',
    });
    expect([recommendationKeys.recommendationCounterKey, recommendationKeys.recommendationsInitialisedKey]).toEqual([
      { pk: 'REC', sk: 'COUNTER' },
      { pk: 'REC', sk: 'INITIALISED' },
    ]);
    expect(recommendationKeys.madeAtList(9)).toBe('REC#MEETING#000009');
  });

  it('of the work plan', () => {
    expect(workPlanKeys.workPlanItemKey(2)).toEqual({ pk: 'WP#000002', sk: 'WP' });
    expect([workPlanKeys.workPlanCounterKey, workPlanKeys.workPlanInitialisedKey]).toEqual([
      { pk: 'WP', sk: 'COUNTER' },
      { pk: 'WP', sk: 'INITIALISED' },
    ]);
    expect(workPlanKeys.workPlanStatusList('DONE')).toBe('WP#DONE');
    expect(workPlanKeys.workPlanOrder('2026-06-30', 2)).toBe('2026-06-30#000002');
  });
});

describe('the items of a recommendation', () => {
  it('are the main item, a copy per owner and one for its meeting, each in its lists', () => {
    expect(recommendationItems(recommendation)).toEqual([
      {
        pk: 'REC#000004',
        sk: 'REC',
        listKey: 'REC',
        statusKey: 'REC#IN_PROGRESS',
        listOrder: '000004',
        dateKey: 'REC#ADDED',
        dateOn: '2024-07-25',
        ...fields,
      },
      {
        pk: 'REC#000004',
        sk: 'OWNER#TH',
        listKey: 'REC#OWNER#TH',
        statusKey: 'REC#OWNER#TH#IN_PROGRESS',
        listOrder: '000004',
        ...fields,
      },
      {
        pk: 'REC#000004',
        sk: 'OWNER#AU',
        listKey: 'REC#OWNER#AU',
        statusKey: 'REC#OWNER#AU#IN_PROGRESS',
        listOrder: '000004',
        ...fields,
      },
      { pk: 'REC#000004', sk: 'MEETING', listKey: 'REC#MEETING#000009', listOrder: '000004', ...fields },
    ]);
  });

  it('have no meeting copy when no meeting is recorded, and read back as the recommendation', () => {
    const items = recommendationItems({ ...recommendation, meetingNumber: null, jpaNumber: null, dueOn: null });
    expect(items.map((item) => item.sk)).toEqual(['REC', 'OWNER#TH', 'OWNER#AU']);
    for (const item of items) {
      // Left out of what is stored (the Document Client drops undefined attributes).
      expect(item.meetingNumber).toBeUndefined();
      expect(recommendationCodec.decode(item)).toEqual({
        ...recommendation,
        meetingNumber: null,
        jpaNumber: null,
        dueOn: null,
      });
    }
  });

  it('are dated by the day they became final, under their final status', () => {
    expect(closedItem(4, 'IMPLEMENTED', '2025-11-28')).toEqual({
      pk: 'REC#000004',
      sk: 'CLOSED',
      dateKey: 'REC#IMPLEMENTED',
      dateOn: '2025-11-28',
      number: 4,
    });
    expect(closedItem(4, 'DROPPED', '2026-01-02')).toMatchObject({ dateKey: 'REC#DROPPED', dateOn: '2026-01-02' });
  });

  it('keep a progress note under its time and id', () => {
    expect(
      noteItem(4, { id: 'n1', at: '2025-01-01T00:00:00.000Z', author: 'th-1', country: null, text: 'Started' }),
    ).toEqual({
      pk: 'REC#000004',
      sk: 'NOTE#2025-01-01T00:00:00.000Z#n1',
      id: 'n1',
      at: '2025-01-01T00:00:00.000Z',
      author: 'th-1',
      text: 'Started',
    });
  });
});

describe('the item of a work-plan item', () => {
  it('is in the work plan and its status list, by due day then number', () => {
    const item: WorkPlanItem = {
      number: 2,
      title: 'Train',
      description: null,
      owners: ['TH'],
      dueOn: '2026-06-30',
      status: 'UNDERWAY',
      recommendationNumbers: [1, 3],
      revision: 2,
      createdAt: '2024-08-15T00:00:00.000Z',
      updatedAt: '2024-10-01T00:00:00.000Z',
    };
    const stored = workPlanItem(item);
    expect(stored).toEqual({
      pk: 'WP#000002',
      sk: 'WP',
      listKey: 'WP',
      statusKey: 'WP#UNDERWAY',
      listOrder: '2026-06-30#000002',
      number: 2,
      title: 'Train',
      owners: ['TH'],
      dueOn: '2026-06-30',
      status: 'UNDERWAY',
      recommendationNumbers: [1, 3],
      revision: 2,
      createdAt: '2024-08-15T00:00:00.000Z',
      updatedAt: '2024-10-01T00:00:00.000Z',
    });
    expect(workPlanItemCodec.decode(stored)).toEqual(item);
  });
});
