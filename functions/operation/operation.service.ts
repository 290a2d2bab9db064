import { createHash } from 'node:crypto';
import DataLoader from 'dataloader';
import { auditEntity, auditEvent, type AuditTrail, type ChainedEvent } from '../shared/domain/audit-events.ts';
import type { Clock, IdGenerator } from '../shared/runtime/clock.ts';
import { connection, pageSize, type Connection, type Cursors, type Page } from '../shared/runtime/cursors.ts';
import { BadInputError, ConflictError, NotFoundError, requireRevision } from '../shared/domain/errors.ts';
import type { ItemLoader } from '../shared/data/item-loader.ts';
import type { Viewer } from '../shared/domain/policy.ts';
import type { Access } from '../shared/domain/access.ts';
import * as valid from '../shared/domain/validation.ts';
import type { JpaService } from '../jpa/jpa.service.ts';
import { noOutcomes, type Jpa, type Outcomes } from '../jpa/jpa.types.ts';
import type { MembershipService } from '../membership/membership.service.ts';
import type { Member } from '../membership/membership.types.ts';
import { listKeyPattern } from './operation.keys.ts';
import { eventAudience, listingsFor, mayRead } from './operation.visibility.ts';
import type { OperationStore } from './operation.repository.ts';
import type { IdempotencyRecord, Operation, OperationFilter, OperationStatus } from './operation.types.ts';
import {
  isOperationId,
  validCreateOperation,
  validRecordOutcomes,
  validUpdateOperation,
  withLead,
  type CreateOperationInput,
  type RecordOutcomesInput,
  type UpdateOperationInput,
} from './operation.validation.ts';

export interface OperationDependencies {
  readonly repository: OperationStore;
  readonly loader: ItemLoader;
  readonly clock: Clock;
  readonly newId: IdGenerator;
  readonly cursors: Cursors;
  readonly access: Access;
  /** Chains each change's audit event onto its entity's events. */
  readonly audit: AuditTrail;
  /** Members for the lead and participants, and the guards of the caller's power: the membership domain, through its service. */
  readonly membership: Pick<MembershipService, 'member' | 'authorityGuards'>;
  /** The JPA an operation belongs to, and the conditions its transactions lend. */
  readonly jpas: Pick<JpaService, 'existing' | 'operationGuards'>;
}

export interface OperationsArgs {
  readonly jpaNumber?: number | null;
  readonly country?: string | null;
  readonly status?: OperationStatus | null;
  readonly first?: number | null;
  readonly after?: string | null;
}

/** How long an idempotency key is kept: docs/api.md asks at least 24 hours. */
const idempotencyWindowSeconds = 48 * 3600;

/**
 * The operations rules of docs/api.md, need-to-know first: an operation the caller may not read does
 * not exist for it (null, left out of lists, NOT_FOUND for mutations). One instance per request.
 */
export class OperationService {
  private readonly deps: OperationDependencies;
  private readonly firstPages: DataLoader<{ jpa: number; first: number }, Page<Operation>, string>;

  constructor(deps: OperationDependencies) {
    this.deps = deps;
    // The first pages of several JPAs in one level (the JPAs of a page of operations, say) are
    // asked for in one tick: one bounded Query per JPA and listing, sent together, so the level
    // stays one round of calls and each JPA reads at most `first + 1` items per listing. The
    // cache answers the same page asked twice (aliases, operations of the same JPA).
    this.firstPages = new DataLoader(
      async (keys) => {
        const listings = listingsFor(await this.deps.access.viewer());
        return Promise.all(
          keys.map(({ jpa, first }) => this.deps.repository.listVisible(listings, { jpaNumber: jpa }, null, first)),
        );
      },
      { cacheKeyFn: ({ jpa, first }) => `${jpa}/${first}` },
    );
  }

  /** The operation, or null when it does not exist or the caller may not read it. */
  async operation(id: string): Promise<Operation | null> {
    const viewer = await this.deps.access.authorize('read');
    return isOperationId(id) ? this.readable(viewer, id) : null;
  }

  async operations(args: OperationsArgs): Promise<Connection<Operation>> {
    const viewer = await this.deps.access.authorize('read');
    const filter: OperationFilter = {
      ...(args.jpaNumber != null ? { jpaNumber: valid.integer(args.jpaNumber, 'jpaNumber', 1, 9999) } : {}),
      ...(args.country ? { country: args.country } : {}),
      ...(args.status ? { status: args.status } : {}),
    };
    return this.page(viewer, 'operations', filter, args.first, args.after);
  }

