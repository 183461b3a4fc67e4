import { describe, expect, it } from 'vitest';
import { TicketStateConflictError, ValidationError } from '#core/errors.ts';
import type { Ticket, TicketStatus } from '#core/ports.ts';
import { newTicket } from '#core/tickets/new-ticket.ts';
import {
  claimTicket,
  closeTicket,
  MAX_REPLY_LENGTH,
  recordDelivery,
  reopenTicket,
  replyToTicket,
} from '#core/tickets/ticket-lifecycle.ts';

const T0 = new Date('2025-03-01T09:00:00.000Z');
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

function openTicket(): Ticket {
  return newTicket(
    {
      sourceKey: 'sms:hash-1:SM123',
      question: 'my card was charged twice',
      lang: 'en',
      channel: 'sms',
      sessionId: 'hash-1',
      customerKey: 'hash-1',
      reason: 'low-confidence',
      transcript: [],
      candidates: [],
      contact: { phone: '+447700900123' },
    },
    T0,
  );
}
const claimed = () => claimTicket(openTicket(), 'sara', later(1));
const answered = () => replyToTicket(claimed(), 'sara', 'We refunded the second charge.', later(2));
const closed = () => closeTicket(answered(), 'sara', later(3));
const byStatus: Record<TicketStatus, () => Ticket> = {
  open: openTicket,
  claimed,
  answered,
  closed,
};

describe('ticket lifecycle: valid transitions', () => {
  it('claiming an open ticket records who and when, and bumps the version', () => {
    const t = openTicket();
    const next = claimTicket(t, 'sara', later(1));
    expect(next).toMatchObject({
      status: 'claimed',
      claimedBy: 'sara',
      claimedAt: later(1).toISOString(),
      updatedAt: later(1).toISOString(),
      version: t.version + 1,
    });
    expect(t.status).toBe('open');
  });

  it('the claimer’s reply is added as pending and answers the ticket', () => {
    const t = claimed();
    const next = replyToTicket(t, 'sara', '  We refunded the second charge.  ', later(2));
    expect(next.status).toBe('answered');
    expect(next.answeredAt).toBe(later(2).toISOString());
    expect(next.replies).toEqual([
      {
        at: later(2).toISOString(),
        by: 'sara',
        text: 'We refunded the second charge.',
        delivery: 'pending',
      },
    ]);
    expect(next.version).toBe(t.version + 1);
    expect(t.replies).toEqual([]);
  });

  it('a follow-up on an answered ticket adds a reply and keeps the first answer time', () => {
    const t = answered();
    const next = replyToTicket(t, 'omar', 'It will show in 3 days.', later(10));
    expect(next.status).toBe('answered');
    expect(next.replies.map((r) => r.by)).toEqual(['sara', 'omar']);
    expect(next.answeredAt).toBe(t.answeredAt);
  });

  it.each(['open', 'claimed', 'answered'] as const)('a %s ticket can be closed', (status) => {
    const t = byStatus[status]();
    const next = closeTicket(t, 'sara', later(20));
    expect(next).toMatchObject({
      status: 'closed',
      closedAt: later(20).toISOString(),
      version: t.version + 1,
    });
  });

  it.each(['answered', 'closed'] as const)('a %s ticket can be reopened, unclaimed', (status) => {
    const t = byStatus[status]();
    const next = reopenTicket(t, 'omar', later(30));
    expect(next.status).toBe('open');
    expect(next).not.toHaveProperty('claimedBy');
    expect(next).not.toHaveProperty('claimedAt');
    expect(next).not.toHaveProperty('closedAt');
    expect(next.replies).toEqual(t.replies);
    expect(next.version).toBe(t.version + 1);
  });

  it('a reopened ticket can be claimed and answered again', () => {
    const reopened = reopenTicket(closed(), 'omar', later(30));
    const next = replyToTicket(
      claimTicket(reopened, 'omar', later(31)),
      'omar',
      'Done now.',
      later(32),
    );
    expect(next.status).toBe('answered');
    expect(next.replies).toHaveLength(2);
  });
});

