/**
 * Per-environment settings in one typed file, selected with `-c env=dev|prod` (the GitHub
 * Actions workflow and the runbook use it). Each entry gives the account and region the stack
 * deploys to, its domains and ACM certificates, where alarms go, the SMS origination identity and
 * how long data is kept. Any single value can still be overridden on the command line with the
 * context key of the same name (`-c alarmEmail=…`); cdk/stack-config.ts validates the result.
 *
 * The accounts, domains and certificate ARNs below are placeholders of the documented shape:
 * replace them with your own before the first deploy (docs/operations.md, "Deploy").
 */

/** A custom domain and its ACM certificate. */
export interface DomainSetting {
  domainName: string;
  /** ACM certificate ARN covering `domainName` (see where each must live below). */
  certificateArn: string;
}

export interface EnvironmentSettings {
  /** AWS account id (12 digits) the stacks deploy to. */
  account: string;
  /** Region of the main stack (the WAF web ACL always goes to us-east-1). */
  region: string;
  /** The stage name (`Mujib-<stage>` stacks, `/mujib/<stage>/…` parameters); `prod` retains data. */
  stage: string;
  /**
   * Custom domain of the HTTP API (staff routes, the Twilio webhook); its certificate is a
   * regional ACM certificate in `region`. Undefined → the execute-api URL.
   */
  apiDomain?: DomainSetting;
  /**
   * Custom domain of the CloudFront site (staff desk, widget, public chat API); its certificate
   * must be in us-east-1. Undefined → the *.cloudfront.net domain.
   */
  siteDomain?: DomainSetting;
  /** Sites that embed the chat widget (CORS origins). */
  corsOrigins: string[];
  /** Where alarm notifications are emailed. */
  alarmEmail?: string;
  /** End User Messaging origination identity (E.164 number, pool or sender id) for outbound SMS. */
  smsOrigination?: string;
  /** The Alexa skill allowed to invoke the function (`ask deploy` prints it; docs/operations.md). */
  alexaSkillId?: string;
  /** Days turns are kept (DynamoDB TTL). */
  turnRetentionDays: number;
  /** Days a closed ticket and a content-gap record are kept (DynamoDB TTL). */
  ticketRetentionDays: number;
  gapRetentionDays: number;
  /** Days Lambda and API logs are kept. */
  logRetentionDays: number;
  /** Days AWS Backup keeps the weekly table copies; undefined → no backup plan. */
  backupRetentionDays?: number;
  /** Oldest waiting ticket (minutes) that raises the backlog alarm. */
  ticketBacklogMaxAgeMinutes: number;
  /** Deploy the Lex V2 intent bot. */
  lex: boolean;
  /** X-Ray active tracing. */
  tracing: boolean;
}

export type EnvironmentName = 'dev' | 'prod';

export const ENVIRONMENTS: Readonly<Record<EnvironmentName, EnvironmentSettings>> = {
  dev: {
    account: '111111111111',
    region: 'eu-west-1',
    stage: 'dev',
    corsOrigins: ['http://localhost:3000'],
    alarmEmail: 'mujib-dev-alarms@shop.example',
    turnRetentionDays: 14,
    ticketRetentionDays: 30,
    gapRetentionDays: 30,
    logRetentionDays: 14,
    // No backups in dev: `cdk destroy` removes everything.
    ticketBacklogMaxAgeMinutes: 24 * 60,
    lex: false,
    tracing: true,
  },
  prod: {
    account: '222222222222',
    region: 'eu-west-1',
    stage: 'prod',
    apiDomain: {
      domainName: 'api.help.shop.example',
      certificateArn:
        'arn:aws:acm:eu-west-1:222222222222:certificate/00000000-0000-0000-0000-000000000001',
    },
    siteDomain: {
      domainName: 'help.shop.example',
      certificateArn:
        'arn:aws:acm:us-east-1:222222222222:certificate/00000000-0000-0000-0000-000000000002',
    },
    corsOrigins: ['https://shop.example', 'https://www.shop.example'],
    alarmEmail: 'mujib-alarms@shop.example',
    smsOrigination: '+15555550100',
    turnRetentionDays: 90,
    ticketRetentionDays: 180,
    gapRetentionDays: 180,
    logRetentionDays: 90,
    backupRetentionDays: 35,
    ticketBacklogMaxAgeMinutes: 4 * 60,
    lex: true,
    tracing: true,
  },
};

/** The settings of `-c env=<name>`; a name that is not in ENVIRONMENTS is an error naming them. */
export function environmentNamed(name: string): EnvironmentSettings {
  if (!Object.hasOwn(ENVIRONMENTS, name)) {
    throw new Error(
      `context env must be one of ${Object.keys(ENVIRONMENTS).join(', ')} (got "${name}")`,
    );
  }
  return ENVIRONMENTS[name as EnvironmentName];
}
