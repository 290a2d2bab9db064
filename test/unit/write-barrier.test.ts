import { describe, expect, it } from 'vitest';
import { tablesOf, WriteBarrier } from '../support/write-barrier.ts';

/** Lets every pending promise callback run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/**
 * A competitor that reads, then writes through the barrier, as the SDK middleware does: the write
 * is answered `answerAfter` later, after which it tells the barrier.
 */
function competitor(barrier: WriteBarrier, log: string[], name: string, answerAfter = 0) {
  return async () => {
    log.push(`${name} read`);
    const written = await barrier.pass('TransactWriteItemsCommand');
    log.push(`${name} sent`);
    await new Promise((resolve) => setTimeout(resolve, answerAfter));
    log.push(`${name} answered`);
    written();
  };
}

describe('WriteBarrier', () => {
  it('holds every write until the last competitor arrives, then lets all go', async () => {
    const barrier = new WriteBarrier();
    const log: string[] = [];
    let letLastRead: () => void = () => {};
    const lastReads = new Promise<void>((resolve) => {
      letLastRead = resolve;
    });
    const running = barrier.race([
      competitor(barrier, log, 'a'),
      competitor(barrier, log, 'b'),
      () => lastReads.then(competitor(barrier, log, 'c')),
    ]);
    await settle();
    expect(log).toEqual(['a read', 'b read']);
    letLastRead();
    await running;
    expect(log.slice(0, 3)).toEqual(['a read', 'b read', 'c read']);
    expect(log.slice(3, 6).sort()).toEqual(['a sent', 'b sent', 'c sent']);
  });

  it('in turn, lets each write go only once the one before was answered, in the competitors order', async () => {
    const barrier = new WriteBarrier();
    const log: string[] = [];
    await barrier.race(
      [competitor(barrier, log, 'a', 20), competitor(barrier, log, 'b', 5), competitor(barrier, log, 'c')],
      'in turn',
    );
    expect(log.slice(3)).toEqual(['a sent', 'a answered', 'b sent', 'b answered', 'c sent', 'c answered']);
  });

  it('answers the competitors results in their order', async () => {
    const barrier = new WriteBarrier();
    const results = await barrier.race(
      ['x', 'y'].map((result) => async () => {
        (await barrier.pass('TransactWriteItemsCommand'))();
        return result;
      }),
    );
    expect(results).toEqual(['x', 'y']);
  });

  it('lets reads through while armed, and every command outside a race', async () => {
    const barrier = new WriteBarrier();
    await barrier.pass('TransactWriteItemsCommand');
    await barrier.race([
      async () => {
        await barrier.pass('BatchGetItemCommand');
        await barrier.pass('QueryCommand');
        await barrier.pass('PutItemCommand');
      },
    ]);
  });

  it('lets a competitor write again once released (a retry after a lost transaction)', async () => {
    const barrier = new WriteBarrier();
    const log: string[] = [];
    await barrier.race([
      () => competitor(barrier, log, 'a')().then(competitor(barrier, log, 'a again')),
      competitor(barrier, log, 'b'),
    ]);
    expect(log).toContain('a again answered');
  });

  it("records the last race's writes, retries too, in the order they were sent and answered", async () => {
    const barrier = new WriteBarrier();
    const log: string[] = [];
    await barrier.race([competitor(barrier, log, 'a', 5)]);
    await barrier.race(
      [
        () => competitor(barrier, log, 'b', 20)().then(competitor(barrier, log, 'b again')),
        competitor(barrier, log, 'c'),
      ],
      'in turn',
    );
    // In turn: b's first write is sent and answered before anything else; then its retry and c's.
    expect(barrier.steps.slice(0, 2)).toEqual([
      { competitor: 0, step: 'sent', tables: [] },
      { competitor: 0, step: 'answered', tables: [] },
    ]);
    const of = (competitor: number) =>
      barrier.steps.filter((step) => step.competitor === competitor).map((step) => step.step);
    expect(of(0)).toEqual(['sent', 'answered', 'sent', 'answered']);
    expect(of(1)).toEqual(['sent', 'answered']);
  });

  it('fails a race in which a competitor never wrote', async () => {
    const barrier = new WriteBarrier(50);
    await expect(barrier.race([async () => 'no write', async () => 'none either'])).rejects.toThrow(
      'write barrier: 0 of 2 competitors reached their write',
    );
  });

  it('releases the held writes after the timeout, and fails the race naming how many arrived', async () => {
    const barrier = new WriteBarrier(50);
    const log: string[] = [];
    await expect(
      barrier.race([competitor(barrier, log, 'a'), competitor(barrier, log, 'b'), async () => {}]),
    ).rejects.toThrow('write barrier: only 2 of 3 competitors reached their write within 50 ms');
    expect(log.filter((entry) => entry.endsWith('answered'))).toHaveLength(2);
  });

  it('runs one race at a time, and can be armed again after one ends', async () => {
    const barrier = new WriteBarrier();
    const log: string[] = [];
    let letFirstRead: () => void = () => {};
    const first = barrier.race([
      () =>
        new Promise<void>((resolve) => {
          letFirstRead = resolve;
        }).then(competitor(barrier, log, 'first')),
    ]);
    await expect(barrier.race([async () => {}])).rejects.toThrow('write barrier: a race is already running');
    letFirstRead();
    await first;
    await barrier.race([competitor(barrier, log, 'x'), competitor(barrier, log, 'y')]);
    expect(log.filter((entry) => entry.endsWith('answered')).sort()).toEqual([
      'first answered',
      'x answered',
      'y answered',
    ]);
  });
});

describe('tablesOf', () => {
  it("names the tables of a transaction's items, once each, and of a single write", () => {
    const transaction = {
      TransactItems: [
        { Put: { TableName: 'audit', Item: {} } },
        { ConditionCheck: { TableName: 'membership', Key: {} } },
        { Update: { TableName: 'audit', Key: {} } },
      ],
    };
    expect(tablesOf(transaction)).toEqual(['audit', 'membership']);
    expect(tablesOf({ TableName: 'reads', Item: {} })).toEqual(['reads']);
    expect(tablesOf(undefined)).toEqual([]);
  });
});
