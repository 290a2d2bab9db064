import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import type { TableId } from '../../functions/shared/data/tables.ts';
import type { StageConfig } from '../config.ts';
import { ArchiveAlarms, type ArchiveWatched } from '../constructs/archive-alarms.ts';
import { graphqlFunctionTimeout } from '../constructs/graphql-function.ts';
import { ServiceAlarms } from '../constructs/service-alarms.ts';
import { ServiceDashboard } from '../constructs/service-dashboard.ts';
import { serviceMetrics } from '../constructs/service-metrics.ts';

/** Properties of the {@link MonitoringStack}: what it watches, from the Data and Api stacks. */
export interface MonitoringStackProps extends StackProps {
  readonly config: StageConfig;
  readonly graphqlFunction: IFunction;
  readonly httpApi: IHttpApi;
  readonly tables: Readonly<Record<TableId, ITable>>;
  /** The archive's functions and on-failure queue, from the Archive stack. */
  readonly archive: ArchiveWatched;
}

/**
 * Alarms on the function, the API, the tables and the write-once archive, sent to one SNS topic (and the configured
 * e-mail address), and a dashboard of the same metrics. Nothing depends on this stack, so it
 * can change without touching what it watches.
 */
export class MonitoringStack extends Stack {
  /** Where every alarm and recovery is published; subscribe more receivers here. */
  readonly alarmTopic: Topic;
  /** The alarms on the function, the API and the tables. */
  readonly alarms: ServiceAlarms;
  /** The alarms on the archive: failed batches, the archiving and digest functions. */
  readonly archiveAlarms: ArchiveAlarms;

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id, props);
    const { config } = props;

    // A key of our own: the AWS-managed SNS key does not let CloudWatch publish to the topic.
    const topicKey = new Key(this, 'AlarmTopicKey', {
      description: `Encrypts the alarm topic of the Bali Process disruption API (${config.stage})`,
      enableKeyRotation: true,
      // Nothing is stored under this key for long: it may go with the stack.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    topicKey.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        // As AWS documents it for CloudWatch alarms publishing to an encrypted topic.
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.alarmTopic = new Topic(this, 'AlarmTopic', {
      topicName: `${config.stackPrefix}-alarms`,
      displayName: `Bali Process disruption API alarms (${config.stage})`,
      masterKey: topicKey,
      enforceSSL: true,
    });
    // The topic policy that enforces TLS replaces SNS's default one, so CloudWatch is let in by name.
    this.alarmTopic.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.alarmTopic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    if (config.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(config.alarmEmail));

    const metrics = serviceMetrics(props);
    this.alarms = new ServiceAlarms(this, 'Alarms', {
      metrics,
      topic: this.alarmTopic,
      namePrefix: config.stackPrefix,
      functionTimeout: graphqlFunctionTimeout,
    });
    this.archiveAlarms = new ArchiveAlarms(this, 'ArchiveAlarms', {
      ...props.archive,
      topic: this.alarmTopic,
      namePrefix: config.stackPrefix,
    });
    new ServiceDashboard(this, 'Dashboard', {
      dashboardName: config.stackPrefix,
      metrics,
      alarms: [...this.alarms.alarms, ...this.archiveAlarms.alarms],
    });

    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.alarmTopic.topicArn,
      description: 'Subscribe alarm receivers here',
    });
    new CfnOutput(this, 'DashboardUrl', {
      value: `https://console.aws.amazon.com/cloudwatch/home?region=${this.region}#dashboards:name=${config.stackPrefix}`,
      description: 'The CloudWatch dashboard of this stage',
    });
  }
}
