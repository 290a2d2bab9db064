import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deployPlan, installProblem } from '../../infra/deploy/deploy.ts';

describe('npm run deploy', () => {
  it('checks the update against the deployed stacks before it deploys anything', () => {
    const { steps } = deployPlan(['--stage', 'prod']);
    expect(steps.map((step) => step.args.slice(0, 1))).toEqual([['infra/deploy/check.ts'], ['deploy']]);
    expect(steps[0]?.args).toEqual(['infra/deploy/check.ts', '--stage', 'prod', '--deployed']);
  });

  it('deploys every stack of the stage with --force, so consumers read replaced producers again', () => {
    const { stage, steps } = deployPlan(['--stage=dev']);
    expect(stage).toBe('dev');
    expect(steps[1]?.command).toMatch(/node_modules\/\.bin\/cdk$/);
    expect(steps[1]?.args).toEqual(['deploy', '--all', '-c', 'stage=dev', '--force']);
  });

  it('hands other arguments to cdk deploy, and the settings also to the check as BALI_ variables', () => {
    const { steps } = deployPlan(['-c', 'alarmEmail=ops@example.org', '--stage', 'prod', '--profile', 'wg-prod']);
    expect(steps[0]?.args).toEqual(['infra/deploy/check.ts', '--stage', 'prod', '--deployed']);
    expect(steps[0]?.env).toEqual({ BALI_ALARM_EMAIL: 'ops@example.org' });
    expect(steps[1]?.args).toEqual([
      'deploy',
      '--all',
      '-c',
      'stage=prod',
      '--force',
      '-c',
      'alarmEmail=ops@example.org',
      '--profile',
      'wg-prod',
    ]);
  });

  it('needs a stage it knows', () => {
    expect(() => deployPlan([])).toThrow('--stage dev|prod is required');
    expect(() => deployPlan(['--stage', 'production'])).toThrow(/unknown stage "production"/);
  });

  it('says that an install without scripts left out the pinned Node, rather than failing in CDK', () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-node-'));
    try {
      expect(installProblem(join(empty, 'node'))).toMatch(/is missing: the install ran without its scripts/);
      expect(installProblem(process.execPath)).toBeUndefined();
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
