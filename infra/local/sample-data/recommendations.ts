import type { SeededRecommendation } from '../../../functions/recommendation/recommendation.seed.ts';
import type { RecommendationStatus } from '../../../functions/recommendation/recommendation.types.ts';
import type { WorkPlanItem, WorkPlanStatus } from '../../../functions/workplan/workplan.types.ts';

/**
 * From the group's public description: the seventh JPA concluded in July 2024 with a conference
 * in Ha Noi (meeting 1 of the sample meetings), whose recommendations included strengthening
 * international cooperation, enhancing data management, investing in capacity building, promoting
 * public awareness and engagement with the private sector. ILLUSTRATIVE: each recommendation's
 * wording beyond those words, its owners, due day, status and progress notes, and the work plan
 * that carries them out.
 */

/** The last day of the Ha Noi conference, when its recommendations were made. */
const madeOn = '2024-07-25';

/** One thing that happened to a sample record after it was made: a change of status or a progress note. */
export interface SampleStep<S extends string> {
  /** When, ISO 8601: the audit event's time and the note's. */
  readonly at: string;
  readonly status?: S;
  readonly note?: { readonly author: string; readonly country: string; readonly text: string };
}

/** A sample recommendation as it stands, and the steps that brought it there (its audit trail). */
export interface SampleRecommendation extends SeededRecommendation {
  readonly steps: readonly SampleStep<RecommendationStatus>[];
}

const at = (day: string) => `${day}T00:00:00.000Z`;
const status = <S extends string>(day: string, to: S): SampleStep<S> => ({ at: at(day), status: to });
const note = (day: string, country: string, text: string): SampleStep<never> => ({
  at: at(day),
  note: { author: `${country.toLowerCase()}-official`, country, text },
});

function recommendation(
  number: number,
  text: string,
  owners: string[],
  dueOn: string,
  steps: SampleStep<RecommendationStatus>[],
): SampleRecommendation {
  let current: RecommendationStatus = 'OPEN';
  let closedOn: string | null = null;
  for (const step of steps) {
    if (!step.status) continue;
    current = step.status;
    if (current === 'IMPLEMENTED' || current === 'DROPPED') closedOn = step.at.slice(0, 10);
  }
  return {
    recommendation: {
      number,
      text,
      owners,
      status: current,
      dueOn,
      jpaNumber: 7,
      meetingNumber: 1,
      addedOn: madeOn,
      closedOn,
      revision: 1 + steps.length,
      createdAt: at(madeOn),
      updatedAt: steps.at(-1)?.at ?? at(madeOn),
    },
    notes: steps.flatMap((step, index) =>
      step.note ? [{ id: `sample-note-${number}-${index + 1}`, at: step.at, ...step.note }] : [],
    ),
    steps,
  };
}

export const sampleRecommendations: SampleRecommendation[] = [
  recommendation(
    1,
    'Strengthen international cooperation: a standing network of liaison officers among member countries to open joint investigations faster.',
    ['NZ', 'VN'],
    '2026-06-30',
    [
      status('2024-10-01', 'IN_PROGRESS'),
      note(
        '2025-03-14',
        'VN',
        'Liaison officers named by nine member countries; contact list shared through the secretariat.',
      ),
    ],
  ),
  recommendation(
    2,
    'Enhance data management: common data fields for reporting the outcomes of joint operations, and secure exchange of them.',
    ['AU', 'TH'],
    '2026-12-31',
    [
      status('2025-02-03', 'IN_PROGRESS'),
      note('2025-05-20', 'AU', 'Draft common data fields circulated to members for comment.'),
    ],
  ),
  recommendation(
    3,
    'Invest in capacity building: ongoing training for investigators on the evolving digital landscape.',
    ['NZ', 'ID', 'PH'],
    '2025-12-31',
    [
      status('2024-11-15', 'IN_PROGRESS'),
      note('2025-02-10', 'NZ', 'Training curriculum on digital evidence and online recruitment agreed.'),
      note('2025-11-27', 'ID', 'Last of three regional training courses delivered in Jakarta.'),
      status('2025-11-28', 'IMPLEMENTED'),
    ],
  ),
  recommendation(
    4,
    'Promote public awareness of the risks of irregular migration and of fraudulent job offers abroad.',
    ['PH', 'MY'],
    '2026-09-30',
    [],
  ),
  recommendation(
    5,
    'Engage with the private sector, including social media companies, to detect and remove content that facilitates people smuggling and trafficking.',
    ['AU', 'VN'],
    '2026-12-31',
    [],
  ),
];

/** A sample work-plan item as it stands, and the changes of status that brought it there. */
export interface SampleWorkPlanItem {
  readonly item: WorkPlanItem;
  readonly steps: readonly SampleStep<WorkPlanStatus>[];
}

function workPlanItem(
  number: number,
  fields: Pick<WorkPlanItem, 'title' | 'description' | 'owners' | 'dueOn' | 'recommendationNumbers'>,
  createdOn: string,
  steps: SampleStep<WorkPlanStatus>[],
): SampleWorkPlanItem {
  return {
    item: {
      number,
      ...fields,
      status: steps.findLast((step) => step.status)?.status ?? 'PLANNED',
      revision: 1 + steps.length,
      createdAt: at(createdOn),
      updatedAt: steps.at(-1)?.at ?? at(createdOn),
    },
    steps,
  };
}

/** ILLUSTRATIVE: the forward work plan agreed after the Ha Noi conference. */
export const sampleWorkPlan: SampleWorkPlanItem[] = [
  workPlanItem(
    1,
    {
      title: 'Liaison officer network',
      description: 'Name a liaison officer per member country and keep the contact list current.',
      owners: ['NZ', 'VN'],
      dueOn: '2026-06-30',
      recommendationNumbers: [1],
    },
    '2024-08-15',
    [status('2024-10-01', 'UNDERWAY')],
  ),
  workPlanItem(
    2,
    {
      title: 'Common data fields for joint operations',
      description: null,
      owners: ['AU', 'TH'],
      dueOn: '2026-12-31',
      recommendationNumbers: [2],
    },
    '2024-08-15',
    [status('2025-02-03', 'UNDERWAY')],
  ),
  workPlanItem(
    3,
    {
      title: 'Regional training on digital evidence',
      description: 'Three regional courses for investigators, on digital evidence and online recruitment.',
      owners: ['NZ', 'ID', 'PH'],
      dueOn: '2025-11-30',
      recommendationNumbers: [3],
    },
    '2024-08-15',
    [status('2024-11-15', 'UNDERWAY'), status('2025-11-28', 'DONE')],
  ),
  workPlanItem(
    4,
    {
      title: 'Awareness campaign with social media companies',
      description: null,
      owners: ['PH', 'MY', 'AU'],
      dueOn: '2026-10-31',
      recommendationNumbers: [4, 5],
    },
    '2025-06-02',
    [],
  ),
];
