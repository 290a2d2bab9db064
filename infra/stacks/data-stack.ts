import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { tableIds, tables, type TableId } from '../../functions/shared/data/tables.ts';
import type { StageConfig } from '../config.ts';
import { DefinedTable } from '../constructs/defined-table.ts';
import { tableConstructId, tableOutputName } from '../stack-names.ts';

/** Properties of the {@link DataStack}. */
export interface DataStackProps extends StackProps {
  readonly config: StageConfig;
}

/**
 * Every DynamoDB table of the backend, one per entry of `tables`, and the key they are
 * encrypted under. The data lives in a stack of its own so that the API can be torn down and
 * rebuilt without touching it.
 *
 * One customer-managed key for all tables (about 1 USD a month): its use is in CloudTrail with
 * the role that asked (DynamoDB caches each table's data key, so not every read is a KMS call),
 * the key policy decides who may read the data at all, and disabling the key locks every copy
 * of it, PITR backups included.
 */
export class DataStack extends Stack {
  /** The tables, by the id the function code uses for them. */
  readonly tables: Readonly<Record<TableId, DefinedTable>>;
  /** The key every table is encrypted under; readers and writers need it too. */
  readonly dataKey: Key;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.dataKey = new Key(this, 'DataKey', {
      alias: `alias/bali-disruption-${config.stage}-data`,
      description: `Encrypts the Bali Process disruption API tables (${config.stage})`,
      // AWS rotates the key material yearly; nobody has to.
      enableKeyRotation: true,
      removalPolicy: config.removalPolicy,
      // A retained key is never scheduled for deletion; a disposable one goes as soon as KMS allows.
      pendingWindow: Duration.days(config.removalPolicy === RemovalPolicy.RETAIN ? 30 : 7),
    });
    const entries = tableIds.map((tableId) => {
      const table = new DefinedTable(this, tableConstructId(tableId), {
        definition: tables[tableId],
        encryptionKey: this.dataKey,
        removalPolicy: config.removalPolicy,
        deletionProtection: config.deletionProtection,
      });
      // Operations scripts (infra/ops) find the physical names here.
      new CfnOutput(this, tableOutputName(tableId), {
        value: table.tableName,
        description: `Physical name of the ${tableId} table (${tables[tableId].envVar})`,
      });
      return [tableId, table] as const;
    });
    this.tables = Object.fromEntries(entries) as Record<TableId, DefinedTable>;
  }
}
