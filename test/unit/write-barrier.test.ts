import { describe, expect, it } from 'vitest';
import { WriteBarrier } from '../support/write-barrier.ts';

/** Lets every pending promise callback run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A competitor that reads, then writes through the barrier, recording when its write went out. */
function competitor(barrier: WriteBarrier, log: string[], name: string, command = 'TransactWriteItemsCommand') {
  return async () => {
    log.push(`${name} read`);
    await barrier.pass(command);
    log.push(`${name} wrote`);
  };
}

describe('WriteBarrier', () => {
  it('holds every write until the last competitor arrives, then lets all go', async () => {
    const barrier = new WriteBarrier();
    const log: string[] = [];
    let releaseLast: () => void = () => {};
    const lastArrives = new Promise<void>((resolve) => {
      releaseLast = resolve;
    });
    const running = barrier.race(3, () =>
      Promise.all([
        competitor(barrier, log, 'a')(),
        competitor(barrier, log, 'b')(),
        lastArrives.then(competitor(barrier, log, 'c')),
      ]),
    );
    await settle();
    expect(log).toEqual(['a read', 'b read']);
    releaseLast();
    await running;
    expect(log.slice(0, 3).sort()).toEqual(['a read', 'b read', 'c read']);
    expect(log.slice(3).sort()).toEqual(['a wrote', 'b wrote', 'c wrote']);
  });

  it('lets reads through while armed, and every command while no race runs', async () => {
    const barrier = new WriteBarrier();
    await barrier.pass('TransactWriteItemsCommand');
    await barrier.race(1, async () => {
      await barrier.pass('BatchGetItemCommand');
      await barrier.pass('QueryCommand');
      await barrier.pass('PutItemCommand');
    });
  });

  it('lets a competitor write again once released (a retry after a lost transaction)', async () => {
    const barrier = new WriteBarrier();
    const log: string[] = [];
    await barrier.race(2, () =>
      Promise.all([
        competitor(barrier, log, 'a')().then(competitor(barrier, log, 'a again')),
        competitor(barrier, log, 'b')(),
      ]),
    );
    expect(log).toContain('a again wrote');
  });

  it('fails a race in which fewer competitors wrote than it was armed for', async () => {
    const barrier = new WriteBarrier();
    await expect(barrier.race(2, async () => 'no writes')).rejects.toThrow(
      'write barrier: 0 of 2 competitors reached their write',
    );
  });

  it('releases the held writes after the timeout, and fails the race naming how many arrived', async () => {
    const barrier = new WriteBarrier(50);
    const log: string[] = [];
    await expect(
      barrier.race(3, () => Promise.all([competitor(barrier, log, 'a')(), competitor(barrier, log, 'b')()])),
    ).rejects.toThrow('write barrier: only 2 of 3 competitors reached their write within 50 ms');
    expect(log.filter((entry) => entry.endsWith('wrote'))).toHaveLength(2);
  });

  it('runs one race at a time, and can be armed again after one ends', async () => {
    const barrier = new WriteBarrier();
    const log: string[] = [];
    let releaseFirst: () => void = () => {};
    const first = barrier.race(1, () =>
      new Promise<void>((resolve) => {
        releaseFirst = resolve;
      }).then(competitor(barrier, log, 'first')),
    );
    await expect(barrier.race(1, async () => {})).rejects.toThrow('write barrier: a race is already running');
    releaseFirst();
    await first;
    await barrier.race(2, () => Promise.all([competitor(barrier, log, 'x')(), competitor(barrier, log, 'y')()]));
    expect(log.filter((entry) => entry.endsWith('wrote')).sort()).toEqual(['first wrote', 'x wrote', 'y wrote']);
  });
});
