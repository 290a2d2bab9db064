import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Stack, Validations } from 'aws-cdk-lib';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { stageConfig } from '../../infra/config.ts';
import { addStageStacks } from '../../infra/stacks/stage-stacks.ts';
import { newApp, prodSettings, removeApps, skipBundling } from './stage-app.ts';

interface ValidationReport {
  readonly pluginReports: {
    readonly pluginName: string;
    readonly violations: { ruleName: string; severity: string; violatingConstructs: { constructPath: string }[] }[];
  }[];
}

/** Every stack of both stages (prod configured as it would be deployed, and bare), checked as the app checks them. */
const app = newApp(skipBundling);
addStageStacks(app, stageConfig('dev'));
addStageStacks(app, stageConfig('prod', prodSettings));
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
let synthError: unknown;
try {
  app.synth();
} catch (error) {
  synthError = error;
}
afterAll(removeApps);

const reportPath = join(app.outdir, 'validation-report.json');
const report: ValidationReport = existsSync(reportPath)
  ? (JSON.parse(readFileSync(reportPath, 'utf8')) as ValidationReport)
  : { pluginReports: [] };

/** Every acknowledgment in the app, with the construct it sits on. */
function acknowledgments(root: IConstruct): { path: string; id: string; reason: string }[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id,
          reason,
        })),
      ),
  );
}

describe('cdk-nag AwsSolutions', () => {
  it('checks every stack of both stages', () => {
    const stacks = app.node.findAll().filter((construct) => Stack.isStack(construct));
    expect(stacks).toHaveLength(10);
  });

  it('does find what it should: a topic open to plain HTTP fails the same check', () => {
    const probe = newApp(skipBundling);
    new Topic(new Stack(probe, 'Probe'), 'Plain');
    Validations.of(probe).addPlugins(new AwsSolutionsChecks(probe));
    // CDK prints the report too; the test reads it from the file instead.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => probe.synth()).toThrow(/AwsSolutions-SNS3/);
    quiet.mockRestore();
    const probeReport = JSON.parse(
      readFileSync(join(probe.outdir, 'validation-report.json'), 'utf8'),
    ) as ValidationReport;
    expect(probeReport.pluginReports.flatMap((p) => p.violations.map((v) => v.ruleName))).toEqual([
      'AwsSolutions-SNS3',
    ]);
  });

  it('finds nothing that is not acknowledged', () => {
    const findings = report.pluginReports.flatMap((plugin) =>
      plugin.violations.map(
        (v) => `${v.ruleName} (${v.severity}) at ${v.violatingConstructs.map((c) => c.constructPath).join(', ')}`,
      ),
    );
    expect(findings).toEqual([]);
    expect(synthError).toBeUndefined();
  });

  it('gives a reason for every acknowledgment, and acknowledges only what is listed here', () => {
    const found = acknowledgments(app);
    for (const { reason } of found) expect(reason.length).toBeGreaterThan(80);
    const byRule = [
      ...new Set(found.map(({ path, id }) => `${id} at ${path.replace(/^BaliDisruption-(dev|prod)-/, '<stage>-')}`)),
    ].sort();
    expect(byRule).toEqual([
      // Active tracing: X-Ray's actions take no resource.
      'AwsSolutions::AwsSolutions-IAM5[Resource::*] at <stage>-Api/Graphql/Role/DefaultPolicy',
      // Reading a stream needs dynamodb:ListStreams, which takes no resource.
      'AwsSolutions::AwsSolutions-IAM5[Resource::*] at <stage>-Archive/Archiver/Role/DefaultPolicy',
      // New archive objects: their keys come from the records (stream/) or the day (digests/).
      'AwsSolutions::AwsSolutions-IAM5[Resource::<ArchiveBucket49F1AC64.Arn>/digests/*] at <stage>-Archive/Digest/Role/DefaultPolicy',
      'AwsSolutions::AwsSolutions-IAM5[Resource::<ArchiveBucket49F1AC64.Arn>/stream/*] at <stage>-Archive/Archiver/Role/DefaultPolicy',
      // The cursor HMAC keys: rotated on demand by rotate-cursor-key, with a grace period, not on a schedule.
      'AwsSolutions::AwsSolutions-SMG4 at <stage>-Api/Graphql/CursorKey',
      // The archive's on-failure queue is itself the dead-letter queue.
      'AwsSolutions::AwsSolutions-SQS3 at <stage>-Archive/FailedBatches',
    ]);
  });
});
