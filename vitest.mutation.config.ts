import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

/**
 * The tests Stryker runs, once per mutant: the unit layer's in-process tests, which finish in
 * seconds and need no DynamoDB Local (its vitest runner takes a config file, not a project).
 * The layer's schema-tool tests (test/schema) are left out: they kill no mutant of the mutated
 * rules, yet Stryker runs every test for each mutant in module-level code.
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    projects: base.test?.projects
      ?.filter((project) => typeof project === 'object' && 'test' in project && project.test?.name === 'unit')
      .map((project) =>
        typeof project === 'object' && 'test' in project
          ? { ...project, test: { ...project.test, include: ['test/unit/**/*.test.ts'] } }
          : project,
      ),
  },
});
