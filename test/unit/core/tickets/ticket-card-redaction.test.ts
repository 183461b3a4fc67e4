import { describe, expect, it } from 'vitest';
import { newTicket } from '#core/tickets/new-ticket.ts';

describe('a new ticket and payment cards', () => {
  it('keeps the customer’s phone and email for staff but never a card number', () => {
    const text = 'charged twice on 4111 1111 1111 1111, call 0501234567 or jo@example.com';
    const ticket = newTicket(
      {
        sourceKey: 'web:s1:m1',
        question: text,
        lang: 'en',
        channel: 'web',
        sessionId: 's1',
        customerKey: 'web:s1',
        reason: 'asked-for-human',
        transcript: [{ at: '2025-03-01T09:00:00.000Z', from: 'customer', text }],
        candidates: [],
        contact: {},
      },
      new Date('2025-03-01T09:00:00.000Z'),
    );
    const expected = 'charged twice on [card], call 0501234567 or jo@example.com';
    expect(ticket.question).toBe(expected);
    expect(ticket.transcript.map((e) => e.text)).toEqual([expected]);
  });
});
