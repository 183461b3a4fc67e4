/**
 * Routing a hand-off: by language and by the tags of the articles the conversation touched, the
 * first article whose tags a queue takes deciding (most shared tags, then file order), else the
 * language's default queue; a ticket from before routing belongs to its language's default.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultQueueFor, queueOfTicket, routeTicket } from '#core/support/route-ticket.ts';
import { parseSupportConfig } from '#core/support/support-config.ts';

const support = parseSupportConfig(JSON.parse(readFileSync('support.json', 'utf8')));

describe('routing a hand-off', () => {
  it('sends a question about a refund to the returns queue, in English and in Arabic', () => {
    // Act: the tags of refund-timing in each language
    const en = routeTicket(support, { lang: 'en', topics: [['returns', 'refunds', 'payments']] });
    const ar = routeTicket(support, { lang: 'ar', topics: [['الإرجاع', 'الاسترداد', 'الدفع']] });

    // Assess
    expect(en).toEqual({
      queue: expect.objectContaining({ id: 'returns' }),
      by: 'tags',
      matched: ['returns', 'refunds'],
    });
    expect(ar.queue.id).toBe('returns');
    expect(ar.matched).toEqual(['الإرجاع', 'الاسترداد']);
  });

  it('on a tie of shared tags, prefers the queue listed first (payments before returns)', () => {
    // Act: charged-twice is tagged payments, problems, refunds
    const route = routeTicket(support, {
      lang: 'en',
      topics: [['payments', 'problems', 'refunds']],
    });

    // Assess
    expect(route.queue.id).toBe('payments');
  });

  it('uses the first article whose tags a queue takes; a support article says nothing of the topic', () => {
    // Act: "talk to a person" first, then the refund article of an earlier turn
    const route = routeTicket(support, {
      lang: 'en',
      topics: [['support', 'contact', 'agent'], ['returns', 'refunds'], ['account']],
    });

    // Assess
    expect(route.queue.id).toBe('returns');
  });

  it('falls back to the default queue of the customer’s language', () => {
    // Act
    const en = routeTicket(support, { lang: 'en', topics: [['shipping', 'delivery']] });
    const ar = routeTicket(support, { lang: 'ar', topics: [] });

    // Assess
    expect(en).toMatchObject({ by: 'default', matched: [], queue: { id: 'general-en' } });
    expect(ar.queue.id).toBe('general-ar');
  });

  it('only routes to a queue that serves the customer’s language', () => {
    // Prepare: an Arabic-only returns team
    const arabicReturns = parseSupportConfig({
      timeZone: 'Asia/Riyadh',
      hours: { sun: ['09:00-17:00'], mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] },
      queues: [
        { id: 'returns-ar', name: 'Returns (Arabic)', langs: ['ar'], tags: ['returns'] },
        { id: 'general', name: 'General', langs: ['en', 'ar'] },
      ],
      defaultQueue: 'general',
    });

    // Act
    const en = routeTicket(arabicReturns, { lang: 'en', topics: [['returns']] });
    const ar = routeTicket(arabicReturns, { lang: 'ar', topics: [['returns']] });

    // Assess
    expect(en.queue.id).toBe('general');
    expect(ar.queue.id).toBe('returns-ar');
  });

  it('places a ticket without a queue (from before routing) in its language’s default queue', () => {
    expect(queueOfTicket(support, { lang: 'ar' }).id).toBe('general-ar');
    expect(queueOfTicket(support, { lang: 'en', queue: 'returns' }).id).toBe('returns');
    // A queue since removed from support.json: the default again
    expect(queueOfTicket(support, { lang: 'en', queue: 'gone' }).id).toBe('general-en');
    expect(defaultQueueFor(support, 'en').name).toBe('General (English)');
  });
});
