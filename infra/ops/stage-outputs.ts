import { DescribeStacksCommand, type CloudFormationClient, type Stack } from '@aws-sdk/client-cloudformation';
import { tableIds, type TableNames } from '../../functions/shared/data/tables.ts';
import { archiveOutputNames, stageStackNames, tableOutputNames, userPoolOutputName } from '../stack-names.ts';

/** What the operations scripts need to know about a deployed stage. */
export interface StageResources {
  readonly userPoolId: string;
  readonly tableNames: TableNames;
  /** The write-once archive, when the stage's Archive stack is deployed. */
  readonly archive?: { readonly bucketName: string; readonly signingKeyId: string };
}

/** The outputs of one deployed stack, by name; none when the stack does not exist. */
export async function stackOutputs(
  cloudFormation: CloudFormationClient,
  stackName: string,
): Promise<Record<string, string>> {
  let stacks: Stack[] | undefined;
  try {
    ({ Stacks: stacks } = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName })));
  } catch (error) {
    // CloudFormation's answer for a stack that is not there is a ValidationError saying so.
    if (error instanceof Error && /does not exist/.test(error.message)) return {};
    throw error;
  }
  const outputs = stacks?.[0]?.Outputs ?? [];
  return Object.fromEntries(
    outputs.flatMap(({ OutputKey, OutputValue }) => (OutputKey && OutputValue ? [[OutputKey, OutputValue]] : [])),
  );
}

/**
 * Reads the user pool id (Auth stack), the physical table names (Data stack) and the archive's
 * bucket and signing key (Archive stack) of a deployed stage from CloudFormation, so nobody copies
 * ids by hand. Fails naming the missing output when the Auth or Data stack is not deployed (or is
 * older than these outputs); without the Archive stack's outputs, `archive` is absent and only
 * `verify-audit --archive` needs it.
 */
export async function stageResources(
  cloudFormation: CloudFormationClient,
  stackPrefix: string,
): Promise<StageResources> {
  const names = stageStackNames(stackPrefix);
  const [auth, data, archive] = await Promise.all([
    stackOutputs(cloudFormation, names.auth),
    stackOutputs(cloudFormation, names.data),
    stackOutputs(cloudFormation, names.archive),
  ]);
  const required = (outputs: Record<string, string>, stack: string, output: string): string => {
    const value = outputs[output];
    if (!value) throw new Error(`stack ${stack} has no output ${output}: is the stage deployed?`);
    return value;
  };
  const { [archiveOutputNames.bucket]: bucketName, [archiveOutputNames.signingKey]: signingKeyId } = archive;
  return {
    userPoolId: required(auth, names.auth, userPoolOutputName),
    tableNames: Object.fromEntries(
      tableIds.map((tableId) => [tableId, required(data, names.data, tableOutputNames[tableId])]),
    ) as TableNames,
    ...(bucketName && signingKeyId ? { archive: { bucketName, signingKeyId } } : {}),
  };
}
