import { afterAll, describe, expect, it } from 'vitest';
import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { tableIds } from '../../functions/shared/data/tables.ts';
import { stageConfig } from '../../infra/config.ts';
import { monitoredOperations } from '../../infra/constructs/service-metrics.ts';
import { addStageStacks } from '../../infra/stacks/stage-stacks.ts';
import { newApp, prodSettings, removeApps, skipBundling } from './stage-app.ts';

const prod = addStageStacks(newApp(skipBundling), stageConfig('prod', prodSettings));
const dev = addStageStacks(newApp(skipBundling), stageConfig('dev'));
const template = Template.fromStack(prod.monitoring);
const devTemplate = Template.fromStack(dev.monitoring);
afterAll(removeApps);

const topicId = prod.monitoring.getLogicalId(prod.monitoring.alarmTopic.node.defaultChild as CfnElement);
const capitalised = (id: string) => `${id.charAt(0).toUpperCase()}${id.slice(1)}`;

function alarm(name: string): Record<string, unknown> {
  const found = Object.values(template.findResources('AWS::CloudWatch::Alarm')).find(
    (resource) => resource.Properties.AlarmName === `BaliDisruption-prod-${name}`,
  );
  if (!found) throw new Error(`no alarm ${name}`);
  return found.Properties as Record<string, unknown>;
}

describe('MonitoringStack', () => {
  it('has one alarm per watched signal, named after the stage', () => {
    const expected = [
      'LambdaErrors',
      'LambdaThrottles',
      'LambdaDurationP99',
      'Api5xx',
      'Api4xx',
      'ArchiveFailedBatches',
      'ArchiveErrors',
      'DigestErrors',
      ...tableIds.flatMap((id) => [`${capitalised(id)}Throttles`, `${capitalised(id)}SystemErrors`]),
    ];
    const names = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map(
      (a) => a.Properties.AlarmName as string,
    );
    expect(names.sort()).toEqual(expected.map((name) => `BaliDisruption-prod-${name}`).sort());
  });

  it('sends every alarm and its recovery to the topic, and treats no data as no trouble', () => {
    template.allResourcesProperties('AWS::CloudWatch::Alarm', {
      AlarmActions: [{ Ref: topicId }],
      OKActions: [{ Ref: topicId }],
      TreatMissingData: 'notBreaching',
      AlarmDescription: Match.stringLikeRegexp('.{20,}'),
    });
  });

  it('watches the function for errors, throttles and a slow p99', () => {
    expect(alarm('LambdaErrors')).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Errors', Threshold: 1 });
    expect(alarm('LambdaThrottles')).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Throttles', Threshold: 1 });
    expect(alarm('LambdaDurationP99')).toMatchObject({
      MetricName: 'Duration',
      ExtendedStatistic: 'p99',
      Threshold: 5000,
      EvaluationPeriods: 3,
    });
  });

  it('watches the API for 5xx and for a spike of 4xx', () => {
    expect(alarm('Api5xx')).toMatchObject({ Namespace: 'AWS/ApiGateway', MetricName: '5xx', Statistic: 'Sum' });
    expect(alarm('Api4xx')).toMatchObject({ Namespace: 'AWS/ApiGateway', MetricName: '4xx', Threshold: 50 });
  });

  it('watches every table for throttled requests and system errors, over every operation the function sends', () => {
    for (const [kind, metricName] of [
      ['Throttles', 'ThrottledRequests'],
      ['SystemErrors', 'SystemErrors'],
    ] as const) {
      const metrics = alarm(`Membership${kind}`).Metrics as {
        Id: string;
        Expression?: string;
        MetricStat?: { Metric: { MetricName: string; Dimensions: { Name: string; Value: unknown }[] } };
      }[];
      const operations = metrics.flatMap((m) => (m.MetricStat ? [m.MetricStat] : []));
      expect(operations.map((m) => m.Metric.MetricName)).toEqual(monitoredOperations.map(() => metricName));
      const dimensions = operations.map((m) => m.Metric.Dimensions.find((d) => d.Name === 'Operation')?.Value);
      expect(dimensions).toEqual([...monitoredOperations]);
    }
  });

  it('sums the table metrics with each missing one counted as 0, as DynamoDB publishes them only when something happens', () => {
    for (const name of ['MembershipThrottles', 'OperationsSystemErrors']) {
      const metrics = alarm(name).Metrics as { Id: string; Expression?: string; MetricStat?: unknown }[];
      const parts = metrics.filter((m) => m.MetricStat).map((m) => m.Id);
      expect(parts).toHaveLength(monitoredOperations.length);
      expect(metrics.find((m) => m.Expression)?.Expression).toBe(parts.map((id) => `FILL(${id}, 0)`).join(' + '));
    }
  });

  it('encrypts the topic under its own key, which CloudWatch may use, and requires TLS', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
          }),
        ]),
      },
    });
  });

  it('mails the configured address, and nobody when none is configured', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'alarms@example.org' });
    devTemplate.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('draws a dashboard with the alarms and the metrics they watch', () => {
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    const body = JSON.stringify(
      Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0]?.Properties.DashboardBody,
    );
    for (const text of [
      '"type\\":\\"alarm',
      'AWS/Lambda',
      'Duration',
      'AWS/ApiGateway',
      '5xx',
      '4xx',
      'ThrottledRequests',
      'SystemErrors',
    ]) {
      expect(body).toContain(text);
    }
    template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'BaliDisruption-prod' });
  });

  it('depends on what it watches, and nothing depends on it', () => {
    expect(prod.monitoring.dependencies).toEqual(expect.arrayContaining([prod.api, prod.data]));
    for (const stack of [prod.data, prod.auth, prod.api]) expect(stack.dependencies).not.toContain(prod.monitoring);
  });
});
