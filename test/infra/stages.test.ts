import { afterAll, describe, expect, it, vi } from 'vitest';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { missingProdSettings, stageConfig, stageEnvironment, stageFromContext, stages } from '../../infra/config.ts';
import { readSettings, type SettingsSource } from '../../infra/settings.ts';
import { addStageStacks } from '../../infra/stacks/stage-stacks.ts';
import { newApp, prodSettings, removeApps, skipBundling } from './stage-app.ts';

// Both stages in one app, as they would share one account; nothing here looks at the bundle.
const app = newApp(skipBundling);
const byStage = {
  dev: addStageStacks(app, stageConfig('dev')),
  prod: addStageStacks(app, stageConfig('prod', prodSettings)),
};
const stackNames = app.synth().stacks.map((stack) => stack.stackName);
afterAll(removeApps);

const source = (context: Record<string, string>, env: Record<string, string> = {}): SettingsSource => ({
  context: (key) => context[key],
  env,
});

describe('stages', () => {
  it('deploys dev when no stage is given', () => {
    expect(stageFromContext(undefined)).toBe('dev');
  });

  it('reads the stage from the context', () => {
    expect(stageFromContext('prod')).toBe('prod');
  });

  it('refuses a stage it does not know', () => {
    expect(() => stageFromContext('production')).toThrow(/unknown stage "production"/);
  });

  it('names every stack after its stage and concern, so stages can share an account', () => {
    expect(stackNames.sort()).toEqual(
      stages
        .flatMap((stage) =>
          ['Api', 'Archive', 'Auth', 'Data', 'Monitoring'].map((concern) => `BaliDisruption-${stage}-${concern}`),
        )
        .sort(),
    );
  });

  it('tags each stage with its name', () => {
    for (const stage of stages) {
      expect(byStage[stage].data.tags.tagValues()).toMatchObject({ stage, project: 'bali-disruption' });
    }
  });

  it('keeps the stages apart: each API reads the tables of its own stage', () => {
    const prodApi = JSON.stringify(Template.fromStack(byStage.prod.api).toJSON());
    expect(prodApi).toContain('BaliDisruption-prod-Data');
    expect(prodApi).not.toContain('BaliDisruption-dev-');
  });

  it('points dependencies one way: Api on Data and Auth, Monitoring on Api and Data', () => {
    const { data, auth, api, monitoring } = byStage.dev;
    expect(api.dependencies.sort()).toEqual([data, auth].sort());
    expect(monitoring.dependencies).toEqual(expect.arrayContaining([api, data]));
    expect(monitoring.dependencies).not.toContain(auth);
    expect([data.dependencies, auth.dependencies]).toEqual([[], []]);
  });

  it('protects prod stacks from deletion and lets dev stacks go', () => {
    expect(Object.values(byStage.prod).every((stack) => stack.terminationProtection)).toBe(true);
    expect(Object.values(byStage.dev).some((stack) => stack.terminationProtection)).toBe(false);
    expect(stageConfig('prod').removalPolicy).toBe(RemovalPolicy.RETAIN);
    expect(stageConfig('dev').removalPolicy).toBe(RemovalPolicy.DESTROY);
  });
});

