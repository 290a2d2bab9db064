import { DescribeStacksCommand, type CloudFormationClient, type Stack } from '@aws-sdk/client-cloudformation';
import { tableIds, type TableNames } from '../../functions/shared/data/tables.ts';
import {
  archiveOutputNames,
  cursorKeyOutputName,
  stageStackNames,
  tableOutputNames,
  userPoolOutputName,
} from '../stack-names.ts';

/** What the operations scripts need to know about a deployed stage. */
export interface StageResources {
  readonly userPoolId: string;
  readonly tableNames: TableNames;
}

/** Where a deployed stage's write-once archive is: its bucket, and the key that signs its digests. */
export interface ArchiveResources {
  readonly bucketName: string;
  /** The KMS key's ARN. */
  readonly signingKeyId: string;
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
 * Reads the user pool id (Auth stack) and the physical table names (Data stack) of a deployed
 * stage from CloudFormation, so nobody copies ids by hand. Fails naming the missing output when
 * a stack is not deployed (or is older than these outputs).
 */
export async function stageResources(
  cloudFormation: CloudFormationClient,
  stackPrefix: string,
): Promise<StageResources> {
  const names = stageStackNames(stackPrefix);
  const [auth, data] = await Promise.all([
    stackOutputs(cloudFormation, names.auth),
    stackOutputs(cloudFormation, names.data),
  ]);
  return {
    userPoolId: required(auth, names.auth, userPoolOutputName),
    tableNames: Object.fromEntries(
      tableIds.map((tableId) => [tableId, required(data, names.data, tableOutputNames[tableId])]),
    ) as TableNames,
  };
}

/**
 * Reads the archive's bucket and signing key (Archive stack) of a deployed stage, for
 * `verify-audit --archive`. Apart from {@link stageResources}, so the other commands neither need
 * the Archive stack nor the right to describe it.
 */
export async function archiveResources(
  cloudFormation: CloudFormationClient,
  stackPrefix: string,
): Promise<ArchiveResources> {
  const stack = stageStackNames(stackPrefix).archive;
  const outputs = await stackOutputs(cloudFormation, stack);
  return {
    bucketName: required(outputs, stack, archiveOutputNames.bucket),
    signingKeyId: required(outputs, stack, archiveOutputNames.signingKey),
  };
}

/** The ARN of the secret holding a deployed stage's cursor keys (Api stack), for `rotate-cursor-key`. */
export async function cursorKeySecretArn(cloudFormation: CloudFormationClient, stackPrefix: string): Promise<string> {
  const stack = stageStackNames(stackPrefix).api;
  return required(await stackOutputs(cloudFormation, stack), stack, cursorKeyOutputName);
}

function required(outputs: Record<string, string>, stack: string, output: string): string {
  const value = outputs[output];
  if (!value) throw new Error(`stack ${stack} has no output ${output}: is the stage deployed?`);
  return value;
}
