import {
  chainOnto,
  everyoneAudience,
  type Audience,
  type AuditDraft,
  type AuditEvent,
  type AuditTrail,
  type ChainedEvent,
} from '../shared/domain/audit-events.ts';
import { connection, pageSize, type Connection, type Cursors } from '../shared/runtime/cursors.ts';
import { BadInputError } from '../shared/domain/errors.ts';
import * as valid from '../shared/domain/validation.ts';
import type { Access } from '../shared/domain/access.ts';
import { mayEver } from '../shared/domain/policy.ts';
import { everyone, sequenceKeyPattern, timeKeyPattern } from './audit.keys.ts';
import { readerAudiences } from './audit.visibility.ts';
import type { AuditStore } from './audit.repository.ts';
import type { StoredEvent } from './audit.items.ts';

/**
 * The caller-visible reads of the entities events are about, each null where the caller may not
 * read the entity now: the domains' own services, handed in by who asks for an event by id.
 */
export interface AuditedEntities {
  member(country: string): Promise<unknown>;
  jpa(number: number): Promise<unknown>;
  termsOfReference(version: number): Promise<unknown>;
  operation(id: string): Promise<unknown>;
}

export interface AuditDependencies {
  readonly repository: AuditStore;
  readonly cursors: Cursors;
  readonly access: Access;
}

/**
 * The audit trail: chained per entity as it is written, and read only by who could read each
 * event's entity when it was written (docs/api.md, "Audit chain" and "Audit visibility"). There is
 * no way to change or delete an event through the API, and the function's role may only add them.
 */
export class AuditService implements AuditTrail {
  private readonly deps: AuditDependencies;
  /** Events read by id in this request: an id asked again (`nodes` with duplicates) is read once. */
  private readonly storedEvents = new Map<string, Promise<StoredEvent | null>>();

  constructor(deps: AuditDependencies) {
    this.deps = deps;
  }

  /**
   * The draft as the next event of its entity's chain. The write that carries it is conditioned on
   * the head read here, so a concurrent change of the same entity makes one of the two a CONFLICT.
   */
  async chain(draft: AuditDraft, audience: Audience = everyoneAudience): Promise<ChainedEvent> {
    const head = await this.deps.repository.head(draft.entity);
    return { event: chainOnto(draft, head), audience, head };
  }

  /** The secretariat's trail: events everyone who may read their entity may read, newest first. */
  async events(
    entity: string | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Connection<AuditEvent>> {
    const viewer = await this.deps.access.authorize('readAuditEvents');
    const size = pageSize(first, 50);
    const named = entity == null ? null : valid.text(entity, 'entity', valid.limits.name);
    const args = { entity: named, viewer: viewer.subject };
    const position = after
      ? await this.position('auditEvents', args, after, named ? sequenceKeyPattern : timeKeyPattern)
      : null;
    const page = named
      ? await this.deps.repository.entityEvents(named, [everyone], position, size)
      : await this.deps.repository.allEvents(position, size);
    return connection(this.deps.cursors, 'auditEvents', args, page);
  }

  /**
   * An entity's events that the caller may read, newest first, for a caller who may read the entity
   * itself (its resolver's parent); null for observers. `needToKnow` entities (operations) may have
   * events only their participating countries' officials read.
   */
  async history(
    entity: string,
    needToKnow: boolean,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Connection<AuditEvent> | null> {
    const viewer = await this.deps.access.viewer();
    const audiences = readerAudiences(viewer, needToKnow);
    if (audiences === null) return null;
    const size = pageSize(first, 20);
    const args = { entity, viewer: viewer.subject };
    const position = after ? await this.position('history', args, after, sequenceKeyPattern) : null;
    const page = await this.deps.repository.entityEvents(entity, audiences, position, size);
    return connection(this.deps.cursors, 'history', args, page);
  }

  /**
   * The event with this id, for a caller who could read it through its entity's `history` now:
   * one who may read histories (observers may not), may read the entity now, and is of an audience
   * the event was written for (an operation's need-to-know events only for officials of its
   * participating countries, as `history` decides by `readerAudiences`). Events of the co-chairs,
   * which have no `history`, as `auditEvents` lists them: the secretariat's. Null otherwise, and
   * for no such event, alike.
   */
  async event(id: string, entities: AuditedEntities): Promise<AuditEvent | null> {
    const viewer = await this.deps.access.viewer();
    if (!mayEver(viewer, 'readHistory')) return null;
    let read = this.storedEvents.get(id);
    if (!read) {
      read = this.deps.repository.eventById(id);
      this.storedEvents.set(id, read);
    }
    const stored = await read;
    if (!stored) return null;
    const { event, audience } = stored;
    const subject = entityOf(event.entity);
    let audiences: readonly string[] | null;
    if (subject === null) {
      audiences = mayEver(viewer, 'readAuditEvents') ? [everyone] : null;
    } else {
      const readable = (await readEntity(subject, entities)) !== null;
      audiences = readable ? readerAudiences(viewer, subject.kind === 'operation') : null;
    }
    return audiences?.some((reader) => audience.includes(reader)) ? event : null;
  }

  private async position(list: string, args: Record<string, unknown>, after: string, pattern: RegExp) {
    const position = await this.deps.cursors.decode(list, args, after);
    if (!pattern.test(position)) throw new BadInputError('after is not a cursor of this list', 'after');
    return position;
  }
}

/** An entity with a `history`, as its events name it (auditEntity); null for the co-chairs. */
type HistoryEntity =
  | { readonly kind: 'member'; readonly country: string }
  | { readonly kind: 'jpa' | 'termsOfReference'; readonly number: number }
  | { readonly kind: 'operation'; readonly id: string };

function entityOf(entity: string): HistoryEntity | null {
  const parts = entity.split('/', 2);
  // Stryker disable next-line StringLiteral: every entity with a history is named `<kind>/<key>`; the default only types the key
  const [kind, key = ''] = parts;
  switch (kind) {
    case 'member':
      return { kind, country: key };
    case 'jpa':
      return { kind, number: Number(key) };
    case 'tor':
      return { kind: 'termsOfReference', number: Number(key) };
    case 'operation':
      return { kind, id: key };
    default:
      return null;
  }
}

function readEntity(subject: HistoryEntity, entities: AuditedEntities): Promise<unknown> {
  switch (subject.kind) {
    case 'member':
      return entities.member(subject.country);
    case 'jpa':
      return entities.jpa(subject.number);
    case 'termsOfReference':
      return entities.termsOfReference(subject.number);
    case 'operation':
      return entities.operation(subject.id);
  }
}
