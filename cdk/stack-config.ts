/**
 * Deployment settings, read once from CDK context (`cdk deploy -c stage=prod -c corsOrigins=…`)
 * and validated: a wrong value stops the synth with a message naming it.
 */
import type { Node } from 'constructs';
import { DEFAULT_EDGE_RATE_LIMITS, type EdgeRateLimits } from './constructs/edge-firewall.ts';

/** Steady-state requests per second and burst of one API Gateway throttle bucket. */
export interface Throttle {
  rateLimit: number;
  burstLimit: number;
}

export interface StackConfig {
  /** `prod` retains data (tables, buckets) and turns on deletion protection. */
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
  /** Public base URL of the help centre (links in answers). */
  helpUrl?: string;
  /** Days turns are kept before DynamoDB TTL removes them. */
  turnRetentionDays: number;
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
}

const SKILL_ID = /^amzn1\.ask\.skill\.[0-9a-f-]{36}$/;

/** Reads the stack settings from context, with safe defaults for a dev stage. */
export function readStackConfig(node: Node): StackConfig {
  const text = (key: string): string | undefined => {
    const v = node.tryGetContext(key) as unknown;
    if (v === undefined || v === null || v === '') return undefined;
    return typeof v === 'string' ? v : JSON.stringify(v);
  };
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

  const stage = text('stage') ?? 'dev';
  if (!/^[a-z][a-z0-9-]{0,15}$/.test(stage)) {
    throw new Error(`context stage must be lower-case letters, digits and dashes (got "${stage}")`);
  }
  const corsOrigins = parseOrigins(node.tryGetContext('corsOrigins'));
  const siteDomainName = text('siteDomainName');
  if ((siteDomainName === undefined) !== (text('siteCertificateArn') === undefined)) {
    throw new Error(
      'context siteDomainName and siteCertificateArn go together: give both or neither',
    );
  }
  const alexaSkillId = text('alexaSkillId');
  if (alexaSkillId !== undefined && !SKILL_ID.test(alexaSkillId)) {
    throw new Error(
      `context alexaSkillId must look like amzn1.ask.skill.<uuid> (got "${alexaSkillId}")`,
    );
  }
  return {
    stage,
    prod: stage === 'prod',
    corsOrigins,
    alexaSkillId,
    lex: flag('lex'),
    twilioAuthTokenParam: text('twilioAuthTokenParam') ?? `/mujib/${stage}/twilio-auth-token`,
    piiSecretParam: text('piiSecretParam') ?? `/mujib/${stage}/pii-secret`,
    ssmKmsKeyArn: text('ssmKmsKeyArn'),
    smsOrigination: text('smsOrigination'),
    helpUrl: text('helpUrl'),
    turnRetentionDays: int('turnRetentionDays', 90, 1, 3650),
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
  };

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
