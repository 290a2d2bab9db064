import {
  deepEqual,
  fullDiff,
  ResourceImpact,
  type DifferenceCollection,
  type IDifference,
  type ResourceDifference,
} from '@aws-cdk/cloudformation-diff';
import type { StageTemplates, Template } from './synthesize.ts';

/**
 * What the update-safety check refuses (docs/operations.md, "Before every deploy"): the changes
 * a CloudFormation update of a stage cannot make without losing data or failing half-way. Pure:
 * templates in, refusals out. Which property changes replace a resource is the knowledge of
 * `@aws-cdk/cloudformation-diff`, the library behind `cdk diff`; the rules it has no notion of
 * (one index per update, Cognito's fixed settings, outputs other stacks read) are here.
 */

/** One change the check refuses, named as `cdk diff` names it. */
export interface Refusal {
  readonly stack: string;
  /** The resource's logical id, or the output's name. */
  readonly logicalId: string;
  /** The resource's type, or `Output`. */
  readonly type: string;
  readonly reason: string;
}

/** How one stack's template changes, for the check's report. */
export interface StackChanges {
  readonly stack: string;
  /** `new`: not in the compared templates (a first deploy); `removed`: no longer in the app. */
  readonly status: 'new' | 'removed' | 'compared';
  readonly resources: ChangeCounts;
  readonly outputs: ChangeCounts;
}

/** How many entries of a template section are added, changed in place, and removed. */
export interface ChangeCounts {
  readonly added: number;
  readonly updated: number;
  readonly removed: number;
}

/** The outcome of comparing a stage's templates. */
export interface StageComparison {
  readonly stacks: readonly StackChanges[];
  readonly refusals: readonly Refusal[];
}

/**
 * Resources that hold what a new, empty one would not have, by type, with what that is. The
 * same types the library's resource database marks as stateful.
 */
const statefulTypes: Readonly<Record<string, string>> = {
  'AWS::DynamoDB::Table': 'its items',
  'AWS::DynamoDB::GlobalTable': 'its items',
  'AWS::Cognito::UserPool': 'its users, their passwords and authenticators',
  'AWS::KMS::Key': 'its key material, without which nothing it encrypted can be read',
  'AWS::Logs::LogGroup': 'its log events',
  'AWS::SecretsManager::Secret': 'its secret value',
  'AWS::S3::Bucket': 'its objects',
  'AWS::SQS::Queue': 'its messages',
};

const tableTypes = new Set(['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable']);

/** Settings of a user pool that Cognito fixes when the pool is created. */
const fixedPoolSettings = ['AliasAttributes', 'UsernameAttributes', 'UsernameConfiguration'] as const;

/** Cognito's standard attributes; every other name in a pool's Schema is a custom attribute. */
const standardAttributes = new Set([
  'address',
  'birthdate',
  'email',
  'email_verified',
  'family_name',
  'gender',
  'given_name',
  'locale',
  'middle_name',
  'name',
  'nickname',
  'phone_number',
  'phone_number_verified',
  'picture',
  'preferred_username',
  'profile',
  'sub',
  'updated_at',
  'website',
  'zoneinfo',
]);

/** What the templates compared against are: the released ones, or those of the deployed stacks. */
export type Baseline = 'released' | 'deployed';

/**
 * Compares a stage's templates as they are released or deployed (`before`) with the templates
 * about to be deployed (`after`), stack by stack, and returns what would change and what the
 * check refuses. A stack missing from `before` is a first deploy; a stack missing from `after`
 * would be deleted with everything in it.
 */
export function compareStage(
  before: StageTemplates,
  after: StageTemplates,
  baseline: Baseline = 'released',
): StageComparison {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const stacks: StackChanges[] = [];
  const refusals: Refusal[] = [];
  for (const stack of names) {
    const old = before[stack];
    const next = after[stack];
    const diff = fullDiff(withoutBookkeeping(old), withoutBookkeeping(next));
    diff.resources.forEachDifference((logicalId, change) => {
      refusals.push(...resourceRefusals(stack, logicalId, change, next === undefined));
    });
    stacks.push({
      stack,
      status: old === undefined ? 'new' : next === undefined ? 'removed' : 'compared',
      resources: counts(diff.resources),
      outputs: counts(diff.outputs),
    });
  }
  refusals.push(...removedOutputsStillRead(before, after, baseline));
  return { stacks, refusals };
}

