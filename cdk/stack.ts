/**
 * The Mujib stack, wired like the architecture diagram: data tables → knowledge pipeline →
 * one Lambda per entry point → HTTP API (staff routes behind Cognito, throttled per route) →
 * channels (Alexa, SMS, optional Lex) → CloudFront site (WAF, security headers; the public chat
 * API is reached through it) → operations. Constructs own their resources; this file only passes
 * them to each other and grants each function exactly the calls it makes.
 */
import { join } from 'node:path';
import {
  CfnOutput,
  Duration,
  RemovalPolicy,
  Stack,
  Validations,
  type StackProps,
} from 'aws-cdk-lib';
import { CfnUserPoolGroup } from 'aws-cdk-lib/aws-cognito';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { ENV } from '../functions/app/env-names.ts';
import { AlexaEndpoint } from './constructs/alexa-endpoint.ts';
import { grantParameterRead } from './constructs/channel-secrets.ts';
import { DataTables } from './constructs/data-tables.ts';
import { MujibHttpApi } from './constructs/http-api.ts';
import { KnowledgePipeline } from './constructs/knowledge-pipeline.ts';
import { DEFAULT_LEX_LOCALES, MujibLexBot, readLexDefinition } from './constructs/lex-bot.ts';
import { MujibFunction } from './constructs/mujib-function.ts';
import { acknowledgeCdkHelperFindings, arnToken } from './constructs/nag-findings.ts';
import { Operations } from './constructs/operations.ts';
import { grantSendSms, SmsInbound } from './constructs/sms-inbound.ts';
import { StaffAuth } from './constructs/staff-auth.ts';
import { StaffDeskSite } from './constructs/staff-desk-site.ts';
import { StatsAggregator } from './constructs/stats-aggregator.ts';
import {
  grantPartitionQuery,
  grantTableAccess,
  type TableAction,
} from './constructs/table-access.ts';

/** The stats table's partition of staff presence (functions/adapters/support/dynamo-presence-store.ts). */
const PRESENCE_PARTITION = 'presence';
import { TurnQueue } from './constructs/turn-queue.ts';
import type { StackConfig } from './stack-config.ts';

/** The Cognito group whose members may use the staff API. */
export const STAFF_GROUP = 'staff';
/**
 * The Cognito group of content writers (the studio: drafts, publish, rollback, suggestions).
 * Writers may also do everything staff do; the staff function lets either group in.
 */
export const WRITER_GROUP = 'writers';

/**
 * The staff function's size. The content studio's "try it" and "test all" build a draft index
 * in the request (the live articles from S3 with the draft in place); the sample help centre
 * (116 articles) loads and builds in ~1.4 s on one core, so 1769 MB — one full vCPU — keeps that
 * to a couple of seconds with S3 reads, where 512 MB (~0.3 vCPU) would take ~5×. The 29 s timeout
 * stays under API Gateway's 30 s integration limit, so a slow build ends as a Lambda timeout
 * (logged) rather than an unexplained 503 from the gateway with the function still running.
 */
const STAFF_MEMORY_MB = 1769;
const STAFF_TIMEOUT = Duration.seconds(29);

/** Repository root (entry points and content are named by path). */
export const REPO_ROOT = join(import.meta.dirname, '..');
const handlerPath = (name: string): string =>
  join(REPO_ROOT, 'functions', 'handlers', `${name}.ts`);

export interface MujibStackProps extends StackProps {
  config: StackConfig;
  /** CloudFront-scope WAF web ACL (from the edge stack or `-c webAclArn`). */
  webAclArn?: string;
}

export class MujibStack extends Stack {
  readonly functions: Record<
    | 'chat'
    | 'staff'
    | 'smsTwilio'
    | 'smsEum'
    | 'alexa'
    | 'indexer'
    | 'originVerify'
    | 'flushTurns'
    | 'aggregateStats',
    MujibFunction
  >;

  constructor(scope: Construct, id: string, props: MujibStackProps) {
    super(scope, id, props);
    const { config } = props;
    const retention = logRetention(config.logRetentionDays);
    const logRemoval = config.prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    // --- Data --------------------------------------------------------------------------------
    const tables = new DataTables(this, 'Data', {
      prod: config.prod,
      backupRetentionDays: config.backupRetentionDays,
    });
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
      [ENV.ticketRetentionDays]: String(config.ticketRetentionDays),
      [ENV.gapRetentionDays]: String(config.gapRetentionDays),
    };

