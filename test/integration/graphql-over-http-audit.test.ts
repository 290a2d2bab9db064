import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createGraphqlHandler } from '../../functions/graphql/create-handler.ts';
import { callers } from '../support/api.ts';
import { auditGraphqlOverHttp } from '../support/http-audit.ts';
import { lambdaFetch, type FetchLike } from '../support/lambda-fetch.ts';
import { freshTables } from '../support/tables.ts';

let fetchFn: FetchLike;

beforeAll(async () => {
  const { endpoint, tableNames } = await freshTables();
  // As the local server and dev run it: the audit asks for `__type`, which introspection answers.
  const handler = createGraphqlHandler({
    tableNames,
    dynamoEndpoint: endpoint,
    introspection: true,
    cursorKey: { key: randomBytes(32) },
    documents: 'open',
  });
  fetchFn = lambdaFetch(handler, callers.secretariat);
});

describe("graphql-http's GraphQL-over-HTTP audit, against the Lambda handler", () => {
  it('passes every MUST and every SHOULD', async () => {
    const { counts, failures } = await auditGraphqlOverHttp('http://lambda.local/graphql', fetchFn, 'token');
    expect(failures, failures.join('\n')).toEqual([]);
    expect(counts.MUST).toEqual({ passed: 13, total: 13 });
    expect(counts.SHOULD).toEqual({ passed: 23, total: 23 });
    // Optional, and all taken: 400 for malformed parameters, GET with variables, no mutation by GET.
    expect(counts.MAY).toEqual({ passed: 25, total: 25 });
  });
});
