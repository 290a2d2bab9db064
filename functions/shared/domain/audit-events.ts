import type { Clock, IdGenerator } from '../runtime/clock.ts';
import type { Viewer } from './policy.ts';
import { limits } from './validation.ts';

/**
 * An audit event: who (subject and country), what (action, entity, summary) and when.
 * It never holds contact details or tokens. Every domain's repository adds its item
 * (functions/audit/audit.items.ts) to the transaction of the change it records.
 */
export interface AuditEvent {
  readonly id: string;
  readonly at: string;
  readonly actor: string;
  readonly actorCountry: string | null;
  /** The mutation's name, e.g. `rotateCoChairs`. */
  readonly action: string;
  /** `member/VN`, `cochairs`, `jpa/7`, `operation/<id>`, `tor/3`. */
  readonly entity: string;
  readonly summary: string;
}

/** What every service needs to stamp its events. */
export interface AuditSource {
  readonly clock: Clock;
  readonly newId: IdGenerator;
}

/**
 * A new event for a mutation by this viewer. Summaries may quote the caller's text (a reason,
 * say); the event keeps the first 2,000 characters of a longer one.
 */
export function auditEvent(
  source: AuditSource,
  viewer: Viewer,
  action: string,
  entity: string,
  summary: string,
): AuditEvent {
  const characters = [...summary];
  return {
    id: source.newId(),
    at: source.clock.now(),
    actor: viewer.subject,
    actorCountry: viewer.country,
    action,
    entity,
    summary: characters.length <= limits.long ? summary : `${characters.slice(0, limits.long - 1).join('')}…`,
  };
}
