/**
 * Building block: the outbound SMS provider — AWS End User Messaging when an origination
 * identity is configured; locally an outbox file you can read; otherwise a reply to an SMS
 * ticket is recorded as not sent, never lost silently. Loads the End User Messaging client:
 * Lambda compositions import this module only when an origination identity is configured.
 */
import path from 'node:path';
import type { Logger, OutboundSms } from '#core/ports.ts';
import { EumOutboundSms } from '#adapters/sms/eum-outbound-sms.ts';
import { OutboxSms } from '#adapters/sms/outbox-sms.ts';
import type { Config } from './config.ts';
import { smsNotConfigured } from './services.ts';

export function outboundSms(config: Config, logger: Logger): OutboundSms {
  const log = ({ event, ...fields }: Record<string, unknown>) => logger.info(String(event), fields);
  if (config.smsOrigination)
    return new EumOutboundSms({ originationIdentity: config.smsOrigination, log });
  if (config.mode === 'local')
    return new OutboxSms({ file: path.join(config.dataDir, 'outbox.jsonl'), log });
  return smsNotConfigured(logger);
}
