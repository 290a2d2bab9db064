import { beforeAll, describe, expect, inject, it } from 'vitest';
import { codes, countingClient, createTestApi, type Identity, type TestApi } from '../support/api.ts';

/** The per-request read budget and the bound on calls in flight (functions/shared/data/request-reads.ts). */

const th: Identity = { sub: 'th-official', country: 'TH' };
/** Three lists of operations, two listings each for an official: six Queries at once, then their leads. */
const overview = `{ ${['', 'country: "TH", ', 'status: PLANNED, '].map((filter, index) => `a${index}: operations(${filter}first: 5) { edges { node { id lead { name } } } }`).join(' ')} }`;
const counter = countingClient(inject('dynamoEndpoint'));
let unlimited: TestApi;
let tight: TestApi;

beforeAll(async () => {
  unlimited = await createTestApi({ client: counter.client });
  tight = await createTestApi({ client: counter.client, requestLimits: { readCapacityUnits: 3, concurrentCalls: 2 } });
});

describe('the per-request read budget', () => {
  it('asks DynamoDB what each read consumed', async () => {
    counter.reset();
    expect((await unlimited.call(th, overview)).errors).toBeUndefined();
    const reads = counter.recorded.filter((call) => call.command !== 'TransactWriteItemsCommand');
    expect(reads.length).toBeGreaterThan(3);
    for (const call of reads.filter((read) => read.itemsRead > 0)) expect(call.capacityUnits).toBeGreaterThan(0);
  });

  it('stops a request whose reads pass it with MAX_COST_EXCEEDED, naming the budget, and sends no more calls', async () => {
    counter.reset();
    const response = await tight.call(th, overview);
    expect(new Set(codes(response))).toEqual(new Set(['MAX_COST_EXCEEDED']));
    expect(response.errors![0]!.message).toMatch(/read budget of 3\b/);
    const spent = counter.recorded.reduce((sum, call) => sum + call.capacityUnits, 0);
    // Calls already sent finish; none starts once the budget is spent (at most one round of two).
    expect(spent - Math.max(...counter.recorded.map((call) => call.capacityUnits)) * 2).toBeLessThanOrEqual(3);
  });

  it('leaves a request within it alone', async () => {
    expect((await tight.call(th, '{ viewer { country } }')).errors).toBeUndefined();
  });
});

describe('calls in flight per request', () => {
  it('never has more in flight than the limit, and answers the same', async () => {
    const wide = await createTestApi({
      client: counter.client,
      requestLimits: { readCapacityUnits: 1_000, concurrentCalls: 2 },
    });
    counter.reset();
    const expected = await unlimited.call(th, overview);
    expect(counter.peak()).toBeGreaterThan(2);
    counter.reset();
    const limited = await wide.call(th, overview);
    expect(counter.peak()).toBe(2);
    expect(limited.data).toEqual(expected.data);
  });
});
