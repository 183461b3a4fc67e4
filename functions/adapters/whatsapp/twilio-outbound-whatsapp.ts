/**
 * Outbound WhatsApp through Twilio's Messages API (`POST /2010-04-01/Accounts/{sid}/Messages.json`,
 * HTTP basic auth with the account sid and auth token): free text as `Body`, a pre-approved
 * template as `ContentSid` + `ContentVariables`. Plain `fetch`, not the 3.8 MB twilio library.
 * Constructed in AWS only (functions/app/outbound-whatsapp.ts); tests point `apiBaseUrl` at a
 * stand-in on 127.0.0.1. Never throws: a refused or failed send comes back as
 * `{ status: 'failed', detail }` for the ticket's delivery record.
 */
import type { OutboundSmsResult } from '#core/ports.ts';
import { maskPhone } from '#adapters/sms/sms-session.ts';
import { OutboundWhatsApp, whatsAppAddress, type WhatsAppTemplate } from './outbound-whatsapp.ts';

export interface TwilioOutboundWhatsAppOptions {
  accountSid: string;
  authToken: string;
  /** Our WhatsApp sender, E.164 or `whatsapp:+…`. */
  from: string;
  /** Default `https://api.twilio.com`. */
  apiBaseUrl?: string;
  /** Milliseconds before a send is given up as failed (default 10,000). */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Structured log sink (one JSON object per event); numbers arrive masked. */
  log?: (event: Record<string, unknown>) => void;
}

export class TwilioOutboundWhatsApp extends OutboundWhatsApp {
  constructor(private readonly options: TwilioOutboundWhatsAppOptions) {
    super();
  }

  override send(to: string, body: string): Promise<OutboundSmsResult> {
    return this.post(to, { Body: body });
  }

  override sendTemplate(to: string, template: WhatsAppTemplate): Promise<OutboundSmsResult> {
    return this.post(to, {
      ContentSid: template.contentSid,
      ContentVariables: JSON.stringify(template.variables),
    });
  }

  private async post(to: string, fields: Record<string, string>): Promise<OutboundSmsResult> {
    const { accountSid, authToken } = this.options;
    const base = (this.options.apiBaseUrl ?? 'https://api.twilio.com').replace(/\/+$/, '');
    const url = `${base}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`;
    const form = new URLSearchParams({
      To: whatsAppAddress(to),
      From: whatsAppAddress(this.options.from),
      ...fields,
    });
    try {
      const response = await (this.options.fetch ?? fetch)(url, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: form.toString(),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      const json = (await response.json().catch(() => ({}))) as {
        sid?: string;
        code?: number;
        message?: string;
      };
      if (response.ok && json.sid) return { id: json.sid, status: 'sent' };
      const detail = `Twilio ${json.code ?? response.status}: ${json.message ?? response.statusText}`;
      return this.failed(to, detail);
    } catch (error) {
      return this.failed(to, String((error as Error)?.message ?? error));
    }
  }

  private failed(to: string, detail: string): OutboundSmsResult {
    (this.options.log ?? defaultLog)({ event: 'whatsapp.send_failed', to: maskPhone(to), detail });
    return { id: '', status: 'failed', detail };
  }
}

function defaultLog(event: Record<string, unknown>): void {
  console.warn(JSON.stringify({ level: 'warn', ...event }));
}
