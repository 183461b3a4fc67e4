/**
 * Outbound SMS (and WhatsApp) for local mode: nothing leaves the machine. Each message is kept in
 * memory and, when a file is given, appended as one JSON line (e.g. `.data/outbox.jsonl`) for a
 * developer to read, marked with its channel. As a WhatsApp outbox (`channel: 'whatsapp'`) it
 * also takes pre-approved templates, so it stands in for the OutboundWhatsApp port. The outbox
 * stands in for the phone network, so it holds the full number; the log line written for each
 * send masks it.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import { OutboundSms, type OutboundSmsResult } from '#core/ports.ts';
import type { WhatsAppTemplate } from '#adapters/whatsapp/outbound-whatsapp.ts';
import { maskPhone, type PhoneChannel } from './sms-session.ts';
import { smsSegments } from '#core/render/sms-segments.ts';

export interface OutboxEntry {
  id: string;
  at: string;
  channel: PhoneChannel;
  to: string;
  body: string;
  /** SMS only: what the message costs. */
  segments?: number;
  encoding?: string;
  /** WhatsApp only: the pre-approved template sent instead of free text. */
  template?: WhatsAppTemplate;
}

export interface OutboxSmsOptions {
  /** JSONL file to append to; in memory only when absent. */
  file?: string;
  /** What the outbox stands in for (default `sms`). */
  channel?: PhoneChannel;
  now?: () => Date;
  log?: (event: Record<string, unknown>) => void;
}

export class OutboxSms extends OutboundSms {
  /** Everything sent so far, oldest first. */
  readonly sent: OutboxEntry[] = [];

  constructor(private readonly options: OutboxSmsOptions = {}) {
    super();
  }

  override async send(to: string, body: string): Promise<OutboundSmsResult> {
    if ((this.options.channel ?? 'sms') !== 'sms') return this.keep(to, body, {});
    const { segments, encoding } = smsSegments(body);
    return this.keep(to, body, { segments, encoding });
  }

  /** A WhatsApp template (its sid and variables are what the outbox shows as the body). */
  async sendTemplate(to: string, template: WhatsAppTemplate): Promise<OutboundSmsResult> {
    const body = `[template ${template.contentSid}] ${JSON.stringify(template.variables)}`;
    return this.keep(to, body, { template });
  }

  private async keep(
    to: string,
    body: string,
    extra: Pick<OutboxEntry, 'segments' | 'encoding' | 'template'>,
  ): Promise<OutboundSmsResult> {
    const channel = this.options.channel ?? 'sms';
    const entry: OutboxEntry = {
      id: `outbox-${randomUUID()}`,
      at: (this.options.now?.() ?? new Date()).toISOString(),
      channel,
      to,
      body,
      ...extra,
    };
    this.sent.push(entry);
    if (this.options.file) {
      await mkdir(dirname(this.options.file), { recursive: true });
      await appendFile(this.options.file, `${JSON.stringify(entry)}\n`, 'utf8');
    }
    this.options.log?.({
      event: `${channel}.outbox`,
      id: entry.id,
      to: maskPhone(to),
      ...(extra.segments !== undefined
        ? { segments: extra.segments, encoding: extra.encoding }
        : {}),
      ...(extra.template ? { template: extra.template.contentSid } : {}),
    });
    return { id: entry.id, status: 'sent' };
  }

  /** Messages sent to `to`, oldest first. */
  sentTo(to: string): OutboxEntry[] {
    return this.sent.filter((entry) => entry.to === to);
  }
}
