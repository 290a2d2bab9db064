import type { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { tableIds } from '../../functions/shared/data/tables.ts';
import type { ServiceMetrics } from './service-metrics.ts';

/** Properties of {@link ServiceAlarms}. */
export interface ServiceAlarmsProps {
  /** The metrics to watch. */
  readonly metrics: ServiceMetrics;
  /** Where alarms and recoveries are sent. */
  readonly topic: ITopic;
  /** Prefix of every alarm's name, so the stage shows in the notification. */
  readonly namePrefix: string;
  /** The function's timeout; the latency alarm fires at half of it. */
  readonly functionTimeout: Duration;
}

interface AlarmSpec {
  readonly metric: IMetric;
  readonly threshold: number;
  /** Consecutive five-minute periods over the threshold before the alarm fires. */
  readonly periods: number;
  /** What it means and where to look first; it travels with the notification. */
  readonly description: string;
}

/**
 * The alarms of the service, each sent to the topic when it fires and when it recovers.
 * No data is no trouble: a quiet night must not page anyone.
 */
export class ServiceAlarms extends Construct {
  /** Every alarm, for the dashboard. */
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: ServiceAlarmsProps) {
    super(scope, id);
    const { metrics } = props;
    const specs: Record<string, AlarmSpec> = {
      // Apollo answers resolver errors itself: a Lambda error is a crash, a timeout or a bad deploy.
      LambdaErrors: {
        metric: metrics.lambdaErrors,
        threshold: 1,
        periods: 1,
        description:
          'The GraphQL function failed (crash or timeout). Look in its log group for level ERROR and in X-Ray.',
      },
      LambdaThrottles: {
        metric: metrics.lambdaThrottles,
        threshold: 1,
        periods: 1,
        description:
          'Lambda refused invocations: the account concurrency limit was reached. Check other functions in the account.',
      },
      LambdaDurationP99: {
        metric: metrics.lambdaDurationP99,
        threshold: props.functionTimeout.toMilliseconds() / 2,
        periods: 3,
        description:
          'The slowest 1% of requests take over half the timeout for 15 minutes. Check X-Ray traces and DynamoDB latency.',
      },
      Api5xx: {
        metric: metrics.api5xx,
        threshold: 3,
        periods: 1,
        description:
          'API Gateway answered 5xx: the function failed or timed out. Check the access logs (integrationError) and the function logs.',
      },
      // 4xx is normal in ones and twos (expired tokens); this many means an attack or a broken client.
      Api4xx: {
        metric: metrics.api4xx,
        threshold: 50,
        periods: 1,
        description:
          'A spike of 4xx answers: bad tokens (401), throttling (429) or malformed requests. Check the access logs by status and sourceIp.',
      },
    };
    for (const id of tableIds) {
      const table = `${id.charAt(0).toUpperCase()}${id.slice(1)}`;
      specs[`${table}Throttles`] = {
        metric: metrics.tableThrottles[id],
        threshold: 1,
        periods: 1,
        description: `DynamoDB throttled requests on the ${id} table (the SDK retried them). Check for a hot key or a runaway client.`,
      };
      specs[`${table}SystemErrors`] = {
        metric: metrics.tableSystemErrors[id],
        threshold: 1,
        periods: 1,
        description: `DynamoDB answered 500 on the ${id} table. Check the AWS Health Dashboard for DynamoDB in this region.`,
      };
    }
    const action = new SnsAction(props.topic);
    for (const [name, spec] of Object.entries(specs)) {
      const alarm = new Alarm(this, name, {
        alarmName: `${props.namePrefix}-${name}`,
        alarmDescription: spec.description,
        metric: spec.metric,
        threshold: spec.threshold,
        evaluationPeriods: spec.periods,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      this.alarms.push(alarm);
    }
  }
}
