import { AlarmStatusWidget, Dashboard, GraphWidget, type IAlarm, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { tableIds } from '../../functions/shared/data/tables.ts';
import type { ServiceMetrics } from './service-metrics.ts';

/** Properties of a {@link ServiceDashboard}. */
export interface ServiceDashboardProps {
  /** The dashboard's name in the console. */
  readonly dashboardName: string;
  /** The metrics the alarms watch. */
  readonly metrics: ServiceMetrics;
  /** The alarms, shown first with their state. */
  readonly alarms: readonly IAlarm[];
}

/**
 * One page with what the alarms watch, in the order to read it when one fires: alarm states,
 * then the function, the API, and the tables.
 */
export class ServiceDashboard extends Construct {
  /** The CloudWatch dashboard, named after the stage. */
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: ServiceDashboardProps) {
    super(scope, id);
    const { metrics } = props;
    // The stack's region: the pinned one when the stage names it, rather than AWS::Region.
    const { region } = Stack.of(this);
    const graph = (title: string, left: IMetric[], right: IMetric[] = []) =>
      new GraphWidget({ title, left, right, width: 12, height: 6, region });
    const perTable = (metricsById: ServiceMetrics['tableThrottles']) =>
      tableIds.map((tableId) => metricsById[tableId].with({ label: tableId }));

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      widgets: [
        [new AlarmStatusWidget({ title: 'Alarms', alarms: [...props.alarms], width: 24, height: 4 })],
        [
          graph('Function: invocations, errors, throttles', [
            metrics.lambdaInvocations.with({ label: 'invocations' }),
            metrics.lambdaErrors.with({ label: 'errors' }),
            metrics.lambdaThrottles.with({ label: 'throttles' }),
          ]),
          graph('Function: duration (ms)', [
            metrics.lambdaDurationP50.with({ label: 'p50' }),
            metrics.lambdaDurationP99.with({ label: 'p99' }),
          ]),
        ],
        [
          graph('API: requests, 4xx, 5xx', [
            metrics.apiRequests.with({ label: 'requests' }),
            metrics.api4xx.with({ label: '4xx' }),
            metrics.api5xx.with({ label: '5xx' }),
          ]),
          graph('API: latency p99 (ms)', [metrics.apiLatencyP99.with({ label: 'p99' })]),
        ],
        [
          graph('DynamoDB: throttled requests', perTable(metrics.tableThrottles)),
          graph('DynamoDB: system errors', perTable(metrics.tableSystemErrors)),
        ],
      ],
    });
  }
}
