import type { SeedEvent } from '../../../functions/audit/audit.seed.ts';
import type { Jpa } from '../../../functions/jpa/jpa.types.ts';
import type { InitialMembership } from '../../../functions/membership/membership.seed.ts';
import type { Operation } from '../../../functions/operation/operation.types.ts';
import { eventAudience } from '../../../functions/operation/operation.visibility.ts';
import { auditEntity, everyoneAudience } from '../../../functions/shared/domain/audit-events.ts';
import type { TermsVersion } from '../../../functions/terms/terms.types.ts';

/**
 * The audit trail of the sample data: the mutations that would have made it, as the actor
 * `sample-data`, at the time it is loaded. Each domain's events go in with that domain's seed.
 */
export function sampleTrail(at: string) {
  const event = (action: string, entity: string, summary: string, audience = everyoneAudience): SeedEvent => ({
    draft: { id: crypto.randomUUID(), at, actor: 'sample-data', actorCountry: null, action, entity, summary },
    audience,
  });
  return {
    membership: (data: InitialMembership): SeedEvent[] => [
      ...data.members.map((member) => event('addMember', auditEntity.member(member.country), `added ${member.name}`)),
      event(
        'rotateCoChairs',
        auditEntity.coChairs,
        `in: ${data.coChairs.map((term) => `${term.country} on ${term.startsOn}`).join(', ')}`,
      ),
    ],
    jpas: (jpas: readonly Jpa[]): SeedEvent[] =>
      jpas.flatMap((jpa) => [
        event('createJpa', auditEntity.jpa(jpa.number), `created "${jpa.title}"`),
        ...(jpa.status === 'PLANNED'
          ? []
          : [event('updateJpa', auditEntity.jpa(jpa.number), 'updated status (PLANNED → ACTIVE)')]),
        ...(jpa.status === 'CONCLUDED' ? [event('concludeJpa', auditEntity.jpa(jpa.number), 'concluded')] : []),
      ]),
    operations: (operations: readonly Operation[]): SeedEvent[] =>
      operations.map((operation) =>
        event(
          'createOperation',
          auditEntity.operation(operation.id),
          `created in JPA ${operation.jpaNumber}, handling ${operation.handling}`,
          eventAudience(null, operation),
        ),
      ),
    terms: (versions: readonly TermsVersion[]): SeedEvent[] =>
      versions.flatMap((version) => [
        event('draftTermsOfReference', auditEntity.termsOfReference(version.version), `drafted "${version.title}"`),
        ...(version.adoptedOn
          ? [
              event(
                'adoptTermsOfReference',
                auditEntity.termsOfReference(version.version),
                `adopted on ${version.adoptedOn}`,
              ),
            ]
          : []),
      ]),
  };
}
