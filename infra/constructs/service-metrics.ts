import { Duration } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { MathExpression, Metric, Stats } from 'aws-cdk-lib/aws-cloudwatch';
import { Operation, type ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { tableIds, type TableId } from '../../functions/shared/data/tables.ts';

/** Every alarm and graph looks at five-minute periods: long enough to smooth, short enough to page. */
export const metricPeriod = Duration.minutes(5);

/**
 * The DynamoDB operations the function sends. DynamoDB reports throttles and system errors per
 * operation; these are the ones to add up.
 */
export const monitoredOperations = [
  Operation.GET_ITEM,
  Operation.BATCH_GET_ITEM,
  Operation.QUERY,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.TRANSACT_WRITE_ITEMS,
  Operation.EXECUTE_STATEMENT,
];

/** What the service is watched by: the same metrics feed the alarms and the dashboard. */
export interface ServiceMetrics {
  readonly lambdaInvocations: Metric;
  readonly lambdaErrors: Metric;
  readonly lambdaThrottles: Metric;
  readonly lambdaDurationP50: Metric;
  readonly lambdaDurationP99: Metric;
  readonly apiRequests: Metric;
  readonly api4xx: Metric;
  readonly api5xx: Metric;
  readonly apiLatencyP99: Metric;
  /** Per table, the sum over {@link monitoredOperations}. */
  readonly tableThrottles: Readonly<Record<TableId, MathExpression>>;
  readonly tableSystemErrors: Readonly<Record<TableId, MathExpression>>;
}

/** What is watched. */
export interface MonitoredResources {
  readonly graphqlFunction: IFunction;
  readonly httpApi: IHttpApi;
  readonly tables: Readonly<Record<TableId, ITable>>;
}

/** Builds the metrics of the function, the API and each table. */
export function serviceMetrics({ graphqlFunction, httpApi, tables }: MonitoredResources): ServiceMetrics {
  const sum = { period: metricPeriod, statistic: Stats.SUM };
  const perTable = (metricName: string) =>
    Object.fromEntries(tableIds.map((id) => [id, sumOverOperations(tables[id], id, metricName)])) as Record<
      TableId,
      MathExpression
    >;
  return {
    lambdaInvocations: graphqlFunction.metricInvocations(sum),
    lambdaErrors: graphqlFunction.metricErrors(sum),
    lambdaThrottles: graphqlFunction.metricThrottles(sum),
    lambdaDurationP50: graphqlFunction.metricDuration({ period: metricPeriod, statistic: Stats.p(50) }),
    lambdaDurationP99: graphqlFunction.metricDuration({ period: metricPeriod, statistic: Stats.p(99) }),
    apiRequests: httpApi.metricCount(sum),
    api4xx: httpApi.metricClientError(sum),
    api5xx: httpApi.metricServerError(sum),
    apiLatencyP99: httpApi.metricLatency({ period: metricPeriod, statistic: Stats.p(99) }),
    tableThrottles: perTable('ThrottledRequests'),
    tableSystemErrors: perTable('SystemErrors'),
  };
}

/**
 * One table's metric summed over the operations. CDK's `metric...ForOperations` does the same,
 * but names its parts by operation only, so two tables cannot share a graph; here each part's
 * id carries the table. DynamoDB publishes these metrics only when something happens, and a sum
 * with a part that has no data point has none either, so each part counts as 0 when it is
 * missing (`FILL`): one operation's throttles still sum and alarm while the others are quiet.
 */
function sumOverOperations(table: ITable, tableId: TableId, metricName: string): MathExpression {
  const usingMetrics = Object.fromEntries(
    monitoredOperations.map((operation) => [
      `${tableId.toLowerCase()}_${operation.toLowerCase()}`,
      new Metric({
        namespace: 'AWS/DynamoDB',
        metricName,
        dimensionsMap: { TableName: table.tableName, Operation: operation },
        statistic: Stats.SUM,
        period: metricPeriod,
      }),
    ]),
  );
  return new MathExpression({
    expression: Object.keys(usingMetrics)
      .map((id) => `FILL(${id}, 0)`)
      .join(' + '),
    usingMetrics,
    label: `${metricName} (${tableId})`,
    period: metricPeriod,
  });
}
