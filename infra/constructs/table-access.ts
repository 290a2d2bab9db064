import type { Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { indexList, type TableDefinition } from '../../functions/shared/data/tables.ts';

/**
 * The DynamoDB actions the function's code performs on its ordinary tables, and nothing more
 * (test/infra/table-access.test.ts reads the code to keep this list honest). TransactWriteItems
 * has no IAM action of its own: IAM checks each item as the PutItem, UpdateItem, DeleteItem or
 * ConditionCheckItem it is. No Scan, no BatchWriteItem, no PartiQL.
 */
export const readWriteActions = [
  'dynamodb:BatchGetItem',
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:ConditionCheckItem',
] as const;

/** On an append-only table (the audit trail): add an item, read items; never change or remove one. */
export const appendOnlyActions = [
  'dynamodb:BatchGetItem',
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
] as const;

/** Reads on an index: Query, each bounded by its Limit. No PartiQL: a SELECT has no per-key bound. */
export const indexActions = ['dynamodb:Query'] as const;

/**
 * What DynamoDB asks KMS for on the caller's behalf when it reads or writes a table encrypted
 * under a customer-managed key: the usual grant, with its wildcards spelt out.
 */
export const tableKeyActions = [
  'kms:Decrypt',
  'kms:DescribeKey',
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
] as const;

/**
 * The statements that let a function use one table: its actions on the table itself, and reads
 * on each of its indexes, each named by ARN (no `index/*`).
 */
export function tableStatements(table: ITable, definition: TableDefinition): PolicyStatement[] {
  const statements = [
    new PolicyStatement({
      actions: [...(definition.appendOnly ? appendOnlyActions : readWriteActions)],
      resources: [table.tableArn],
    }),
  ];
  if (indexList(definition).length > 0) {
    const indexArns = indexList(definition).map((index) => `${table.tableArn}/index/${index.name}`);
    statements.push(new PolicyStatement({ actions: [...indexActions], resources: indexArns }));
  }
  return statements;
}

/** Use of the tables' key, only through DynamoDB: the role cannot decrypt anything directly. */
export function tableKeyStatement(key: IKey, scope: Stack): PolicyStatement {
  return new PolicyStatement({
    actions: [...tableKeyActions],
    resources: [key.keyArn],
    conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${scope.region}.${scope.urlSuffix}` } },
  });
}
