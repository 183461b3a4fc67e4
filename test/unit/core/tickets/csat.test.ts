import { describe, expect, it } from 'vitest';
import { TicketStateConflictError, ValidationError } from '#core/errors.ts';
import type { Ticket, Turn } from '#core/ports.ts';
import { csatMessage } from '#core/render/csat-messages.ts';
import { smsSegments } from '#core/render/sms-segments.ts';
import {
  askableNow,
  awaitsRatingReply,
  checkRating,
  CSAT_ASK_DAYS,
  CSAT_REPLY_DAYS,
  markCsatAsked,
  needsCsatAsk,
  parseRatingReply,
  pickWinsOverRating,
  rateTicket,
  ticketForRatingReply,
} from '#core/tickets/csat.ts';
import { newTicket } from '#core/tickets/new-ticket.ts';
import {
  claimTicket,
  closeTicket,
  reopenTicket,
  replyToTicket,
} from '#core/tickets/ticket-lifecycle.ts';

const T0 = new Date('2026-11-23T09:00:00.000Z');
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const DAY = 24 * 60;

function openTicket(n = 1): Ticket {
  return newTicket(
    {
      sourceKey: `sms:hash-${n}:SM${n}`,
      question: 'my card was charged twice',
      lang: 'en',
      channel: 'sms',
      sessionId: `session-${n}`,
      customerKey: 'sms:customer',
      reason: 'asked-for-human',
      transcript: [],
      candidates: [],
      contact: { phone: '+966500000001' },
    },
    T0,
  );
}

/** A ticket claimed, answered and closed at minute 3. */
function closedTicket(n = 1): Ticket {
  const claimed = claimTicket(openTicket(n), 'huda', later(1));
  return closeTicket(replyToTicket(claimed, 'huda', 'Refunded.', later(2)), 'huda', later(3));
}

function clarifyTurn(at: Date, options = 3): Turn {
  return {
    sessionId: 'session-1',
    messageId: `m-${at.getTime()}`,
    at: at.toISOString(),
    channel: 'sms',
    lang: 'en',
    text: 'password',
    outcome: 'clarify',
    reply: 'Did you mean…',
    options: Array.from({ length: options }, (_, i) => ({ articleId: `a${i}`, title: `A ${i}` })),
  };
}

describe('parseRatingReply: what a bare rating looks like', () => {
  it.each([
    ['4', 4],
    [' 1 ', 1],
    ['5.', 5],
    ['3!', 3],
    ['٤', 4],
    ['٥', 5],
    ['١', 1],
    ['۴', 4],
    ['\u200f٢\u200f', 2],
    ['★★★★', 4],
    ['⭐⭐', 2],
    ['⭐️⭐️⭐️⭐️⭐️', 5],
  ])('%j is the rating %i', (text, rating) => {
    expect(parseRatingReply(text)).toBe(rating);
  });

  it.each([
    '0',
    '6',
    '10',
    '٦',
    '4 stars',
    '2 please',
    'is 4 days normal?',
    '★★★★★★',
    '',
    '   ',
    'four',
    '4 5',
  ])('%j is not a rating', (text) => {
    expect(parseRatingReply(text)).toBeUndefined();
  });
});

describe('checkRating: a rating a client sends', () => {
  it('accepts the integers 1 to 5', () => {
    expect([1, 2, 3, 4, 5].map((n) => checkRating(n))).toEqual([1, 2, 3, 4, 5]);
  });

  it.each([0, 6, 4.5, '4', null, undefined, Number.NaN])('refuses %j with a 400', (value) => {
    expect(() => checkRating(value)).toThrow(ValidationError);
    expect(() => checkRating(value)).toThrow(/rating must be an integer from 1 to 5/);
  });
});

describe('asking once', () => {
  it('a closed ticket never asked needs asking; marking it asked records when, once', () => {
    const t = closedTicket();

    const asked = markCsatAsked(t, later(4));
    const again = markCsatAsked(asked, later(9));

    expect(needsCsatAsk(t)).toBe(true);
    expect(asked).toMatchObject({ csatAskedAt: later(4).toISOString(), version: t.version + 1 });
    expect(needsCsatAsk(asked)).toBe(false);
    expect(again).toBe(asked);
  });

  it('an open, claimed or answered ticket is not asked about, nor an erased one', () => {
    const open = openTicket();
    const claimed = claimTicket(open, 'huda', later(1));
    const answered = replyToTicket(claimed, 'huda', 'Done.', later(2));

    expect([open, claimed, answered].map(needsCsatAsk)).toEqual([false, false, false]);
    expect(needsCsatAsk({ ...closedTicket(), erasedAt: later(5).toISOString() })).toBe(false);
  });

  it('a ticket asked, reopened and closed again is not asked a second time', () => {
    const asked = markCsatAsked(closedTicket(), later(4));
    const reclosed = closeTicket(reopenTicket(asked, 'huda', later(5)), 'huda', later(6));

    expect(reclosed.csatAskedAt).toBe(later(4).toISOString());
    expect(needsCsatAsk(reclosed)).toBe(false);
  });

  it(`web and Alexa customers are asked only within ${CSAT_ASK_DAYS} days of the close`, () => {
    const t = closedTicket(); // closed at minute 3

    expect(askableNow(t, later(4))).toBe(true);
    expect(askableNow(t, later(3 + CSAT_ASK_DAYS * DAY - 1))).toBe(true);
    expect(askableNow(t, later(3 + CSAT_ASK_DAYS * DAY))).toBe(false);
  });
});

