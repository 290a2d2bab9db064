import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appendOnlyActions, indexActions, readWriteActions } from '../../infra/constructs/table-access.ts';

/*
 * DynamoDB Local enforces no IAM, so no other test would notice the function calling DynamoDB in
 * a way its role does not allow: that would first fail in AWS. This test reads the function code
 * and derives the IAM actions its DynamoDB calls need, so the role's list follows the code.
 */

const functionsDir = fileURLToPath(new URL('../../functions', import.meta.url));
const sources = readdirSync(functionsDir, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts'))
  .map((file) => ({ file, code: readFileSync(join(functionsDir, file), 'utf8') }));

/** The IAM action each DynamoDB command needs (TransactWriteItems: per item, below). */
const commandActions: Record<string, string | null> = {
  GetCommand: 'dynamodb:GetItem',
  GetItemCommand: 'dynamodb:GetItem',
  BatchGetCommand: 'dynamodb:BatchGetItem',
  BatchGetItemCommand: 'dynamodb:BatchGetItem',
  QueryCommand: 'dynamodb:Query',
  PutCommand: 'dynamodb:PutItem',
  PutItemCommand: 'dynamodb:PutItem',
  UpdateCommand: 'dynamodb:UpdateItem',
  UpdateItemCommand: 'dynamodb:UpdateItem',
  DeleteCommand: 'dynamodb:DeleteItem',
  DeleteItemCommand: 'dynamodb:DeleteItem',
  TransactWriteCommand: null,
  TransactWriteItemsCommand: null,
  ExecuteStatementCommand: 'dynamodb:PartiQLSelect',
  ScanCommand: 'dynamodb:Scan',
  BatchWriteCommand: 'dynamodb:BatchWriteItem',
};

/** The items of a TransactWriteItems, by the action IAM checks each against. */
const transactionItemActions: Record<string, string> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
};

/** The commands a file imports from the DynamoDB clients and then constructs. */
function commandsUsed(code: string): string[] {
  const imported = [
    ...code.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'@aws-sdk\/(?:lib-dynamodb|client-dynamodb)'/g),
  ]
    .flatMap((match) => match[1]!.split(','))
    .map((name) => name.trim().replace(/^type\s+/, ''))
    .filter((name) => name.endsWith('Command'));
  return imported.filter((name) => new RegExp(`new ${name}\\(`).test(code));
}

const used = new Map<string, string[]>();
for (const { file, code } of sources) {
  const actions = [
    ...commandsUsed(code).map((name) => commandActions[name] ?? (name in commandActions ? null : `unmapped ${name}`)),
    ...[...code.matchAll(/\b(Put|Update|Delete|ConditionCheck):\s*\{/g)].map(
      (match) => transactionItemActions[match[1]!]!,
    ),
  ].filter((action): action is string => action !== null);
  for (const action of actions) used.set(action, [...(used.get(action) ?? []), file]);
}

describe('the function role follows the code', () => {
  it('maps every DynamoDB command the code sends to an IAM action', () => {
    expect([...used.keys()].filter((action) => action.startsWith('unmapped'))).toEqual([]);
  });

  it('grants every action the code needs, and no action it does not', () => {
    expect([...used.keys()].sort()).toEqual([...new Set([...readWriteActions, ...indexActions])].sort());
  });

  it('never scans, never writes in bulk, never uses PartiQL (whose reads have no per-key bound)', () => {
    expect(
      ['dynamodb:Scan', 'dynamodb:BatchWriteItem', 'dynamodb:PartiQLSelect'].filter((action) => used.has(action)),
    ).toEqual([]);
  });

  it('keeps the audit table to adding and reading', () => {
    expect(appendOnlyActions).not.toContain('dynamodb:UpdateItem');
    expect(appendOnlyActions).not.toContain('dynamodb:DeleteItem');
    // The one place audit items are written: Puts that refuse to overwrite (a chain's head moves
    // only from where it was read).
    const audit = sources.find((source) => source.file.endsWith('audit.items.ts'))!.code;
    expect(audit).toMatch(/const absent = 'attribute_not_exists\(pk\)'/);
    expect(audit).toMatch(/Put: \{ TableName: tableName, Item, \.\.\.condition \}/);
    expect(audit).toMatch(/ConditionExpression: '#sequence = :previous AND #hash = :previousHash'/);
  });
});
