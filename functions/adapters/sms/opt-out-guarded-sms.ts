/**
 * An OutboundSms that refuses to text a number that opted out (STOP), for staff replies and any
 * other message the customer did not just ask for. Wraps the real sender (EUM, outbox).
 */
import { OutboundSms, type OutboundSmsResult } from '#core/ports.ts';
import type { SmsOptOutStore } from './sms-opt-out-store.ts';
import { smsCustomerKey } from './sms-session.ts';

export class OptOutGuardedSms extends OutboundSms {
  constructor(
    private readonly inner: OutboundSms,
    private readonly optOut: SmsOptOutStore,
    private readonly secret: string,
  ) {
    super();
  }

  override async send(to: string, body: string): Promise<OutboundSmsResult> {
    if (await this.optOut.isOptedOut(smsCustomerKey(to, this.secret))) {
      return { id: '', status: 'failed', detail: 'opted-out' };
    }
    return this.inner.send(to, body);
  }
}