    // --- Knowledge ---------------------------------------------------------------------------
    const knowledge = new KnowledgePipeline(this, 'Knowledge', {
      prod: config.prod,
      knowledgeDir: join(REPO_ROOT, 'knowledge'),
      indexerEntry: handlerPath('indexer'),
      seedEntry: handlerPath('seed-knowledge'),
      environment: shared,
      logRetention: retention,
      tracing: config.tracing,
    });

    // --- Functions ---------------------------------------------------------------------------
    // Each function bundles only its own composition (functions/app/lambda/); the answer
    // functions also carry the knowledge index they load during INIT.
    const fn = (
      id: string,
      name: string,
      description: string,
      env: Record<string, string> = {},
      bundleIndex = true,
      size: { memorySize?: number; timeout?: Duration } = {},
    ) =>
      new MujibFunction(this, id, {
        entry: handlerPath(name),
        description,
        environment: { ...shared, ...tableEnv, ...env },
        bundleIndex,
        logRetention: retention,
        logRemovalPolicy: logRemoval,
        tracing: config.tracing,
        timeout: size.timeout ?? Duration.seconds(15),
        ...(size.memorySize ? { memorySize: size.memorySize } : {}),
      });
    const cors = { [ENV.corsOrigins]: config.corsOrigins.join(',') };
    const pii = { [ENV.piiSecretParam]: config.piiSecretParam };
    const origination: Record<string, string> = config.smsOrigination
      ? { [ENV.smsOriginationIdentity]: config.smsOrigination }
      : {};
    const chat = fn('ChatApi', 'chat-api', 'Mujib web chat API', { ...cors, ...pii });
    // The staff API sends SMS replies: it needs the PII secret for the opt-out check (hashed numbers).
    // It answers no customer questions, but the content studio's "try it" compares a draft with
    // the published index (read from S3 on first use; the bundled copy is the fallback while
    // there is none) and builds draft indexes from the live articles (see STAFF_MEMORY_MB).
    // Only members of the staff or writers' Cognito groups get in (the JWT's cognito:groups;
    // see StaffGroup and WritersGroup below).
    const staff = fn(
      'StaffApi',
      'staff-api',
      'Mujib staff desk API',
      {
        ...cors,
        ...pii,
        ...origination,
        [ENV.staffGroup]: STAFF_GROUP,
        [ENV.writerGroup]: WRITER_GROUP,
      },
      true,
      { memorySize: STAFF_MEMORY_MB, timeout: STAFF_TIMEOUT },
    );
    const smsTwilio = fn('SmsTwilio', 'sms-twilio', 'Mujib SMS webhook (Twilio)', {
      ...pii,
      [ENV.twilioAuthTokenParam]: config.twilioAuthTokenParam,
    });
    const smsEum = fn('SmsEum', 'sms-eum', 'Mujib SMS (AWS End User Messaging)', {
      ...pii,
      ...origination,
    });
    const alexa = fn('Alexa', 'alexa', 'Mujib Alexa skill', pii);
    // Only API Gateway calls it, for the public chat routes (see MujibHttpApi).
    const originVerify = new MujibFunction(this, 'OriginVerify', {
      entry: handlerPath('origin-verify'),
      description: 'Mujib: lets public chat requests through only when they came via CloudFront',
      environment: shared,
      memorySize: 256,
      timeout: Duration.seconds(5),
      logRetention: retention,
      logRemovalPolicy: logRemoval,
      tracing: config.tracing,
    });
    // Turns DynamoDB could not take wait in SQS; a scheduled function writes them.
    const turnQueue = new TurnQueue(this, 'TurnQueue', {
      flushEntry: handlerPath('flush-turns'),
      environment: { ...shared, ...tableEnv },
      logRetention: retention,
      logRemovalPolicy: logRemoval,
      tracing: config.tracing,
    });
    const flushTurns = turnQueue.flush;
    for (const f of [chat, smsTwilio, smsEum, alexa]) turnQueue.grantSend(f);
    // Analytics: the turns and tickets streams → daily counters (nothing on the customer's path).
    const statsAggregator = new StatsAggregator(this, 'StatsAggregator', {
      entry: handlerPath('aggregate-stats'),
      environment: { ...shared, ...tableEnv },
      sources: [tables.turns, tables.tickets],
      stats: { table: tables.stats, design: tables.designs.stats },
      logRetention: retention,
      logRemovalPolicy: logRemoval,
      tracing: config.tracing,
    });
    this.functions = {
      chat,
      staff,
      smsTwilio,
      smsEum,
      alexa,
      indexer: knowledge.indexer,
      originVerify,
      flushTurns,
      aggregateStats: statsAggregator.fn,
    };

