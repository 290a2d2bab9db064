import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { buildASTSchema, parse, type GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { typeDefs } from '../../functions/graphql/server.ts';
import { createDocumentClient, type TransactItem } from '../../functions/shared/data/dynamo.ts';
import {
  callers,
  codes,
  countingClient,
  createTestApi,
  type GraphqlResponse,
  type Identity,
  type TestApi,
} from '../support/api.ts';
import * as doc from '../../schema/generated/documents.ts';
import { validInputs } from '../support/samples.ts';
import { FaultProxy } from '../support/fault-proxy.ts';

/**
 * docs/api.md, rules of the state: every successful mutation writes one AuditEvent in the same
 * DynamoDB transaction as the change. For every mutation of the schema, counted at the client:
 * a success is exactly one TransactWriteItems, carrying a Put on the audit table next to the
 * change, and no other write call; and when DynamoDB cancels the transaction on the event's part,
 * nothing at all remains, neither the change nor the event (every table read back whole).
 */
const proxy = new FaultProxy(inject('dynamoEndpoint'));
let counter: ReturnType<typeof countingClient>;
let api: TestApi;
/** The TransactItems of each TransactWriteItems the function sent, since the last reset. */
const transactions: TransactItem[][] = [];
/**
 * While set, every transaction carrying a Put on the audit table is cancelled on that Put (a
 * mutation that tries again after a CONFLICT, as draftTermsOfReference does, fails each time).
 */
let failEventPart = false;
let eventPartsFailed = 0;
/**
 * Transactions of read records only: a mutation whose result is an operation handled
 * PARTICIPANTS writes its read record after its own transaction, before it answers
 * (docs/api.md, read records). They are counted apart, and are no part of the change.
 */
let readRecordWrites = 0;

const writeCommands = ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems'].map(
  (name) => `${name}Command`,
);

