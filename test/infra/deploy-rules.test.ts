import { describe, expect, it } from 'vitest';
import { tableIds } from '../../functions/shared/data/tables.ts';
import type { Stage } from '../../infra/config.ts';
import { readReleased, releasedRoot } from '../../infra/deploy/released.ts';
import { compareStage } from '../../infra/deploy/rules.ts';
import type { StageTemplates, Template } from '../../infra/deploy/synthesize.ts';

/*
 * The rules of the update-safety check, on the committed released templates (what the app
 * synthesizes) and copies of them changed the way a code change would change them.
 */

interface EditableResource {
  Type: string;
  Properties: Record<string, unknown>;
  [attribute: string]: unknown;
}

interface EditableTemplate {
  Resources: Record<string, EditableResource>;
  Outputs: Record<string, unknown>;
  [section: string]: unknown;
}

const released = (stage: Stage): StageTemplates => {
  const templates = readReleased(releasedRoot, stage);
  if (!templates) throw new Error(`no released templates for ${stage}`);
  return templates;
};
const prod = released('prod');
const dev = released('dev');

/** The templates with one stack changed by `change`, leaving the originals as they are. */
function edit(
  templates: StageTemplates,
  stack: string,
  change: (template: EditableTemplate) => void,
): Record<string, EditableTemplate> {
  const copy = structuredClone(templates) as Record<string, EditableTemplate>;
  change(copy[stack]!);
  return copy;
}

/** The logical id CDK gave a construct: its path, then eight hex digits of hash. */
function idOf(template: Template, path: string): string {
  const id = Object.keys(template.Resources ?? {}).find((key) => new RegExp(`^${path}[0-9A-F]{8}$`).test(key));
  if (!id) throw new Error(`no resource ${path}`);
  return id;
}

function resource(template: EditableTemplate, path: string): EditableResource {
  return template.Resources[idOf(template, path)]!;
}

interface Index {
  IndexName: string;
  KeySchema: { AttributeName: string; KeyType: string }[];
  Projection: { ProjectionType: string };
}

function indexes(table: EditableResource): Index[] {
  return table.Properties.GlobalSecondaryIndexes as Index[];
}

/** A new index of the jpas table, with the attribute it is keyed on. */
function addIndex(table: EditableResource, name: string, attribute: string): void {
  indexes(table).push({
    IndexName: name,
    KeySchema: [{ AttributeName: attribute, KeyType: 'HASH' }],
    Projection: { ProjectionType: 'ALL' },
  });
  (table.Properties.AttributeDefinitions as unknown[]).push({ AttributeName: attribute, AttributeType: 'S' });
}

interface SchemaAttribute {
  Name: string;
  StringAttributeConstraints?: { MaxLength: string; MinLength: string };
  [key: string]: unknown;
}

function schema(pool: EditableResource): SchemaAttribute[] {
  return pool.Properties.Schema as SchemaAttribute[];
}

const data = 'BaliDisruption-prod-Data';
const auth = 'BaliDisruption-prod-Auth';
const api = 'BaliDisruption-prod-Api';
const archive = 'BaliDisruption-prod-Archive';