/**
 * A template without what the CDK CLI adds for its own bookkeeping (each resource's `Metadata`
 * with its construct path, the `AWS::CDK::Metadata` resource), which the check's own synthesis
 * leaves out: a deployed template and a synthesized one then differ only where resources do.
 */
function withoutBookkeeping(template: Template | undefined): Template {
  if (!template) return {};
  const resources = Object.entries(template.Resources ?? {})
    .filter(([, resource]) => resource.Type !== 'AWS::CDK::Metadata')
    .map(([logicalId, { Metadata: _metadata, ...resource }]) => [logicalId, resource]);
  return { ...template, Resources: Object.fromEntries(resources) };
}

function counts<V, T extends IDifference<V>>(differences: DifferenceCollection<V, T>): ChangeCounts {
  let added = 0;
  let updated = 0;
  let removed = 0;
  differences.forEachDifference((_id, change) => {
    if (change.isAddition) added += 1;
    else if (change.isRemoval) removed += 1;
    else updated += 1;
  });
  return { added, updated, removed };
}

function resourceRefusals(
  stack: string,
  logicalId: string,
  change: ResourceDifference,
  stackRemoved: boolean,
): Refusal[] {
  const type = change.oldResourceType;
  if (type === undefined) return [];
  const refuse = (reason: string): Refusal => ({ stack, logicalId, type, reason });
  const holds = statefulTypes[type];
  const impact = change.changeImpact;
  if (holds !== undefined) {
    if (impact === ResourceImpact.WILL_DESTROY || impact === ResourceImpact.WILL_ORPHAN) {
      const why = stackRemoved ? 'removed with its stack' : 'removed';
      return [
        refuse(
          impact === ResourceImpact.WILL_ORPHAN
            ? `${why}: RETAIN keeps it, with ${holds}, but outside the stack, where the app no longer reaches it`
            : `${why}: CloudFormation deletes it, and ${holds} with it`,
        ),
      ];
    }
    if (impact === ResourceImpact.WILL_REPLACE || impact === ResourceImpact.MAY_REPLACE) {
      const will = impact === ResourceImpact.WILL_REPLACE ? 'replaced' : 'possibly replaced';
      return [refuse(`${will}, because ${replacementCause(change)}: the new one starts without ${holds}`)];
    }
  }
  if (!change.isUpdate) return [];
  if (tableTypes.has(type)) return indexRefusals(change).map(refuse);
  if (type === 'AWS::Cognito::UserPool') return userPoolRefusals(change).map(refuse);
  return [];
}

/** Which changes make the library expect a replacement, as a phrase. */
function replacementCause(change: ResourceDifference): string {
  if (change.resourceTypeChanged) return `its type changes to ${change.newResourceType}`;
  const properties = Object.entries(change.propertyUpdates)
    .filter(
      ([, diff]) =>
        diff.changeImpact === ResourceImpact.WILL_REPLACE || diff.changeImpact === ResourceImpact.MAY_REPLACE,
    )
    .map(([name]) => name);
  return `${properties.join(' and ')} ${properties.length === 1 ? 'changes' : 'change'}, which cannot change in place`;
}

interface IndexSpec {
  readonly IndexName: string;
  readonly KeySchema?: unknown;
  readonly Projection?: unknown;
}

function indexesOf(properties: Record<string, unknown> | undefined): Map<string, IndexSpec> {
  const list = properties?.GlobalSecondaryIndexes;
  if (!Array.isArray(list)) return new Map();
  return new Map(
    list
      .filter((index): index is IndexSpec => typeof index?.IndexName === 'string')
      .map((index) => [index.IndexName, index]),
  );
}

/**
 * CloudFormation creates or deletes one global secondary index per table per update (a rename is
 * two), and cannot change an index's key schema or projection at all: such an update fails
 * half-way and rolls back.
 */
function indexRefusals(change: ResourceDifference): string[] {
  const before = indexesOf(change.oldProperties);
  const after = indexesOf(change.newProperties);
  const created = [...after.keys()].filter((name) => !before.has(name));
  const deleted = [...before.keys()].filter((name) => !after.has(name));
  const reasons: string[] = [];
  if (created.length + deleted.length > 1) {
    const what = [
      ...(created.length > 0 ? [`creates ${created.join(', ')}`] : []),
      ...(deleted.length > 0 ? [`deletes ${deleted.join(', ')}`] : []),
    ].join('; ');
    reasons.push(
      `${created.length + deleted.length} global secondary indexes created or deleted in one update (${what}), but CloudFormation takes one per table per update: release them one at a time`,
    );
  }
  for (const [name, index] of before) {
    const next = after.get(name);
    if (next && !(deepEqual(index.KeySchema, next.KeySchema) && deepEqual(index.Projection, next.Projection))) {
      reasons.push(
        `global secondary index ${name} changes its key schema or projection, which cannot change in place: add the new one under another name, then delete the old one in a later release`,
      );
    }
  }
  return reasons;
}

