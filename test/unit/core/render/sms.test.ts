import { beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '#core/conversation/reply.ts';
import type { Article } from '#core/knowledge/article.ts';
import { loadCollection } from '#core/knowledge/load-collection.ts';
import {
  absoluteArticleUrl,
  renderSms,
  renderStaffReplySms,
  smsSegments,
} from '#core/render/sms.ts';
import type { Candidate, Lang } from '#core/types.ts';

const HELP_URL = 'https://help.nakheel.example';

function candidate(overrides: Partial<Candidate> = {}): Candidate {
  return {
    articleId: 'reset-password',
    title: 'Reset your password',
    lang: 'en',
    url: '/help/en/reset-password',
    summary: 'Tap **Forgot password?** on the sign-in page and follow the link we email you.',
    snippet: 'Go to the sign-in page.',
    confidence: 0.9,
    score: 12,
    ...overrides,
  };
}

function answer(article: Candidate, lang: Lang = article.lang): Reply {
  return { kind: 'answer', lang, article, decision: undefined as never };
}

describe('renderSms', () => {
  it('answers in plain text and ends with the absolute article link', () => {
    const text = renderSms(answer(candidate()), { helpUrl: HELP_URL });

    expect(text).toBe(
      'Tap Forgot password? on the sign-in page and follow the link we email you.\n' +
        'Read more: https://help.nakheel.example/help/en/reset-password',
    );
    expect(smsSegments(text)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });

  it('trims a long answer to 3 segments at a word boundary and keeps the link whole', () => {
    const long = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ');
    const text = renderSms(answer(candidate({ summary: long })), { helpUrl: HELP_URL });

    expect(smsSegments(text).segments).toBe(3);
    expect(text).toMatch(
      /word\d+\.\.\.\nRead more: https:\/\/help\.nakheel\.example\/help\/en\/reset-password$/,
    );
  });

  it('prefers a sentence boundary when it keeps most of the text', () => {
    const sentence = 'Open the app and go to your account settings page to do this. ';
    const text = renderSms(answer(candidate({ summary: sentence.repeat(12) })), {
      helpUrl: HELP_URL,
    });

    expect(smsSegments(text).segments).toBeLessThanOrEqual(3);
    expect(text.split('\n')[0]).toMatch(/this\.$/);
  });

  it('uses "…" and UCS-2 arithmetic for a long Arabic answer', () => {
    const long = Array.from({ length: 60 }, () => 'كلمة').join(' ');
    const article = candidate({ lang: 'ar', summary: long, url: '/help/ar/track-order' });
    const text = renderSms(answer(article), { helpUrl: HELP_URL });

    expect(smsSegments(text)).toMatchObject({ encoding: 'UCS-2', segments: 3 });
    expect(text).toContain('…\nللمزيد: https://help.nakheel.example/help/ar/track-order');
  });

  it('honours a smaller segment budget', () => {
    const long = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ');
    const text = renderSms(answer(candidate({ summary: long })), {
      helpUrl: HELP_URL,
      maxSegments: 1,
    });

    expect(smsSegments(text).segments).toBe(1);
    expect(text).toContain('Read more: https://help.nakheel.example/help/en/reset-password');
  });

  it('asks a clarification as a numbered list', () => {
    const reply: Reply = {
      kind: 'clarify',
      lang: 'en',
      options: [
        candidate(),
        candidate({ articleId: 'locked-account', title: 'Unlock a locked account' }),
      ],
      decision: undefined as never,
    };

    expect(renderSms(reply, { helpUrl: HELP_URL })).toBe(
      'Did you mean:\n1) Reset your password\n2) Unlock a locked account\nReply 1 or 2.',
    );
  });

  it('asks an Arabic clarification with three options', () => {
    const reply: Reply = {
      kind: 'clarify',
      lang: 'ar',
      options: ['تتبع الطلب', 'إلغاء الطلب', 'منتج تالف'].map((title, i) =>
        candidate({ lang: 'ar', articleId: `a${i}`, title }),
      ),
      decision: undefined as never,
    };

    expect(renderSms(reply, { helpUrl: HELP_URL })).toBe(
      'هل تقصد:\n1) تتبع الطلب\n2) إلغاء الطلب\n3) منتج تالف\nأرسل 1، 2 أو 3.',
    );
  });

  it('shortens very long clarification titles to stay within 3 segments', () => {
    const title = 'A very long article title that goes on and on about many things '.repeat(4);
    const reply: Reply = {
      kind: 'clarify',
      lang: 'en',
      options: [1, 2, 3].map((n) => candidate({ articleId: `a${n}`, title: `${n} ${title}` })),
      decision: undefined as never,
    };
    const text = renderSms(reply, { helpUrl: HELP_URL });

    expect(smsSegments(text).segments).toBeLessThanOrEqual(3);
    expect(text).toMatch(/^Did you mean:\n1\) 1 A very long.*\.\.\.\n2\) /);
    expect(text.endsWith('Reply 1, 2 or 3.')).toBe(true);
  });

  it('gives the ticket reference when escalating', () => {
    const reply: Reply = {
      kind: 'escalate',
      lang: 'en',
      reason: 'asked-for-human',
      ticketRef: 'MJ-4K7Q2X',
      ticketFailed: false,
    };

    const text = renderSms(reply, { helpUrl: HELP_URL });
    expect(text).toContain('MJ-4K7Q2X');
    expect(text).toMatch(/^I'm handing you over/);
  });

  it('says so when the ticket could not be written', () => {
    const reply: Reply = { kind: 'escalate', lang: 'ar', reason: 'no-match', ticketFailed: true };

    expect(renderSms(reply, { helpUrl: HELP_URL })).toContain('تعذّر إنشاء طلب دعم');
  });

  it('renders small talk and empty messages from the shared messages', () => {
    expect(
      renderSms({ kind: 'smalltalk', lang: 'en', intent: 'thanks' }, { helpUrl: HELP_URL }),
    ).toBe("You're welcome! Anything else I can help with?");
    expect(renderSms({ kind: 'empty', lang: 'ar' }, { helpUrl: HELP_URL })).toMatch(/^اكتب سؤالك/);
  });

  it('tells an Arabic customer in Arabic that the answer is only in English, then sends it', () => {
    // Prepare: the engine fell back to the English article
    const english = candidate();

    // Act
    const text = renderSms(answer(english, 'ar'), { helpUrl: HELP_URL });

    // Assess
    expect(text).toBe(
      'هذه الإجابة متوفرة بالإنجليزية فقط:\n' +
        'Tap Forgot password? on the sign-in page and follow the link we email you.\n' +
        'للمزيد: https://help.nakheel.example/help/en/reset-password',
    );
    expect(smsSegments(text).segments).toBeLessThanOrEqual(3);
  });

  it('tells an English customer the answer is only in Arabic and keeps that line when trimming', () => {
    // Prepare
    const long = Array.from({ length: 90 }, () => 'كلمة').join(' ');
    const arabic = candidate({ lang: 'ar', summary: long, url: '/help/ar/track-order' });

    // Act
    const text = renderSms(answer(arabic, 'en'), { helpUrl: HELP_URL });

    // Assess
    expect(text.startsWith('This answer is only available in Arabic:\nكلمة')).toBe(true);
    expect(text.endsWith('…\nRead more: https://help.nakheel.example/help/ar/track-order')).toBe(
      true,
    );
    expect(smsSegments(text).segments).toBe(3);
  });
});

describe('renderStaffReplySms', () => {
  it('introduces the reply with the ticket reference', () => {
    const text = renderStaffReplySms(
      {
        ticketRef: 'MJ-ABC123',
        lang: 'en',
        channel: 'sms',
        text: 'Your refund was sent today.',
        at: '',
      },
      HELP_URL,
    );

    expect(text).toBe(
      'A reply from our support team about MJ-ABC123:\nYour refund was sent today.',
    );
  });

  it('keeps a long staff reply whole up to what the providers accept, then trims with a link', () => {
    const medium = 'We checked your order and it left our warehouse this morning. '.repeat(9);
    const huge = 'We checked your order. '.repeat(120);
    const notice = { ticketRef: 'MJ-ABC123', lang: 'en' as const, channel: 'sms' as const, at: '' };

    const kept = renderStaffReplySms({ ...notice, text: medium }, HELP_URL);
    const trimmed = renderStaffReplySms({ ...notice, text: huge }, HELP_URL);

    expect(kept).toContain(medium.trim());
    expect(smsSegments(kept).segments).toBeGreaterThan(3);
    expect(smsSegments(trimmed).segments).toBeLessThanOrEqual(10);
    expect(trimmed.endsWith(`Read more: ${HELP_URL}`)).toBe(true);
  });
});

describe('absoluteArticleUrl', () => {
  it('joins the help URL and the article path with exactly one slash', () => {
    expect(absoluteArticleUrl('https://x.example/', '/help/en/a#b')).toBe(
      'https://x.example/help/en/a#b',
    );
    expect(absoluteArticleUrl('https://x.example/support', 'help/en/a')).toBe(
      'https://x.example/support/help/en/a',
    );
    expect(absoluteArticleUrl('https://x.example', 'https://other.example/a')).toBe(
      'https://other.example/a',
    );
  });
});

describe('every article of the sample help centre as an SMS', () => {
  let articles: Article[] = [];

  beforeAll(async () => {
    articles = (await loadCollection('knowledge')).articles;
  });

  it('has articles in both languages to render', () => {
    expect(articles.filter((a) => a.lang === 'en').length).toBeGreaterThan(0);
    expect(articles.filter((a) => a.lang === 'ar').length).toBeGreaterThan(0);
  });

  it('fits every summary answer in at most 3 segments with the full link', () => {
    for (const article of articles) {
      const url = `/help/${article.lang}/${article.id}`;
      const text = renderSms(
        answer(
          candidate({
            articleId: article.id,
            title: article.title,
            lang: article.lang,
            url,
            summary: article.summary,
            snippet: article.sections[0]?.markdown ?? '',
          }),
        ),
        { helpUrl: HELP_URL },
      );

      expect(smsSegments(text).segments, article.source).toBeLessThanOrEqual(3);
      expect(text.endsWith(`${HELP_URL}${url}`), article.source).toBe(true);
    }
  });

  it('fits every whole article body (no summary) in at most 3 segments with the full link', () => {
    for (const article of articles) {
      const url = `/help/${article.lang}/${article.id}#${article.sections.at(-1)?.id ?? ''}`;
      const body = article.sections.map((s) => s.markdown).join('\n\n');
      const text = renderSms(
        answer(candidate({ lang: article.lang, url, summary: undefined, snippet: body })),
        { helpUrl: HELP_URL },
      );
      const { segments, encoding } = smsSegments(text);

      expect(segments, article.source).toBeLessThanOrEqual(3);
      expect(encoding, article.source).toBe(article.lang === 'ar' ? 'UCS-2' : 'GSM-7');
      expect(text.endsWith(`${HELP_URL}${url}`), article.source).toBe(true);
      expect(text).not.toMatch(/\*\*|\]\(|^#/m);
    }
  });
});
