/**
 * Per-environment configuration (cdk/environments.ts) selected with `-c env=dev|prod`: the
 * settings it stands for, overrides and mistakes named; and the prod stack it synthesises
 * (bundling off): the environment's account and region, custom domains with their ACM
 * certificates on the API and the CloudFront site, a weekly AWS Backup plan of every table, keys
 * and data retained, and cdk-nag still clean.
 */
import { App } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENVIRONMENTS } from '../../cdk/environments.ts';
import { readStackConfig } from '../../cdk/stack-config.ts';
import { logicalIdOf, synthStack, type SynthResult } from './synth-stack.ts';

const read = (context: Record<string, unknown>) => readStackConfig(new App({ context }).node);
const prodEnv = ENVIRONMENTS.prod;

describe('choosing an environment', () => {
  it('-c env=prod gives every setting of the prod entry', () => {
    const config = read({ env: 'prod' });

    expect(config).toMatchObject({
      env: 'prod',
      stage: 'prod',
      prod: true,
      account: prodEnv.account,
      region: prodEnv.region,
      apiDomainName: prodEnv.apiDomain?.domainName,
      apiCertificateArn: prodEnv.apiDomain?.certificateArn,
      siteDomainName: prodEnv.siteDomain?.domainName,
      siteCertificateArn: prodEnv.siteDomain?.certificateArn,
      corsOrigins: prodEnv.corsOrigins,
      alarmEmail: prodEnv.alarmEmail,
      smsOrigination: prodEnv.smsOrigination,
      turnRetentionDays: prodEnv.turnRetentionDays,
      ticketRetentionDays: prodEnv.ticketRetentionDays,
      gapRetentionDays: prodEnv.gapRetentionDays,
      logRetentionDays: prodEnv.logRetentionDays,
      backupRetentionDays: prodEnv.backupRetentionDays,
      ticketBacklogMaxAgeMinutes: prodEnv.ticketBacklogMaxAgeMinutes,
      lex: prodEnv.lex,
    });
  });

  it('-c env=dev: no backups, no custom domains', () => {
    const config = read({ env: 'dev' });
    expect(config).toMatchObject({ stage: 'dev', prod: false, account: ENVIRONMENTS.dev.account });
    expect(config.backupRetentionDays).toBeUndefined();
    expect(config.apiDomainName).toBeUndefined();
    expect(config.siteDomainName).toBeUndefined();
  });

  it('a context value overrides one setting of the environment', () => {
    expect(read({ env: 'prod', alarmEmail: 'oncall@shop.example' }).alarmEmail).toBe(
      'oncall@shop.example',
    );
    expect(read({ env: 'prod', logRetentionDays: '30' }).logRetentionDays).toBe(30);
  });

  it('without env, context alone decides (as before)', () => {
    const config = read({ stage: 'prod' });
    expect(config.env).toBeUndefined();
    expect(config.account).toBeUndefined();
    expect(config.backupRetentionDays).toBeUndefined();
  });

  it('names the mistake: unknown env, a contradicting stage, a certificate in the wrong region, half a domain', () => {
    expect(() => read({ env: 'staging' })).toThrow(/env must be one of dev, prod/);
    expect(() => read({ env: 'prod', stage: 'dev' })).toThrow(/stage "dev" contradicts env prod/);
    expect(() =>
      read({
        env: 'prod',
        apiCertificateArn: 'arn:aws:acm:us-east-1:222222222222:certificate/abc',
      }),
    ).toThrow(/apiCertificateArn/);
    expect(() =>
      read({ siteDomainName: 'help.shop.example', siteCertificateArn: undefined }),
    ).toThrow(/siteDomainName and siteCertificateArn go together/);
    expect(() => read({ apiDomainName: 'Not A Domain', apiCertificateArn: 'x' })).toThrow(
      /domain|apiCertificateArn/,
    );
    expect(() => read({ account: '1234' })).toThrow(/12-digit/);
  });
});