interface SchemaAttribute {
  readonly Name: string;
}

function schemaOf(properties: Record<string, unknown> | undefined): Map<string, SchemaAttribute> {
  const list = properties?.Schema;
  if (!Array.isArray(list)) return new Map();
  return new Map(
    list
      .filter((attribute): attribute is SchemaAttribute => typeof attribute?.Name === 'string')
      .map((attribute) => [attribute.Name, attribute]),
  );
}

/**
 * Cognito fixes a pool's sign-in names and its attributes when the pool is created; it can only
 * add custom attributes later. Whatever else changes there would fail the update or, as
 * CloudFormation documents these properties, replace the pool with an empty one.
 */
function userPoolRefusals(change: ResourceDifference): string[] {
  const before = change.oldProperties;
  const after = change.newProperties;
  const reasons: string[] = [];
  for (const setting of fixedPoolSettings) {
    if (!deepEqual(before?.[setting], after?.[setting])) {
      reasons.push(`${setting} changes, but it is fixed when the user pool is created`);
    }
  }
  const attributesBefore = schemaOf(before);
  const attributesAfter = schemaOf(after);
  const label = (name: string) => `${standardAttributes.has(name) ? 'standard' : 'custom'} attribute ${name}`;
  for (const [name, attribute] of attributesBefore) {
    const next = attributesAfter.get(name);
    if (!next) reasons.push(`${label(name)} removed, but a user pool's attributes cannot be removed`);
    else if (!deepEqual(attribute, next)) {
      reasons.push(`${label(name)} changes, but a user pool's attributes cannot change (adding a custom one can)`);
    }
  }
  for (const name of attributesAfter.keys()) {
    if (!attributesBefore.has(name) && standardAttributes.has(name)) {
      reasons.push(`${label(name)} added to the schema, but standard attributes are set when the user pool is created`);
    }
  }
  return reasons;
}

interface OutputRead {
  readonly stack: string;
  readonly logicalId: string;
  /** Which templates read it: the baseline's, or the new ones. */
  readonly version: string;
}

/**
 * Where each output is read with `Fn::GetStackOutput` (CDK's weak cross-stack references), by
 * producing stack and output name, in the given templates.
 */
function outputReads(templates: StageTemplates, version: string, into: Map<string, OutputRead[]>): void {
  const visit = (value: unknown, stack: string, logicalId: string): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, stack, logicalId);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'Fn::GetStackOutput' && typeof inner === 'object' && inner !== null) {
        const { StackName: producer, OutputName: output } = inner as Record<string, unknown>;
        if (typeof producer === 'string' && typeof output === 'string') {
          const key = `${producer}\n${output}`;
          into.set(key, [...(into.get(key) ?? []), { stack, logicalId, version }]);
        }
      }
      visit(inner, stack, logicalId);
    }
  };
  for (const [stack, template] of Object.entries(templates)) {
    for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) visit(resource, stack, logicalId);
    for (const [name, output] of Object.entries(template.Outputs ?? {})) visit(output, stack, name);
  }
}

/**
 * An output that another stack reads cannot go: the reader's next update, or its rollback to the
 * template it had, would look it up and fail. Readers in either version count.
 */
function removedOutputsStillRead(before: StageTemplates, after: StageTemplates, baseline: Baseline): Refusal[] {
  const reads = new Map<string, OutputRead[]>();
  outputReads(before, baseline, reads);
  outputReads(after, 'new', reads);
  const refusals: Refusal[] = [];
  for (const [stack, template] of Object.entries(before)) {
    const kept = after[stack]?.Outputs ?? {};
    for (const output of Object.keys(template.Outputs ?? {})) {
      const readers = reads.get(`${stack}\n${output}`) ?? [];
      if (output in kept || readers.length === 0) continue;
      const where = [...new Set(readers.map((read) => `${read.stack} (${read.logicalId}, ${read.version})`))];
      refusals.push({
        stack,
        logicalId: output,
        type: 'Output',
        reason: `removed, but read by ${where.join(', ')}: its next update or a rollback would fail`,
      });
    }
  }
  return refusals;
}
