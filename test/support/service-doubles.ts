import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { ItemLoader } from '../../functions/shared/data/item-loader.ts';
import {
  chainOnto,
  everyoneAudience,
  type Audience,
  type AuditDraft,
  type AuditTrail,
  type ChainedEvent,
  type ChainHead,
} from '../../functions/shared/domain/audit-events.ts';

/** A client nothing is sent through: the unit tests' stores are in memory. */
const unusedClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'local' }));

/**
 * The request's loader for a service under unit test. It counts what it forgets, and holds the
 * in-memory readers' cache as the real loader does, so a service that does not forget after a
 * write reads stale records.
 */
export class RecordingLoader extends ItemLoader {
  forgotten = 0;
  readonly cache = new Map<string, unknown>();

  constructor() {
    super(unusedClient);
  }

  override forget(): void {
    this.forgotten += 1;
    this.cache.clear();
    super.forget();
  }
}

/** The error a promise rejects with; fails the test when it fulfils or rejects with a non-Error. */
export async function thrown(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

/**
 * The audit chain as the services see it, in memory: each entity's head moves when an event is
 * chained onto it, and every audience asked for is kept for the tests to read.
 */
export class InMemoryTrail implements AuditTrail {
  readonly heads = new Map<string, ChainHead>();
  readonly audiences = new Map<string, Audience>();

  async chain(draft: AuditDraft, audience: Audience = everyoneAudience): Promise<ChainedEvent> {
    const head = this.heads.get(draft.entity) ?? null;
    const event = chainOnto(draft, head);
    this.heads.set(draft.entity, { entity: draft.entity, sequence: event.sequence, hash: event.hash });
    this.audiences.set(event.id, audience);
    return { event, audience, head };
  }
}