describe('the prod stack from -c env=prod', () => {
  let r: SynthResult;
  beforeAll(() => {
    r = synthStack({ env: 'prod' });
  }, 120_000);

  it("deploys to the environment's account and region", () => {
    expect(r.stack.account).toBe(prodEnv.account);
    expect(r.stack.region).toBe(prodEnv.region);
  });

  it('the API has its custom domain (regional certificate, TLS 1.2) mapped to the stage', () => {
    r.template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: prodEnv.apiDomain!.domainName,
      DomainNameConfigurations: [
        Match.objectLike({
          CertificateArn: prodEnv.apiDomain!.certificateArn,
          EndpointType: 'REGIONAL',
          SecurityPolicy: 'TLS_1_2',
        }),
      ],
    });
    r.template.hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', {
      ApiId: { Ref: logicalIdOf(r, 'Http/Api/Resource') },
      DomainName: { Ref: logicalIdOf(r, 'Http/Domain/Resource') },
      Stage: '$default',
    });
    const outputs = r.template.toJSON().Outputs;
    expect(JSON.stringify(outputs.ApiUrl.Value)).toContain(prodEnv.apiDomain!.domainName);
    expect(outputs).toHaveProperty('ApiDomainTarget');
    // Twilio signs over the URL it calls: the function must know the custom one.
    const env =
      r.template.toJSON().Resources[logicalIdOf(r, 'SmsTwilio/Function/Resource')].Properties
        .Environment.Variables;
    expect(JSON.stringify(env.MUJIB_TWILIO_WEBHOOK_URL)).toContain(
      `https://${prodEnv.apiDomain!.domainName}/sms/twilio`,
    );
  });

  it('the site has its custom domain and us-east-1 certificate, TLS 1.2+, and still reaches the API on execute-api', () => {
    r.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: [prodEnv.siteDomain!.domainName],
        ViewerCertificate: Match.objectLike({
          AcmCertificateArn: prodEnv.siteDomain!.certificateArn,
          MinimumProtocolVersion: 'TLSv1.2_2021',
        }),
      }),
    });
    const distribution = Object.values(
      r.template.findResources('AWS::CloudFront::Distribution'),
    )[0]!;
    expect(JSON.stringify(distribution.Properties.DistributionConfig.Origins)).toContain(
      logicalIdOf(r, 'Http/Api/Resource'),
    );
  });

  it('a weekly AWS Backup plan covers every table, kept for the configured days', () => {
    r.template.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanRule: [
          Match.objectLike({
            ScheduleExpression: 'cron(0 3 ? * SUN *)',
            Lifecycle: { DeleteAfterDays: prodEnv.backupRetentionDays },
          }),
        ],
      },
    });
    const selection = Object.values(r.template.findResources('AWS::Backup::BackupSelection'))[0]!;
    const resources = JSON.stringify(selection.Properties.BackupSelection.Resources);
    for (const t of ['Turns', 'Tickets', 'Gaps', 'Stats']) {
      expect(resources).toContain(logicalIdOf(r, `Data/${t}/Resource`));
    }
    const vault = Object.values(r.template.findResources('AWS::Backup::BackupVault'))[0]!;
    expect(vault.DeletionPolicy).toBe('Retain');
  });

  it('keys are retained in prod (backups and retained data stay readable)', () => {
    for (const key of Object.values(r.template.findResources('AWS::KMS::Key'))) {
      expect(key.DeletionPolicy).toBe('Retain');
    }
  });

  it('the alarm email and the backlog threshold come from the environment', () => {
    r.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: prodEnv.alarmEmail,
    });
    r.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'OldestWaitingTicketAge',
      Threshold: prodEnv.ticketBacklogMaxAgeMinutes * 60,
    });
  });

  it('cdk-nag finds nothing unacknowledged', () => {
    expect(r.nagViolations).toEqual([]);
  });
});
