/**
 * Deployment settings, read once from CDK context and validated: a wrong value stops the synth
 * with a message naming it. `-c env=dev|prod` starts from that environment's entry in
 * cdk/environments.ts (account, region, domains, alarm email, retention …); a context key of the
 * same name overrides one value (`-c env=prod -c alarmEmail=…`). Without `env` every value comes
 * from context or its default (`-c stage=prod -c corsOrigins=…`).
 */
import type { Node } from 'constructs';
import { DEFAULT_EDGE_RATE_LIMITS, type EdgeRateLimits } from './constructs/edge-firewall.ts';
import { environmentNamed, type EnvironmentSettings } from './environments.ts';

/** Steady-state requests per second and burst of one API Gateway throttle bucket. */
export interface Throttle {
  rateLimit: number;
  burstLimit: number;
}

export interface StackConfig {
  /** The cdk/environments.ts entry selected with `-c env=…`, if any. */
  env?: string;
  /** Account and region to deploy to (from the environment; else the CLI's credentials). */
  account?: string;
  region?: string;
  /** `prod` retains data (tables, buckets, keys) and turns on deletion protection and backups. */
  stage: string;
  prod: boolean;
  /** Origins allowed to call the API from a browser (the sites embedding the chat widget). */
  corsOrigins: string[];
  /** Alexa skill id (`amzn1.ask.skill.…`); undefined → a CloudFormation parameter with a placeholder. */
  alexaSkillId?: string;
  /** Deploy the optional Lex V2 bot for small talk and hand-off intents. */
  lex: boolean;
  /** SSM SecureString parameter names (created by an operator, never by the stack). */
  twilioAuthTokenParam: string;
  piiSecretParam: string;
  /** Customer-managed KMS key of those parameters; the AWS-managed `aws/ssm` key needs no grant. */
  ssmKmsKeyArn?: string;
  /** End User Messaging origination identity (phone number, pool or sender id). */
  smsOrigination?: string;
  /**
   * Outbound WhatsApp through Twilio (staff replies): our WhatsApp number (E.164), the Twilio
   * account sid and, optionally, the pre-approved template used outside the 24-hour window.
   * Undefined: the WhatsApp webhook still answers; staff replies are recorded as not sent.
   */
  whatsapp?: { from: string; accountSid: string; templateSid?: string };
  /** Public base URL of the help centre (links in answers). */
  helpUrl?: string;
  /** Days turns are kept before DynamoDB TTL removes them. */
  turnRetentionDays: number;
  /** Days a closed ticket, and a content-gap record, are kept before TTL removes them. */
  ticketRetentionDays: number;
  gapRetentionDays: number;
  /** Days Lambda and API logs are kept. */
  logRetentionDays: number;
  /** Where alarm notifications are emailed (optional). */
  alarmEmail?: string;
  /** Turn on X-Ray active tracing for the functions and the API. */
  tracing: boolean;
  /**
   * API Gateway throttles. Each class of route has its own bucket, so anonymous chat traffic
   * cannot use up what the staff desk and the Twilio webhook need; `default` covers the rest
   * (/healthz). These limits are for all clients together: per-client limits are WAF's (`edge`).
   */
  throttle: { default: Throttle; chat: Throttle; staff: Throttle; sms: Throttle };
  /** Per-client (IP) WAF rate limits at CloudFront (cdk/constructs/edge-firewall.ts). */
  edge: EdgeRateLimits;
  /**
   * An existing CloudFront-scope WAF web ACL to use instead of the edge stack's (e.g. one managed
   * by Firewall Manager), or the edge stack's ARN when the main stack's region is not known.
   */
  webAclArn?: string;
  /**
   * Custom domain of the CloudFront site and its ACM certificate (in us-east-1). With both set
   * viewers must use TLS 1.2 or later (TLSv1.2_2021); the default *.cloudfront.net certificate
   * cannot enforce that.
   */
  siteDomainName?: string;
  siteCertificateArn?: string;
  /** Custom domain of the HTTP API and its regional ACM certificate (in the stack's region). */
  apiDomainName?: string;
  apiCertificateArn?: string;
  /** Days AWS Backup keeps the weekly table copies; undefined → no backup plan. */
  backupRetentionDays?: number;
  /** The ticket backlog alarm fires when a ticket has waited this long (minutes). */
  ticketBacklogMaxAgeMinutes: number;
}

/** The default of `ticketBacklogMaxAgeMinutes` (a working day's morning). */
export const DEFAULT_TICKET_BACKLOG_MAX_AGE_MINUTES = 240;

const SKILL_ID = /^amzn1\.ask\.skill\.[0-9a-f-]{36}$/;

