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
 * Holds the writes of `parties` competitors until the last one arrives, then lets them all go
 * at once. Armed for one race at a time; unarmed, and once released, every write passes straight
 * through (so a competitor's retry after a lost transaction is not held again).
 */
export class WriteBarrier {
  private armed: { parties: number; held: (() => void)[]; timer: NodeJS.Timeout } | undefined;
  private failure: string | undefined;
  private arrivals = 0;
  private readonly timeoutMs: number;

  constructor(timeoutMs = defaultTimeoutMs) {
    this.timeoutMs = timeoutMs;
  }

  /**
   * Runs `competitors` with the barrier armed for `parties` writes, and answers their result.
   * Fails, naming how many arrived, if not exactly `parties` writes reached the barrier: a
   * competitor that never wrote, or one held past the timeout (then the held ones were let go,
   * so the requests ended, but the race proved nothing).
   */
  async race<T>(parties: number, competitors: () => Promise<T>): Promise<T> {
    if (this.armed) throw new Error('write barrier: a race is already running');
    this.failure = undefined;
    this.arrivals = 0;
    const timer = setTimeout(() => {
      this.failure = `write barrier: only ${this.arrivals} of ${parties} competitors reached their write within ${this.timeoutMs} ms`;
      this.release();
    }, this.timeoutMs);
    this.armed = { parties, held: [], timer };
    try {
      const result = await competitors();
      if (this.failure) throw new Error(this.failure);
      if (this.arrivals !== parties) {
        throw new Error(`write barrier: ${this.arrivals} of ${parties} competitors reached their write`);
      }
      return result;
    } finally {
      this.release();
    }
  }

  /** Called for every command a client sends: a write while armed waits for the others. */
  async pass(command: string): Promise<void> {
    const armed = this.armed;
    if (!armed || !writeCommands.has(command)) return;
    this.arrivals += 1;
    const released = new Promise<void>((resolve) => armed.held.push(resolve));
    if (armed.held.length === armed.parties) this.release();
    await released;
  }

  private release(): void {
    const armed = this.armed;
    if (!armed) return;
    this.armed = undefined;
    clearTimeout(armed.timer);
    for (const resume of armed.held) resume();
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
      await barrier.pass(context.commandName ?? '');
      return next(args);
    },
    { step: 'initialize', name: 'writeBarrier' },
  );
  return {
    client: DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } }),
    barrier,
  };
}
