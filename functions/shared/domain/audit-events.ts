import { createHash } from 'node:crypto';
import type { Clock, IdGenerator } from '../runtime/clock.ts';
import type { Viewer } from './policy.ts';
import { limits } from './validation.ts';

/**
 * What a mutation says about itself: who (subject and country), what (action, entity, summary)
 * and when. It never holds contact details or tokens. The audit service chains it onto its
 * entity's events (`AuditEvent`), and every domain's repository adds the items of the chained
 * event (functions/audit/audit.items.ts) to the transaction of the change it records.
 */
export interface AuditDraft {
  readonly id: string;
  readonly at: string;
  readonly actor: string;
  readonly actorCountry: string | null;
  /** The mutation's name, e.g. `rotateCoChairs`. */
  readonly action: string;
  /** `member/VN`, `cochairs`, `jpa/7`, `operation/<id>`, `tor/3`, `recommendation/4`, `workplan/2`, `meeting/9`, `report/2024`. */
  readonly entity: string;
  readonly summary: string;
}

/** An event's place in its entity's chain (docs/api.md, "Audit chain"). */
export interface ChainLink {
  /** 1, 2, … within the entity, with no gap. */
  readonly sequence: number;
  /** The hash of the entity's event before it; null for the first. */
  readonly previousHash: string | null;
  readonly hash: string;
}

export type AuditEvent = AuditDraft & ChainLink;

/** Where an entity's chain ends: its last event's sequence and hash. */
export interface ChainHead {
  readonly entity: string;
  readonly sequence: number;
  readonly hash: string;
}

/**
 * Who may read an event: `['*']` for everyone who may read its entity (the secretariat and
 * officials), or the countries whose officials alone may (a need-to-know operation's participants
 * just before and just after the change). Never empty.
 */
export type Audience = readonly string[];

export const everyoneAudience: Audience = ['*'];

/** An event ready to be written: chained onto `head` (null for an entity's first event), with its audience. */
export interface ChainedEvent {
  readonly event: AuditEvent;
  readonly audience: Audience;
  /** The head the event was chained onto; the write is conditioned on it still being there. */
  readonly head: ChainHead | null;
}

/** The entity an event is about, named the same by the service that writes it and the history that reads it. */
export const auditEntity = {
  member: (country: string) => `member/${country}`,
  coChairs: 'cochairs',
  jpa: (number: number) => `jpa/${number}`,
  operation: (id: string) => `operation/${id}`,
  termsOfReference: (version: number) => `tor/${version}`,
  recommendation: (number: number) => `recommendation/${number}`,
  workPlanItem: (number: number) => `workplan/${number}`,
  meeting: (number: number) => `meeting/${number}`,
  annualReport: (year: number) => `report/${year}`,
} as const;

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
): AuditDraft {
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

/**
 * docs/api.md, "Audit chain": the lower-case hex SHA-256 of the UTF-8 bytes of
 * `JSON.stringify([id, entity, sequence, at, actor, actorCountry, action, summary, previousHash])`.
 * Anyone who reads the events through the API can compute it again; so does `verify-audit`.
 */
export function eventHash(event: AuditDraft & Omit<ChainLink, 'hash'>): string {
  const fields = [
    event.id,
    event.entity,
    event.sequence,
    event.at,
    event.actor,
    event.actorCountry,
    event.action,
    event.summary,
    event.previousHash,
  ];
  // A string is hashed as its UTF-8 bytes.
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** The draft as the next event of its entity's chain, whose head is `head` (null: the first event). */
export function chainOnto(draft: AuditDraft, head: ChainHead | null): AuditEvent {
  const link = { sequence: (head?.sequence ?? 0) + 1, previousHash: head?.hash ?? null };
  return { ...draft, ...link, hash: eventHash({ ...draft, ...link }) };
}

/**
 * How a service chains its events (the audit service does): each domain's mutation asks it for the
 * chained event and writes that event's items in its own transaction.
 */
export interface AuditTrail {
  chain(draft: AuditDraft, audience?: Audience): Promise<ChainedEvent>;
}
