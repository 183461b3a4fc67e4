/**
 * The Mujib stack, wired like the architecture diagram: data tables → knowledge pipeline →
 * one Lambda per entry point → HTTP API (staff routes behind Cognito) → channels (Alexa, SMS,
 * optional Lex) → staff desk site → operations. Constructs own their resources; this file only
 * passes them to each other and grants each function exactly what it touches.
 */
import { join } from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { ENV } from '../functions/app/env-names.ts';
import { AlexaEndpoint } from './constructs/alexa-endpoint.ts';
import { grantParameterRead } from './constructs/channel-secrets.ts';
import { DataTables } from './constructs/data-tables.ts';
import { MujibHttpApi } from './constructs/http-api.ts';
import { KnowledgePipeline } from './constructs/knowledge-pipeline.ts';
import { DEFAULT_LEX_LOCALES, MujibLexBot, readLexDefinition } from './constructs/lex-bot.ts';
import { MujibFunction } from './constructs/mujib-function.ts';
import { acknowledgeCdkHelperFindings } from './constructs/nag-findings.ts';
import { Operations } from './constructs/operations.ts';
import { grantSendSms, SmsInbound } from './constructs/sms-inbound.ts';
import { StaffAuth } from './constructs/staff-auth.ts';
import { StaffDeskSite } from './constructs/staff-desk-site.ts';
import { grantTableAccess } from './constructs/table-access.ts';
import type { StackConfig } from './stack-config.ts';

/** Repository root (entry points and content are named by path). */
export const REPO_ROOT = join(import.meta.dirname, '..');
const handlerPath = (name: string): string =>
  join(REPO_ROOT, 'functions', 'handlers', `${name}.ts`);

export interface MujibStackProps extends StackProps {
  config: StackConfig;
}

export class MujibStack extends Stack {
  readonly functions: Record<
    'chat' | 'staff' | 'smsTwilio' | 'smsEum' | 'alexa' | 'indexer',
    MujibFunction
  >;

