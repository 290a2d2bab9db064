import { describe, expect, it } from 'vitest';
import { MaxCostExceededError } from '../../functions/shared/domain/errors.ts';
import { RequestReads } from '../../functions/shared/data/request-reads.ts';

/** A call that holds its slot until the test lets it go. */
function call(reads: RequestReads, log: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const running = (async () => {
    await reads.acquire();
    log.push(`start ${name}`);
    await done;
    log.push(`end ${name}`);
    reads.release();
  })();
  return { finish, running };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('RequestReads', () => {
  it('never has more calls in flight than its limit, and starts the waiting ones in order as slots free', async () => {
    const reads = new RequestReads({ readCapacityUnits: 1_000, concurrentCalls: 2 });
    const log: string[] = [];
    const calls = ['a', 'b', 'c', 'd'].map((name) => call(reads, log, name));
    await tick();
    expect(log).toEqual(['start a', 'start b']);
    calls[1]!.finish();
    await tick();
    expect(log).toEqual(['start a', 'start b', 'end b', 'start c']);
    calls[0]!.finish();
    calls[2]!.finish();
    calls[3]!.finish();
    await Promise.all(calls.map((c) => c.running));
    expect(log.filter((line) => line.startsWith('start'))).toEqual(['start a', 'start b', 'start c', 'start d']);
  });

  it('refuses the next call once what the request read passes its budget, naming the budget', async () => {
    const reads = new RequestReads({ readCapacityUnits: 10, concurrentCalls: 4 });
    await reads.acquire();
    reads.charge([{ CapacityUnits: 6 }, { CapacityUnits: 4 }]);
    reads.release();
    await reads.acquire(); // exactly at the budget: still allowed
    reads.charge({ CapacityUnits: 0.5 });
    reads.release();
    await expect(reads.acquire()).rejects.toThrow(MaxCostExceededError);
    await expect(reads.acquire()).rejects.toThrow(/read budget of 10/);
  });

  it('lets a write through after the budget is spent: a response’s read records are always written', async () => {
    const reads = new RequestReads({ readCapacityUnits: 1, concurrentCalls: 1 });
    await reads.acquire();
    reads.charge({ CapacityUnits: 2 });
    reads.release();
    await reads.acquire(false);
    reads.release();
    await expect(reads.acquire(true)).rejects.toThrow(MaxCostExceededError);
  });

  it('frees the slot of a refused call', async () => {
    const reads = new RequestReads({ readCapacityUnits: 0, concurrentCalls: 1 });
    await reads.acquire();
    reads.charge({ CapacityUnits: 1 });
    reads.release();
    await expect(reads.acquire()).rejects.toThrow(MaxCostExceededError);
    await expect(reads.acquire()).rejects.toThrow(MaxCostExceededError);
    expect(reads.consumed).toBe(1);
  });
});
