import { readFileSync, rmSync } from 'node:fs';
import { App } from 'aws-cdk-lib';

interface CdkJson {
  readonly context?: Record<string, unknown>;
}

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as CdkJson;

const created: App[] = [];

/**
 * Context that skips esbuild for every stack: for tests that do not look at the bundle, since
 * bundling takes seconds.
 */
export const skipBundling = { 'aws:cdk:bundling-stacks': [] } as const;

/**
 * An app with cdk.json's context (its feature flags), so that the tests assert on the same
 * templates `cdk synth` produces rather than on CDK's legacy defaults. It synthesizes into a
 * temporary directory; {@link removeApps} deletes it.
 */
export function newApp(context: Record<string, unknown> = {}): App {
  const app = new App({ context: { ...cdkJson.context, ...context } });
  created.push(app);
  return app;
}

/** Deletes the output directories of the apps this file created (bundles are over a megabyte). */
export function removeApps(): void {
  for (const app of created.splice(0)) rmSync(app.outdir, { recursive: true, force: true });
}

/** What a prod deployment is given from outside (context or environment); illustrative values. */
export const prodSettings = {
  alarmEmail: 'alarms@example.org',
  allowedOrigins: ['https://disruption.example.org'],
} as const;
