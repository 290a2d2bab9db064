import type { Logger } from '@aws-lambda-powertools/logger';
import { beforeAll, describe, expect, it } from 'vitest';
import { callers, createTestApi, type TestApi } from '../support/api.ts';
import * as doc from '../../schema/generated/documents.ts';
import { validInputs } from '../support/samples.ts';

type Line = { level: string; message: string; attributes: Record<string, unknown> };
const lines: Line[] = [];
const logger = {
  info: (message: string, attributes: Record<string, unknown>) => lines.push({ level: 'info', message, attributes }),
  error: (message: string, attributes: Record<string, unknown>) => lines.push({ level: 'error', message, attributes }),
} as unknown as Logger;

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi({ logger });
});

describe('request logs', () => {
  it('writes one line per request: request id, operation, subject, duration and outcome', async () => {
    lines.length = 0;
    await api.call(callers.secretariat, doc.MembersDocument);
    await api.call(callers.observer, doc.AddMemberDocument, { input: validInputs.addMember });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      message: 'graphql request',
      attributes: {
        requestId: expect.any(String),
        operationName: 'Members',
        subject: 'secretariat-1',
        durationMs: expect.any(Number),
        outcome: 'ok',
      },
    });
    expect(lines[1]?.attributes).toMatchObject({
      operationName: 'AddMember',
      subject: 'observer-1',
      outcome: 'FORBIDDEN',
    });
  });

  it('logs a request refused before GraphQL too', async () => {
    lines.length = 0;
    await api.send(callers.secretariat, '{"query": ');
    expect(lines).toEqual([
      { level: 'info', message: 'graphql request', attributes: expect.objectContaining({ outcome: 'BAD_REQUEST' }) },
    ]);
  });

  it('logs a request the documents gate refused, with the caller and the code', async () => {
    lines.length = 0;
    await api.send(callers.secretariat, JSON.stringify({ documentId: `sha256:${'0'.repeat(64)}` }));
    expect(lines).toEqual([
      {
        level: 'info',
        message: 'graphql request',
        attributes: expect.objectContaining({ subject: 'secretariat-1', outcome: 'UNKNOWN_DOCUMENT' }),
      },
    ]);
  });

  it('never logs variables, contact details or what a caller wrote', async () => {
    lines.length = 0;
    const focalPoint = { name: 'Secret Person', email: 'secret.person@example.org', phone: '+64 4 000 0000' };
    await api.call(callers.secretariat, doc.UpdateMemberDocument, {
      input: { country: 'NZ', expectedRevision: 1, focalPoint },
    });
    await api.call(callers.secretariat, doc.UpdateMemberDocument, {
      input: { country: 'NZ', expectedRevision: 1, focalPoint },
    });
    const text = JSON.stringify(lines);
    expect(lines).toHaveLength(2);
    for (const secret of ['Secret Person', 'secret.person@example.org', '+64 4 000 0000', 'expectedRevision'])
      expect(text).not.toContain(secret);
  });
});
