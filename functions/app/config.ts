/**
 * Configuration: the only module that reads process.env. Read and validated once; a missing or
 * invalid variable is named in the error. Local mode has dev defaults; AWS mode has none for
 * secrets (a default staff token or disabled signature checks are refused outside local mode).
 */
import path from 'node:path';
import type { DecisionThresholds } from '#core/types.ts';
import { DEFAULT_THRESHOLDS } from '#core/retrieval/default-thresholds.ts';
import { ENV } from './env-names.ts';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export interface TableNames {
  turns: string;
  tickets: string;
  gaps: string;
  stats: string;
}

export interface Config {
  mode: 'local' | 'aws';
  host: string;
  port: number;
  dataDir: string;
  dynamoEndpoint?: string;
  tables: TableNames;
  retentionDays: number;
  /** Days a closed ticket is kept (then its TTL expires it), and a content gap. */
  ticketRetentionDays: number;
  gapRetentionDays: number;
  /**
   * Where turns wait while the session log is unavailable: an SQS queue (`sqsUrl`, AWS), else a
   * file (local); in process only when neither is set.
   */
  turnQueue: { sqsUrl?: string; file?: string; flushEveryMs: number };
  indexPath: string;
  indexBucket?: string;
  indexKey: string;
  knowledgeBucket?: string;
  /** Site bucket (CloudFront) for the articles' public pages, written by the indexer. */
  siteBucket?: string;
  knowledgePrefix: string;
  /** Prefix of the content studio's documents in the index bucket (AWS), e.g. `studio/`. */
  studioPrefix: string;
  /** SNS topic for messages to the owners of rejected articles (indexer). */
  publishTopicArn?: string;
  helpUrl: string;
  twilio: { webhookUrl: string; authToken?: string; authTokenParam?: string };
  /**
   * WhatsApp through Twilio (same auth token): the webhook's public URL; for staff replies our
   * sender number (E.164), the account and the template used outside the 24-hour window.
   */
  whatsapp: {
    webhookUrl: string;
    from?: string;
    accountSid?: string;
    templateSid?: string;
    /** Twilio's REST API base URL (a Twilio Region's, or a stand-in in tests). */
    apiUrl: string;
  };
  piiSecret?: string;
  piiSecretParam?: string;
  /** SSM name of the CloudFront origin secret (the origin-verify authorizer only). */
  originVerifyParam?: string;
  smsOrigination?: string;
  alexa: { skillId?: string; verifySignatures: boolean };
  lex?: { botId: string; botAliasId: string; locales: Record<string, string> };
  staffToken?: string;
  /** Cognito group the staff API requires (AWS); undefined: every signed-in staff user. */
  staffGroup?: string;
  /** Local bearer token of writers (content studio, suggestions); a writer is also staff. */
  writerToken?: string;
  /** Cognito group of writers (AWS). */
  writerGroup: string;
  /** Folder of the live articles (local mode; the studio publishes into it). */
  knowledgeDir: string;
  /** Days after `updated` the studio shows an article as out of date. */
  staleAfterDays: number;
  corsOrigins: string[];
  thresholds: DecisionThresholds;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Support configuration file (./support-config.ts); undefined: the bundled support.json. */
  supportConfigPath?: string;
}

type Env = Record<string, string | undefined>;

/** Development-only secrets for `npm start`; refused in AWS mode. */
export const LOCAL_DEV_STAFF_TOKEN = 'local-dev-staff-token';
export const LOCAL_DEV_WRITER_TOKEN = 'local-dev-writer-token';
/** Cognito group of writers when none is configured. */
export const DEFAULT_WRITER_GROUP = 'writers';
const LOCAL_DEV_TWILIO_TOKEN = 'local-dev-twilio-token';
const LOCAL_DEV_PII_SECRET = 'local-dev-pii-secret';

