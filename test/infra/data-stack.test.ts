import { afterAll, describe, expect, it } from 'vitest';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnElement } from 'aws-cdk-lib';
import { indexList, tableIds, tables, type TableDefinition } from '../../functions/shared/data/tables.ts';
import { stageConfig, type Stage } from '../../infra/config.ts';
import { appendOnlyDeniedActions } from '../../infra/constructs/defined-table.ts';
import { DataStack } from '../../infra/stacks/data-stack.ts';
import { tableOutputName } from '../../infra/stack-names.ts';
import { newApp, removeApps } from './stage-app.ts';

function synth(stage: Stage) {
  const stack = new DataStack(newApp(), 'Data', { config: stageConfig(stage) });
  const logicalIds = Object.fromEntries(
    tableIds.map((id) => [id, stack.getLogicalId(stack.tables[id].node.defaultChild as CfnElement)]),
  );
  const keyId = stack.getLogicalId(stack.dataKey.node.defaultChild as CfnElement);
  return { template: Template.fromStack(stack), logicalIds, keyId };
}

const dev = synth('dev');
const prod = synth('prod');
afterAll(removeApps);

function keySchema(keys: { partitionKey: string; sortKey: string }) {
  return [
    { AttributeName: keys.partitionKey, KeyType: 'HASH' },
    { AttributeName: keys.sortKey, KeyType: 'RANGE' },
  ];
}

function keyNames(definition: TableDefinition): string[] {
  const names = [definition.partitionKey, definition.sortKey];
  for (const index of indexList(definition)) names.push(index.partitionKey, index.sortKey);
  return [...new Set(names)].sort();
}

describe('DataStack', () => {
  it('creates one table per definition', () => {
    dev.template.resourceCountIs('AWS::DynamoDB::Table', tableIds.length);
  });

  it('gives the audit table its index of events by id (node ids of audit events), chain events and views alike', () => {
    dev.template.templateMatches({
      Resources: {
        [dev.logicalIds.audit!]: {
          Properties: {
            GlobalSecondaryIndexes: Match.arrayWith([
              {
                IndexName: 'eventsById',
                KeySchema: keySchema({ partitionKey: 'id', sortKey: 'pk' }),
                Projection: { ProjectionType: 'ALL' },
              },
            ]),
          },
        },
      },
    });
  });

  describe.each(tableIds)('the %s table', (id) => {
    const definition: TableDefinition = tables[id];

    it('has the keys and indexes of its definition', () => {
      dev.template.templateMatches({
        Resources: {
          [dev.logicalIds[id]!]: {
            Properties: {
              KeySchema: keySchema(definition),
              GlobalSecondaryIndexes:
                indexList(definition).length === 0
                  ? Match.absent()
                  : indexList(definition).map((index) => ({
                      IndexName: index.name,
                      KeySchema: keySchema(index),
                      Projection: { ProjectionType: 'ALL' },
                    })),
            },
          },
        },
      });
    });

    it('declares every key attribute as a string, and nothing else', () => {
      const table = dev.template.findResources('AWS::DynamoDB::Table')[dev.logicalIds[id]!];
      const attributes = (table?.Properties.AttributeDefinitions ?? []) as {
        AttributeName: string;
        AttributeType: string;
      }[];
      expect(attributes.map((a) => a.AttributeName).sort()).toEqual(keyNames(definition));
      expect(new Set(attributes.map((a) => a.AttributeType))).toEqual(new Set(['S']));
    });

    it('expires items only where the definition names an expiry attribute', () => {
      dev.template.templateMatches({
        Resources: {
          [dev.logicalIds[id]!]: {
            Properties: {
              TimeToLiveSpecification: definition.timeToLiveAttribute
                ? { AttributeName: definition.timeToLiveAttribute, Enabled: true }
                : Match.absent(),
            },
          },
        },
      });
    });
  });

  it('bills on demand and keeps point-in-time recovery', () => {
    for (const template of [dev.template, prod.template]) {
      template.allResourcesProperties('AWS::DynamoDB::Table', {
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      });
    }
  });

  it('encrypts every table under the customer-managed data key', () => {
    for (const { template, keyId } of [dev, prod]) {
      template.allResourcesProperties('AWS::DynamoDB::Table', {
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
      });
    }
  });

  it('has AWS rotate the data key, and names it after the stage', () => {
    dev.template.resourceCountIs('AWS::KMS::Key', 1);
    dev.template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    dev.template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/bali-disruption-dev-data' });
    prod.template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/bali-disruption-prod-data' });
  });

  it('keeps the data key in prod and lets dev delete it after the shortest wait', () => {
    prod.template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    dev.template.hasResource('AWS::KMS::Key', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ PendingWindowInDays: 7 }),
    });
  });

  it.each(['audit', 'reads'] as const)(
    'makes the %s table refuse any change or removal of an item, whoever asks',
    (id) => {
      dev.template.templateMatches({
        Resources: {
          [dev.logicalIds[id]!]: {
            Properties: {
              ResourcePolicy: {
                PolicyDocument: {
                  Statement: [
                    {
                      Effect: 'Deny',
                      Principal: { AWS: '*' },
                      Action: Match.arrayEquals([...appendOnlyDeniedActions].sort()),
                      Resource: '*',
                    },
                  ],
                },
              },
            },
          },
        },
      });
      expect(appendOnlyDeniedActions).toEqual(
        expect.arrayContaining(['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem']),
      );
    },
  );

  it('keeps read records with point-in-time recovery, expiring each at its expiresAt', () => {
    for (const { template, logicalIds } of [dev, prod]) {
      template.templateMatches({
        Resources: {
          [logicalIds.reads!]: {
            Properties: {
              PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
              TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
            },
          },
        },
      });
    }
  });

  it('puts no resource policy on the tables the API changes', () => {
    const withPolicy = Object.entries(dev.template.findResources('AWS::DynamoDB::Table'))
      .filter(([, table]) => table.Properties.ResourcePolicy)
      .map(([logicalId]) => logicalId);
    expect(withPolicy).toEqual(tableIds.filter((id) => tables[id].appendOnly).map((id) => dev.logicalIds[id]));
  });

  it('publishes every physical table name for the operations scripts', () => {
    for (const id of tableIds) {
      dev.template.hasOutput(tableOutputName(id), { Value: { Ref: dev.logicalIds[id] } });
    }
  });

  it('leaves physical table names to CloudFormation so stages can share an account', () => {
    dev.template.allResourcesProperties('AWS::DynamoDB::Table', { TableName: Match.absent() });
  });

  it('deletes the tables with the stack when the stage is dev', () => {
    dev.template.allResources('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Delete',
      UpdateReplacePolicy: 'Delete',
      Properties: Match.objectLike({ DeletionProtectionEnabled: false }),
    });
  });

  it('keeps the tables, and protects them from deletion, when the stage is prod', () => {
    prod.template.allResources('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
    });
  });
});
