import { AsyncLocalStorage } from 'node:async_hooks';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDynamoClient } from '../../functions/shared/data/dynamo.ts';

/*
 * Why a barrier: requests fired with Promise.all against DynamoDB Local need not overlap. On a
 * busy machine one writer may finish before the next has read, and the late one then fails at the
 * service's own check of what it read (requireRevision, "already exists"), not at the write's
 * condition: a condition removed from a repository goes unnoticed. Holding every competitor at its
 * write until all of them have got there (so all have done their reads) and releasing them
 * together leaves DynamoDB's conditions, and nothing else, to pick the winner, every time.
 */

/** The commands a barrier holds: every write (the repositories send only TransactWriteItems). */
export const writeCommands: ReadonlySet<string> = new Set([
  'TransactWriteItemsCommand',
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
]);

/** How long a race waits for all its competitors to reach their writes before it fails. */
const defaultTimeoutMs = 10_000;

/**
 * How held writes go once all have arrived: `together`, all at once, for DynamoDB to order; `in
 * turn`, one at a time in the competitors' order, each after the one before has been answered,
 * so that a race whose competitors differ is decided in the order a test names.
 */
export type Release = 'together' | 'in turn';

const noop = () => {};

/** One step of a competitor's write, as the barrier saw it: let go to DynamoDB, or answered. */
export interface WriteStep {
  readonly competitor: number;
  readonly step: 'sent' | 'answered';
  /** The tables the write touches: a mutation's transaction carries the audit table, a read record does not. */
  readonly tables: readonly string[];
}

/** The tables a write command's input names (each item's, for a transaction). */
export function tablesOf(input: unknown): string[] {
  if (typeof input !== 'object' || input === null) return [];
  const items = 'TransactItems' in input && Array.isArray(input.TransactItems) ? input.TransactItems : [input];
  const names = items.flatMap((item: unknown) =>
    typeof item === 'object' && item !== null
      ? [item, ...Object.values(item)].flatMap((part: unknown) =>
          typeof part === 'object' && part !== null && 'TableName' in part && typeof part.TableName === 'string'
            ? [part.TableName]
            : [],
        )
      : [],
  );
  return [...new Set(names)];
}

/**
 * Holds the writes of a race's competitors until the last one arrives, then lets them go. Armed
 * for one race at a time; unarmed, and once released, every write passes straight through (so a
 * competitor's retry after a lost transaction is not held again).
 */
export class WriteBarrier {
  private armed:
    | {
        parties: number;
        release: Release;
        held: Map<number, { resume: () => void; written: Promise<void> }>;
        timer: NodeJS.Timeout;
      }
    | undefined;
  private failure: string | undefined;
  private arrivals = 0;
  /**
   * Every write of the last race's competitors (retries too), in the order they were sent and
   * answered: a write sent after another was answered reached DynamoDB after that one committed.
   */
  readonly steps: WriteStep[] = [];
  private readonly timeoutMs: number;
  /** Which competitor a write belongs to: the index its request runs under. */
  private readonly competitor = new AsyncLocalStorage<number>();

  constructor(timeoutMs = defaultTimeoutMs) {
    this.timeoutMs = timeoutMs;
  }

  /**
   * Runs the competitors at once with the barrier armed for one write each, and answers their
   * results in order. Fails, naming how many arrived, if not every competitor reached its write:
   * one that never wrote, or one held past the timeout (then the held ones were let go, so the
   * requests ended, but the race proved nothing).
   */
  async race<T>(competitors: readonly (() => Promise<T>)[], release: Release = 'together'): Promise<T[]> {
    if (this.armed) throw new Error('write barrier: a race is already running');
    const parties = competitors.length;
    this.failure = undefined;
    this.arrivals = 0;
    this.steps.length = 0;
    const timer = setTimeout(() => {
      this.failure = `write barrier: only ${this.arrivals} of ${parties} competitors reached their write within ${this.timeoutMs} ms`;
      this.open('together');
    }, this.timeoutMs);
    this.armed = { parties, release, held: new Map(), timer };
    try {
      const results = await Promise.all(competitors.map((competitor, index) => this.competitor.run(index, competitor)));
      if (this.failure) throw new Error(this.failure);
      if (this.arrivals !== parties) {
        throw new Error(`write barrier: ${this.arrivals} of ${parties} competitors reached their write`);
      }
      return results;
    } finally {
      this.open('together');
    }
  }

  /**
   * Called for every command a client sends: a competitor's write while armed waits for the
   * others. Answers what the caller must call once the write has been answered.
   */
  async pass(command: string, tables: readonly string[] = []): Promise<() => void> {
    const armed = this.armed;
    const competitor = this.competitor.getStore();
    if (competitor === undefined || !writeCommands.has(command)) return noop;
    let written = noop;
    if (armed) {
      this.arrivals += 1;
      const released = new Promise<void>((resume) => {
        armed.held.set(competitor, { resume, written: new Promise<void>((resolve) => (written = resolve)) });
      });
      if (armed.held.size === armed.parties) this.open(armed.release);
      await released;
    }
    this.steps.push({ competitor, step: 'sent', tables });
    return () => {
      this.steps.push({ competitor, step: 'answered', tables });
      written();
    };
  }

  private open(release: Release): void {
    const armed = this.armed;
    if (!armed) return;
    this.armed = undefined;
    clearTimeout(armed.timer);
    const turns = [...armed.held].sort(([a], [b]) => a - b).map(([, turn]) => turn);
    if (release === 'together') {
      for (const turn of turns) turn.resume();
      return;
    }
    void turns.reduce(
      (previous, turn) =>
        previous.then(() => {
          turn.resume();
          return turn.written;
        }),
      Promise.resolve(),
    );
  }
}

/**
 * A Document Client on `endpoint` whose writes pass a `WriteBarrier`: give it to createTestApi
 * as the Services `client`, and run each race through `barrier.race`.
 */
export function barrierClient(endpoint: string, barrier = new WriteBarrier()) {
  const base = createDynamoClient({ endpoint });
  base.middlewareStack.add(
    (next, context) => async (args) => {
      const written = await barrier.pass(context.commandName ?? '', tablesOf(args.input));
      try {
        return await next(args);
      } finally {
        written();
      }
    },
    { step: 'initialize', name: 'writeBarrier' },
  );
  return {
    client: DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } }),
    barrier,
  };
}
