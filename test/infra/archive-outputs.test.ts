import {
  CloudFormationClient,
  CloudFormationServiceException,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { tableIds } from '../../functions/shared/data/tables.ts';
import { archiveResources, stageResources } from '../../infra/ops/stage-outputs.ts';
import { archiveOutputNames, stageStackNames, tableOutputNames } from '../../infra/stack-names.ts';

const cloudFormation = new CloudFormationClient({ region: 'local' });
const cfn = mockClient(cloudFormation);
const names = stageStackNames('BaliDisruption-prod');

function stack(name: string, outputs: Record<string, string>) {
  cfn.on(DescribeStacksCommand, { StackName: name }).resolves({
    Stacks: [
      {
        StackName: name,
        StackStatus: 'CREATE_COMPLETE',
        CreationTime: new Date(),
        Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
      },
    ],
  });
}

beforeEach(() => {
  cfn.reset();
  cfn.on(DescribeStacksCommand).rejects(
    new CloudFormationServiceException({
      name: 'ValidationError',
      message: 'Stack with id X does not exist',
      $fault: 'client',
      $metadata: {},
    }),
  );
  stack(names.auth, { UserPoolId: 'pool' });
  stack(names.data, Object.fromEntries(tableIds.map((id) => [tableOutputNames[id], `table-${id}`])));
});

describe('the archive in a stage’s outputs', () => {
  it('reads the bucket and the signing key from the Archive stack', async () => {
    stack(names.archive, {
      [archiveOutputNames.bucket]: 'archive-bucket',
      [archiveOutputNames.signingKey]: 'arn:aws:kms:ap-southeast-2:111122223333:key/digest',
    });
    expect(await archiveResources(cloudFormation, 'BaliDisruption-prod')).toEqual({
      bucketName: 'archive-bucket',
      signingKeyId: 'arn:aws:kms:ap-southeast-2:111122223333:key/digest',
    });
  });

  it('names the missing output when the Archive stack is not deployed', async () => {
    await expect(archiveResources(cloudFormation, 'BaliDisruption-prod')).rejects.toThrow(
      'stack BaliDisruption-prod-Archive has no output ArchiveBucketName: is the stage deployed?',
    );
  });

  it('is not needed by the other commands: the stage’s resources come without the Archive stack', async () => {
    const resources = await stageResources(cloudFormation, 'BaliDisruption-prod');
    expect(resources.userPoolId).toBe('pool');
    expect(cfn.commandCalls(DescribeStacksCommand).map((call) => call.args[0].input.StackName)).not.toContain(
      names.archive,
    );
  });
});