/** Reads the stack settings from context, with safe defaults for a dev stage. */
export function readStackConfig(node: Node): StackConfig {
  const envName = contextText(node.tryGetContext('env'));
  const preset = envName === undefined ? {} : presetContext(environmentNamed(envName));
  const raw = (key: string): unknown => {
    const v = node.tryGetContext(key) as unknown;
    return v === undefined || v === null || v === '' ? preset[key] : v;
  };
  const text = (key: string): string | undefined => contextText(raw(key));
  const flag = (key: string): boolean => {
    const v = text(key);
    if (v === undefined) return false;
    if (v === 'true' || v === 'false') return v === 'true';
    throw new Error(`context ${key} must be true or false (got "${v}")`);
  };
  const int = (key: string, fallback: number, min: number, max: number): number => {
    const v = text(key);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new Error(`context ${key} must be an integer from ${min} to ${max} (got "${v}")`);
    }
    return n;
  };

  if (envName !== undefined) {
    const given = contextText(node.tryGetContext('stage'));
    if (given !== undefined && given !== preset.stage) {
      throw new Error(
        `context stage "${given}" contradicts env ${envName} (stage ${String(preset.stage)}): give one of them`,
      );
    }
  }
  const stage = text('stage') ?? 'dev';
  if (!/^[a-z][a-z0-9-]{0,15}$/.test(stage)) {
    throw new Error(`context stage must be lower-case letters, digits and dashes (got "${stage}")`);
  }
  const corsOrigins = parseOrigins(raw('corsOrigins'));
  const siteDomainName = text('siteDomainName');
  const apiDomainName = text('apiDomainName');
  for (const prefix of ['site', 'api']) {
    if (
      (text(`${prefix}DomainName`) === undefined) !==
      (text(`${prefix}CertificateArn`) === undefined)
    ) {
      throw new Error(
        `context ${prefix}DomainName and ${prefix}CertificateArn go together: give both or neither`,
      );
    }
  }
  for (const domain of [siteDomainName, apiDomainName]) {
    if (
      domain !== undefined &&
      !/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/.test(domain)
    ) {
      throw new Error(`context domain "${domain}" is not a lower-case DNS name`);
    }
  }
  const account = text('account');
  if (account !== undefined && !/^\d{12}$/.test(account)) {
    throw new Error(`context account must be a 12-digit AWS account id (got "${account}")`);
  }
  const region = text('region');
  if (region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
    throw new Error(`context region must look like eu-west-1 (got "${region}")`);
  }
  const apiCertificateArn = arn(
    'apiCertificateArn',
    new RegExp(`^arn:aws[\\w-]*:acm:${region ?? '[a-z0-9-]+'}:\\d{12}:certificate/.+`),
  );
  const alexaSkillId = text('alexaSkillId');
  if (alexaSkillId !== undefined && !SKILL_ID.test(alexaSkillId)) {
    throw new Error(
      `context alexaSkillId must look like amzn1.ask.skill.<uuid> (got "${alexaSkillId}")`,
    );
  }
  const backupDays = text('backupRetentionDays');
  const whatsapp = whatsAppSettings();
  return {
    ...(envName !== undefined ? { env: envName } : {}),
    account,
    region,
    stage,
    prod: stage === 'prod',
    corsOrigins,
    alexaSkillId,
    lex: flag('lex'),
    twilioAuthTokenParam: text('twilioAuthTokenParam') ?? `/mujib/${stage}/twilio-auth-token`,
    piiSecretParam: text('piiSecretParam') ?? `/mujib/${stage}/pii-secret`,
    ssmKmsKeyArn: text('ssmKmsKeyArn'),
    smsOrigination: text('smsOrigination'),
    ...(whatsapp ? { whatsapp } : {}),
    helpUrl: text('helpUrl'),
    turnRetentionDays: int('turnRetentionDays', 90, 1, 3650),
    ticketRetentionDays: int('ticketRetentionDays', 180, 1, 3650),
    gapRetentionDays: int('gapRetentionDays', 180, 1, 3650),
    logRetentionDays: int('logRetentionDays', 30, 1, 3653),
    alarmEmail: text('alarmEmail'),
    tracing: flag('tracing'),
    throttle: {
      default: throttle('api', 10, 20),
      chat: throttle('chat', 50, 100),
      staff: throttle('staff', 20, 40),
      sms: throttle('sms', 10, 20),
    },
    edge: {
      chatPerClient: int('edgeChatPerClient', DEFAULT_EDGE_RATE_LIMITS.chatPerClient, 10, 2e9),
      allPerClient: int('edgeAllPerClient', DEFAULT_EDGE_RATE_LIMITS.allPerClient, 10, 2e9),
      windowSeconds: windowSeconds(
        int('edgeWindowSeconds', DEFAULT_EDGE_RATE_LIMITS.windowSeconds, 60, 600),
      ),
    },
    webAclArn: arn('webAclArn', /^arn:aws[\w-]*:wafv2:us-east-1:\d{12}:global\/webacl\/.+/),
    siteDomainName,
    siteCertificateArn: arn(
      'siteCertificateArn',
      /^arn:aws[\w-]*:acm:us-east-1:\d{12}:certificate\/.+/,
    ),
    apiDomainName,
    apiCertificateArn,
    backupRetentionDays:
      backupDays === undefined ? undefined : int('backupRetentionDays', 35, 1, 36500),
    ticketBacklogMaxAgeMinutes: int(
      'ticketBacklogMaxAgeMinutes',
      DEFAULT_TICKET_BACKLOG_MAX_AGE_MINUTES,
      5,
      7 * 24 * 60,
    ),
  };

  /** `whatsappFrom` + `twilioAccountSid` (both or neither), `whatsappTemplateSid` optional. */
  function whatsAppSettings(): StackConfig['whatsapp'] {
    const from = text('whatsappFrom')?.replace(/^whatsapp:/i, '');
    const accountSid = text('twilioAccountSid');
    const templateSid = text('whatsappTemplateSid');
    if ((from === undefined) !== (accountSid === undefined)) {
      throw new Error(
        'context whatsappFrom and twilioAccountSid go together: give both or neither',
      );
    }
    if (from === undefined || accountSid === undefined) {
      if (templateSid !== undefined)
        throw new Error('context whatsappTemplateSid needs whatsappFrom');
      return undefined;
    }
    if (!/^\+[1-9]\d{6,14}$/.test(from)) {
      throw new Error(`context whatsappFrom must be an E.164 number (got "${from}")`);
    }
    if (!/^AC[0-9a-fA-F]{32}$/.test(accountSid)) {
      throw new Error(`context twilioAccountSid must be AC + 32 hex digits (got "${accountSid}")`);
    }
    if (templateSid !== undefined && !/^HX[0-9a-fA-F]{32}$/.test(templateSid)) {
      throw new Error(
        `context whatsappTemplateSid must be HX + 32 hex digits (got "${templateSid}")`,
      );
    }
    return { from, accountSid, ...(templateSid ? { templateSid } : {}) };
  }

  function throttle(prefix: string, rate: number, burst: number): Throttle {
    return {
      rateLimit: int(`${prefix}RateLimit`, rate, 1, 10_000),
      burstLimit: int(`${prefix}BurstLimit`, burst, 1, 5_000),
    };
  }
  function arn(key: string, pattern: RegExp): string | undefined {
    const v = text(key);
    if (v !== undefined && !pattern.test(v)) {
      throw new Error(`context ${key} must match ${pattern.source} (got "${v}")`);
    }
    return v;
  }
}

