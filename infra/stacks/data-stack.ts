import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { tableIds, tables, type TableId } from '../../functions/shared/tables.ts';
import type { StageConfig } from '../config.ts';
import { DefinedTable } from '../constructs/defined-table.ts';

/** Properties of the {@link DataStack}. */
export interface DataStackProps extends StackProps {
  readonly config: StageConfig;
}

/**
 * Every DynamoDB table of the backend, one per entry of `tables`. The data lives in a stack of
 * its own so that the API can be torn down and rebuilt without touching it.
 */
export class DataStack extends Stack {
  /** The tables, by the id the function code uses for them. */
  readonly tables: Readonly<Record<TableId, DefinedTable>>;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { config } = props;
    const entries = tableIds.map((tableId) => {
      const table = new DefinedTable(this, constructId(tableId), {
        definition: tables[tableId],
        removalPolicy: config.removalPolicy,
        deletionProtection: config.deletionProtection,
      });
      return [tableId, table] as const;
    });
    this.tables = Object.fromEntries(entries) as Record<TableId, DefinedTable>;
  }
}

/** `membership` becomes `MembershipTable`, which reads well in logical ids and the console. */
function constructId(tableId: TableId): string {
  return `${tableId.charAt(0).toUpperCase()}${tableId.slice(1)}Table`;
}
