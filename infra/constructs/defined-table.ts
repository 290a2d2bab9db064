import type { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { AnyPrincipal, Effect, PolicyDocument, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { indexList, type TableDefinition } from '../../functions/shared/data/tables.ts';

/**
 * What no principal may do on an append-only table: change or remove an item, one at a time,
 * in bulk (BatchWriteItem carries deletes) or through PartiQL.
 */
export const appendOnlyDeniedActions = [
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:PartiQLUpdate',
  'dynamodb:PartiQLDelete',
];

/** Properties of a {@link DefinedTable}. */
export interface DefinedTableProps {
  /** The keys, indexes and expiry of the table, as the repositories and local setup see them. */
  readonly definition: TableDefinition;
  /** The customer-managed key the table is encrypted under. */
  readonly encryptionKey: IKey;
  /** What happens to the table and its items when it leaves the stack. */
  readonly removalPolicy: RemovalPolicy;
  /** Whether DynamoDB refuses to delete the table. */
  readonly deletionProtection: boolean;
}

/**
 * A DynamoDB table built from its plain-data definition in `functions/shared/data/tables.ts`, so
 * key and index names exist in one place only. Keys are strings everywhere, as the definition
 * promises.
 *
 * The physical name is left to CloudFormation: stages can then share an account, and a change
 * that forces replacement does not collide with the old table's name.
 *
 * An append-only table (the audit trail) also carries a resource policy that denies every
 * principal, administrators included, any change or removal of an item: the function's role
 * already lacks those actions, and the table refuses them whoever asks. It also has a stream,
 * which the write-once archive (infra/stacks/archive-stack.ts) copies to S3 Object Lock: with both
 * images, so that an item overwritten by a Put (which the policy cannot refuse) or removed by TTL
 * shows in the archive as what it was and what it became, not only as its new state.
 */
export class DefinedTable extends Table {
  constructor(scope: Construct, id: string, props: DefinedTableProps) {
    const { definition } = props;
    super(scope, id, {
      partitionKey: { name: definition.partitionKey, type: AttributeType.STRING },
      sortKey: { name: definition.sortKey, type: AttributeType.STRING },
      // On demand: traffic is a working group's, small and bursty; nothing to size or scale.
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: props.encryptionKey,
      ...(definition.timeToLiveAttribute ? { timeToLiveAttribute: definition.timeToLiveAttribute } : {}),
      ...(definition.appendOnly
        ? { resourcePolicy: appendOnlyPolicy(), stream: StreamViewType.NEW_AND_OLD_IMAGES }
        : {}),
      removalPolicy: props.removalPolicy,
      deletionProtection: props.deletionProtection,
    });
    for (const index of indexList(definition)) {
      this.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      });
    }
  }
}

function appendOnlyPolicy(): PolicyDocument {
  return new PolicyDocument({
    statements: [
      new PolicyStatement({
        sid: 'AppendOnly',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: appendOnlyDeniedActions,
        // A table's own policy cannot name the table's ARN without a circular reference.
        resources: ['*'],
      }),
    ],
  });
}
