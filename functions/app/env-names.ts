/**
 * Names of the environment variables the functions read (through config.ts only). The CDK stack
 * imports this module to set them, so the two can never drift apart.
 */
export const ENV = {
  /** `local` (dynalite, dev conveniences allowed) or `aws`. */
  mode: 'MUJIB_MODE',
  port: 'PORT',
  host: 'HOST',
  dataDir: 'MUJIB_DATA_DIR',
  /** DynamoDB endpoint override (local dynalite); unset in AWS. */
  dynamoEndpoint: 'MUJIB_DYNAMO_ENDPOINT',
  turnsTable: 'MUJIB_TURNS_TABLE',
  ticketsTable: 'MUJIB_TICKETS_TABLE',
  gapsTable: 'MUJIB_GAPS_TABLE',
  statsTable: 'MUJIB_STATS_TABLE',
  retentionDays: 'MUJIB_TURN_RETENTION_DAYS',
  /** Days a ticket is kept after it is closed, and a content-gap suggestion after it is made. */
  ticketRetentionDays: 'MUJIB_TICKET_RETENTION_DAYS',
  gapRetentionDays: 'MUJIB_GAP_RETENTION_DAYS',
  /**
   * Durable queue for turns the session log could not take (store down): a file, `off` for none.
   * Local mode defaults to `<data dir>/turn-queue.jsonl`.
   */
  turnQueueFile: 'MUJIB_TURN_QUEUE_FILE',
  /**
   * URL of the SQS queue for turns the session log could not take (AWS). When set it is the
   * durable turn queue (the file is not used); the scheduled flush-turns function drains it.
   */
  turnQueueUrl: 'MUJIB_TURN_QUEUE_URL',
  /** Milliseconds between attempts to write queued turns (local timer). */
  turnQueueFlushMs: 'MUJIB_TURN_QUEUE_FLUSH_MS',
  /** Local path of the bundled index artifact (fallback). */
  indexPath: 'MUJIB_INDEX_PATH',
  /** S3 bucket/key of the published index artifact (checked at most once a minute). */
  indexBucket: 'MUJIB_INDEX_BUCKET',
  indexKey: 'MUJIB_INDEX_KEY',
  /** S3 bucket and prefix of the Markdown articles (indexer). */
  knowledgeBucket: 'MUJIB_KNOWLEDGE_BUCKET',
  /** Bucket of the CloudFront site: the indexer writes the articles' public pages under help/. */
  siteBucket: 'MUJIB_SITE_BUCKET',
  knowledgePrefix: 'MUJIB_KNOWLEDGE_PREFIX',
  /**
   * Key prefix in the index (artifact) bucket of the content studio's documents: drafts, version
   * history, audit and the indexer's publish report (`report/rejected.json`). Default `studio/`.
   */
  studioPrefix: 'MUJIB_STUDIO_PREFIX',
  /** SNS topic the indexer tells article owners on (message attribute `owner`) when it rejects one. */
  publishTopicArn: 'MUJIB_PUBLISH_TOPIC_ARN',
  /** Public base URL of the help centre articles (links in SMS, cards). */
  helpUrl: 'MUJIB_HELP_URL',
  /** Public URL of the Twilio webhook (part of the signature). */
  twilioWebhookUrl: 'MUJIB_TWILIO_WEBHOOK_URL',
  /** SSM SecureString parameter name holding the Twilio auth token (AWS). */
  twilioAuthTokenParam: 'MUJIB_TWILIO_AUTH_TOKEN_PARAM',
  /** Twilio auth token in the clear: local mode only. */
  twilioAuthToken: 'MUJIB_TWILIO_AUTH_TOKEN',
  /** Public URL of the Twilio WhatsApp webhook (part of its signature; same auth token). */
  whatsappWebhookUrl: 'MUJIB_WHATSAPP_WEBHOOK_URL',
  /**
   * Our WhatsApp sender (`whatsapp:+1…` or `+1…`) for staff replies; with the account sid, AWS
   * sends them through Twilio's Messages API (local mode writes them to the outbox).
   */
  whatsappFrom: 'MUJIB_WHATSAPP_FROM',
  /** Twilio account sid (`AC…`): the Messages API account of outbound WhatsApp. */
  twilioAccountSid: 'MUJIB_TWILIO_ACCOUNT_SID',
  /**
   * Base URL of Twilio's REST API (default `https://api.twilio.com`; a Twilio Region's, e.g.
   * `https://api.dublin.ie1.twilio.com`, keeps messages in that region).
   */
  twilioApiUrl: 'MUJIB_TWILIO_API_URL',
  /**
   * Pre-approved WhatsApp template (Twilio Content sid `HX…`, the ticket reference as variable 1)
   * for staff replies more than 24 hours after the customer's last message; unset: such replies
   * are not sent and the desk says why.
   */
  whatsappTemplateSid: 'MUJIB_WHATSAPP_TEMPLATE_SID',
  /** SSM SecureString parameter holding the secret for hashing phone numbers. */
  piiSecretParam: 'MUJIB_PII_SECRET_PARAM',
  piiSecret: 'MUJIB_PII_SECRET',
  /**
   * SSM name through which the origin-verify authorizer reads the secret CloudFront adds to API
   * requests (`/aws/reference/secretsmanager/<secret>`: Parameter Store's view of the secret).
   */
  originVerifyParam: 'MUJIB_ORIGIN_VERIFY_PARAM',
  smsOriginationIdentity: 'MUJIB_SMS_ORIGINATION',
  alexaSkillId: 'MUJIB_ALEXA_SKILL_ID',
  /** `false` disables Alexa request signature checks: only honoured in local mode. */
  alexaVerifySignatures: 'MUJIB_ALEXA_VERIFY_SIGNATURES',
  lexBotId: 'MUJIB_LEX_BOT_ID',
  lexBotAliasId: 'MUJIB_LEX_BOT_ALIAS_ID',
  lexLocales: 'MUJIB_LEX_LOCALES',
  /** Bearer token for the staff API in local mode (never a default outside local mode). */
  staffToken: 'MUJIB_STAFF_TOKEN',
  /**
   * Cognito group a staff member must be in for the staff API (AWS; the JWT's `cognito:groups`).
   * Unset: any user of the staff user pool is staff.
   */
  staffGroup: 'MUJIB_STAFF_GROUP',
  /**
   * Bearer token of a writer (content studio, suggestions) in local mode; a writer also does
   * everything staff do. Never a default outside local mode.
   */
  writerToken: 'MUJIB_WRITER_TOKEN',
  /** Cognito group of writers (AWS; the JWT's `cognito:groups`). Default `writers`. */
  writerGroup: 'MUJIB_WRITER_GROUP',
  /** Folder of the live articles in local mode (the studio publishes into it). Default `knowledge`. */
  knowledgeDir: 'MUJIB_KNOWLEDGE_DIR',
  /** Days after an article's `updated` date the studio shows it as out of date. Default 180. */
  staleAfterDays: 'MUJIB_STALE_AFTER_DAYS',
  corsOrigins: 'MUJIB_CORS_ORIGINS',
  thresholdAnswer: 'MUJIB_THRESHOLD_ANSWER',
  thresholdClarify: 'MUJIB_THRESHOLD_CLARIFY',
  thresholdClarifyMargin: 'MUJIB_THRESHOLD_CLARIFY_MARGIN',
  logLevel: 'MUJIB_LOG_LEVEL',
  /**
   * Path of the support configuration (queues, hours, holidays; see support.json). Default: the
   * support.json at the repository root, bundled into the functions.
   */
  supportConfig: 'MUJIB_SUPPORT_CONFIG',
} as const;
