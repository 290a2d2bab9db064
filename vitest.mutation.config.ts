import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

// Stryker runs the tests once per mutant, so it gets only the layers that finish in seconds and
// need no DynamoDB Local; its vitest runner takes a config file but no project filter.
const layers = new Set(['unit']);

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    projects: base.test?.projects?.filter(
      (project) => typeof project === 'object' && 'test' in project && layers.has(project.test?.name as string),
    ),
  },
});