    // --- Least privilege: each function makes only the DynamoDB calls its routes send ---------
    // The stores (functions/adapters/) send, per table:
    //   turns    GetItem, Query (history), PutItem (record a turn), UpdateItem (feedback)
    //   tickets  GetItem, Query (queues, by customer), PutItem (create, versioned update)
    //   gaps     Query, PutItem
    //   stats    UpdateItem (counters) and PutItem (gap questions) from the stream consumer
    //            only (StatsAggregator), Query (reports);
    //            SMS opt-outs: GetItem (opted out?), PutItem (STOP), DeleteItem (START);
    //            staff presence: Query (who is on shift, at a hand-off), PutItem (desk heartbeat)
    // The staff function may also update and delete turns, tickets and gaps: the staff
    // "erase my data" route (DynamoCustomerDataStore: batch deletes of turns and gaps, an erasure
    // record and opt-out removal in stats) and retention clean-up need it. That route also finds
    // a customer's SMS sessions and tickets by phone or email with a Scan of turns and tickets
    // (rare staff action, no index kept for it): the staff function is the only one with Scan.
    // The turn-queue flush writes queued turns (PutItem; GetItem on a replay); their analytics
    // come from the turns stream like every other turn's. Every run it also reads the ticket
    // backlog (Query on the byStatus index, createdAt only) for the backlog-age alarm.
    type Access = Partial<Record<keyof typeof tables.designs, TableAction[]>>;
    const answering: Access = {
      turns: ['GetItem', 'Query', 'PutItem', 'UpdateItem'],
      tickets: ['GetItem', 'Query', 'PutItem'],
    };
    const sms: Access = {
      ...answering,
      stats: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'],
    };
    const access = new Map<MujibFunction, Access>([
      [chat, answering],
      [alexa, answering],
      [smsTwilio, sms],
      [smsEum, sms],
      [
        staff,
        {
          turns: ['GetItem', 'Query', 'Scan', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'],
          tickets: ['GetItem', 'Query', 'Scan', 'PutItem', 'UpdateItem', 'DeleteItem'],
          gaps: ['Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'],
          // Ticket counters, reports, the opt-out check before an SMS reply, and erasure
          // (an erasure record; the customer's opt-out removed).
          stats: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'],
        },
      ],
      [flushTurns, { turns: ['GetItem', 'Query', 'PutItem'], tickets: ['Query'] }],
    ]);
    // Who is on shift when a customer is handed over (the promise of a reply; support.json):
    // a Query of the stats table's presence partition, and nothing else in that table.
    for (const f of [chat, alexa]) grantPartitionQuery(f.fn, tables.stats, PRESENCE_PARTITION);
    for (const [f, tablesAccess] of access) {
      for (const [table, actions] of Object.entries(tablesAccess) as [
        keyof typeof tables.designs,
        TableAction[],
      ][]) {
        grantTableAccess(f.fn, tables[table], tables.designs[table], actions);
      }
    }
    for (const f of [chat, smsTwilio, smsEum, alexa]) knowledge.grantArtifactRead(f.fn);
    // The content studio: live articles under knowledge/, its documents under studio/.
    knowledge.grantStudio(staff);
    grantParameterRead(
      this,
      smsTwilio.fn,
      [config.twilioAuthTokenParam, config.piiSecretParam],
      config.ssmKmsKeyArn,
    );
    // (flush-turns hashes nothing: it reads no secret.)
    for (const f of [chat, staff, smsEum, alexa]) {
      grantParameterRead(this, f.fn, [config.piiSecretParam], config.ssmKmsKeyArn);
    }
    // Outbound SMS only when an origination identity is configured (otherwise the app records
    // the reply as not sent and never calls End User Messaging).
    if (config.smsOrigination) {
      grantSendSms(this, smsEum);
      grantSendSms(this, staff);
    }

    // --- Origin guard: CloudFront adds a generated secret header; the chat routes require it --
    const originSecret = new Secret(this, 'OriginVerifySecret', {
      secretName: `mujib/${config.stage}/origin-verify`,
      description: 'Header value CloudFront adds to API requests (the chat routes require it)',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(originSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating means a new value in CloudFront and the authorizer at once: rotate by putting a new value and redeploying (README, "Edge security"); an automatic rotation Lambda would break requests in between.',
    });
    const originParam = `/aws/reference/secretsmanager/${originSecret.secretName}`;
    originVerify.fn.addEnvironment(ENV.originVerifyParam, originParam);
    originSecret.grantRead(originVerify.fn);
    grantParameterRead(this, originVerify.fn, [originParam]);

    // --- API and staff sign-in ---------------------------------------------------------------
    const auth = new StaffAuth(this, 'StaffAuth', { prod: config.prod });
    // Staff are the members of this group (an admin adds each staff user to it).
    new CfnUserPoolGroup(this, 'StaffGroup', {
      userPoolId: auth.userPool.userPoolId,
      groupName: STAFF_GROUP,
      description: 'Staff desk users: the staff API accepts only members of this group',
    });
    // Writers: staff who may also edit, publish and roll back articles in the content studio.
    const writers = new CfnUserPoolGroup(this, 'WritersGroup', {
      userPoolId: auth.userPool.userPoolId,
      groupName: WRITER_GROUP,
      description:
        'Content writers: the content studio and suggestion decisions, besides everything staff may do',
    });
    const http = new MujibHttpApi(this, 'Http', {
      chat: chat.fn,
      staff: staff.fn,
      smsTwilio: smsTwilio.fn,
      userPool: auth.userPool,
      userPoolClient: auth.client,
      corsOrigins: config.corsOrigins,
      throttle: config.throttle,
      originVerify: originVerify.fn,
      logRetention: retention,
      prod: config.prod,
      domain:
        config.apiDomainName && config.apiCertificateArn
          ? { domainName: config.apiDomainName, certificateArn: config.apiCertificateArn }
          : undefined,
    });
    const smsWebhookUrl = `${http.url}/sms/twilio`;
    smsTwilio.fn.addEnvironment(ENV.twilioWebhookUrl, smsWebhookUrl);
    // WhatsApp through Twilio: the same function and auth token answer its webhook; staff replies
    // go out from the staff function through Twilio's Messages API when a sender is configured.
    const whatsAppWebhookUrl = `${http.url}/whatsapp/twilio`;
    smsTwilio.fn.addEnvironment(ENV.whatsappWebhookUrl, whatsAppWebhookUrl);
    if (config.whatsapp) {
      const { from, accountSid, templateSid } = config.whatsapp;
      staff.fn.addEnvironment(ENV.whatsappFrom, from);
      staff.fn.addEnvironment(ENV.twilioAccountSid, accountSid);
      if (templateSid) staff.fn.addEnvironment(ENV.whatsappTemplateSid, templateSid);
      staff.fn.addEnvironment(ENV.twilioAuthTokenParam, config.twilioAuthTokenParam);
      grantParameterRead(this, staff.fn, [config.twilioAuthTokenParam], config.ssmKmsKeyArn);
    }

    // --- Channels ----------------------------------------------------------------------------
    const alexaEndpoint = new AlexaEndpoint(this, 'AlexaEndpoint', {
      fn: alexa.fn,
      skillId: config.alexaSkillId,
    });
    const smsInbound = new SmsInbound(this, 'SmsInbound', { fn: smsEum.fn, prod: config.prod });
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
      // CloudFront reaches the API on its execute-api domain (no dependency on the custom
      // domain's DNS record).
      apiUrl: http.api.apiEndpoint,
      accessLogs: knowledge.accessLogs,
      deploymentLogGroup: new LogGroup(this, 'SiteDeploymentLogs', {
        retention: retention,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
      prod: config.prod,
      webAclArn: props.webAclArn,
      originVerifyValue: originSecret.secretValue.unsafeUnwrap(),
      domainName: config.siteDomainName,
      certificateArn: config.siteCertificateArn,
    });

    // Every article gets a public page on this site (the indexer writes them under help/), so
    // the links in SMS and Alexa answers work with no external help centre; -c helpUrl only
    // overrides where they point.
    knowledge.indexer.fn.addEnvironment(ENV.siteBucket, site.bucket.bucketName);
    knowledge.indexer.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        resources: [site.bucket.arnForObjects('help/*')],
      }),
    );
    knowledge.indexer.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [site.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': ['help/*'] } },
      }),
    );
    Validations.of(knowledge.indexer.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${arnToken(site.bucket)}/help/*]`,
      reason:
        'The indexer writes one public page per article under help/ of the site bucket (article ids are not known at deploy time) and deletes the pages of removed articles.',
    });
    if (!config.helpUrl) {
      for (const f of [chat, smsTwilio, smsEum, alexa, staff]) {
        f.fn.addEnvironment(ENV.helpUrl, site.baseUrl);
      }
    }

    // --- Operations --------------------------------------------------------------------------
    const ops = new Operations(this, 'Operations', {
      functions: this.functions,
      throttleExpected: ['indexer'],
      // The `service` names these functions give Powertools (functions/app/lambda/*-function.ts).
      decisionServices: ['chat', 'sms-twilio', 'sms-eum', 'alexa'],
      deadLetterQueue: knowledge.deadLetterQueue,
      turnDeadLetterQueue: turnQueue.deadLetterQueue,
      statsAggregator,
      api: http.api,
      alarmEmail: config.alarmEmail,
      stage: config.stage,
      prod: config.prod,
      handledErrorServices: ['chat', 'staff', 'sms-twilio', 'sms-eum', 'alexa'],
      ticketBacklog: { service: 'flush-turns', maxAgeMinutes: config.ticketBacklogMaxAgeMinutes },
      indexerService: 'indexer',
      tables: {
        Turns: tables.turns,
        Tickets: tables.tickets,
        Gaps: tables.gaps,
        Stats: tables.stats,
      },
      smsInbound: {
        topic: smsInbound.topic,
        deliveryDeadLetterQueue: smsInbound.deliveryDeadLetterQueue,
        failedInvocations: smsInbound.failedInvocations,
      },
    });

    acknowledgeCdkHelperFindings(this, [knowledge.artifactBucket, site.bucket]);

    // --- Outputs -----------------------------------------------------------------------------
    new CfnOutput(this, 'ApiUrl', {
      value: http.url,
      description:
        'HTTP API base URL (staff and Twilio routes; chat routes answer only via the site)',
    });
    new CfnOutput(this, 'ChatWidgetScript', {
      value: `<script src="${site.baseUrl}/widget.js" defer></script>`,
      description:
        'The tag customers embed: the widget and its chat API go through CloudFront and WAF',
    });
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
    new CfnOutput(this, 'WhatsAppWebhookUrl', {
      value: whatsAppWebhookUrl,
      description: 'Twilio WhatsApp sender "A message comes in" webhook (HTTP POST)',
    });
    new CfnOutput(this, 'InboundSmsTopicArn', {
      value: smsInbound.topic.topicArn,
      description: 'SNS topic for End User Messaging two-way SMS',
    });
    new CfnOutput(this, 'StaffUserPoolId', { value: auth.userPool.userPoolId });
    new CfnOutput(this, 'StaffUserPoolClientId', { value: auth.client.userPoolClientId });
    new CfnOutput(this, 'WriterGroupName', {
      value: writers.groupName!,
      description: 'Add a staff desk user to this Cognito group to make them a writer',
    });
    new CfnOutput(this, 'KnowledgeBucketName', {
      value: knowledge.knowledgeBucket.bucketName,
      description: 'Upload articles under knowledge/<lang>/ to publish them',
    });
    new CfnOutput(this, 'AlexaSkillId', { value: alexaEndpoint.skillId });
    if (http.domainTarget) {
      new CfnOutput(this, 'ApiDomainTarget', {
        value: http.domainTarget,
        description: `DNS: point ${config.apiDomainName} here (CNAME or alias)`,
      });
    }
    if (config.siteDomainName) {
      new CfnOutput(this, 'SiteDomainTarget', {
        value: site.distribution.distributionDomainName,
        description: `DNS: point ${config.siteDomainName} here (CNAME or alias)`,
      });
    }
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
