import { createHash } from 'node:crypto';
import type { SeedEvent } from '../../../functions/audit/audit.seed.ts';
import type { Jpa } from '../../../functions/jpa/jpa.types.ts';
import type { SeedMeeting } from '../../../functions/meeting/meeting.seed.ts';
import type { InitialMembership } from '../../../functions/membership/membership.seed.ts';
import type { Operation } from '../../../functions/operation/operation.types.ts';
import { eventAudience } from '../../../functions/operation/operation.visibility.ts';
import { auditEntity, everyoneAudience } from '../../../functions/shared/domain/audit-events.ts';
import type { TermsVersion } from '../../../functions/terms/terms.types.ts';
import type { SampleRecommendation, SampleStep, SampleWorkPlanItem } from './recommendations.ts';

/** The first seconds of a day, for the events of one thing that happened that day, in order. */
const on = (day: string, second = 0) => `${day}T00:00:0${second}.000Z`;

/** An id that is the same at every load, so that two loads of the sample data answer alike. */
function sampleId(entity: string, action: string): string {
  const hex = createHash('sha256').update(`sample-data ${entity} ${action}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** `occasion` tells apart events of one entity and action (two progress notes, say). */
function event(
  at: string,
  action: string,
  entity: string,
  summary: string,
  audience = everyoneAudience,
  occasion?: string,
): SeedEvent {
  const id = sampleId(entity, occasion === undefined ? action : `${action} ${occasion}`);
  return { draft: { id, at, actor: 'sample-data', actorCountry: null, action, entity, summary }, audience };
}

/** The events of a sample record's steps after it was made: its changes of status and its notes, in order. */
function stepEvents<S extends string>(
  entity: string,
  update: string,
  made: S,
  steps: readonly SampleStep<S>[],
): SeedEvent[] {
  let current = made;
  return steps.map((step) => {
    if (step.note) return event(step.at, 'addProgressNote', entity, 'added a progress note', everyoneAudience, step.at);
    const to = step.status ?? current;
    const summary = `updated status (${current} → ${to})`;
    current = to;
    return event(step.at, update, entity, summary, everyoneAudience, step.at);
  });
}

/**
 * The audit trail of the sample data: the mutations that would have made it, as the actor
 * `sample-data`, on the dates the data gives (a member's joining, a JPA's start and end, an
 * operation's start, a version's adoption, a recommendation's steps, a meeting's first and last day).
 * Each domain's events go in with that domain's seed, one per revision of each record.
 */
export const sampleTrail = {
  membership: (data: InitialMembership): SeedEvent[] => [
    ...data.members.map((member) =>
      event(on(member.joinedOn), 'addMember', auditEntity.member(member.country), `added ${member.name}`),
    ),
    event(
      on(data.coChairs[0]?.startsOn ?? '2014-01-01'),
      'rotateCoChairs',
      auditEntity.coChairs,
      `in: ${data.coChairs.map((term) => `${term.country} on ${term.startsOn}`).join(', ')}`,
    ),
  ],
  jpas: (jpas: readonly Jpa[]): SeedEvent[] =>
    jpas.flatMap((jpa) => {
      const entity = auditEntity.jpa(jpa.number);
      return [
        event(on(jpa.startsOn), 'createJpa', entity, `created "${jpa.title}"`),
        ...(jpa.status === 'PLANNED'
          ? []
          : [event(on(jpa.startsOn, 1), 'updateJpa', entity, 'updated status (PLANNED → ACTIVE)')]),
        ...(jpa.status === 'CONCLUDED' ? [event(on(jpa.endsOn), 'concludeJpa', entity, 'concluded')] : []),
      ];
    }),
  operations: (operations: readonly Operation[]): SeedEvent[] =>
    operations.map((operation) =>
      event(
        on(operation.startsOn),
        'createOperation',
        auditEntity.operation(operation.id),
        `created in JPA ${operation.jpaNumber}, handling ${operation.handling}`,
        eventAudience(null, operation),
      ),
    ),
  terms: (versions: readonly TermsVersion[]): SeedEvent[] =>
    versions.flatMap((version) => {
      const entity = auditEntity.termsOfReference(version.version);
      const adoptedOn = version.adoptedOn ?? '2014-01-01';
      return [
        event(on(adoptedOn), 'draftTermsOfReference', entity, `drafted "${version.title}"`),
        ...(version.adoptedOn
          ? [event(on(adoptedOn, 1), 'adoptTermsOfReference', entity, `adopted on ${version.adoptedOn}`)]
          : []),
      ];
    }),
  recommendations: (samples: readonly SampleRecommendation[]): SeedEvent[] =>
    samples.flatMap(({ recommendation, steps }) => {
      const entity = auditEntity.recommendation(recommendation.number);
      return [
        event(recommendation.createdAt, 'addRecommendation', entity, `added "${recommendation.text}"`),
        ...stepEvents(entity, 'updateRecommendation', 'OPEN', steps),
      ];
    }),
  workPlan: (samples: readonly SampleWorkPlanItem[]): SeedEvent[] =>
    samples.flatMap(({ item, steps }) => {
      const entity = auditEntity.workPlanItem(item.number);
      return [
        event(item.createdAt, 'createWorkPlanItem', entity, `created "${item.title}"`),
        ...stepEvents(entity, 'updateWorkPlanItem', 'PLANNED', steps),
      ];
    }),
  /** Scheduled on its first day; on its last, its attendance recorded and then its minutes, where it has them. */
  meetings: (meetings: readonly SeedMeeting[]): SeedEvent[] =>
    meetings.flatMap((meeting) => {
      const entity = auditEntity.meeting(meeting.number);
      const delegates = meeting.attendance.reduce((sum, entry) => sum + entry.delegates, 0);
      return [
        event(
          on(meeting.startsOn),
          'scheduleMeeting',
          entity,
          `scheduled "${meeting.title}" (${meeting.kind}, ${meeting.startsOn})`,
        ),
        ...(meeting.attendance.length > 0
          ? [
              event(
                on(meeting.endsOn, 1),
                'recordAttendance',
                entity,
                `recorded attendance: ${meeting.attendance.length} countries, ${delegates} delegates`,
              ),
            ]
          : []),
        ...(meeting.minutes === null ? [] : [event(on(meeting.endsOn, 2), 'updateMeeting', entity, 'updated minutes')]),
      ];
    }),
};
