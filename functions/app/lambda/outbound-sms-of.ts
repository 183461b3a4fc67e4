/**
 * Outbound SMS of a Lambda: End User Messaging when an origination identity is configured (its
 * client is only loaded then), else replies are recorded as not sent.
 */
import type { Logger, OutboundSms } from '#core/ports.ts';
import type { Config } from '../config.ts';
import { smsNotConfigured } from '../services.ts';

export async function outboundSmsOf(config: Config, logger: Logger): Promise<OutboundSms> {
  if (!config.smsOrigination) return smsNotConfigured(logger);
  const { outboundSms } = await import('../outbound-sms.ts');
  return outboundSms(config, logger);
}
