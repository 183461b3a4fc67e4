/**
 * What the customer is told at hand-off, decided and worded: "within minutes" only while the
 * queue is open and someone watching it is on shift; while it is open with nobody on shift, "as
 * soon as someone is free" and until when it is open; when closed, when the team is back — in
 * the store's time zone and in the customer's language — on the web, by SMS and WhatsApp (text) and
 * on Alexa (speech). Never "one working day". The help articles state the hours support.json
 * holds.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Reply } from '#core/conversation/reply.ts';
import {
  clockWords,
  describeWeeklyHours,
  HANDOFF_MESSAGES,
  handOffText,
  openingWords,
} from '#core/render/handoff-promise.ts';
import { MESSAGES } from '#core/render/messages.ts';
import { SPEECH_MESSAGES } from '#core/render/speech-messages.ts';
import { renderSms } from '#core/render/sms.ts';
import { renderSpeech } from '#core/render/ssml.ts';
import { renderWebReply } from '#core/render/web.ts';
import { handOffPromise, type HandOffPromise } from '#core/support/handoff-promise.ts';
import { parseSupportConfig } from '#core/support/support-config.ts';
import type { Lang } from '#core/types.ts';

const support = parseSupportConfig(JSON.parse(readFileSync('support.json', 'utf8')));
const general = support.queues.find((q) => q.id === 'general-en')!;
const riyadh = (local: string) => new Date(`${local}+03:00`);

function escalation(lang: Lang, promise?: HandOffPromise): Extract<Reply, { kind: 'escalate' }> {
  return {
    kind: 'escalate',
    lang,
    reason: 'asked-for-human',
    ticketRef: 'MJ-K2FYFQ',
    ticketFailed: false,
    queue: 'general-en',
    ...(promise ? { promise } : {}),
  };
}

describe('the hand-off promise', () => {
  it('is "within minutes" only when the queue is open and someone watching it is on shift', () => {
    // Prepare: Wednesday 2 December 2026, 13:00 in Riyadh (open 08:00–24:00)
    const now = riyadh('2026-12-02T13:00:00');

    // Act
    const staffed = handOffPromise(support, general, now, 1, 'en');
    const nobody = handOffPromise(support, general, now, 0, 'en');

    // Assess: with nobody on shift while open, "as soon as someone is free", with the closing
    // time (midnight) — not minutes, and not tomorrow's opening (an agent may sign in any time)
    expect(staffed).toEqual({ kind: 'minutes' });
    expect(nobody).toEqual({
      kind: 'when-free',
      until: riyadh('2026-12-03T00:00:00').toISOString(),
      closes: { daysAhead: 1, weekday: 4, month: 12, day: 3, minute: 0, zone: 'Saudi time' },
    });
  });

  it('while open with nobody on shift, the closing time follows hours past midnight (Ramadan)', () => {
    // Act: Ramadan 1448 hours are 10:00–02:00; 01:30 on Thursday 11 February 2027
    const late = handOffPromise(support, general, riyadh('2027-02-11T01:30:00'), 0, 'ar');
    const evening = handOffPromise(support, general, riyadh('2027-02-10T21:00:00'), 0, 'en');

    // Assess
    expect(late).toMatchObject({
      kind: 'when-free',
      until: riyadh('2027-02-11T02:00:00').toISOString(),
      closes: { minute: 120, zone: 'بتوقيت السعودية' },
    });
    expect(evening).toMatchObject({
      kind: 'when-free',
      until: riyadh('2027-02-11T02:00:00').toISOString(),
    });
  });

  it('outside the hours is the next opening even with staff on shift: today 08:00 after midnight', () => {
    // Act: Thursday 01:30 in Riyadh, in Arabic
    const promise = handOffPromise(support, general, riyadh('2026-12-03T01:30:00'), 3, 'ar');

    // Assess
    expect(promise).toMatchObject({
      kind: 'next-opening',
      at: riyadh('2026-12-03T08:00:00').toISOString(),
      when: { daysAhead: 0, minute: 480, zone: 'بتوقيت السعودية' },
    });
  });

  it('on a holiday is the day after it (National Day 2027, a Thursday → Friday 08:00)', () => {
    // Act
    const promise = handOffPromise(support, general, riyadh('2027-09-23T11:00:00'), 2, 'en');

    // Assess
    expect(promise).toMatchObject({
      kind: 'next-opening',
      at: riyadh('2027-09-24T08:00:00').toISOString(),
      when: { daysAhead: 1, weekday: 5 },
    });
  });
});

describe('the promise in words', () => {
  it('says today, tomorrow, a weekday within the week, else the date — in English', () => {
    // Prepare
    const when = { weekday: 0, month: 3, day: 14, minute: 540, zone: 'Saudi time' };

    // Assess
    expect(openingWords('en', { ...when, daysAhead: 0 })).toBe('today at 9 am Saudi time');
    expect(openingWords('en', { ...when, daysAhead: 1 })).toBe('tomorrow at 9 am Saudi time');
    expect(openingWords('en', { ...when, daysAhead: 3 })).toBe('on Sunday at 9 am Saudi time');
    expect(openingWords('en', { ...when, daysAhead: 9 })).toBe('on 14 March at 9 am Saudi time');
  });

  it('says the same in Arabic, with Arabic day, month and time of day', () => {
    // Prepare
    const when = { weekday: 0, month: 3, day: 14, minute: 540, zone: 'بتوقيت السعودية' };

    // Assess
    expect(openingWords('ar', { ...when, daysAhead: 0 })).toBe(
      'اليوم الساعة 9 صباحًا بتوقيت السعودية',
    );
    expect(openingWords('ar', { ...when, daysAhead: 1 })).toBe(
      'غدًا الساعة 9 صباحًا بتوقيت السعودية',
    );
    expect(openingWords('ar', { ...when, daysAhead: 3 })).toBe(
      'يوم الأحد الساعة 9 صباحًا بتوقيت السعودية',
    );
    expect(openingWords('ar', { ...when, daysAhead: 9, zone: undefined })).toBe(
      'يوم 14 مارس الساعة 9 صباحًا',
    );
  });

  it('writes times as the help articles do', () => {
    expect(['en', 'ar'].map((l) => clockWords(l as Lang, 480))).toEqual(['8 am', '8 صباحًا']);
    expect(['en', 'ar'].map((l) => clockWords(l as Lang, 1290))).toEqual(['9:30 pm', '9:30 مساءً']);
    expect(['en', 'ar'].map((l) => clockWords(l as Lang, 720))).toEqual(['12 pm', '12 ظهرًا']);
    expect(['en', 'ar'].map((l) => clockWords(l as Lang, 120))).toEqual(['2 am', '2 فجرًا']);
    expect(['en', 'ar'].map((l) => clockWords(l as Lang, 1440))).toEqual([
      'midnight',
      'منتصف الليل',
    ]);
    expect(openingWords('en', { daysAhead: 1, weekday: 1, month: 1, day: 1, minute: 0 })).toBe(
      'tomorrow at midnight',
    );
  });

  it('a hand-off tells the reference and then the promise, on the web, by SMS and on Alexa', () => {
    // Prepare
    const back: HandOffPromise = {
      kind: 'next-opening',
      at: '2026-12-03T05:00:00.000Z',
      when: { daysAhead: 1, weekday: 4, month: 12, day: 3, minute: 480, zone: 'Saudi time' },
    };

    // Act
    const minutes = escalation('en', { kind: 'minutes' });
    const later = escalation('en', back);
    const web = renderWebReply(later).text;
    const sms = renderSms(later, { helpUrl: 'https://help.nakheel.example' });
    const speech = renderSpeech(minutes, { helpUrl: 'https://help.nakheel.example' });

    // Assess
    expect(handOffText(minutes)).toBe(
      "I'm handing you over to our support team. Your reference is MJ-K2FYFQ. A person will reply here within minutes.",
    );
    expect(web).toBe(
      "I'm handing you over to our support team. Your reference is MJ-K2FYFQ. Our team is away right now; a person will reply here when they are back, tomorrow at 8 am Saudi time.",
    );
    expect(sms).toContain('when they are back, tomorrow at 8 am Saudi time.');
    expect(speech.ssml).toContain('A person will answer within minutes.');
    expect(speech.card.text).toContain('A person will answer within minutes.');
    expect(speech.ssml).not.toContain('reply here');
  });

  it('words "as soon as someone is free" with the closing time, in both languages and in speech', () => {
    // Prepare: open until midnight, nobody on shift
    const free: HandOffPromise = {
      kind: 'when-free',
      until: '2026-12-02T21:00:00.000Z',
      closes: { daysAhead: 1, weekday: 4, month: 12, day: 3, minute: 0, zone: 'Saudi time' },
    };
    const freeAr: HandOffPromise = {
      ...free,
      closes: { ...free.closes!, zone: 'بتوقيت السعودية' },
    };

    // Act
    const en = renderWebReply(escalation('en', free)).text;
    const ar = renderWebReply(escalation('ar', freeAr)).text;
    const speech = renderSpeech(escalation('en', free), { helpUrl: 'https://help.example' });
    const noClosing = handOffText(escalation('en', { kind: 'when-free' }));

    // Assess
    expect(en).toBe(
      "I'm handing you over to our support team. Your reference is MJ-K2FYFQ. Nobody from our team is free right now; a person will reply here as soon as someone is (we are open until midnight Saudi time).",
    );
    expect(ar).toContain(
      'لا يوجد موظف متاح الآن، وسيرد عليك أحد الموظفين هنا فور توفره (نعمل حتى منتصف الليل بتوقيت السعودية).',
    );
    expect(speech.ssml).toContain('a person will answer as soon as someone is.');
    expect(speech.ssml).not.toContain('reply here');
    expect(noClosing).toMatch(/as soon as someone is\.$/);
  });

  it('in Arabic on every channel, and never "one working day" in either language', () => {
    // Prepare
    const back: HandOffPromise = {
      kind: 'next-opening',
      at: '2026-12-06T05:00:00.000Z',
      when: { daysAhead: 4, weekday: 0, month: 12, day: 6, minute: 480, zone: 'بتوقيت السعودية' },
    };
    const replies = [escalation('ar', back), escalation('ar', { kind: 'minutes' })];

    // Act
    const texts = replies.flatMap((reply) => [
      renderWebReply(reply).text,
      renderSms(reply, { helpUrl: 'https://help.nakheel.example' }),
      renderSpeech(reply, { helpUrl: 'https://help.nakheel.example' }).card.text,
    ]);

    // Assess
    expect(texts[0]).toBe(
      'سأحوّلك إلى فريق الدعم. رقم تذكرتك MJ-K2FYFQ. فريقنا غير متاح الآن، وسيرد عليك أحد الموظفين هنا عند عودته يوم الأحد الساعة 8 صباحًا بتوقيت السعودية.',
    );
    expect(texts[3]).toContain('سيرد عليك أحد الموظفين هنا خلال دقائق.');
    for (const text of texts) {
      expect(text).toContain('MJ-K2FYFQ');
      expect(text).not.toMatch(/يوم عمل|working day/);
    }
    const english = [escalation('en'), escalation('en', { kind: 'minutes' })].map(handOffText);
    for (const text of english) expect(text).not.toMatch(/working day/);
  });

  it('no message table of the bot promises a reply time of its own', () => {
    // Prepare: every fixed message the bot can send, in every language and medium
    const tables = JSON.stringify([MESSAGES, SPEECH_MESSAGES, HANDOFF_MESSAGES]);

    // Assess
    expect(tables).not.toMatch(/working day|يوم عمل|5 minutes|5 دقائق|24 hours|24 ساعة/);
  });

  it('a reply stored before promises existed promises no time', () => {
    expect(handOffText(escalation('en'))).toBe(
      "I'm handing you over to our support team. Your reference is MJ-K2FYFQ. A person will reply here.",
    );
  });
});

describe('one source of truth for the hours', () => {
  const season = support.queues[0]!.schedule.seasons[0]!;
  const hours = support.queues[0]!.schedule.hours;
  const article = (lang: Lang, id: string) => readFileSync(`knowledge/${lang}/${id}.md`, 'utf8');

  it('every queue of support.json keeps the same hours (the articles state one set)', () => {
    for (const queue of support.queues) {
      expect(queue.schedule.hours).toEqual(hours);
      expect(queue.schedule.seasons).toEqual([season]);
    }
  });

  it('the contact-support articles state the weekly and the Ramadan hours of support.json', () => {
    // Act
    const weekly = { en: describeWeeklyHours(hours, 'en'), ar: describeWeeklyHours(hours, 'ar') };
    const ramadan = {
      en: describeWeeklyHours(season.hours, 'en'),
      ar: describeWeeklyHours(season.hours, 'ar'),
    };

    // Assess
    expect(weekly).toEqual({
      en: '8 am to midnight, every day',
      ar: 'من 8 صباحًا حتى منتصف الليل يوميًا',
    });
    for (const lang of ['en', 'ar'] as const) {
      expect(article(lang, 'contact-support')).toContain(weekly[lang]);
      expect(article(lang, 'contact-support')).toContain(ramadan[lang]);
    }
  });

  it('the articles name the holidays of support.json, and no article promises another reply time', () => {
    // Prepare: 22 February and 23 September; the two Eids move every year
    const en = article('en', 'contact-support');
    const ar = article('ar', 'contact-support');

    // Assess
    expect(support.queues[0]!.schedule.holidays).toEqual(
      expect.arrayContaining(['2027-02-22', '2027-09-23']),
    );
    expect(en).toContain('Founding Day (22 February)');
    expect(en).toContain('National Day (23 September)');
    expect(ar).toContain('يوم التأسيس (22 فبراير)');
    expect(ar).toContain('اليوم الوطني (23 سبتمبر)');
    for (const lang of ['en', 'ar'] as const) {
      for (const id of ['contact-support', 'talk-to-a-person']) {
        expect(article(lang, id)).not.toMatch(/5 minutes|5 دقائق|By 9 am|9 صباحًا في اليوم التالي/);
      }
    }
  });
});