  /** `Jpa.operations`: those of the JPA the caller may read. */
  async operationsOfJpa(
    jpa: Jpa,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Connection<Operation>> {
    const viewer = await this.deps.access.authorize('read');
    if (after) return this.page(viewer, `jpa/${jpa.number}/operations`, { jpaNumber: jpa.number }, first, after);
    const size = pageSize(first, 20);
    if (listingsFor(viewer).length === 0) return emptyConnection;
    return this.connection(
      viewer,
      `jpa/${jpa.number}/operations`,
      { jpaNumber: jpa.number },
      await this.firstPages.load({ jpa: jpa.number, first: size }),
    );
  }

  lead(operation: Operation): Promise<Member | null> {
    return this.deps.membership.member(operation.lead);
  }

  async participants(operation: Operation): Promise<Member[]> {
    const members = await Promise.all(operation.participants.map((country) => this.deps.membership.member(country)));
    return members.filter((member): member is Member => member !== null);
  }

  async createOperation(input: CreateOperationInput): Promise<Operation> {
    const viewer = await this.deps.access.authorize('createOperation');
    const lead = viewer.country!;
    const fields = validCreateOperation(input, lead);
    const inputHash = hash({ ...fields, idempotencyKey: null });
    const replay = fields.idempotencyKey ? await this.replay(viewer, fields.idempotencyKey, inputHash) : null;
    if (replay) return replay;

    const jpa = await this.deps.jpas.existing(fields.jpaNumber);
    requireTakingPart(jpa, fields.participants);
    if (jpa.status === 'CONCLUDED')
      throw new ConflictError(`JPA ${jpa.number} is CONCLUDED and takes no new operations`);
    const { idempotencyKey, ...rest } = fields;
    const operation: Operation = {
      ...rest,
      id: this.deps.newId(),
      lead,
      status: 'PLANNED',
      endsOn: null,
      outcomes: noOutcomes,
      revision: 1,
    };
    const nowSeconds = Math.floor(Date.parse(this.deps.clock.now()) / 1000);
    const record: IdempotencyRecord | null = idempotencyKey
      ? {
          subject: viewer.subject,
          key: idempotencyKey,
          inputHash,
          operationId: operation.id,
          expiresAt: nowSeconds + idempotencyWindowSeconds,
        }
      : null;
    try {
      await this.deps.repository.createOperation(
        operation,
        [
          ...this.deps.membership.authorityGuards(viewer),
          ...this.deps.jpas.operationGuards(jpa.number, {
            participants: operation.participants,
            totals: { operations: 1, ...noOutcomes },
            open: true,
          }),
        ],
        record,
        await this.event(
          viewer,
          'createOperation',
          null,
          operation,
          `created in JPA ${jpa.number}, handling ${operation.handling}`,
        ),
        nowSeconds,
      );
    } catch (error) {
      // A retry that raced its first attempt: the first result stands.
      const raced =
        error instanceof ConflictError && idempotencyKey ? await this.replay(viewer, idempotencyKey, inputHash) : null;
      if (raced) return raced;
      throw error;
    }
    return this.deps.loader.written(operation);
  }

  async updateOperation(input: UpdateOperationInput): Promise<Operation> {
    const viewer = await this.deps.access.authorize('updateOperation');
    const changes = validUpdateOperation(input);
    const current = await this.ownOperation(viewer, changes.id, 'updateOperation');
    const participants = changes.participants ? withLead(current.lead, changes.participants) : current.participants;
    const operation: Operation = {
      ...current,
      codeName: changes.codeName ?? current.codeName,
      participants,
      status: changes.status ?? current.status,
      endsOn: changes.endsOn ?? current.endsOn,
      summary: changes.summary ?? current.summary,
      handling: changes.handling ?? current.handling,
      revision: current.revision + 1,
    };
    // Stryker disable next-line ConditionalExpression: null <= a date string is false in JavaScript, so the check only narrows the type
    if (operation.endsOn !== null && operation.endsOn <= operation.startsOn) {
      throw new BadInputError('endsOn must be later than startsOn', 'endsOn');
    }
    if (changes.participants) requireTakingPart(await this.deps.jpas.existing(current.jpaNumber), participants);
    requireRevision(`operation ${current.id}`, current, changes.expectedRevision);
    await this.deps.repository.replaceOperation(
      operation,
      current,
      [
        ...this.deps.membership.authorityGuards(viewer),
        ...this.deps.jpas.operationGuards(current.jpaNumber, changes.participants ? { participants } : {}),
      ],
      await this.event(viewer, 'updateOperation', current, operation, `updated ${changes.changed.join(', ')}`),
    );
    return this.deps.loader.written(operation);
  }

  async recordOutcomes(input: RecordOutcomesInput): Promise<Operation> {
    const viewer = await this.deps.access.authorize('recordOutcomes');
    const { id, expectedRevision, outcomes } = validRecordOutcomes(input);
    const current = await this.ownOperation(viewer, id, 'recordOutcomes');
    requireRevision(`operation ${current.id}`, current, expectedRevision);
    const operation: Operation = { ...current, outcomes, revision: current.revision + 1 };
    const delta = { operations: 0, ...difference(outcomes, current.outcomes) };
    await this.deps.repository.replaceOperation(
      operation,
      current,
      [
        ...this.deps.membership.authorityGuards(viewer),
        ...this.deps.jpas.operationGuards(current.jpaNumber, { totals: delta }),
      ],
      await this.event(viewer, 'recordOutcomes', current, operation, 'recorded outcomes'),
    );
    return this.deps.loader.written(operation);
  }

  private async page(
    viewer: Viewer,
    list: string,
    filter: OperationFilter,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Connection<Operation>> {
    const size = pageSize(first, 20);
    const position = after ? await this.deps.cursors.decode(list, { ...filter, viewer: viewer.subject }, after) : null;
    if (position !== null && !listKeyPattern.test(position))
      throw new BadInputError('after is not a cursor of this list', 'after');
    const listings = listingsFor(viewer, filter.country);
    if (listings.length === 0) return emptyConnection;
    const keyed = { jpaNumber: filter.jpaNumber, status: filter.status };
    return this.connection(
      viewer,
      list,
      filter,
      await this.deps.repository.listVisible(listings, keyed, position, size),
    );
  }

  private connection(
    viewer: Viewer,
    list: string,
    filter: OperationFilter,
    page: Page<Operation>,
  ): Connection<Operation> {
    return connection(this.deps.cursors, list, { ...filter, viewer: viewer.subject }, page);
  }

  private async readable(viewer: Viewer, id: string): Promise<Operation | null> {
    const operation = await this.deps.repository.operation(this.deps.loader, id);
    return operation && mayRead(viewer, operation) ? operation : null;
  }

  /** The operation for a mutation: NOT_FOUND unless readable, then FORBIDDEN unless led by the caller's country. */
  private async ownOperation(
    viewer: Viewer,
    id: string,
    action: 'updateOperation' | 'recordOutcomes',
  ): Promise<Operation> {
    const operation = isOperationId(id) ? await this.readable(viewer, id) : null;
    if (!operation) throw new NotFoundError(`operation ${id} does not exist`);
    await this.deps.access.authorize(action, [operation.lead]);
    return operation;
  }

  /** The first result for a live idempotency key with the same input; CONFLICT for another input. */
  private async replay(viewer: Viewer, key: string, inputHash: string): Promise<Operation | null> {
    const record = await this.deps.repository.idempotencyRecord(viewer.subject, key);
    const nowSeconds = Math.floor(Date.parse(this.deps.clock.now()) / 1000);
    if (!record || record.expiresAt < nowSeconds) return null;
    if (record.inputHash !== inputHash) throw new ConflictError('this idempotencyKey was used with another input');
    return this.deps.repository.operation(this.deps.loader, record.operationId);
  }

  /** The event of a change from `previous` (null: a new operation), readable by who could read either. */
  private event(
    viewer: Viewer,
    action: string,
    previous: Operation | null,
    operation: Operation,
    summary: string,
  ): Promise<ChainedEvent> {
    // The summary names no code name, participant or figure: events of an operation handled
    // MEMBERS are read by every official and the secretariat, whatever they may read of its details.
    const draft = auditEvent(this.deps, viewer, action, auditEntity.operation(operation.id), summary);
    return this.deps.audit.chain(draft, eventAudience(previous, operation));
  }
}

const emptyConnection: Connection<Operation> = {
  edges: [],
  pageInfo: { hasNextPage: false, endCursor: async () => null },
};

function requireTakingPart(jpa: Jpa, countries: readonly string[]): void {
  const outside = countries.find((country) => !jpa.participants.includes(country));
  if (outside) throw new BadInputError(`${outside} does not take part in JPA ${jpa.number}`, 'participants');
}

function difference(after: Outcomes, before: Outcomes): Outcomes {
  return {
    arrests: after.arrests - before.arrests,
    prosecutions: after.prosecutions - before.prosecutions,
    victimsIdentified: after.victimsIdentified - before.victimsIdentified,
    networksDisrupted: after.networksDisrupted - before.networksDisrupted,
  };
}

function hash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url');
}
