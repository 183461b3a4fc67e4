/**
 * Outbound SMS for local mode: nothing leaves the machine. Each message is kept in memory and,
 * when a file is given, appended as one JSON line (e.g. `.data/outbox.jsonl`) for a developer to
 * read. The outbox stands in for the phone network, so it holds the full number; the log line
 * written for each send masks it.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import { OutboundSms, type OutboundSmsResult } from '#core/ports.ts';
import { maskPhone } from './sms-session.ts';
import { smsSegments } from '#core/render/sms-segments.ts';

export interface OutboxEntry {
  id: string;
  at: string;
  to: string;
  body: string;
  segments: number;
  encoding: string;
}

export interface OutboxSmsOptions {
  /** JSONL file to append to; in memory only when absent. */
  file?: string;
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
    const { segments, encoding } = smsSegments(body);
    const entry: OutboxEntry = {
      id: `outbox-${randomUUID()}`,
      at: (this.options.now?.() ?? new Date()).toISOString(),
      to,
      body,
      segments,
      encoding,
    };
    this.sent.push(entry);
    if (this.options.file) {
      await mkdir(dirname(this.options.file), { recursive: true });
      await appendFile(this.options.file, `${JSON.stringify(entry)}\n`, 'utf8');
    }
    this.options.log?.({
      event: 'sms.outbox',
      id: entry.id,
      to: maskPhone(to),
      segments,
      encoding,
    });
    return { id: entry.id, status: 'sent' };
  }

  /** Messages sent to `to`, oldest first. */
  sentTo(to: string): OutboxEntry[] {
    return this.sent.filter((entry) => entry.to === to);
  }
}
