import type { TransactItem } from '../shared/data/dynamo.ts';
import { chainOnto, type Audience, type AuditDraft, type ChainHead } from '../shared/domain/audit-events.ts';
import { auditItems } from './audit.items.ts';

/** An event of a starting state, with who may read it. */
export interface SeedEvent {
  readonly draft: AuditDraft;
  readonly audience: Audience;
}

/**
 * The audit items of a starting state (sample data locally): each entity's events chained in the
 * order given, with their views, and each chain's head once, at its last event. They go into the
 * seed's own transaction (a transaction may write an item only once, so the heads in between are
 * left out: nothing reads them). For the sample data, never a request: out of the Lambda bundle.
 */
export function seedTrail(table: string, events: readonly SeedEvent[]): TransactItem[] {
  const heads = new Map<string, ChainHead | null>();
  const items = events.map(({ draft, audience }) => {
    const head = heads.get(draft.entity) ?? null;
    const event = chainOnto(draft, head);
    heads.set(draft.entity, { entity: event.entity, sequence: event.sequence, hash: event.hash });
    const [chained, moved, ...views] = auditItems(table, { event, audience, head: null });
    return { entity: event.entity, chained: [chained!, ...views], moved: moved! };
  });
  const last = new Map(items.map((item) => [item.entity, item.moved]));
  return [...items.flatMap((item) => item.chained), ...last.values()];
}