describe('the update-safety check refuses', () => {
  it('a changed key schema, which replaces the table: the new one would be empty', () => {
    const after = edit(prod, data, (template) => {
      const table = resource(template, 'OperationsTable');
      table.Properties.KeySchema = [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'listKey', KeyType: 'RANGE' },
      ];
    });
    expect(compareStage(prod, after).refusals).toEqual([
      {
        stack: data,
        logicalId: idOf(after[data]!, 'OperationsTable'),
        type: 'AWS::DynamoDB::Table',
        reason:
          'replaced, because KeySchema changes, which cannot change in place: the new one starts without its items',
      },
    ]);
  });

  it('two new indexes on one table in one update, naming them', () => {
    const after = edit(prod, data, (template) => {
      const table = resource(template, 'JpasTable');
      addIndex(table, 'jpasByTitle', 'title');
      addIndex(table, 'jpasByYear', 'year');
    });
    expect(compareStage(prod, after).refusals).toEqual([
      {
        stack: data,
        logicalId: idOf(after[data]!, 'JpasTable'),
        type: 'AWS::DynamoDB::Table',
        reason:
          '2 global secondary indexes created or deleted in one update (creates jpasByTitle, jpasByYear), but CloudFormation takes one per table per update: release them one at a time',
      },
    ]);
  });

  it('a renamed index: one created and one deleted is two changes', () => {
    const after = edit(prod, data, (template) => {
      const [index] = indexes(resource(template, 'JpasTable'));
      index!.IndexName = 'jpasByState';
    });
    expect(compareStage(prod, after).refusals.map((refusal) => refusal.reason)).toEqual([
      '2 global secondary indexes created or deleted in one update (creates jpasByState; deletes jpasByStatus), but CloudFormation takes one per table per update: release them one at a time',
    ]);
  });

  it('an index whose key changes under the same name, which DynamoDB cannot change in place', () => {
    const after = edit(prod, data, (template) => {
      const [index] = indexes(resource(template, 'JpasTable'));
      index!.KeySchema = [{ AttributeName: 'statusKey', KeyType: 'HASH' }];
    });
    expect(compareStage(prod, after).refusals.map((refusal) => refusal.reason)).toEqual([
      'global secondary index jpasByStatus changes its key schema or projection, which cannot change in place: add the new one under another name, then delete the old one in a later release',
    ]);
  });

  it('a changed custom attribute of the user pool', () => {
    const after = edit(prod, auth, (template) => {
      const [country] = schema(resource(template, 'UserPool'));
      country!.StringAttributeConstraints = { MaxLength: '3', MinLength: '2' };
    });
    expect(compareStage(prod, after).refusals).toEqual([
      {
        stack: auth,
        logicalId: idOf(after[auth]!, 'UserPool'),
        type: 'AWS::Cognito::UserPool',
        reason:
          "custom attribute country changes, but a user pool's attributes cannot change (adding a custom one can)",
      },
    ]);
  });

  it('a removed custom attribute, and a standard one added to the schema', () => {
    const after = edit(prod, auth, (template) => {
      const pool = resource(template, 'UserPool');
      pool.Properties.Schema = [{ Name: 'phone_number', Mutable: true, Required: true }];
    });
    expect(compareStage(prod, after).refusals.map((refusal) => refusal.reason)).toEqual([
      "custom attribute country removed, but a user pool's attributes cannot be removed",
      'standard attribute phone_number added to the schema, but standard attributes are set when the user pool is created',
    ]);
  });

  it("changes to the pool's sign-in names and their case sensitivity", () => {
    const after = edit(prod, auth, (template) => {
      const pool = resource(template, 'UserPool');
      pool.Properties.UsernameConfiguration = { CaseSensitive: true };
      delete pool.Properties.UsernameAttributes;
      pool.Properties.AliasAttributes = ['email'];
    });
    expect(compareStage(prod, after).refusals.map((refusal) => refusal.reason)).toEqual([
      'AliasAttributes changes, but it is fixed when the user pool is created',
      'UsernameAttributes changes, but it is fixed when the user pool is created',
      'UsernameConfiguration changes, but it is fixed when the user pool is created',
    ]);
  });

  it('a removed log group: prod retains it, out of the stack', () => {
    const after = edit(prod, api, (template) => {
      delete template.Resources[idOf(template, 'GraphqlLogs')];
    });
    expect(compareStage(prod, after).refusals).toEqual([
      {
        stack: api,
        logicalId: idOf(prod[api]!, 'GraphqlLogs'),
        type: 'AWS::Logs::LogGroup',
        reason:
          'removed: RETAIN keeps it, with its log events, but outside the stack, where the app no longer reaches it',
      },
    ]);
  });

  it('a removed table in dev, where CloudFormation would delete it', () => {
    const stack = 'BaliDisruption-dev-Data';
    const after = edit(dev, stack, (template) => {
      delete template.Resources[idOf(template, 'TermsTable')];
    });
    expect(compareStage(dev, after).refusals).toContainEqual({
      stack,
      logicalId: idOf(dev[stack]!, 'TermsTable'),
      type: 'AWS::DynamoDB::Table',
      reason: 'removed: CloudFormation deletes it, and its items with it',
    });
  });

  it('the audit archive bucket removed, and its key replaced by a renamed construct', () => {
    const after = edit(prod, archive, (template) => {
      const bucket = idOf(template, 'ArchiveBucket');
      const key = idOf(template, 'ArchiveKey');
      template.Resources.RenamedArchiveKey12345678 = template.Resources[key]!;
      delete template.Resources[bucket];
      delete template.Resources[key];
    });
    expect(compareStage(prod, after).refusals.map(({ logicalId, type }) => ({ logicalId, type }))).toEqual(
      expect.arrayContaining([
        { logicalId: idOf(prod[archive]!, 'ArchiveBucket'), type: 'AWS::S3::Bucket' },
        { logicalId: idOf(prod[archive]!, 'ArchiveKey'), type: 'AWS::KMS::Key' },
      ]),
    );
  });

  it('a log group renamed by a property that replaces it', () => {
    const after = edit(prod, api, (template) => {
      resource(template, 'ApiAccessLogs').Properties.LogGroupName = '/bali/access';
    });
    expect(compareStage(prod, after).refusals.map((refusal) => refusal.reason)).toEqual([
      'replaced, because LogGroupName changes, which cannot change in place: the new one starts without its log events',
    ]);
  });

  it('an output another stack reads, removed', () => {
    const after = edit(prod, data, (template) => {
      for (const name of Object.keys(template.Outputs)) {
        if (name.startsWith('PublishOutputFnGetAttTermsTable')) delete template.Outputs[name];
      }
    });
    const output = Object.keys(prod[data]!.Outputs ?? {}).find((name) =>
      name.startsWith('PublishOutputFnGetAttTermsTable'),
    );
    const refusals = compareStage(prod, after).refusals;
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ stack: data, logicalId: output, type: 'Output' });
    expect(refusals[0]!.reason).toMatch(
      /^removed, but read by BaliDisruption-prod-Api \(GraphqlRoleDefaultPolicy[0-9A-F]{8}, released\), BaliDisruption-prod-Api \(GraphqlRoleDefaultPolicy[0-9A-F]{8}, new\): its next update or a rollback would fail$/,
    );
  });

  it('an output removed in the same release as its reader: a rollback of the reader would read it again', () => {
    const reader = 'BaliDisruption-prod-Monitoring';
    const before = edit(
      edit(prod, data, (template) => {
        template.Outputs.ExtraArn = { Value: 'arn:aws:sns:ap-southeast-2:123456789012:extra' };
      }),
      reader,
      (template) => {
        template.Outputs.ExtraArn = { Value: { 'Fn::GetStackOutput': { StackName: data, OutputName: 'ExtraArn' } } };
      },
    );
    expect(compareStage(before, prod).refusals).toEqual([
      {
        stack: data,
        logicalId: 'ExtraArn',
        type: 'Output',
        reason: `removed, but read by ${reader} (ExtraArn, released): its next update or a rollback would fail`,
      },
    ]);
  });

  it('a whole stack left out of the app: every stateful resource, and the outputs the others read', () => {
    const { [data]: _removed, ...after } = prod;
    const refusals = compareStage(prod, after).refusals;
    expect(refusals.filter((refusal) => refusal.type === 'AWS::DynamoDB::Table')).toHaveLength(tableIds.length);
    expect(refusals.filter((refusal) => refusal.type === 'AWS::KMS::Key')).toHaveLength(1);
    expect(refusals.filter((refusal) => refusal.type === 'Output').length).toBeGreaterThan(0);
    expect(refusals[0]!.reason).toMatch(/^removed with its stack: RETAIN keeps it/);
  });

  it('the deployed stacks as baseline: the reader is named as deployed', () => {
    const after = edit(prod, data, (template) => {
      for (const name of Object.keys(template.Outputs)) {
        if (name.startsWith('PublishOutputFnGetAttTermsTable')) delete template.Outputs[name];
      }
    });
    expect(compareStage(prod, after, 'deployed').refusals[0]!.reason).toMatch(/, deployed\)/);
  });
});

