import {
  CloudFormationClient,
  CloudFormationServiceException,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tableIds } from '../../functions/shared/data/tables.ts';
import { parseKeyRing, type KeyRing } from '../../functions/shared/runtime/cursor-key-ring.ts';
import { runOps } from '../../infra/ops/cli.ts';
import { rotateCursorKey } from '../../infra/ops/cursor-key.ts';
import { cursorKeyOutputName, stageStackNames, tableOutputNames } from '../../infra/stack-names.ts';
import { opsClients } from '../support/ops-clients.ts';

const cloudFormation = new CloudFormationClient({ region: 'local' });
const secretsManager = new SecretsManagerClient({ region: 'local' });
const cfnMock = mockClient(cloudFormation);
const secretsMock = mockClient(secretsManager);
// rotate-cursor-key touches only CloudFormation and Secrets Manager.
const clients = opsClients({ cloudFormation, secretsManager });
const names = stageStackNames('BaliDisruption-prod');
const secretArn = 'arn:aws:secretsmanager:ap-southeast-2:111122223333:secret:CursorKey-abc123';
const now = new Date('2026-05-01T09:00:00.000Z');
const firstDeployment = 'Ab3dEf6hIj9lMn2pQr5tUv8xYz1bCd4fGh7jKl0nOp3rSt6vWx9zAb2dEf5hIj8l';
let log: string[];

const run = (...argv: string[]) => runOps(argv, clients, (line) => log.push(line));

function stack(name: string, outputs: Record<string, string>) {
  cfnMock.on(DescribeStacksCommand, { StackName: name }).resolves({
    Stacks: [
      {
        StackName: name,
        StackStatus: 'CREATE_COMPLETE',
        CreationTime: now,
        Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
      },
    ],
  });
}

/** The secret as it stands: its value is whatever was last put, the first deployment's key before. */
function secretHolds(text: string) {
  secretsMock.on(GetSecretValueCommand, { SecretId: secretArn }).resolves({ SecretString: text });
}

/** The rings written, in order. */
function written(): KeyRing[] {
  return secretsMock.commandCalls(PutSecretValueCommand).map((call) => {
    expect(call.args[0].input.SecretId).toBe(secretArn);
    return parseKeyRing(call.args[0].input.SecretString ?? '');
  });
}

