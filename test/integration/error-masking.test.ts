import type { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { MembershipRepository } from '../../functions/membership/membership.repository.ts';
import { createDocumentClient } from '../../functions/shared/data/dynamo.ts';
import { callers, codes, createTestApi } from '../support/api.ts';
import * as doc from '../../schema/generated/documents.ts';

describe('an unexpected failure', () => {
  it('answers INTERNAL_SERVER_ERROR with a generic message, and logs the cause with the request id', async () => {
    const logged: { message: string; details: Record<string, unknown> }[] = [];
    const logger = {
      info: () => {},
      error: (message: string, details: Record<string, unknown>) => logged.push({ message, details }),
    } as unknown as Logger;
    // Tables that do not exist: DynamoDB answers ResourceNotFoundException with its own text.
    const missing = new MembershipRepository(createDocumentClient({ endpoint: inject('dynamoEndpoint') }), {
      membership: 'no-such-table',
      audit: 'no-such-audit-table',
    });
    const api = await createTestApi({ membership: missing, logger });

    const response = await api.call(callers.secretariat, doc.MembersDocument);

    expect(codes(response)).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(response.errors?.[0]?.message).toBe('Internal server error');
    expect(response.raw).not.toMatch(/no-such-table|ResourceNotFound|Cannot do operations|stack|at /i);
    expect(logged).toHaveLength(1);
    expect(logged[0]?.message).toBe('unexpected error');
    expect(logged[0]?.details.requestId).toEqual(expect.any(String));
    expect(String(logged[0]?.details.error)).toMatch(/ResourceNotFound|non-existent table/i);
  });
});
