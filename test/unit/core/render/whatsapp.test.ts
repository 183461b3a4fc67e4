/**
 * The WhatsApp renderer: no SMS segment budget (Unicode costs nothing, the answer is not cut to
 * 3 segments), one message through Twilio at most (1,600 characters), *bold* titles, tappable
 * links, "did you mean" as a numbered list; staff replies as written.
 */
import { describe, expect, it } from 'vitest';
import type { Reply } from '#core/conversation/reply.ts';
import { renderSms, smsSegments } from '#core/render/sms.ts';
import {
  renderStaffReplyWhatsApp,
  renderWhatsApp,
  WHATSAPP_MAX_CHARS,
} from '#core/render/whatsapp.ts';
import type { Candidate } from '#core/types.ts';

const HELP = 'https://help.nakheel.example';

function candidate(over: Partial<Candidate> = {}): Candidate {
  return {
    articleId: 'reset-password',
    title: 'Reset your password',
    lang: 'en',
    url: '/help/en/reset-password',
    summary: 'Tap **Forgot password?** on the sign-in page and follow the link we email you.',
    snippet: 'Tap Forgot password.',
    confidence: 0.9,
    score: 3,
    ...over,
  };
}

describe('renderWhatsApp', () => {
  it('answers with the title in bold, the summary as text and the absolute article link', () => {
    const text = renderWhatsApp(
      { kind: 'answer', lang: 'en', article: candidate() },
      { helpUrl: HELP },
    );

    expect(text).toBe(
      '*Reset your password*\nTap Forgot password? on the sign-in page and follow the link we email you.\nRead more: https://help.nakheel.example/help/en/reset-password',
    );
  });

  it('keeps an answer whole that SMS cuts to 3 segments, and Arabic as written', () => {
    const summary = 'لإرجاع منتج افتح طلباتك واختر المنتج ثم اضغط إرجاع. '.repeat(8).trim();
    const reply: Reply = {
      kind: 'answer',
      lang: 'ar',
      article: candidate({ lang: 'ar', title: 'إرجاع منتج', url: '/help/ar/returns', summary }),
    };

    const whatsapp = renderWhatsApp(reply, { helpUrl: HELP });
    const sms = renderSms(reply, { helpUrl: HELP });

    expect(whatsapp).toContain(summary);
    expect(smsSegments(sms).segments).toBeLessThanOrEqual(3);
    expect(sms.length).toBeLessThan(whatsapp.length);
    expect(whatsapp.startsWith('*إرجاع منتج*\n')).toBe(true);
    expect(whatsapp.endsWith('للمزيد: https://help.nakheel.example/help/ar/returns')).toBe(true);
  });

  it('cuts an answer longer than one Twilio message at a boundary, keeping the link', () => {
    const summary = 'Returns are free within 30 days of delivery. '.repeat(60);
    const text = renderWhatsApp(
      { kind: 'answer', lang: 'en', article: candidate({ summary }) },
      { helpUrl: HELP },
    );

    expect(text.length).toBeLessThanOrEqual(WHATSAPP_MAX_CHARS);
    expect(text).toMatch(
      /delivery\.\nRead more: https:\/\/help\.nakheel\.example\/help\/en\/reset-password$/,
    );
  });

  it('asks "did you mean" as a numbered list of bold titles, answered with a number', () => {
    const options = [
      candidate(),
      candidate({ articleId: 'change-email', title: 'Change your *email*' }),
      candidate({ articleId: 'delete', title: 'Delete your account' }),
    ];

    const en = renderWhatsApp({ kind: 'clarify', lang: 'en', options }, { helpUrl: HELP });
    const ar = renderWhatsApp({ kind: 'clarify', lang: 'ar', options }, { helpUrl: HELP });

    expect(en).toBe(
      'Did you mean:\n1) *Reset your password*\n2) *Change your email*\n3) *Delete your account*\nReply 1, 2 or 3.',
    );
    expect(ar).toMatch(/^هل تقصد:\n1\) \*Reset your password\*\n/);
    expect(ar).toMatch(/أرسل 1، 2 أو 3\.$/);
  });

  it('words a hand-off, small talk and an empty message as every channel does', () => {
    const handOff = renderWhatsApp(
      {
        kind: 'escalate',
        lang: 'en',
        reason: 'asked-for-human',
        ticketRef: 'MJ-4K7Q2X',
        ticketFailed: false,
      },
      { helpUrl: HELP },
    );
    const failed = renderWhatsApp(
      { kind: 'escalate', lang: 'en', reason: 'no-match', ticketFailed: true },
      { helpUrl: HELP },
    );
    const hello = renderWhatsApp(
      { kind: 'smalltalk', lang: 'en', intent: 'greeting' },
      { helpUrl: HELP },
    );

    expect(handOff).toContain('MJ-4K7Q2X');
    expect(failed).toMatch(/couldn't create a support request/);
    expect(hello).toMatch(/^Hello!/);
  });
});

describe('renderStaffReplyWhatsApp', () => {
  const notice = {
    ticketRef: 'MJ-4K7Q2X',
    lang: 'en' as const,
    channel: 'whatsapp' as const,
    at: '',
  };

  it('sends the agent’s text as written, formatting included, after the ticket line', () => {
    const text = renderStaffReplyWhatsApp({ ...notice, text: 'Refund sent: *3–5 days* 👍' }, HELP);

    expect(text).toBe('A reply from our support team about MJ-4K7Q2X:\nRefund sent: *3–5 days* 👍');
  });

  it('trims a reply too long for one message and adds the help centre link', () => {
    const text = renderStaffReplyWhatsApp({ ...notice, text: 'All good here. '.repeat(200) }, HELP);

    expect(text.length).toBeLessThanOrEqual(WHATSAPP_MAX_CHARS);
    expect(text).toMatch(/^A reply from our support team about MJ-4K7Q2X:\n/);
    expect(text).toMatch(/\nRead more: https:\/\/help\.nakheel\.example$/);
  });
});
