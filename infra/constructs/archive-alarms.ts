import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** What the archive alarms watch, from the Archive stack. */
export interface ArchiveWatched {
  readonly archiveFunction: IFunction;
  readonly digestFunction: IFunction;
  readonly failedBatches: IQueue;
}

/** Properties of {@link ArchiveAlarms}. */
export interface ArchiveAlarmsProps extends ArchiveWatched {
  readonly topic: ITopic;
  /** Prefix of every alarm's name, so the stage shows in the notification. */
  readonly namePrefix: string;
}

/**
 * The alarms of the write-once archive, as `ServiceAlarms` makes the service's: sent to the topic
 * when they fire and when they recover, no data is no trouble.
 */
export class ArchiveAlarms extends Construct {
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: ArchiveAlarmsProps) {
    super(scope, id);
    const period = Duration.minutes(5);
    const specs: Record<string, { metric: IMetric; description: string }> = {
      // A message here is a batch of the trail that is not in the archive: act within 12 hours.
      ArchiveFailedBatches: {
        metric: props.failedBatches.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
        description:
          'A stream batch of the audit trail or the read records could not be archived and its retries are spent. ' +
          'The stream keeps it for 24 hours from its write: see docs/operations.md, "Write-once archive".',
      },
      ArchiveErrors: {
        metric: props.archiveFunction.metricErrors({ period }),
        description:
          'The archiving function failed on a stream batch (Lambda retries it). Look in its log group for "batch not archived".',
      },
      DigestErrors: {
        metric: props.digestFunction.metricErrors({ period }),
        description:
          'The daily audit digest failed (Lambda retries twice). Look in the digest function log group; no digest today ' +
          'means no signed head for the day.',
      },
    };
    const action = new SnsAction(props.topic);
    for (const [name, spec] of Object.entries(specs)) {
      const alarm = new Alarm(this, name, {
        alarmName: `${props.namePrefix}-${name}`,
        alarmDescription: spec.description,
        metric: spec.metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      this.alarms.push(alarm);
    }
  }
}