beforeEach(() => {
  log = [];
  cfnMock.reset();
  secretsMock.reset();
  cfnMock.on(DescribeStacksCommand).rejects(
    new CloudFormationServiceException({
      name: 'ValidationError',
      message: 'Stack with id X does not exist',
      $fault: 'client',
      $metadata: {},
    }),
  );
  stack(names.auth, { UserPoolId: 'pool-prod' });
  stack(names.data, Object.fromEntries(tableIds.map((id) => [tableOutputNames[id], `table-${id}`])));
  stack(names.api, { [cursorKeyOutputName]: secretArn });
  secretHolds(firstDeployment);
  secretsMock.on(PutSecretValueCommand).resolves({ ARN: secretArn, VersionId: 'v2' });
  // Only Date: the command takes "now" from it; nothing here waits.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(now);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('npm run ops -- rotate-cursor-key', () => {
  it('makes a new random key current and keeps the first deployment’s key as previous for 24 hours', async () => {
    await run('rotate-cursor-key', '--stage', 'prod');
    const [ring] = written();
    expect(ring).toEqual({
      current: { id: 'k1', key: expect.stringMatching(/^[0-9a-f]{64}$/) },
      previous: { id: 'k0', key: firstDeployment, retiresAt: '2026-05-02T09:00:00.000Z' },
    });
    expect(log).toEqual([
      'prod: cursor key k1 is current: new containers sign with it now, every warm container by 2026-05-01T09:05:00.000Z (the function reads the key ring every 5 minutes)',
      'prod: cursors signed with k0 are accepted until 2026-05-02T09:00:00.000Z, then refused as invalid cursors',
    ]);
    expect(log.join('\n')).not.toContain(ring?.current.key);
  });

  it('rotates a ring: the current key becomes previous, the old previous goes, and each new key differs', async () => {
    await run('rotate-cursor-key', '--stage', 'prod');
    const [first] = written();
    secretHolds(JSON.stringify(first));
    vi.setSystemTime(new Date('2026-05-03T09:00:00.000Z'));
    await run('rotate-cursor-key', '--stage', 'prod', '--grace-hours', '2');
    const [, second] = written();
    expect(second).toEqual({
      current: { id: 'k2', key: expect.stringMatching(/^[0-9a-f]{64}$/) },
      previous: { id: 'k1', key: first?.current.key, retiresAt: '2026-05-03T11:00:00.000Z' },
    });
    expect(second?.current.key).not.toBe(first?.current.key);
  });

  it('says so when the rotation cuts short the grace of a key replaced earlier', async () => {
    await run('rotate-cursor-key', '--stage', 'prod');
    secretHolds(JSON.stringify(written()[0]));
    log = [];
    vi.setSystemTime(new Date('2026-05-01T10:00:00.000Z'));
    await run('rotate-cursor-key', '--stage', 'prod');
    expect(log.at(-1)).toBe(
      'prod: k0 was in its grace until 2026-05-02T09:00:00.000Z: cursors signed with it are refused from now on',
    );
  });

  it('with --grace-hours 0 keeps no previous key: cursors signed before are refused', async () => {
    await run('rotate-cursor-key', '--stage', 'prod', '--grace-hours', '0');
    expect(written()).toEqual([{ current: { id: 'k1', key: expect.stringMatching(/^[0-9a-f]{64}$/) } }]);
    expect(log[1]).toBe(
      'prod: no grace: cursors signed before are refused by new containers now, and by every container by 2026-05-01T09:05:00.000Z',
    );
  });

  it.each(['-1', '1.5', 'one', '', '169', '1e2'])(
    'refuses --grace-hours %j before touching the secret',
    async (hours) => {
      await expect(run('rotate-cursor-key', '--stage', 'prod', `--grace-hours=${hours}`)).rejects.toThrow(
        `--grace-hours must be a whole number from 0 to 168, not ${JSON.stringify(hours)}`,
      );
      expect(secretsMock.calls()).toHaveLength(0);
    },
  );

  it('accepts the longest grace, a week', async () => {
    await run('rotate-cursor-key', '--stage', 'prod', '--grace-hours', '168');
    expect(written()[0]?.previous?.retiresAt).toBe('2026-05-08T09:00:00.000Z');
  });

  it('writes nothing when the secret holds no key ring, naming what is wrong', async () => {
    secretHolds('{"current":{"id":"k1"}}');
    await expect(run('rotate-cursor-key', '--stage', 'prod')).rejects.toThrow(
      'the cursor secret is not a key ring: current.key is missing',
    );
    expect(secretsMock.commandCalls(PutSecretValueCommand)).toHaveLength(0);
  });

  it('names the missing output when the Api stack does not publish the secret', async () => {
    stack(names.api, { GraphqlUrl: 'https://api.example/graphql' });
    await expect(run('rotate-cursor-key', '--stage', 'prod')).rejects.toThrow(
      'stack BaliDisruption-prod-Api has no output CursorKeySecretArn: is the stage deployed?',
    );
    expect(secretsMock.calls()).toHaveLength(0);
  });
});

describe('rotateCursorKey', () => {
  it('counts the grace from the instant it is given', async () => {
    const rotation = await rotateCursorKey(secretsManager, secretArn, {
      graceHours: 36,
      now: new Date('2026-07-01T00:00:00.000Z'),
    });
    expect(rotation).toEqual({
      current: 'k1',
      previous: { id: 'k0', retiresAt: '2026-07-02T12:00:00.000Z' },
      everyContainerBy: '2026-07-01T00:05:00.000Z',
    });
    expect(written()[0]?.previous?.retiresAt).toBe('2026-07-02T12:00:00.000Z');
  });
});
