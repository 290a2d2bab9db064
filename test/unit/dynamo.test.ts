import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  batchGetAcrossTables,
  createDocumentClient,
  transactItem,
  transactWrite,
} from '../../functions/shared/data/dynamo.ts';
import type { TransactionGuard } from '../../functions/shared/data/transaction-guard.ts';
import { ConflictError, ForbiddenError } from '../../functions/shared/domain/errors.ts';

/** Error paths DynamoDB Local cannot be made to produce on demand. */
const documentClient = createDocumentClient({ endpoint: 'http://127.0.0.1:1' });
const dynamo = mockClient(DynamoDBDocumentClient);

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes.join(', ')}]`,
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

const put = transactItem({ Put: { TableName: 't', Item: { pk: 'a', sk: 'b' } } });

beforeEach(() => dynamo.reset());

describe('transactWrite', () => {
  it('turns a failed condition into a ConflictError carrying the cancellation as its cause', async () => {
    const error = cancelled('None', 'ConditionalCheckFailed');
    dynamo.on(TransactWriteCommand).rejects(error);
    const thrown = await transactWrite(documentClient, [put, put], 'stale').catch((caught: unknown) => caught);
    expect(thrown).toBeInstanceOf(ConflictError);
    expect((thrown as ConflictError).message).toBe('stale');
    expect((thrown as ConflictError).cause).toBe(error);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('tries again when another transaction held an item, and succeeds when it lets go', async () => {
    dynamo.on(TransactWriteCommand).rejectsOnce(cancelled('TransactionConflict', 'None')).resolves({});
    await transactWrite(documentClient, [put, put], 'stale');
    const calls = dynamo.commandCalls(TransactWriteCommand);
    expect(calls).toHaveLength(2);
    // Each attempt is its own idempotent request.
    expect(calls[0]?.args[0].input.ClientRequestToken).not.toBe(calls[1]?.args[0].input.ClientRequestToken);
  });

  it('gives up after three conflicting attempts with a ConflictError (a lost race)', async () => {
    dynamo.on(TransactWriteCommand).rejects(cancelled('TransactionConflict'));
    await expect(transactWrite(documentClient, [put], 'busy')).rejects.toBeInstanceOf(ConflictError);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(3);
  });

  it('tries a throttled transaction again, and rethrows (not a conflict) when throttling lasts', async () => {
    dynamo.on(TransactWriteCommand).rejectsOnce(cancelled('ThrottlingError', 'None')).resolves({});
    await transactWrite(documentClient, [put, put], 'x');
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(2);
    dynamo.reset();
    const lasting = cancelled('ThrottlingError');
    dynamo.on(TransactWriteCommand).rejects(lasting);
    expect(await transactWrite(documentClient, [put], 'x').catch((caught: unknown) => caught)).toBe(lasting);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(3);
  });

  describe("a guard of the caller's power", () => {
    const check = transactItem({
      ConditionCheck: { TableName: 't', Key: { pk: 'g', sk: 'g' }, ConditionExpression: 'c' },
    });
    const power: TransactionGuard = { condition: check, refusal: { message: 'your role may not create jpa' } };
    const other: TransactionGuard = { condition: check };
    const failing = async (items: (typeof put | TransactionGuard)[], error: Error) => {
      dynamo.reset();
      dynamo.on(TransactWriteCommand).rejects(error);
      return transactWrite(documentClient, items, 'stale').catch((caught: unknown) => caught);
    };

    it('sends its condition among the items, in their order', async () => {
      dynamo.on(TransactWriteCommand).resolves({});
      await transactWrite(documentClient, [put, power, other], 'stale');
      expect(dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems).toEqual([put, check, check]);
    });

    it('answers its refusal (FORBIDDEN) when its condition failed, whatever else failed, with the cancellation as cause', async () => {
      const error = cancelled('ConditionalCheckFailed', 'ConditionalCheckFailed');
      const thrown = await failing([put, power], error);
      expect(thrown).toBeInstanceOf(ForbiddenError);
      expect(thrown).toMatchObject({ message: 'your role may not create jpa', cause: error });
      expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
    });

    it('leaves a failure of any other item, or of a guard without a refusal, a CONFLICT', async () => {
      expect(await failing([put, power], cancelled('ConditionalCheckFailed', 'None'))).toBeInstanceOf(ConflictError);
      expect(await failing([put, other], cancelled('None', 'ConditionalCheckFailed'))).toBeInstanceOf(ConflictError);
      expect(await failing([power, put], cancelled('None', 'ConditionalCheckFailed'))).toBeInstanceOf(ConflictError);
    });

    it('asks the item as it was, where the condition checks more than the power', async () => {
      const own: TransactionGuard = {
        condition: put,
        refusal: { message: 'your role may not update member', lost: (old) => old?.status?.S !== 'ACTIVE' },
      };
      const failedWith = (status: string) =>
        new TransactionCanceledException({
          message: 'Transaction cancelled',
          $metadata: {},
          CancellationReasons: [{ Code: 'ConditionalCheckFailed', Item: { status: { S: status } } }],
        });
      expect(await failing([own], failedWith('SUSPENDED'))).toMatchObject({
        name: 'ForbiddenError',
        message: 'your role may not update member',
      });
      expect(await failing([own], failedWith('ACTIVE'))).toMatchObject({ name: 'ConflictError', message: 'stale' });
    });

    it('is no refusal when another transaction only held an item', async () => {
      dynamo.reset();
      dynamo.on(TransactWriteCommand).rejectsOnce(cancelled('None', 'TransactionConflict')).resolves({});
      await transactWrite(documentClient, [put, power], 'stale');
      expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(2);
    });
  });

  it('neither retries nor calls a conflict a cancellation for invalid input', async () => {
    for (const reason of ['ValidationError', 'ItemCollectionSizeLimitExceeded']) {
      dynamo.reset();
      const error = cancelled(reason);
      dynamo.on(TransactWriteCommand).rejects(error);
      const thrown = await transactWrite(documentClient, [put], 'x').catch((caught: unknown) => caught);
      expect(thrown).toBe(error);
      expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
    }
  });
});

describe('batchGetAcrossTables', () => {
  it('reads keys of several tables in one call, asks again for what DynamoDB left unprocessed, and answers in key order', async () => {
    dynamo
      .on(BatchGetCommand)
      .resolvesOnce({
        Responses: { t: [{ pk: 'p', sk: '2', v: 2 }], u: [{ pk: 'q', sk: '1', v: 3 }] },
        UnprocessedKeys: { t: { Keys: [{ pk: 'p', sk: '1' }] } },
      })
      .resolves({ Responses: { t: [{ pk: 'p', sk: '1', v: 1 }] } });
    const items = await batchGetAcrossTables(documentClient, [
      { table: 't', pk: 'p', sk: '1' },
      { table: 'u', pk: 'q', sk: '1' },
      { table: 't', pk: 'p', sk: '2' },
      { table: 't', pk: 'p', sk: '3' },
    ]);
    expect(items).toEqual([
      { pk: 'p', sk: '1', v: 1 },
      { pk: 'q', sk: '1', v: 3 },
      { pk: 'p', sk: '2', v: 2 },
      undefined,
    ]);
    const calls = dynamo.commandCalls(BatchGetCommand);
    expect(calls).toHaveLength(2);
    expect(calls[0]?.args[0].input).toEqual({
      RequestItems: {
        t: {
          Keys: [
            { pk: 'p', sk: '1' },
            { pk: 'p', sk: '2' },
            { pk: 'p', sk: '3' },
          ],
          ConsistentRead: true,
        },
        u: { Keys: [{ pk: 'q', sk: '1' }], ConsistentRead: true },
      },
    });
    expect(calls[1]?.args[0].input).toEqual({
      RequestItems: { t: { Keys: [{ pk: 'p', sk: '1' }], ConsistentRead: true } },
    });
  });
});