describe('the update-safety check lets through', () => {
  it('the released templates themselves, and says nothing changed', () => {
    const comparison = compareStage(prod, prod);
    expect(comparison.refusals).toEqual([]);
    const none = { added: 0, updated: 0, removed: 0 };
    expect(comparison.stacks.map(({ status, resources, outputs }) => ({ status, resources, outputs }))).toEqual(
      comparison.stacks.map(() => ({ status: 'compared', resources: none, outputs: none })),
    );
  });

  it('a new function bundle and a changed setting of the function', () => {
    const after = edit(prod, api, (template) => {
      const fn = resource(template, 'GraphqlFunction');
      fn.Properties.Code = {
        S3Bucket: 'cdk-hnb659fds-assets-123456789012-ap-southeast-2',
        S3Key: `${'a'.repeat(64)}.zip`,
      };
      fn.Properties.MemorySize = 2048;
    });
    const comparison = compareStage(prod, after);
    expect(comparison.refusals).toEqual([]);
    expect(comparison.stacks.find((stack) => stack.stack === api)).toMatchObject({
      resources: { added: 0, updated: 1, removed: 0 },
    });
  });

  it('one new index on a table', () => {
    const after = edit(prod, data, (template) => addIndex(resource(template, 'JpasTable'), 'jpasByTitle', 'title'));
    expect(compareStage(prod, after).refusals).toEqual([]);
  });

  it('one new index on each of two tables', () => {
    const after = edit(prod, data, (template) => {
      addIndex(resource(template, 'JpasTable'), 'jpasByTitle', 'title');
      addIndex(resource(template, 'TermsTable'), 'termsByTitle', 'title');
    });
    expect(compareStage(prod, after).refusals).toEqual([]);
  });

  it('a new table with two indexes', () => {
    const after = edit(prod, data, (template) => {
      const table = structuredClone(resource(template, 'JpasTable'));
      addIndex(table, 'byTitle', 'title');
      template.Resources.NewTable12345678 = table;
    });
    expect(compareStage(prod, after).refusals).toEqual([]);
  });

  it('a custom attribute added to the user pool', () => {
    const after = edit(prod, auth, (template) => {
      schema(resource(template, 'UserPool')).push({
        Name: 'agency',
        AttributeDataType: 'String',
        Mutable: true,
        StringAttributeConstraints: { MaxLength: '64', MinLength: '1' },
      });
    });
    expect(compareStage(prod, after).refusals).toEqual([]);
  });

  it("an output nobody reads with Fn::GetStackOutput, removed (the ops scripts' table names)", () => {
    const after = edit(prod, data, (template) => {
      delete template.Outputs.TermsTableName;
    });
    expect(compareStage(prod, after).refusals).toEqual([]);
  });

  it('a stateless resource replaced or removed: an alarm, a function', () => {
    const monitoring = 'BaliDisruption-prod-Monitoring';
    const after = edit(
      edit(prod, monitoring, (template) => {
        delete template.Resources[idOf(template, 'AlarmsApi5xx')];
      }),
      api,
      (template) => {
        resource(template, 'GraphqlFunction').Properties.FunctionName = 'renamed';
      },
    );
    expect(compareStage(prod, after).refusals).toEqual([]);
  });

  it('a stack that was never released or deployed: a first deploy', () => {
    const { [archive]: _new, ...before } = prod;
    const comparison = compareStage(before, prod);
    expect(comparison.refusals).toEqual([]);
    expect(comparison.stacks.find((stack) => stack.stack === archive)).toMatchObject({ status: 'new' });
  });
});