describe('pinned environments', () => {
  const cli = { account: '999999999999', region: 'us-east-1' };
  const pinned = { account: '123456789012', region: 'ap-southeast-2' };

  it('puts a stage where its account and region say, whatever the CLI profile', () => {
    expect(stageEnvironment(stageConfig('prod', pinned), cli)).toEqual({ env: pinned });
    expect(stageEnvironment(stageConfig('dev', pinned), cli)).toEqual({ env: pinned });
  });

  it('refuses prod without both, naming what is missing and how to give it', () => {
    expect(() => stageEnvironment(stageConfig('prod'), cli)).toThrow(
      'prod needs its AWS account and region, and has no account and region: name them in infra/config.ts, or pass -c account=<12 digits> -c region=<region> (or set BALI_ACCOUNT and BALI_REGION)',
    );
    expect(() => stageEnvironment(stageConfig('prod', { account: pinned.account }), cli)).toThrow(/has no region:/);
    expect(() => stageEnvironment(stageConfig('prod', { region: pinned.region }), cli)).toThrow(/has no account:/);
  });

  it('lets dev fall back on the CLI profile, and says so', () => {
    expect(stageEnvironment(stageConfig('dev'), cli)).toEqual({
      env: cli,
      notice: expect.stringMatching(
        /^dev is not pinned: its stacks go to account 999999999999 in us-east-1, the CLI's/,
      ),
    });
    expect(stageEnvironment(stageConfig('dev', { region: pinned.region }), cli).env).toEqual({
      account: cli.account,
      region: pinned.region,
    });
  });

  it('leaves unpinned dev environment-agnostic offline, and says so', () => {
    expect(stageEnvironment(stageConfig('dev'), {})).toEqual({
      notice: expect.stringMatching(/^dev is not pinned and the CLI knows no account and region/),
    });
  });

  it('reads account and region from the context or BALI_ACCOUNT and BALI_REGION', () => {
    expect(readSettings(source({ account: '123456789012', region: 'ap-southeast-2' }))).toEqual(pinned);
    expect(readSettings(source({}, { BALI_ACCOUNT: '123456789012', BALI_REGION: 'ap-southeast-2' }))).toEqual(pinned);
  });

  it('refuses an account or region that is not one', () => {
    expect(() => readSettings(source({ account: '12345' }))).toThrow(
      'setting account (context -c account=... or BALI_ACCOUNT): "12345" is not a 12-digit AWS account id',
    );
    expect(() => readSettings(source({ region: 'Sydney' }))).toThrow(
      'setting region (context -c region=... or BALI_REGION): "Sydney" is not an AWS region such as ap-southeast-2',
    );
    for (const region of ['us-gov-west-1', 'cn-north-1', 'eu-central-2'])
      expect(readSettings(source({ region }))).toEqual({ region });
  });
});

describe('SES sender settings', () => {
  const identityArn = 'arn:aws:ses:ap-southeast-2:123456789012:identity/disruption.example.org';

  it('reads the From address and the identity together', () => {
    expect(
      readSettings(source({ sesFromAddress: 'no-reply@disruption.example.org', sesIdentityArn: identityArn })),
    ).toEqual({
      sesSender: { fromAddress: 'no-reply@disruption.example.org', identityArn },
    });
  });

  it('accepts an address in a subdomain of the identity, or the address identity itself', () => {
    expect(
      readSettings(source({ sesFromAddress: 'wg@mail.disruption.example.org', sesIdentityArn: identityArn })).sesSender,
    ).toBeDefined();
    const addressArn = 'arn:aws:ses:ap-southeast-2:123456789012:identity/wg@example.org';
    expect(
      readSettings(source({ sesFromAddress: 'WG@example.org', sesIdentityArn: addressArn })).sesSender,
    ).toBeDefined();
  });

  it('refuses one without the other', () => {
    expect(() => readSettings(source({ sesFromAddress: 'no-reply@disruption.example.org' }))).toThrow(
      'setting sesIdentityArn (context -c sesIdentityArn=... or BALI_SES_IDENTITY_ARN): is needed with sesFromAddress',
    );
    expect(() => readSettings(source({ sesIdentityArn: identityArn }))).toThrow(
      /setting sesFromAddress .*is needed with sesIdentityArn/,
    );
  });

  it('refuses an address the identity does not cover, or an ARN that is not an SES identity', () => {
    expect(() => readSettings(source({ sesFromAddress: 'no-reply@example.com', sesIdentityArn: identityArn }))).toThrow(
      /"no-reply@example.com" is not covered by the SES identity disruption.example.org/,
    );
    expect(() =>
      readSettings(source({ sesFromAddress: 'no-reply@evil-disruption.example.org', sesIdentityArn: identityArn })),
    ).toThrow(/is not covered/);
    expect(() =>
      readSettings(source({ sesFromAddress: 'no-reply@disruption.example.org', sesIdentityArn: 'arn:aws:sns:x' })),
    ).toThrow(/setting sesIdentityArn .*is not an SES identity ARN/);
    expect(() => readSettings(source({ sesFromAddress: 'nobody', sesIdentityArn: identityArn }))).toThrow(
      /setting sesFromAddress .*"nobody" is not an e-mail address/,
    );
  });
});

