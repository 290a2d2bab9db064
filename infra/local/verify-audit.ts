import { ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { createDocumentClient, createDynamoClient } from '../../functions/shared/data/dynamo.ts';
import { verificationLine, verifyAuditTrail } from '../ops/verify-audit.ts';
import { dynamoAnswers } from './dynamodb-local.ts';
import { optionsFromEnv } from './environment.ts';
import { prefixedTableNames } from './tables.ts';

/**
 * `npm run verify-audit`: walks every audit chain of the local tables, the ones `npm start` uses
 * with the same environment variables (DYNAMODB_ENDPOINT, else DYNAMODB_PORT; TABLE_PREFIX).
 * It reads a running DynamoDB and never starts one: there is nothing to verify in tables no
 * server writes to. The last line goes to standard output (docs/api.md, "Audit chain"); what
 * went wrong before it, to standard error. Exit status 0 when every chain holds, 1 otherwise.
 */
function fail(message: string): never {
  process.stderr.write(`verify-audit: ${message}\n`);
  process.exit(1);
}

let options: ReturnType<typeof optionsFromEnv>;
try {
  options = optionsFromEnv(process.env);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const endpoint = options.dynamoEndpoint ?? `http://127.0.0.1:${options.dynamoPort}`;
if (!(await dynamoAnswers(createDynamoClient({ endpoint })))) {
  fail(`no DynamoDB answers at ${endpoint}: start the local server with npm start, or set DYNAMODB_ENDPOINT`);
}
const table = prefixedTableNames(options.tablePrefix).audit;
const result = await verifyAuditTrail(createDocumentClient({ endpoint }), table, {
  onBreak: (broken) => process.stderr.write(`broken: ${broken.entity} #${broken.sequence}: ${broken.what}\n`),
}).catch((error: unknown) => {
  if (error instanceof ResourceNotFoundException) {
    fail(`there is no table ${table} at ${endpoint}: is TABLE_PREFIX (${options.tablePrefix}) the server's?`);
  }
  throw error;
});
process.stdout.write(`${verificationLine(result)}\n`);
process.exitCode = result.breaks.length > 0 ? 1 : 0;
