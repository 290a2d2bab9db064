import { AsyncLocalStorage } from 'node:async_hooks';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { MaxCostExceededError } from '../domain/errors.ts';

/**
 * What one request may ask of DynamoDB, enforced where every call passes: the client's
 * middleware. The estimate (functions/graphql/cost.ts) refuses expensive documents before they
 * run; this is the last line of defence for what an estimate cannot see (data larger than the
 * sizes it assumes, items larger than usual).
 */
export interface RequestLimits {
  readonly readCapacityUnits: number;
  readonly concurrentCalls: number;
}

export const requestLimits: RequestLimits = {
  /**
   * Read capacity units one request may consume. At 20,000 operations the most expensive
   * requests the cost limit admits consume at most 82 (the largest diff, two texts of 100,000
   * characters; pages of operations 37), and every client document less than half the budget
   * (`npm run bench`, adversarial; test/integration/budget-at-scale.test.ts), so an admitted
   * document does not meet it. It stops what the estimate's sizes do not foresee: a hundred
   * Terms of Reference versions of 100,000 characters, say, are about 1,250.
   */
  readCapacityUnits: 1_000,
  /**
   * DynamoDB calls one request has in flight at once. The widest level the cost limit admits,
   * the first pages of the JPAs of a page of operations (a Query for each of an official's two
   * listings per JPA, and a batch of members), fits in one round at 32 for fifteen JPAs; past
   * that, calls wait their turn. Below the SDK's pool of 50 sockets, so one request cannot hold
   * them all or send the table a burst that throttles everyone else.
   */
  concurrentCalls: 32,
};

/** Commands whose consumed capacity is reading: what the budget counts. */
const readCommands = new Set(['GetItemCommand', 'BatchGetItemCommand', 'QueryCommand']);

interface ConsumedCapacity {
  readonly CapacityUnits?: number;
}

/** One request's account: what it has read, and its calls in flight and waiting. */
export class RequestReads {
  consumed = 0;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly limits: RequestLimits;

  constructor(limits: RequestLimits = requestLimits) {
    this.limits = limits;
  }

  /**
   * Waits for a free slot, then refuses a read of a request that has spent its budget. A write is
   * never refused for what was read before it: a response's read records (docs/api.md) must be
   * written whatever its reads cost.
   */
  async acquire(read = true): Promise<void> {
    if (this.inFlight >= this.limits.concurrentCalls) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.inFlight += 1;
    if (read && this.consumed > this.limits.readCapacityUnits) {
      this.release();
      throw new MaxCostExceededError(
        `The request stopped: its DynamoDB reads (${Math.ceil(this.consumed)} read capacity units) passed the per-request read budget of ${this.limits.readCapacityUnits}.`,
      );
    }
  }

  /** Hands the slot to the next waiting call, if any. */
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.inFlight -= 1;
  }

  charge(consumed: ConsumedCapacity | readonly ConsumedCapacity[] | undefined): void {
    for (const part of [consumed ?? []].flat()) this.consumed += part.CapacityUnits ?? 0;
  }
}

const current = new AsyncLocalStorage<RequestReads>();

/** Runs one request with its own account: every DynamoDB call it makes is counted and limited. */
export function withRequestReads<T>(reads: RequestReads, run: () => T): T {
  return current.run(reads, run);
}

/**
 * Installs the budget and the concurrency limit on a client: each call of a request waits for a
 * slot, asks DynamoDB for its consumed capacity, and charges it to the request.
 */
export function limitRequestReads(client: DynamoDBDocumentClient): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const reads = current.getStore();
      if (!reads) return next(args);
      const counted = readCommands.has(context.commandName ?? '');
      await reads.acquire(counted);
      try {
        // Each command's input is its own (repositories build one per call): set in place.
        if (counted) (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
        const result = await next(args);
        if (counted)
          reads.charge(
            (result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }).ConsumedCapacity,
          );
        return result;
      } finally {
        reads.release();
      }
    },
    // override: a client shared by several handlers (tests, the bench) carries it once.
    { step: 'initialize', name: 'requestReads', priority: 'high', override: true },
  );
}