describe('deployment settings', () => {
  it('reads every setting from the context', () => {
    const settings = readSettings(
      source({
        alarmEmail: 'ops@example.org',
        allowedOrigins: 'https://a.example.org, https://b.example.org',
        callbackUrls: 'https://a.example.org/callback',
        logRetentionDays: '90',
        throttleRateLimit: '5',
        throttleBurstLimit: '8',
        authDomainPrefix: 'wg-disruption',
        graphqlExecution: 'graphql-js',
      }),
    );
    expect(settings).toEqual({
      alarmEmail: 'ops@example.org',
      allowedOrigins: ['https://a.example.org', 'https://b.example.org'],
      callbackUrls: ['https://a.example.org/callback'],
      logRetention: RetentionDays.THREE_MONTHS,
      throttleRateLimit: 5,
      throttleBurstLimit: 8,
      authDomainPrefix: 'wg-disruption',
      graphqlExecution: 'graphql-js',
    });
  });

  it('falls back to BALI_ environment variables, the context winning where both are given', () => {
    const settings = readSettings(
      source(
        { alarmEmail: 'context@example.org' },
        { BALI_ALARM_EMAIL: 'env@example.org', BALI_ALLOWED_ORIGINS: 'https://env.example.org' },
      ),
    );
    expect(settings).toEqual({ alarmEmail: 'context@example.org', allowedOrigins: ['https://env.example.org'] });
  });

  it('refuses malformed values, naming the setting', () => {
    const cases: Record<string, string>[] = [
      { alarmEmail: 'not-an-address' },
      { allowedOrigins: '*' },
      { allowedOrigins: 'http://app.example.org' },
      { allowedOrigins: 'https://app.example.org/path' },
      { logRetentionDays: '45' },
      { throttleRateLimit: '-1' },
      { authDomainPrefix: 'my-aws-login' },
      { graphqlExecution: 'graphql' },
    ];
    for (const context of cases) {
      expect(() => readSettings(source(context))).toThrow(new RegExp(`setting ${Object.keys(context)[0]}`));
    }
  });

  it('applies settings over the stage defaults, deriving callback URLs from the origins', () => {
    const config = stageConfig(
      'prod',
      readSettings(source({ allowedOrigins: 'https://app.example.org', throttleBurstLimit: '300' })),
    );
    expect(config.allowedOrigins).toEqual(['https://app.example.org']);
    expect(config.callbackUrls).toEqual(['https://app.example.org/']);
    expect(config.throttle).toEqual({ rateLimit: 50, burstLimit: 300 });
    expect(config.logRetention).toBe(RetentionDays.ONE_YEAR);
    expect(config.execution).toBe('jit');
    expect(stageConfig('prod', readSettings(source({}, { BALI_GRAPHQL_EXECUTION: 'graphql-js' }))).execution).toBe(
      'graphql-js',
    );
  });

  it('runs only trusted documents in prod and any document in dev, whatever the settings', () => {
    expect(stageConfig('prod').documents).toBe('trusted');
    expect(stageConfig('prod', prodSettings).documents).toBe('trusted');
    expect(stageConfig('dev').documents).toBe('open');
  });

  it('hard-codes no prod alarm address or origin: without settings prod has none', () => {
    const config = stageConfig('prod');
    expect(config.alarmEmail).toBeUndefined();
    expect(config.allowedOrigins).toEqual([]);
    expect(missingProdSettings(config)).toEqual(['alarmEmail', 'allowedOrigins']);
    expect(missingProdSettings(stageConfig('prod', prodSettings))).toEqual([]);
    expect(missingProdSettings(stageConfig('dev'))).toEqual([]);
  });

  it('still synthesizes prod without them, warning on the stacks that lack them', () => {
    const bare = addStageStacks(newApp(skipBundling), stageConfig('prod'));
    // Synthesis also prints them, as `cdk synth` would; the assertions read them from the stacks.
    vi.spyOn(console, 'error').mockImplementation(() => {});
    Annotations.fromStack(bare.monitoring).hasWarning(
      '*',
      Match.stringLikeRegexp('prod has no alarmEmail.*BALI_ALARM_EMAIL'),
    );
    Annotations.fromStack(bare.api).hasWarning(
      '*',
      Match.stringLikeRegexp('prod has no allowedOrigins.*BALI_ALLOWED_ORIGINS'),
    );
    vi.restoreAllMocks();
  });
});