  constructor(scope: Construct, id: string, props: MujibStackProps) {
    super(scope, id, props);
    const { config } = props;
    const retention = logRetention(config.logRetentionDays);
    const logRemoval = config.prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    // --- Data --------------------------------------------------------------------------------
    const tables = new DataTables(this, 'Data', { prod: config.prod });
    const shared: Record<string, string> = {
      [ENV.logLevel]: 'info',
      ...(config.helpUrl ? { [ENV.helpUrl]: config.helpUrl } : {}),
    };
    const tableEnv: Record<string, string> = {
      [ENV.turnsTable]: tables.turns.tableName,
      [ENV.ticketsTable]: tables.tickets.tableName,
      [ENV.gapsTable]: tables.gaps.tableName,
      [ENV.statsTable]: tables.stats.tableName,
      [ENV.retentionDays]: String(config.turnRetentionDays),
    };

    // --- Knowledge ---------------------------------------------------------------------------
    const knowledge = new KnowledgePipeline(this, 'Knowledge', {
      prod: config.prod,
      knowledgeDir: join(REPO_ROOT, 'knowledge'),
      indexerEntry: handlerPath('indexer'),
      environment: shared,
      logRetention: retention,
      tracing: config.tracing,
    });

    // --- Functions ---------------------------------------------------------------------------
    const fn = (id: string, name: string, description: string, env: Record<string, string> = {}) =>
      new MujibFunction(this, id, {
        entry: handlerPath(name),
        description,
        environment: { ...shared, ...tableEnv, ...env },
        bundleIndex: true,
        logRetention: retention,
        logRemovalPolicy: logRemoval,
        tracing: config.tracing,
        timeout: Duration.seconds(15),
      });
    const cors = { [ENV.corsOrigins]: config.corsOrigins.join(',') };
    const pii = { [ENV.piiSecretParam]: config.piiSecretParam };
    const origination: Record<string, string> = config.smsOrigination
      ? { [ENV.smsOriginationIdentity]: config.smsOrigination }
      : {};
    const chat = fn('ChatApi', 'chat-api', 'Mujib web chat API', { ...cors, ...pii });
    // The staff API sends SMS replies: it needs the PII secret for the opt-out check (hashed numbers).
    const staff = fn('StaffApi', 'staff-api', 'Mujib staff desk API', {
      ...cors,
      ...pii,
      ...origination,
    });
    const smsTwilio = fn('SmsTwilio', 'sms-twilio', 'Mujib SMS webhook (Twilio)', {
      ...pii,
      [ENV.twilioAuthTokenParam]: config.twilioAuthTokenParam,
    });
    const smsEum = fn('SmsEum', 'sms-eum', 'Mujib SMS (AWS End User Messaging)', {
      ...pii,
      ...origination,
    });
    const alexa = fn('Alexa', 'alexa', 'Mujib Alexa skill', pii);
    this.functions = { chat, staff, smsTwilio, smsEum, alexa, indexer: knowledge.indexer };

    // --- Least privilege: each function touches only its own tables, keys and parameters ------
    type Role = keyof typeof tables.designs;
    const rw = (t: Role, ...fns: MujibFunction[]) =>
      fns.forEach((f) => grantTableAccess(f.fn, tables[t], tables.designs[t], 'readWrite'));
    const ro = (t: Role, ...fns: MujibFunction[]) =>
      fns.forEach((f) => grantTableAccess(f.fn, tables[t], tables.designs[t], 'read'));
    rw('turns', chat, smsTwilio, smsEum, alexa);
    ro('turns', staff);
    rw('tickets', chat, staff, smsTwilio, smsEum, alexa);
    rw('gaps', staff);
    // Staff actions update ticket counters (answered, closed, time to reply) in the daily stats.
    rw('stats', chat, staff, smsTwilio, smsEum, alexa);
    for (const f of [chat, smsTwilio, smsEum, alexa]) knowledge.grantArtifactRead(f.fn);
    grantParameterRead(
      this,
      smsTwilio.fn,
      [config.twilioAuthTokenParam, config.piiSecretParam],
      config.ssmKmsKeyArn,
    );
    for (const f of [chat, staff, smsEum, alexa]) {
      grantParameterRead(this, f.fn, [config.piiSecretParam], config.ssmKmsKeyArn);
    }
    grantSendSms(this, smsEum);
    grantSendSms(this, staff);

    // --- API and staff sign-in ---------------------------------------------------------------
    const auth = new StaffAuth(this, 'StaffAuth', { prod: config.prod });
    const http = new MujibHttpApi(this, 'Http', {
      chat: chat.fn,
      staff: staff.fn,
      smsTwilio: smsTwilio.fn,
      userPool: auth.userPool,
      userPoolClient: auth.client,
      corsOrigins: config.corsOrigins,
      throttle: config.throttle,
      logRetention: retention,
      prod: config.prod,
    });
    const smsWebhookUrl = `${http.url}/sms/twilio`;
    smsTwilio.fn.addEnvironment(ENV.twilioWebhookUrl, smsWebhookUrl);

    // --- Channels ----------------------------------------------------------------------------
    const alexaEndpoint = new AlexaEndpoint(this, 'AlexaEndpoint', {
      fn: alexa.fn,
      skillId: config.alexaSkillId,
    });
    const smsInbound = new SmsInbound(this, 'SmsInbound', { fn: smsEum.fn });
    if (config.lex) {
      const definition = readLexDefinition(join(REPO_ROOT, 'skills', 'lex', 'bot-definition.json'));
      const bot = new MujibLexBot(this, 'Lex', {
        locales: definition ?? DEFAULT_LEX_LOCALES,
        stage: config.stage,
      });
      for (const f of [chat, smsTwilio, smsEum, alexa]) {
        bot.grantRecognize(f.fn);
        f.fn.addEnvironment(ENV.lexBotId, bot.bot.attrId);
        f.fn.addEnvironment(ENV.lexBotAliasId, bot.alias.attrBotAliasId);
        f.fn.addEnvironment(ENV.lexLocales, bot.localesEnv);
      }
    }

    // --- Staff desk --------------------------------------------------------------------------
    const site = new StaffDeskSite(this, 'StaffDesk', {
      siteDir: join(REPO_ROOT, 'web', 'dist'),
      apiUrl: http.url,
      accessLogs: knowledge.accessLogs,
      deploymentLogGroup: new LogGroup(this, 'SiteDeploymentLogs', {
        retention: retention,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
      prod: config.prod,
    });

    // --- Operations --------------------------------------------------------------------------
    const ops = new Operations(this, 'Operations', {
      functions: this.functions,
      throttleExpected: ['indexer'],
      turnLogGroups: [chat, smsTwilio, smsEum, alexa].map((f) => f.logGroup),
      deadLetterQueue: knowledge.deadLetterQueue,
      api: http.api,
      alarmEmail: config.alarmEmail,
      stage: config.stage,
    });

    acknowledgeCdkHelperFindings(this, [knowledge.knowledgeBucket, site.bucket]);

    // --- Outputs -----------------------------------------------------------------------------
    new CfnOutput(this, 'ApiUrl', { value: http.url, description: 'HTTP API base URL' });
    new CfnOutput(this, 'StaffDeskUrl', {
      value: site.url,
      description: 'Staff desk (CloudFront)',
    });
    new CfnOutput(this, 'AlexaSkillEndpointArn', {
      value: alexa.fn.functionArn,
      description:
        'Paste as the skill endpoint (Default Region) in the Alexa developer console / skill.json',
    });
    new CfnOutput(this, 'SmsWebhookUrl', {
      value: smsWebhookUrl,
      description: 'Twilio "A message comes in" webhook (HTTP POST)',
    });
    new CfnOutput(this, 'InboundSmsTopicArn', {
      value: smsInbound.topic.topicArn,
      description: 'SNS topic for End User Messaging two-way SMS',
    });
    new CfnOutput(this, 'StaffUserPoolId', { value: auth.userPool.userPoolId });
    new CfnOutput(this, 'StaffUserPoolClientId', { value: auth.client.userPoolClientId });
    new CfnOutput(this, 'KnowledgeBucketName', {
      value: knowledge.knowledgeBucket.bucketName,
      description: 'Upload articles under knowledge/<lang>/ to publish them',
    });
    new CfnOutput(this, 'AlexaSkillId', { value: alexaEndpoint.skillId });
    new CfnOutput(this, 'DashboardName', { value: ops.dashboard.dashboardName });
  }
}

function logRetention(days: number): RetentionDays {
  const allowed = Object.values(RetentionDays).filter(
    (v): v is number => typeof v === 'number' && v > 0,
  );
  const match = allowed.sort((a, b) => a - b).find((v) => v >= days);
  return (match ?? RetentionDays.ONE_MONTH) as RetentionDays;
}
