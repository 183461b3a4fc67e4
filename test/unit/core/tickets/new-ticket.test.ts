import { describe, expect, it } from 'vitest';
import { ValidationError } from '#core/errors.ts';
import {
  MAX_TRANSCRIPT_ENTRIES,
  newTicket,
  type NewTicketInput,
} from '#core/tickets/new-ticket.ts';
import { newContentGap } from '#core/tickets/new-content-gap.ts';
import { checkRetentionDays } from '#core/tickets/store-rules.ts';
import { ticketRefFor } from '#core/tickets/ticket-ref.ts';

const NOW = new Date('2025-03-01T09:00:00.000Z');
const input: NewTicketInput = {
  sourceKey: 'web:s1:m1',
  question: 'can I merge two accounts?',
  lang: 'en',
  channel: 'web',
  sessionId: 's1',
  customerKey: 's1',
  reason: 'no-match',
  transcript: [{ at: NOW.toISOString(), from: 'customer', text: 'can I merge two accounts?' }],
  candidates: [{ articleId: 'create-account', title: 'Create an account', confidence: 0.2 }],
  contact: { email: 'jo@example.com' },
};

describe('newTicket', () => {
  it('opens a version-1 ticket with the ref derived from its source key', () => {
    const t = newTicket(input, NOW);
    expect(t).toMatchObject({
      ref: ticketRefFor('web:s1:m1'),
      status: 'open',
      version: 1,
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
      replies: [],
      contact: { email: 'jo@example.com' },
    });
  });

  it('keeps only the latest transcript entries', () => {
    const transcript = Array.from({ length: 80 }, (_, i) => ({
      at: NOW.toISOString(),
      from: 'customer' as const,
      text: `line ${i}`,
    }));
    const t = newTicket({ ...input, transcript }, NOW);
    expect(t.transcript).toHaveLength(MAX_TRANSCRIPT_ENTRIES);
    expect(t.transcript.at(-1)?.text).toBe('line 79');
  });

  it('a missing source key or customer key is a ValidationError', () => {
    expect(() => newTicket({ ...input, sourceKey: '' }, NOW)).toThrow(ValidationError);
    expect(() => newTicket({ ...input, customerKey: ' ' }, NOW)).toThrow(ValidationError);
  });
});

describe('newContentGap', () => {
  it('gets a time-sortable id and a redacted question', () => {
    const gap = newContentGap({ lang: 'ar', question: 'اتصل بي 0501234567' }, NOW, 'u-1');
    expect(gap).toEqual({
      id: `${NOW.toISOString()}#u-1`,
      at: NOW.toISOString(),
      lang: 'ar',
      question: 'اتصل بي [phone]',
    });
    const later = newContentGap({ lang: 'ar', question: 'q' }, new Date(NOW.getTime() + 1), 'a');
    expect(later.id > gap.id).toBe(true);
  });

  it('an empty question is a ValidationError', () => {
    expect(() => newContentGap({ lang: 'en', question: '  ' }, NOW, 'u')).toThrow(ValidationError);
  });
});

describe('store rules', () => {
  it('a retention that is not a positive number of days is a ValidationError', () => {
    expect(checkRetentionDays(undefined)).toBe(90);
    expect(checkRetentionDays(7)).toBe(7);
    for (const days of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => checkRetentionDays(days)).toThrow(ValidationError);
    }
  });
});