export function loadConfig(env: Env = process.env): Config {
  const mode = oneOf(env, ENV.mode, ['local', 'aws'] as const, 'local');
  const local = mode === 'local';
  const port = int(env, ENV.port, 3000, 0, 65_535);
  const host = env[ENV.host] ?? '127.0.0.1';
  const dataDir = path.resolve(env[ENV.dataDir] ?? '.data');
  const publicBase = `http://${host}:${port}`;

  const staffToken = env[ENV.staffToken] ?? (local ? LOCAL_DEV_STAFF_TOKEN : undefined);
  if (!local && staffToken === LOCAL_DEV_STAFF_TOKEN) {
    throw new ConfigError(`${ENV.staffToken} must not be the local development token in aws mode`);
  }
  const writerToken = env[ENV.writerToken] ?? (local ? LOCAL_DEV_WRITER_TOKEN : undefined);
  if (!local && writerToken === LOCAL_DEV_WRITER_TOKEN) {
    throw new ConfigError(`${ENV.writerToken} must not be the local development token in aws mode`);
  }
  if (writerToken !== undefined && writerToken === staffToken) {
    throw new ConfigError(`${ENV.writerToken} must differ from ${ENV.staffToken}`);
  }
  const verifySignatures = bool(env, ENV.alexaVerifySignatures, true);
  if (!local && !verifySignatures) {
    throw new ConfigError(`${ENV.alexaVerifySignatures}=false is only allowed in local mode`);
  }
  const lexBotId = env[ENV.lexBotId];
  const lexAlias = env[ENV.lexBotAliasId];

  return {
    mode,
    host,
    port,
    dataDir,
    dynamoEndpoint: env[ENV.dynamoEndpoint],
    tables: {
      turns: env[ENV.turnsTable] ?? 'mujib-turns',
      tickets: env[ENV.ticketsTable] ?? 'mujib-tickets',
      gaps: env[ENV.gapsTable] ?? 'mujib-gaps',
      stats: env[ENV.statsTable] ?? 'mujib-stats',
    },
    retentionDays: int(env, ENV.retentionDays, 90, 1, 3_650),
    ticketRetentionDays: int(env, ENV.ticketRetentionDays, 180, 1, 3_650),
    gapRetentionDays: int(env, ENV.gapRetentionDays, 180, 1, 3_650),
    turnQueue: {
      sqsUrl: httpUrl(env, ENV.turnQueueUrl),
      file: turnQueueFile(env[ENV.turnQueueFile], local, dataDir),
      flushEveryMs: int(env, ENV.turnQueueFlushMs, 10_000, 100, 3_600_000),
    },
    indexPath: path.resolve(env[ENV.indexPath] ?? 'dist/knowledge-index.json'),
    indexBucket: env[ENV.indexBucket],
    indexKey: env[ENV.indexKey] ?? 'index/knowledge-index.json',
    knowledgeBucket: env[ENV.knowledgeBucket],
    siteBucket: env[ENV.siteBucket],
    knowledgePrefix: env[ENV.knowledgePrefix] ?? 'knowledge/',
    studioPrefix: env[ENV.studioPrefix] || 'studio/',
    publishTopicArn: env[ENV.publishTopicArn] || undefined,
    helpUrl: env[ENV.helpUrl] ?? (local ? publicBase : 'https://help.nakheel.example'),
    twilio: {
      webhookUrl: env[ENV.twilioWebhookUrl] ?? `${publicBase}/sms/twilio`,
      authToken: env[ENV.twilioAuthToken] ?? (local ? LOCAL_DEV_TWILIO_TOKEN : undefined),
      authTokenParam: env[ENV.twilioAuthTokenParam],
    },
    whatsapp: {
      webhookUrl: env[ENV.whatsappWebhookUrl] ?? `${publicBase}/whatsapp/twilio`,
      from: whatsAppNumber(env, ENV.whatsappFrom),
      accountSid: matching(env, ENV.twilioAccountSid, /^AC[0-9a-fA-F]{32}$/, 'AC + 32 hex digits'),
      templateSid: matching(
        env,
        ENV.whatsappTemplateSid,
        /^HX[0-9a-fA-F]{32}$/,
        'HX + 32 hex digits',
      ),
      apiUrl: httpUrl(env, ENV.twilioApiUrl) ?? 'https://api.twilio.com',
    },
    piiSecret: env[ENV.piiSecret] ?? (local ? LOCAL_DEV_PII_SECRET : undefined),
    piiSecretParam: env[ENV.piiSecretParam],
    originVerifyParam: env[ENV.originVerifyParam],
    smsOrigination: env[ENV.smsOriginationIdentity],
    alexa: { skillId: env[ENV.alexaSkillId], verifySignatures },
    lex:
      lexBotId && lexAlias
        ? { botId: lexBotId, botAliasId: lexAlias, locales: locales(env[ENV.lexLocales]) }
        : undefined,
    staffToken,
    staffGroup: groupOf(env, ENV.staffGroup),
    writerToken,
    writerGroup: groupOf(env, ENV.writerGroup) ?? DEFAULT_WRITER_GROUP,
    knowledgeDir: path.resolve(env[ENV.knowledgeDir] || 'knowledge'),
    staleAfterDays: int(env, ENV.staleAfterDays, 180, 1, 3_650),
    corsOrigins: (env[ENV.corsOrigins] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    thresholds: {
      answer: fraction(env, ENV.thresholdAnswer, DEFAULT_THRESHOLDS.answer),
      clarify: fraction(env, ENV.thresholdClarify, DEFAULT_THRESHOLDS.clarify),
      clarifyMargin: fraction(env, ENV.thresholdClarifyMargin, DEFAULT_THRESHOLDS.clarifyMargin),
    },
    logLevel: oneOf(env, ENV.logLevel, ['debug', 'info', 'warn', 'error'] as const, 'info'),
    ...supportConfigPath(env[ENV.supportConfig]),
  };
}

/** The turn queue file: as configured (`off`: none), or in the data folder in local mode. */
function turnQueueFile(value: string | undefined, local: boolean, dataDir: string) {
  if (value === 'off') return undefined;
  if (value) return path.resolve(value);
  return local ? path.join(dataDir, 'turn-queue.jsonl') : undefined;
}

/** The support configuration file, when one is named (else the bundled support.json). */
function supportConfigPath(value: string | undefined): { supportConfigPath?: string } {
  return value ? { supportConfigPath: path.resolve(value) } : {};
}

/** A Cognito group name (1–128 characters, no whitespace), when set. */
function groupOf(env: Env, name: string): string | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  if (!/^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u.test(value)) {
    throw new ConfigError(`${name} must be a Cognito group name (got "${value}")`);
  }
  return value;
}

