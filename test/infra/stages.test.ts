import { afterAll, describe, expect, it } from 'vitest';
import { Template } from 'aws-cdk-lib/assertions';
import { stageConfig, stageFromContext, stages } from '../../infra/config.ts';
import { addStageStacks } from '../../infra/stacks/stage-stacks.ts';
import { newApp, removeApps, skipBundling } from './stage-app.ts';

// Both stages in one app, as they would share one account; nothing here looks at the bundle.
const app = newApp(skipBundling);
const byStage = Object.fromEntries(stages.map((stage) => [stage, addStageStacks(app, stageConfig(stage))]));
const stackNames = app.synth().stacks.map((stack) => stack.stackName);
afterAll(removeApps);

describe('stages', () => {
  it('deploys dev when no stage is given', () => {
    expect(stageFromContext(undefined)).toBe('dev');
  });

  it('reads the stage from the context', () => {
    expect(stageFromContext('prod')).toBe('prod');
  });

  it('refuses a stage it does not know', () => {
    expect(() => stageFromContext('production')).toThrow(/unknown stage "production"/);
  });

  it('names every stack after its stage and concern, so stages can share an account', () => {
    expect(stackNames.sort()).toEqual([
      'BaliDisruption-dev-Api',
      'BaliDisruption-dev-Auth',
      'BaliDisruption-dev-Data',
      'BaliDisruption-prod-Api',
      'BaliDisruption-prod-Auth',
      'BaliDisruption-prod-Data',
    ]);
  });

  it('tags each stage with its name', () => {
    for (const stage of stages) {
      expect(byStage[stage]?.data.tags.tagValues()).toMatchObject({ stage, project: 'bali-disruption' });
    }
  });

  it('keeps the stages apart: each API reads the tables of its own stage', () => {
    const prodApi = JSON.stringify(Template.fromStack(byStage.prod!.api).toJSON());
    expect(prodApi).toContain('BaliDisruption-prod-Data');
    expect(prodApi).not.toContain('BaliDisruption-dev-');
  });
});
