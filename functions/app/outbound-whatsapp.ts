/**
 * Building block: the outbound WhatsApp sender — in AWS, Twilio's Messages API when the account
 * and our WhatsApp number are configured (the auth token is the webhook's, from SSM); locally the
 * outbox file the SMS channel writes (`.data/outbox.jsonl`, entries marked `whatsapp`); otherwise
 * a staff reply is recorded as not sent, never lost silently.
 */
import path from 'node:path';
import type { Logger, OutboundSmsResult } from '#core/ports.ts';
import { OutboxSms } from '#adapters/sms/outbox-sms.ts';
import { OutboundWhatsApp } from '#adapters/whatsapp/outbound-whatsapp.ts';
import { TwilioOutboundWhatsApp } from '#adapters/whatsapp/twilio-outbound-whatsapp.ts';
import type { Config } from './config.ts';

export function outboundWhatsApp(config: Config, logger: Logger): OutboundWhatsApp {
  const log = ({ event, ...fields }: Record<string, unknown>) => logger.info(String(event), fields);
  const { accountSid, from, apiUrl } = config.whatsapp;
  const authToken = config.twilio.authToken;
  if (config.mode === 'aws' && accountSid && from && authToken) {
    return new TwilioOutboundWhatsApp({ accountSid, authToken, from, apiBaseUrl: apiUrl, log });
  }
  if (config.mode === 'local') {
    return new OutboxSms({
      channel: 'whatsapp',
      file: path.join(config.dataDir, 'outbox.jsonl'),
      log,
    });
  }
  return new NotConfiguredWhatsApp(logger);
}

/** A sender that sends nothing: each reply is recorded as not sent, with the reason. */
class NotConfiguredWhatsApp extends OutboundWhatsApp {
  constructor(private readonly logger: Logger) {
    super();
  }

  override async send(): Promise<OutboundSmsResult> {
    return this.refuse();
  }

  override async sendTemplate(): Promise<OutboundSmsResult> {
    return this.refuse();
  }

  private refuse(): OutboundSmsResult {
    this.logger.warn('whatsapp_not_configured', {});
    return { id: 'none', status: 'failed', detail: 'no WhatsApp sender configured' };
  }
}
