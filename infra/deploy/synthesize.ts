import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { AssetManifestArtifact } from 'aws-cdk-lib/cx-api';
import { stageConfig, type Stage } from '../config.ts';
import type { DeploymentSettings } from '../settings.ts';
import { addStageStacks } from '../stacks/stage-stacks.ts';

/** A CloudFormation template, as synthesized or as CloudFormation hands it back. */
export interface Template {
  readonly Resources?: Readonly<Record<string, { readonly Type: string; readonly [key: string]: unknown }>>;
  readonly Outputs?: Readonly<Record<string, unknown>>;
  readonly [section: string]: unknown;
}

/** A stage's templates by stack name (`BaliDisruption-prod-Data`, ...). */
export type StageTemplates = Readonly<Record<string, Template>>;

/** An account and region to synthesize for: both named, so every template is concrete. */
export interface PinnedEnvironment {
  readonly account: string;
  readonly region: string;
}

/**
 * The environment of the released templates: a documentation account and a fixed region, so that
 * they are the same on every machine and need no credentials. Only names in templates depend on
 * it (ARNs, the asset bucket, `Fn::GetStackOutput`'s region); what the check looks at does not.
 */
export const placeholderEnvironment: PinnedEnvironment = { account: '123456789012', region: 'ap-southeast-2' };

/**
 * The deployment settings the released templates are synthesized with. Prod is incomplete
 * without an alarm e-mail and the front end's origin (synthesis warns), so it gets illustrative
 * ones, the same as the infra tests use; dev needs none.
 */
export const releasedSettings: Readonly<Record<Stage, DeploymentSettings>> = {
  dev: {},
  prod: { alarmEmail: 'alarms@example.org', allowedOrigins: ['https://disruption.example.org'] },
};

interface CdkJson {
  readonly context?: Record<string, unknown>;
}

const cdkJsonFile = new URL('../../cdk.json', import.meta.url);

/** What a synthesis needs besides the stage. */
export interface SynthesisOptions {
  /** @default {@link placeholderEnvironment} */
  readonly env?: PinnedEnvironment;
  /** @default the stage's {@link releasedSettings} */
  readonly settings?: DeploymentSettings;
}

/**
 * Synthesizes one stage in this process, as `cdk synth -c stage=<stage>` would (cdk.json's
 * feature flags included), and returns its templates. Offline and without credentials.
 *
 * Bundling is skipped: the check is about resources, not code, and esbuild would cost seconds.
 * A skipped bundle still gets a pretend hash in the template, made from the construct's path
 * and the bundling options, which hold the checkout's absolute path; so it is replaced by a
 * stand-in named after the asset (`unbuilt-asset:Graphql/Function/Code`), and a released
 * template reads the same on every machine and whatever the functions' sources are.
 */
export function synthesizeStage(stage: Stage, options: SynthesisOptions = {}): StageTemplates {
  const cdkJson = JSON.parse(readFileSync(cdkJsonFile, 'utf8')) as CdkJson;
  const outdir = mkdtempSync(join(tmpdir(), `deploy-check-${stage}-`));
  try {
    const app = new App({
      outdir,
      context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], stage },
    });
    addStageStacks(
      app,
      stageConfig(stage, options.settings ?? releasedSettings[stage]),
      options.env ?? placeholderEnvironment,
    );
    const assembly = app.synth();
    return Object.fromEntries(
      assembly.stacks.map((stack) => {
        const stands = stack.dependencies
          .filter(AssetManifestArtifact.isAssetManifestArtifact)
          .flatMap((manifest) => Object.entries(manifest.contents.files ?? {}))
          .map(([hash, asset]) => [hash, `unbuilt-asset:${asset.displayName ?? hash}`] as const);
        let text = JSON.stringify(stack.template);
        for (const [hash, stand] of stands) text = text.replaceAll(hash, stand);
        return [stack.stackName, JSON.parse(text) as Template];
      }),
    );
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