describe('rating once', () => {
  it('stores the rating with its time and channel', () => {
    const asked = markCsatAsked(closedTicket(), later(4));

    const rated = rateTicket(asked, 4, 'sms', later(10));

    expect(rated.csat).toEqual({ rating: 4, at: later(10).toISOString(), channel: 'sms' });
    expect(rated.csatAskedAt).toBe(later(4).toISOString());
    expect(rated.version).toBe(asked.version + 1);
  });

  it('a rating given without a question also marks the ticket asked', () => {
    const rated = rateTicket(closedTicket(), 5, 'web', later(10));

    expect(rated.csatAskedAt).toBe(later(10).toISOString());
  });

  it('a second rating is a conflict (409)', () => {
    const rated = rateTicket(closedTicket(), 5, 'web', later(10));

    expect(() => rateTicket(rated, 1, 'web', later(11))).toThrow(TicketStateConflictError);
    expect(() => rateTicket(rated, 1, 'web', later(11))).toThrow(/already rated/);
  });

  it('a ticket that is not closed cannot be rated (409)', () => {
    const answered = replyToTicket(
      claimTicket(openTicket(), 'huda', later(1)),
      'huda',
      'x',
      later(2),
    );

    expect(() => rateTicket(answered, 3, 'web', later(5))).toThrow(TicketStateConflictError);
    expect(() => rateTicket(answered, 3, 'web', later(5))).toThrow(/is answered: cannot rate/);
  });

  it('a bad rating is a validation error (400)', () => {
    expect(() => rateTicket(closedTicket(), 7 as never, 'web', later(5))).toThrow(ValidationError);
  });
});

describe('a rating reply on SMS and WhatsApp', () => {
  it(`is awaited for ${CSAT_REPLY_DAYS} days after the question, on a closed ticket`, () => {
    const asked = markCsatAsked(closedTicket(), later(4));

    expect(awaitsRatingReply(closedTicket(), later(5))).toBe(false); // never asked
    expect(awaitsRatingReply(asked, later(5))).toBe(true);
    expect(awaitsRatingReply(asked, later(4 + CSAT_REPLY_DAYS * DAY - 1))).toBe(true);
    expect(awaitsRatingReply(asked, later(4 + CSAT_REPLY_DAYS * DAY))).toBe(false);
    expect(awaitsRatingReply(reopenTicket(asked, 'huda', later(5)), later(6))).toBe(false);
  });

  it('goes to the latest question still unrated, else to the latest rated one', () => {
    const older = markCsatAsked(closedTicket(1), later(4));
    const newer = markCsatAsked(closedTicket(2), later(6));
    const newerRated = rateTicket(newer, 5, 'sms', later(7));

    expect(ticketForRatingReply([older, newer], later(8))?.ref).toBe(newer.ref);
    expect(ticketForRatingReply([newerRated, older], later(8))?.ref).toBe(older.ref);
    const olderRated = rateTicket(older, 2, 'sms', later(8));
    expect(ticketForRatingReply([olderRated, newerRated], later(9))?.ref).toBe(newer.ref);
    expect(ticketForRatingReply([closedTicket(3)], later(9))).toBeUndefined();
  });
});

describe('precedence: a bare number after a question and a "did you mean" list', () => {
  const askedAt = later(10).toISOString();

  it('a "did you mean" list newer than the question takes a number it offers', () => {
    expect(pickWinsOverRating(clarifyTurn(later(11), 3), askedAt, 2)).toBe(true);
    expect(pickWinsOverRating(clarifyTurn(later(11), 3), askedAt, 3)).toBe(true);
  });

  it('the rating wins over a list older than the question', () => {
    expect(pickWinsOverRating(clarifyTurn(later(9), 3), askedAt, 2)).toBe(false);
  });

  it('the rating wins when the number is not one of the newer list’s options', () => {
    expect(pickWinsOverRating(clarifyTurn(later(11), 2), askedAt, 4)).toBe(false);
  });

  it('the rating wins when the last turn is not a list', () => {
    const answer: Turn = { ...clarifyTurn(later(11)), outcome: 'answer', options: undefined };
    expect(pickWinsOverRating(answer, askedAt, 2)).toBe(false);
    expect(pickWinsOverRating(undefined, askedAt, 2)).toBe(false);
  });
});

describe('the question as a text message', () => {
  it.each(['en', 'ar'] as const)('fits one SMS segment in %s', (lang) => {
    const text = csatMessage(lang, 'ask', { ref: 'MJ-K2FYFQ' });

    expect(smsSegments(text).segments).toBe(1);
    expect(text).toContain('MJ-K2FYFQ');
    expect(text).toMatch(/1.*5/);
  });
});
