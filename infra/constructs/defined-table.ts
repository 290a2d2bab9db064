import type { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import type { TableDefinition } from '../../functions/shared/tables.ts';

/** Properties of a {@link DefinedTable}. */
export interface DefinedTableProps {
  /** The keys, indexes and expiry of the table, as the repositories and local setup see them. */
  readonly definition: TableDefinition;
  /** What happens to the table and its items when it leaves the stack. */
  readonly removalPolicy: RemovalPolicy;
  /** Whether DynamoDB refuses to delete the table. */
  readonly deletionProtection: boolean;
}

/**
 * A DynamoDB table built from its plain-data definition in `functions/shared/tables.ts`, so
 * key and index names exist in one place only. Keys are strings everywhere, as the definition
 * promises.
 *
 * The physical name is left to CloudFormation: stages can then share an account, and a change
 * that forces replacement does not collide with the old table's name.
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
      encryption: TableEncryption.AWS_MANAGED,
      ...(definition.timeToLiveAttribute ? { timeToLiveAttribute: definition.timeToLiveAttribute } : {}),
      removalPolicy: props.removalPolicy,
      deletionProtection: props.deletionProtection,
    });
    for (const index of definition.indexes) {
      this.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      });
    }
  }
}