beforeAll(async () => {
  const endpoint = await proxy.start();
  counter = countingClient(endpoint);
  // The same pattern as countingClient's own middleware: keep what each transaction carried.
  counter.client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'TransactWriteItemsCommand') {
        const items = [...((args.input as { TransactItems?: TransactItem[] }).TransactItems ?? [])];
        if (items.every((item) => item.Put?.TableName === api.tableNames.reads)) readRecordWrites += 1;
        else transactions.push(items);
        const eventPart = items.findIndex((item) => item.Put?.TableName === api.tableNames.audit);
        if (failEventPart && eventPart >= 0) {
          eventPartsFailed += 1;
          const reasons = items.map((_, index) => (index === eventPart ? 'ConditionalCheckFailed' : 'None'));
          proxy.inject('TransactWriteItems', {
            kind: 'error',
            status: 400,
            type: 'TransactionCanceledException',
            message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.join(', ')}]`,
            extra: { CancellationReasons: reasons.map((Code) => ({ Code })) },
          });
        }
      }
      return next(args);
    },
    { step: 'initialize', name: 'recordTransactItems' },
  );
  api = await createTestApi({ client: counter.client });
});
afterAll(() => proxy.stop());

const reset = () => {
  counter.reset();
  transactions.length = 0;
  proxy.clear();
  failEventPart = false;
  eventPartsFailed = 0;
  readRecordWrites = 0;
};

/** Every item of every table, straight from DynamoDB Local (not through the proxy or the counter). */
async function everything(): Promise<Record<string, string[]>> {
  const client = createDocumentClient({ endpoint: api.endpoint });
  const tables: Record<string, string[]> = {};
  for (const [id, tableName] of Object.entries(api.tableNames)) {
    const items: string[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const output = await client.send(
        new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: startKey }),
      );
      items.push(
        ...(output.Items ?? []).map((item) =>
          JSON.stringify(Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b)))),
        ),
      );
      startKey = output.LastEvaluatedKey;
    } while (startKey);
    tables[id] = items.sort();
  }
  return tables;
}

const au: Identity = { sub: 'au-official', country: 'AU' };
const s = callers.secretariat;
const state = { operationId: '' };

interface Row {
  /** Sends the mutation's one valid call. */
  readonly send: () => Promise<GraphqlResponse<unknown>>;
  /** The audit event's entity. */
  readonly entity: () => string;
}

/** One valid call of every mutation, in this order against the sample data (as audit.test.ts). */
const rows: Record<string, Row> = {
  addMember: {
    send: () => api.call(s, doc.AddMemberDocument, { input: validInputs.addMember }),
    entity: () => 'member/FJ',
  },
  updateMember: {
    send: () =>
      api.call(au, doc.UpdateMemberDocument, {
        input: {
          country: 'AU',
          expectedRevision: 1,
          focalPoint: { name: 'A. Person', email: 'a.person@example.org', phone: '+61 2 0000 0000' },
        },
      }),
    entity: () => 'member/AU',
  },
  setMemberStatus: {
    send: () => api.call(s, doc.SetMemberStatusDocument, { input: validInputs.setMemberStatus }),
    entity: () => 'member/LA',
  },
  rotateCoChairs: {
    send: () =>
      api.call(s, doc.RotateCoChairsDocument, {
        input: { outgoing: ['NZ'], incoming: ['AU'], effectiveOn: '2026-07-01' },
      }),
    entity: () => 'cochairs',
  },
  createJpa: {
    send: () =>
      api.call(s, doc.CreateJpaDocument, {
        input: { number: 9, title: 'JPA 9', startsOn: '2027-08-01', endsOn: '2028-07-31' },
      }),
    entity: () => 'jpa/9',
  },
  updateJpa: {
    send: () => api.call(s, doc.UpdateJpaDocument, { input: { number: 9, expectedRevision: 1, title: 'JPA nine' } }),
    entity: () => 'jpa/9',
  },
  joinJpa: { send: () => api.call(au, doc.JoinJpaDocument, { input: { number: 9 } }), entity: () => 'jpa/9' },
  createOperation: {
    // The rows after it change the operation this one creates.
    send: async () => {
      const response = await api.call(au, doc.CreateOperationDocument, {
        input: {
          jpaNumber: 8,
          codeName: 'Atomic',
          crimeTypes: ['PEOPLE_SMUGGLING'],
          startsOn: '2026-12-01',
          idempotencyKey: 'atomic-1',
        },
      });
      if (response.data) state.operationId = response.data.createOperation.id;
      return response;
    },
    entity: () => `operation/${state.operationId}`,
  },
  updateOperation: {
    send: () =>
      api.call(au, doc.UpdateOperationDocument, {
        input: { id: state.operationId, expectedRevision: 1, status: 'ACTIVE' },
      }),
    entity: () => `operation/${state.operationId}`,
  },
  recordOutcomes: {
    send: () =>
      api.call(au, doc.RecordOutcomesDocument, {
        input: {
          id: state.operationId,
          expectedRevision: 2,
          outcomes: { arrests: 1, prosecutions: 0, victimsIdentified: 0, networksDisrupted: 0 },
        },
      }),
    entity: () => `operation/${state.operationId}`,
  },
  concludeJpa: {
    send: () =>
      api.call(s, doc.ConcludeJpaDocument, {
        input: {
          number: 8,
          expectedRevision: 2,
          conference: { city: 'Bali', country: 'ID', startsOn: '2027-07-01', endsOn: '2027-07-02' },
        },
      }),
    entity: () => 'jpa/8',
  },
  draftTermsOfReference: {
    send: () => api.call(s, doc.DraftTermsOfReferenceDocument, { input: { title: 'Draft', text: 'Text' } }),
    entity: () => 'tor/3',
  },
  updateTermsOfReferenceDraft: {
    send: () =>
      api.call(s, doc.UpdateTermsOfReferenceDraftDocument, {
        input: { version: 3, expectedRevision: 1, text: 'Text 2' },
      }),
    entity: () => 'tor/3',
  },
  adoptTermsOfReference: {
    send: () =>
      api.call(s, doc.AdoptTermsOfReferenceDocument, {
        input: { version: 3, expectedRevision: 2, adoptedOn: '2026-11-28' },
      }),
    entity: () => 'tor/3',
  },
  addRecommendation: {
    send: () => api.call(s, doc.AddRecommendationDocument, { input: { text: 'Atomic', owners: ['AU'], jpaNumber: 7 } }),
    entity: () => 'recommendation/6',
  },
  // AU, an owner, within its power: the write carries the owner's condition on the item.
  updateRecommendation: {
    send: () =>
      api.call(au, doc.UpdateRecommendationDocument, {
        input: { number: 6, expectedRevision: 1, status: 'IN_PROGRESS' },
      }),
    entity: () => 'recommendation/6',
  },
  addProgressNote: {
    send: () => api.call(au, doc.AddProgressNoteDocument, { input: { recommendationNumber: 6, text: 'Atomic' } }),
    entity: () => 'recommendation/6',
  },
  createWorkPlanItem: {
    send: () =>
      api.call(s, doc.CreateWorkPlanItemDocument, {
        input: { title: 'Atomic', owners: ['AU'], dueOn: '2027-01-01', recommendationNumbers: [6] },
      }),
    entity: () => 'workplan/5',
  },
  updateWorkPlanItem: {
    send: () =>
      api.call(s, doc.UpdateWorkPlanItemDocument, { input: { number: 5, expectedRevision: 1, status: 'UNDERWAY' } }),
    entity: () => 'workplan/5',
  },
  scheduleMeeting: {
    send: () =>
      api.call(s, doc.ScheduleMeetingDocument, {
        input: {
          title: 'Atomic',
          kind: 'WORKSHOP',
          format: 'IN_PERSON',
          startsOn: '2026-12-01',
          endsOn: '2026-12-01',
          host: 'PH',
          jpaNumber: 8,
          agenda: [{ title: 'Item', presenter: 'AU' }],
        },
      }),
    entity: () => 'meeting/4',
  },
  updateMeeting: {
    send: () => api.call(s, doc.UpdateMeetingDocument, { input: { number: 4, expectedRevision: 1, minutes: 'Done' } }),
    entity: () => 'meeting/4',
  },
  recordAttendance: {
    send: () =>
      api.call(s, doc.RecordAttendanceDocument, {
        input: { number: 4, expectedRevision: 2, attendance: [{ country: 'NZ', delegates: 2 }] },
      }),
    entity: () => 'meeting/4',
  },
  publishAnnualReport: {
    // 2025 has ended (the sample data publishes 2024).
    send: () => api.call(s, doc.PublishAnnualReportDocument, { input: { year: 2025 } }),
    entity: () => 'report/2025',
  },
};

describe('every mutation writes its change and its audit event in one transaction', () => {
  it('has a row for every mutation of the schema', () => {
    const mutation = buildASTSchema(parse(typeDefs.join('\n'))).getType('Mutation') as GraphQLObjectType;
    expect(Object.keys(rows).sort()).toEqual(Object.keys(mutation.getFields()).sort());
  });

  for (const [name, row] of Object.entries(rows)) {
    it(`${name}: cancelled on the event's part, leaves neither the change nor the event; then succeeds as one transaction with its event`, async () => {
      const before = await everything();

      reset();
      failEventPart = true;
      const failed = await row.send();
      failEventPart = false;
      expect(eventPartsFailed, 'transactions cancelled on the event').toBeGreaterThanOrEqual(1);
      expect(codes(failed)).toEqual(['CONFLICT']);
      expect(failed.data ?? null).toBeNull();
      expect(await everything()).toEqual(before);

      reset();
      const response = await row.send();
      expect(response.errors).toBeUndefined();
      expect(counter.calls.filter((command) => writeCommands.includes(command))).toEqual(
        Array(1 + readRecordWrites).fill('TransactWriteItemsCommand'),
      );
      expect(transactions).toHaveLength(1);
      const [items] = transactions as [TransactItem[]];
      // The event in its chain, the chain's head moved onto it, and the event's views.
      const audit = items.filter((item) => item.Put?.TableName === api.tableNames.audit).map((item) => item.Put!.Item!);
      const events = audit.filter((item) => String(item.pk).startsWith('CHAIN#'));
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ action: name, entity: row.entity() });
      expect(audit.filter((item) => item.pk === 'CHAINS')).toEqual([
        expect.objectContaining({ sk: row.entity(), sequence: events[0]!.sequence, hash: events[0]!.hash }),
      ]);
      expect(audit.filter((item) => String(item.pk).startsWith('VIEW#')).length).toBeGreaterThan(0);
      // The change travels in the same transaction: at least one write (not a condition check) on another table.
      const changes = items
        .flatMap((item) => [item.Put, item.Update, item.Delete])
        .filter((part) => part && part.TableName !== api.tableNames.audit);
      expect(changes.length).toBeGreaterThan(0);

      const after = await everything();
      expect(
        after
          .audit!.filter((item) => !before.audit!.includes(item))
          .map((item) => JSON.parse(item) as Record<string, unknown>)
          .filter((item) => String(item.pk).startsWith('CHAIN#')),
      ).toEqual([expect.objectContaining({ action: name, entity: row.entity() })]);
      const { audit: _auditAfter, ...changedAfter } = after;
      const { audit: _auditBefore, ...changedBefore } = before;
      expect(changedAfter).not.toEqual(changedBefore);
    });
  }

  it('joinJpa that changes nothing (the country takes part already) writes nothing and records no event', async () => {
    const before = await everything();
    reset();
    const response = await api.call(au, doc.JoinJpaDocument, { input: { number: 9 } });
    expect(response.errors).toBeUndefined();
    expect(counter.calls.filter((command) => writeCommands.includes(command))).toEqual([]);
    expect(await everything()).toEqual(before);
  });
});