function contextText(v: unknown): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** An environment's settings as the context keys they stand for. */
function presetContext(e: EnvironmentSettings): Record<string, unknown> {
  const entries: [string, unknown][] = [
    ['account', e.account],
    ['region', e.region],
    ['stage', e.stage],
    ['corsOrigins', e.corsOrigins],
    ['alarmEmail', e.alarmEmail],
    ['smsOrigination', e.smsOrigination],
    ['alexaSkillId', e.alexaSkillId],
    ['turnRetentionDays', String(e.turnRetentionDays)],
    ['ticketRetentionDays', String(e.ticketRetentionDays)],
    ['gapRetentionDays', String(e.gapRetentionDays)],
    ['logRetentionDays', String(e.logRetentionDays)],
    ['backupRetentionDays', e.backupRetentionDays?.toString()],
    ['ticketBacklogMaxAgeMinutes', String(e.ticketBacklogMaxAgeMinutes)],
    ['lex', String(e.lex)],
    ['tracing', String(e.tracing)],
    ['apiDomainName', e.apiDomain?.domainName],
    ['apiCertificateArn', e.apiDomain?.certificateArn],
    ['siteDomainName', e.siteDomain?.domainName],
    ['siteCertificateArn', e.siteDomain?.certificateArn],
  ];
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined));
}

function windowSeconds(n: number): EdgeRateLimits['windowSeconds'] {
  if (n === 60 || n === 120 || n === 300 || n === 600) return n;
  throw new Error(`context edgeWindowSeconds must be 60, 120, 300 or 600 (got "${n}")`);
}

/** `"https://a.example,https://b.example"` or a JSON array → validated origins. */
function parseOrigins(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  const list = Array.isArray(value) ? value.map(String) : String(value).split(',');
  const origins = list.map((s) => s.trim()).filter(Boolean);
  for (const origin of origins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new Error(
        `context corsOrigins: "${origin}" is not an origin like https://shop.example`,
      );
    }
  }
  return origins;
}