/** An optional value that must match `pattern` (described as `shape` in the error). */
function matching(env: Env, name: string, pattern: RegExp, shape: string): string | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  if (!pattern.test(value)) throw new ConfigError(`${name} must be ${shape} (got "${value}")`);
  return value;
}

/** An optional WhatsApp number, `whatsapp:+9665…` or `+9665…`, as E.164. */
function whatsAppNumber(env: Env, name: string): string | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  const phone = value.replace(/^whatsapp:/i, '');
  if (!/^\+[1-9]\d{6,14}$/.test(phone)) {
    throw new ConfigError(`${name} must be a WhatsApp number, whatsapp:+<E.164> (got "${value}")`);
  }
  return phone;
}

/** An optional http(s) URL (e.g. an SQS queue URL). */
function httpUrl(env: Env, name: string): string | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new ConfigError(`${name} must be an http(s) URL (got "${value}")`);
  }
  return value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
  }
  return value as T;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max} (got "${value}")`);
  }
  return n;
}

function fraction(env: Env, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) {
    throw new ConfigError(`${name} must be a number from 0 to 1 (got "${value}")`);
  }
  return n;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new ConfigError(`${name} must be true or false (got "${value}")`);
}

/** `en=en_US,ar=ar_AE` → { en: 'en_US', ar: 'ar_AE' }. */
function locales(value: string | undefined): Record<string, string> {
  const result: Record<string, string> = { en: 'en_US', ar: 'ar_AE' };
  for (const pair of (value ?? '').split(',').filter(Boolean)) {
    const [lang, locale] = pair.split('=').map((s) => s.trim());
    if (lang && locale) result[lang] = locale;
  }
  return result;
}
