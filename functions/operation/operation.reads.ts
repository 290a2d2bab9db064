import type { Clock } from '../shared/runtime/clock.ts';
import { connection, pageSize, type Connection, type Cursors } from '../shared/runtime/cursors.ts';
import { BadInputError } from '../shared/domain/errors.ts';
import type { Access } from '../shared/domain/access.ts';
import { mayOn } from '../shared/domain/policy.ts';
import { readPositionPattern } from './operation.keys.ts';
import type { ReadStore } from './reads.repository.ts';
import type { Operation } from './operation.types.ts';

/**
 * Read records (docs/api.md, "Read records"), in one place: which operations a response carries,
 * the root field that carried each first, the records written for them, and who may list them.
 *
 * Resolvers that hand out an operation (by id, as a list's node, as a mutation's result) pass it
 * through `carried` with their place in the response. Once execution is over and before the
 * response leaves (functions/graphql/read-records.ts), `record` keeps those still in the response
 * and writes one record for each operation handled PARTICIPANTS.
 */

/** One operation read in one request, as stored. */
export interface ReadRecord {
  readonly operationId: string;
  /** When the response was answered (ISO-8601). */
  readonly at: string;
  /** The caller's subject. */
  readonly reader: string;
  /** The caller's country claim, if any. */
  readonly readerCountry: string | null;
  /** The root field (its name, not an alias) that first carried the operation in the response. */
  readonly via: string;
  readonly requestId: string;
  /** Epoch seconds after which DynamoDB's TTL removes the record. */
  readonly expiresAt: number;
}

/** A place in a response, root first: response keys (aliases included) and list indexes. */
export type ResponsePath = readonly (string | number)[];

/** An operation handled PARTICIPANTS that a resolver handed out at `path`. */
export interface Carried {
  readonly operationId: string;
  readonly path: ResponsePath;
}

/** graphql's linked path (`info.path`), leaf first. */
export interface LinkedPath {
  readonly prev: LinkedPath | undefined;
  readonly key: string | number;
}

/**
 * The operations a response carries, each with the root field that carried it first in the order
 * of the response. An operation handed out where the response holds null (an error cut that branch
 * off) is not carried. `data` is the response's data, whose keys are in the response's order;
 * `rootField` names the root field of a response key (the field an alias stands for).
 */
export function readsOfResponse(
  carried: readonly Carried[],
  data: Readonly<Record<string, unknown>> | null | undefined,
  rootField: (responseKey: string) => string,
): { operationId: string; via: string }[] {
  if (!data) return [];
  const order = new Map(Object.keys(data).map((key, index) => [key, index]));
  const first = new Map<string, number>();
  for (const { operationId, path } of carried) {
    const position = order.get(String(path[0]));
    // Stryker disable next-line ConditionalExpression: a root key the data lacks is not present either; this only narrows the type
    if (position === undefined || !present(data, path)) continue;
    const earlier = first.get(operationId);
    // Stryker disable next-line EqualityOperator: at an equal position the same root field is set again
    if (earlier === undefined || position < earlier) first.set(operationId, position);
  }
  const keys = [...order.keys()];
  return [...first].map(([operationId, position]) => ({ operationId, via: rootField(keys[position]!) }));
}

function present(data: Readonly<Record<string, unknown>>, path: ResponsePath): boolean {
  let value: unknown = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return false;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value !== null && value !== undefined;
}

function pathToArray(path: LinkedPath): ResponsePath {
  const keys: (string | number)[] = [];
  for (let at: LinkedPath | undefined = path; at; at = at.prev) keys.push(at.key);
  return keys.reverse();
}

/** A read record as `Operation.reads` answers it. */
export type OperationRead = Pick<ReadRecord, 'at' | 'reader' | 'readerCountry' | 'via'>;

export interface OperationReadsDependencies {
  readonly repository: ReadStore;
  readonly clock: Clock;
  readonly cursors: Cursors;
  readonly access: Access;
  readonly requestId: string;
  /** The caller's subject and country claim, as the records name the reader. */
  readonly reader: { readonly subject: string; readonly country: string | null };
  /** How long a record is kept: the stage's setting. */
  readonly retentionDays: number;
}

/** One request's read log, and `Operation.reads`. One instance per request. */
export class OperationReads {
  private readonly deps: OperationReadsDependencies;
  private readonly carriedOperations: Carried[] = [];

  constructor(deps: OperationReadsDependencies) {
    this.deps = deps;
  }

  /** Notes an operation handed out at `path` (an operation handled MEMBERS gets no record); answers it. */
  carried<T extends Pick<Operation, 'id' | 'handling'> | null>(operation: T, path: LinkedPath): T {
    if (operation?.handling === 'PARTICIPANTS')
      this.carriedOperations.push({ operationId: operation.id, path: pathToArray(path) });
    return operation;
  }

  /**
   * Writes the records of a response whose execution is over: one per operation handled
   * PARTICIPANTS that `data` carries. Throws when they cannot be written; the response must then
   * carry no operation data.
   */
  async record(
    data: Readonly<Record<string, unknown>> | null | undefined,
    rootField: (responseKey: string) => string,
  ): Promise<void> {
    const reads = readsOfResponse(this.carriedOperations, data, rootField);
    if (reads.length === 0) return;
    const at = this.deps.clock.now();
    const expiresAt = Math.floor(Date.parse(at) / 1000) + this.deps.retentionDays * 24 * 3600;
    const { requestId, reader } = this.deps;
    await this.deps.repository.write(
      reads.map(({ operationId, via }) => ({
        operationId,
        at,
        reader: reader.subject,
        readerCountry: reader.country,
        via,
        requestId,
        expiresAt,
      })),
    );
  }

  /**
   * `Operation.reads`: its records, newest first, for officials of its lead country; null for
   * everyone else, who may read the operation but not who else read it.
   */
  async reads(
    operation: Pick<Operation, 'id' | 'lead'>,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Connection<OperationRead> | null> {
    const viewer = await this.deps.access.viewer();
    if (!mayOn(viewer, 'readOperationReads', [operation.lead])) return null;
    const size = pageSize(first, 20);
    const list = `operation/${operation.id}/reads`;
    const args = { viewer: viewer.subject };
    const position = after ? await this.deps.cursors.decode(list, args, after) : null;
    if (position !== null && !readPositionPattern.test(position))
      throw new BadInputError('after is not a cursor of this list', 'after');
    return connection(this.deps.cursors, list, args, await this.deps.repository.list(operation.id, position, size));
  }
}