describe('ticket lifecycle: invalid transitions are TicketStateConflictError', () => {
  const invalid: [TicketStatus, string, (t: Ticket) => Ticket][] = [
    ['claimed', 'claim', (t) => claimTicket(t, 'omar', later(9))],
    ['answered', 'claim', (t) => claimTicket(t, 'omar', later(9))],
    ['closed', 'claim', (t) => claimTicket(t, 'omar', later(9))],
    ['open', 'reply', (t) => replyToTicket(t, 'sara', 'hi', later(9))],
    ['closed', 'reply', (t) => replyToTicket(t, 'sara', 'hi', later(9))],
    ['closed', 'close', (t) => closeTicket(t, 'sara', later(9))],
    ['open', 'reopen', (t) => reopenTicket(t, 'sara', later(9))],
    ['claimed', 'reopen', (t) => reopenTicket(t, 'sara', later(9))],
  ];
  it.each(invalid)('a %s ticket cannot %s', (status, action, act) => {
    const t = byStatus[status]();
    let error: unknown;
    try {
      act(t);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TicketStateConflictError);
    expect(error).toMatchObject({ ref: t.ref, currentStatus: status, action });
  });

  it('only the staff member who claimed a ticket can reply to it', () => {
    expect(() => replyToTicket(claimed(), 'omar', 'hi', later(9))).toThrow(
      TicketStateConflictError,
    );
    expect(() => replyToTicket(claimed(), 'omar', 'hi', later(9))).toThrow(/claimed by sara/);
  });
});

describe('ticket lifecycle: input checks', () => {
  it('an empty, blank or over-long reply is a ValidationError', () => {
    for (const text of ['', '   \n ', 'x'.repeat(MAX_REPLY_LENGTH + 1)]) {
      expect(() => replyToTicket(claimed(), 'sara', text, later(9))).toThrow(ValidationError);
    }
    expect(replyToTicket(claimed(), 'sara', 'x'.repeat(MAX_REPLY_LENGTH), later(9)).status).toBe(
      'answered',
    );
  });

  it('a missing staff member is a ValidationError', () => {
    expect(() => claimTicket(openTicket(), ' ', later(1))).toThrow(ValidationError);
    expect(() => closeTicket(openTicket(), '', later(1))).toThrow(ValidationError);
  });
});

describe('ticket lifecycle: delivery of staff replies', () => {
  it('records a delivery with its detail and time', () => {
    const t = answered();
    const sent = recordDelivery(t, 0, 'sent', 'SM-out-1', later(3));
    const delivered = recordDelivery(sent, 0, 'delivered', undefined, later(4));
    expect(sent.replies[0]).toMatchObject({ delivery: 'sent', deliveryDetail: 'SM-out-1' });
    expect(delivered.replies[0]).toMatchObject({
      delivery: 'delivered',
      deliveryDetail: 'SM-out-1',
      deliveredAt: later(4).toISOString(),
    });
    expect(delivered.version).toBe(t.version + 2);
  });

  it('is allowed on a closed ticket (reports arrive late)', () => {
    const t = closed();
    expect(recordDelivery(t, 0, 'failed', '30003 unreachable', later(5)).replies[0]?.delivery).toBe(
      'failed',
    );
  });

  it('a stale report (sent after delivered) changes nothing', () => {
    const delivered = recordDelivery(answered(), 0, 'delivered', undefined, later(4));
    expect(recordDelivery(delivered, 0, 'sent', undefined, later(5))).toBe(delivered);
  });

  it('an unknown reply index or status is a ValidationError', () => {
    expect(() => recordDelivery(answered(), 1, 'sent', undefined, later(5))).toThrow(
      ValidationError,
    );
    expect(() => recordDelivery(answered(), -1, 'sent', undefined, later(5))).toThrow(
      ValidationError,
    );
    expect(() => recordDelivery(answered(), 0, 'lost' as 'sent', undefined, later(5))).toThrow(
      ValidationError,
    );
  });
});
