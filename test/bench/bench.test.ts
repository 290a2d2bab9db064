import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';

/**
 * `npm run bench -- --quick` inside `npm test`, so the benchmark cannot rot: it must run and print
 * its report. Times are reported, never asserted; DynamoDB calls per query are counts, and are.
 */
describe('the benchmark, in quick mode', () => {
  it('prints one JSON report with every figure; each query takes its lower bound of rounds and calls, and reads what its answer needs', async () => {
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['test/bench/run.ts', '--quick'], {
        env: { ...process.env, DYNAMODB_ENDPOINT: inject('dynamoEndpoint') },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`bench exited ${code}: ${stderr}`))));
    });
    const report = JSON.parse(output.trim().split('\n').at(-1)!);
    const number = expect.any(Number);
    expect(report).toMatchObject({
      mode: 'quick',
      bundleBytes: { app: number, baseline: number },
      bundleRatio: number,
      coldStartMs: { app: number, baseline: number },
      coldStartRatio: number,
      listScalingRatio: number,
    });
    // A document by id is answered, as by text (the figures are times: reported, not asserted).
    for (const name of ['Viewer', 'CoChairs'])
      expect(report.documents[name]).toMatchObject({ p50Ms: { byId: number, byText: number }, byIdOverByText: number });
    expect(Object.keys(report.queries).sort()).toEqual([
      'auditTrailOfEntity',
      'draftAnnualReport',
      'jpaOperationsFirst20',
      'jpasWithParticipants',
      'officialOperationsFirst20',
      'operationWithJpa',
      'operationsWithTheirJpasOperations',
      'recommendationsWithOwners',
      'workingGroupWithCoChairs',
    ]);
    for (const figures of Object.values(report.queries) as Record<string, number>[]) {
      expect(figures).toMatchObject({
        p50Ms: number,
        p99Ms: number,
        rawP50Ms: number,
        latencyRatio: number,
        minCapacity: number,
      });
      expect(figures.levels).toBe(figures.lowerBound);
      expect(figures.dynamoCalls).toBe(figures.callsBound ?? figures.lowerBound);
      // Capacity is a count, not a time: the reads of each query are within 1.2 times what its answer needs.
      expect(figures.consumedCapacity).toBeLessThanOrEqual(1.2 * figures.minCapacity!);
    }
    // The adversarial requests were found by search, ran at both sizes without an error (never
    // the read budget), and their capacity does not grow with the data past what they ask.
    expect(Object.keys(report.adversarial).sort()).toEqual([
      'anotherCountryAsOfficial',
      'auditTrail',
      'countryWithNothing',
      'jpaStatusAndCountry',
      'jpasOperationsAliased',
      'largestDiff',
      'nestedLists',
    ]);
    for (const figures of Object.values(report.adversarial) as Record<string, unknown>[]) {
      if ('refused' in figures) expect(figures.refused).toMatch(/estimated cost [\d,]+ is over the limit/);
      else
        expect(figures).toMatchObject({
          aliases: number,
          consumedCapacity: { small: number, big: number },
          p50Ms: { small: number, big: number },
          largeOverSmall: number,
        });
    }
  }, 240_000);
});
