import type { AuditEvent } from '../shared/domain/audit-events.ts';
import { connection, pageSize, type Connection, type Cursors } from '../shared/runtime/cursors.ts';
import { BadInputError } from '../shared/domain/errors.ts';
import * as valid from '../shared/domain/validation.ts';
import type { Access } from '../shared/domain/access.ts';
import type { AuditStore } from './audit.repository.ts';

export interface AuditDependencies {
  readonly repository: AuditStore;
  readonly cursors: Cursors;
  readonly access: Access;
}

const positionPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#[0-9a-f-]{36}$/;

/**
 * The audit trail, for the secretariat only: newest first, optionally of one entity. There is no
 * way to change or delete an event through the API, and the function's role may only add them.
 */
export class AuditService {
  private readonly deps: AuditDependencies;

  constructor(deps: AuditDependencies) {
    this.deps = deps;
  }

  async events(
    entity: string | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Connection<AuditEvent>> {
    const viewer = await this.deps.access.authorize('readAuditEvents');
    const size = pageSize(first, 50);
    const named = entity == null ? null : valid.text(entity, 'entity', valid.limits.name);
    const args = { entity: named, viewer: viewer.subject };
    const position = after ? await this.deps.cursors.decode('auditEvents', args, after) : null;
    if (position !== null && !positionPattern.test(position))
      throw new BadInputError('after is not a cursor of this list', 'after');
    const page = await this.deps.repository.listEvents(named, position, size);
    return connection(this.deps.cursors, 'auditEvents', args, page);
  }
}
