import { describe, expect, it } from 'vitest';
import { isTicketRef, normalizeTicketRef, ticketRefFor } from '#core/tickets/ticket-ref.ts';

describe('ticket references', () => {
  it('look like MJ- and six Crockford base32 characters', () => {
    expect(ticketRefFor('web:s1:m1')).toMatch(/^MJ-[0-9A-Z]{6}$/);
    expect(isTicketRef(ticketRefFor('web:s1:m1'))).toBe(true);
  });

  it('are the same for the same source key, every time', () => {
    expect(ticketRefFor('sms:hash:SM123')).toBe(ticketRefFor('sms:hash:SM123'));
    expect(ticketRefFor('sms:hash:SM123', 2)).toBe(ticketRefFor('sms:hash:SM123', 2));
  });

  it('differ between attempts and between source keys', () => {
    const attempts = new Set([0, 1, 2, 3].map((a) => ticketRefFor('web:s1:m1', a)));
    expect(attempts.size).toBe(4);
    const refs = new Set(Array.from({ length: 2000 }, (_, i) => ticketRefFor(`web:s:${i}`)));
    expect(refs.size).toBeGreaterThan(1995);
  });

  it('never contain the look-alike letters I, L, O or U', () => {
    const codes = Array.from({ length: 3000 }, (_, i) => ticketRefFor(`k${i}`).slice(3)).join('');
    expect(codes).not.toMatch(/[ILOU]/);
    // …while using the whole alphabet.
    expect(new Set(codes).size).toBe(32);
  });

  it('reject a negative or fractional attempt', () => {
    expect(() => ticketRefFor('k', -1)).toThrow(RangeError);
    expect(() => ticketRefFor('k', 1.5)).toThrow(RangeError);
  });

  it('read back from what a person typed, look-alikes included', () => {
    const ref = ticketRefFor('web:s1:m1');
    expect(normalizeTicketRef(ref.toLowerCase())).toBe(ref);
    expect(normalizeTicketRef(` mj ${ref.slice(3)} `)).toBe(ref);
    expect(normalizeTicketRef('MJ-4K7Q2O')).toBe('MJ-4K7Q20');
    expect(normalizeTicketRef('MJ-4K7QIL')).toBe('MJ-4K7Q11');
    expect(normalizeTicketRef('MJ-4K7')).toBeUndefined();
    expect(normalizeTicketRef('MJ-4K7Q2U')).toBeUndefined();
    expect(isTicketRef('MJ-4K7Q2O')).toBe(false);
  });
});
