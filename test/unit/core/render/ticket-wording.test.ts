/**
 * How the bot names a support ticket to the customer. In Arabic it is "رقم تذكرتك" (your ticket
 * number) on every channel — never "رقم طلبك" (your order number), which a shop's customer reads
 * as their order. English keeps "Your reference".
 */
import { describe, expect, it } from 'vitest';
import type { Reply } from '#core/conversation/reply.ts';
import { MESSAGES } from '#core/render/messages.ts';
import { renderSms } from '#core/render/sms.ts';
import { SPEECH_MESSAGES } from '#core/render/speech-messages.ts';
import { renderSpeech, renderStaffReplySpeech } from '#core/render/ssml.ts';
import { renderWebReply } from '#core/render/web.ts';

const REF = 'MJ-K2FYFQ';
/** Arabic for "order" standing for the ticket: "رقم طلبك", "الطلب رقم", "طلبك {ref}". */
const ORDER_FOR_TICKET = /رقم طلب|الطلب رقم|طلبك/;

/** The words of SSML, tags removed (the reference is spelled out between tags). */
function spokenText(ssml: string): string {
  return ssml
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function escalation(lang: 'en' | 'ar', reason: 'asked-for-human' | 'no-match'): Reply {
  return { kind: 'escalate', lang, reason, ticketRef: REF, ticketFailed: false };
}

describe('the words for a ticket reference', () => {
  it('no Arabic message that names a reference calls it an order number', () => {
    // Prepare
    const templates = [...Object.values(MESSAGES.ar), ...Object.values(SPEECH_MESSAGES.ar)];

    // Act
    const withRef = templates.filter((template) => template.includes('{ref}'));

    // Assess
    expect(withRef.length).toBeGreaterThanOrEqual(2);
    for (const template of withRef) expect(template).not.toMatch(ORDER_FOR_TICKET);
  });

  it('the Arabic hand-off says "رقم تذكرتك" on the web, by SMS and in Alexa speech and cards', () => {
    for (const reason of ['asked-for-human', 'no-match'] as const) {
      // Prepare
      const reply = escalation('ar', reason);

      // Act
      const web = renderWebReply(reply).text;
      const sms = renderSms(reply, { helpUrl: 'https://help.nakheel.example' });
      const speech = renderSpeech(reply, { helpUrl: 'https://help.nakheel.example' });

      // Assess
      for (const text of [web, sms, speech.card.text]) {
        expect(text).toContain(`رقم تذكرتك ${REF}.`);
        expect(text).not.toMatch(ORDER_FOR_TICKET);
      }
      expect(spokenText(speech.ssml)).toContain('رقم تذكرتك');
      expect(spokenText(speech.ssml)).not.toMatch(ORDER_FOR_TICKET);
    }
  });

  it('Alexa announces a staff reply in Arabic as about a ticket, not an order', () => {
    // Act
    const speech = renderStaffReplySpeech(
      [{ ticketRef: REF, lang: 'ar', channel: 'alexa', text: 'تم شحن طردك اليوم.', at: '' }],
      'ar',
    );

    // Assess
    expect(spokenText(speech.ssml)).toContain('لديك رد من فريق الدعم بخصوص التذكرة رقم');
    expect(spokenText(speech.ssml)).not.toContain('الطلب رقم');
  });

  it('the English hand-off keeps "Your reference is" on every channel', () => {
    // Prepare
    const reply = escalation('en', 'no-match');

    // Act
    const texts = [
      renderWebReply(reply).text,
      renderSms(reply, { helpUrl: 'https://help.nakheel.example' }),
      renderSpeech(reply, { helpUrl: 'https://help.nakheel.example' }).card.text,
    ];

    // Assess
    for (const text of texts) expect(text).toContain(`Your reference is ${REF}.`);
  });
});
