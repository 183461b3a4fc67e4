import { describe, expect, it } from 'vitest';
import { loadCollection } from '#core/knowledge/load-collection.ts';
import type { Article } from '#core/knowledge/article.ts';
import type { Reply } from '#core/conversation/reply.ts';
import type { Candidate } from '#core/types.ts';
import { renderSpeech, renderStaffReplySpeech, validateSsml } from '#core/render/ssml.ts';
import { countWords, speakableText, SPEECH_WORD_BUDGET } from '#core/render/speech-text.ts';

const helpUrl = 'https://help.nakheel.example';

function candidate(article: Article, sectionIndex?: number): Candidate {
  const section = sectionIndex === undefined ? undefined : article.sections[sectionIndex];
  return {
    articleId: article.id,
    title: article.title,
    lang: article.lang,
    sectionId: section?.id || undefined,
    heading: section?.heading || undefined,
    url: `/help/${article.lang}/${article.id}${section?.id ? `#${section.id}` : ''}`,
    summary: sectionIndex === undefined ? article.summary : undefined,
    snippet: section?.markdown ?? article.sections[0]?.markdown ?? '',
    confidence: 0.9,
    score: 10,
  };
}

function answer(c: Candidate): Reply {
  return { kind: 'answer', lang: c.lang, article: c, decision: undefined as never };
}

/** Text content of SSML, tags removed and entities decoded. */
function spokenText(ssml: string): string {
  return ssml
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('renderSpeech over the sample help centre', async () => {
  const { articles } = await loadCollection('knowledge');

  it('loads articles in both languages', () => {
    expect(articles.filter((a) => a.lang === 'en').length).toBeGreaterThan(5);
    expect(articles.filter((a) => a.lang === 'ar').length).toBeGreaterThan(5);
  });

  it('every summary and every section renders to valid, short SSML without URLs or Markdown', () => {
    let rendered = 0;
    for (const article of articles) {
      const candidates = [
        candidate(article),
        ...article.sections.map((_s, i) => candidate(article, i)),
      ];
      for (const c of candidates) {
        const speech = renderSpeech(answer(c), { helpUrl });
        expect(validateSsml(speech.ssml), `${article.source} ${c.sectionId ?? ''}`).toEqual([]);
        expect(validateSsml(speech.reprompt)).toEqual([]);
        const spoken = spokenText(speech.ssml);
        expect(spoken).not.toMatch(/https?:|www\.|\]\(|\*\*|\.md\b|\|/);
        // the answer itself (without "Anything else?") stays within ~25 seconds
        expect(countWords(spoken)).toBeLessThanOrEqual(SPEECH_WORD_BUDGET[article.lang] + 4);
        rendered += 1;
      }
    }
    expect(rendered).toBeGreaterThan(100);
  });

  it('speaks the summary and puts the full text and an absolute link on the card', () => {
    const withSummary = articles.filter((a) => a.summary && a.sections.length > 1);
    expect(withSummary.length).toBeGreaterThan(10);
    for (const article of withSummary) {
      const speech = renderSpeech(answer(candidate(article)), { helpUrl });
      const opening = speakableText(article.summary!, article.lang)
        .split(' ')
        .slice(0, 5)
        .join(' ');
      expect(spokenText(speech.ssml)).toContain(opening);
      expect(speech.card.title).toBe(article.title);
      expect(speech.card.text).toContain(`${helpUrl}/help/${article.lang}/${article.id}`);
      expect(speech.endSession).toBe(false);
    }
  });
});

describe('renderSpeech', () => {
  const base: Candidate = {
    articleId: 'x',
    title: 'Returns & refunds <fast>',
    lang: 'en',
    url: '/help/en/x',
    snippet: '',
    confidence: 0.9,
    score: 1,
  };

  it('escapes & < > " and apostrophes in spoken text', () => {
    const c = { ...base, summary: `Tom & Jerry's "deal" is <b>5 > 3</b> today.` };
    const speech = renderSpeech(answer(c), { helpUrl });
    expect(validateSsml(speech.ssml)).toEqual([]);
    expect(speech.ssml).toContain('Tom &amp; Jerry&apos;s &quot;deal&quot;');
    expect(speech.ssml).not.toContain('<b>');
  });

  it('removes links, tables and menu arrows from speech', () => {
    const c = {
      ...base,
      summary:
        'Go to **Account > Orders** or visit https://help.nakheel.example/track. See [refund timing](refund-timing.md).\n\n| How you paid | When |\n| --- | --- |\n| Card | 5 days |',
    };
    const spoken = spokenText(renderSpeech(answer(c), { helpUrl }).ssml);
    expect(spoken).toContain('Account, then Orders');
    expect(spoken).toContain('See refund timing.');
    expect(spoken).toContain('Card: 5 days.');
    expect(spoken).not.toMatch(/https|\||\*|\(|track\./);
  });

  it('trims a long answer at a sentence boundary', () => {
    const sentence = 'This sentence has exactly eight words in it. ';
    const c = { ...base, summary: sentence.repeat(20) };
    const spoken = spokenText(renderSpeech(answer(c), { helpUrl }).ssml).replace(
      /Anything else\?$/,
      '',
    );
    expect(countWords(spoken)).toBeLessThanOrEqual(62);
    expect(countWords(spoken)).toBeGreaterThanOrEqual(56);
    expect(spoken.trim().endsWith('in it.')).toBe(true);
  });

  it('asks "did you mean A, or B?" with the option titles', () => {
    const reply: Reply = {
      kind: 'clarify',
      lang: 'en',
      options: [
        { ...base, title: 'Track your order' },
        { ...base, articleId: 'y', title: 'Order status meanings' },
      ],
      decision: undefined as never,
    };
    const speech = renderSpeech(reply, { helpUrl });
    expect(validateSsml(speech.ssml)).toEqual([]);
    expect(spokenText(speech.ssml)).toContain(
      'Did you mean Track your order, or Order status meanings?',
    );
    expect(speech.card.text).toBe('1. Track your order\n2. Order status meanings');
  });

  it('spells out the ticket reference and says so honestly when the ticket failed', () => {
    const ok = renderSpeech(
      {
        kind: 'escalate',
        lang: 'en',
        reason: 'low-confidence',
        ticketRef: 'MJ-4K7Q2X',
        ticketFailed: false,
      },
      { helpUrl },
    );
    expect(validateSsml(ok.ssml)).toEqual([]);
    expect(ok.ssml).toContain(
      '<say-as interpret-as="spell-out">MJ</say-as><break time="300ms"/><say-as interpret-as="spell-out">4K7Q2X</say-as>',
    );
    expect(ok.card.text).toContain('MJ-4K7Q2X');
    const failed = renderSpeech(
      { kind: 'escalate', lang: 'ar', reason: 'low-confidence', ticketFailed: true },
      { helpUrl },
    );
    expect(validateSsml(failed.ssml)).toEqual([]);
    expect(failed.ssml).toContain('تعذّر');
    expect(failed.ssml).not.toContain('spell-out');
  });

  it('says in Arabic that an English-only answer is on the card, without reading the English', () => {
    // Prepare
    const english: Candidate = {
      ...base,
      title: 'Promo codes',
      heading: 'Apply a code',
      sectionId: 'apply-a-code',
      url: '/help/en/promo-codes#apply-a-code',
      summary: 'Enter your promo code at checkout and tap Apply.',
      snippet: 'Add items to your basket and tap Checkout.',
    };

    // Act
    const speech = renderSpeech({ kind: 'answer', lang: 'ar', article: english }, { helpUrl });

    // Assess
    expect(validateSsml(speech.ssml)).toEqual([]);
    expect(spokenText(speech.ssml)).toBe(
      'هذه الإجابة متوفرة بالإنجليزية فقط. وضعتها مع الرابط في بطاقة في تطبيق أليكسا. هل من شيء آخر؟',
    );
    expect(speech.ssml).not.toMatch(/[A-Za-z]{2,}(?![^<]*>)/);
    // the card is titled in the customer's language; the article's own title opens its text
    expect(speech.card.title).toBe('هذه الإجابة متوفرة بالإنجليزية فقط');
    expect(speech.card.text).toBe(
      'Promo codes: Apply a code\n\n' +
        'Enter your promo code at checkout and tap Apply.\n\n' +
        'Add items to your basket and tap Checkout.\n\n' +
        'للمزيد: https://help.nakheel.example/help/en/promo-codes#apply-a-code',
    );
    expect(speech.endSession).toBe(false);
  });

  it('says in English that an Arabic-only answer is on the card, without reading the Arabic', () => {
    // Prepare
    const arabic: Candidate = {
      ...base,
      title: 'الدفع بالتقسيط',
      lang: 'ar',
      url: '/help/ar/instalments',
      summary: 'قسّم المبلغ على أربع دفعات بدون فوائد.',
    };

    // Act
    const speech = renderSpeech({ kind: 'answer', lang: 'en', article: arabic }, { helpUrl });

    // Assess
    expect(validateSsml(speech.ssml)).toEqual([]);
    expect(spokenText(speech.ssml)).toBe(
      "This answer is only available in Arabic. I've put it, with a link, on a card in your Alexa app. Anything else?",
    );
    expect(speech.ssml).not.toMatch(/\p{Script=Arabic}/u);
    expect(speech.card.title).toBe('This answer is only available in Arabic');
    expect(speech.card.text).toMatch(/^الدفع بالتقسيط\n\n/);
    expect(speech.card.text).toContain('قسّم المبلغ على أربع دفعات بدون فوائد.');
    expect(speech.card.text).toContain(
      'Read more: https://help.nakheel.example/help/ar/instalments',
    );
  });

  it('ends the session on goodbye small talk only', () => {
    expect(
      renderSpeech({ kind: 'smalltalk', lang: 'en', intent: 'goodbye' }, { helpUrl }).endSession,
    ).toBe(true);
    expect(
      renderSpeech({ kind: 'smalltalk', lang: 'ar', intent: 'thanks' }, { helpUrl }).endSession,
    ).toBe(false);
  });
});

describe('renderStaffReplySpeech', () => {
  it('reads each waiting reply after its spelled reference, in Arabic too', () => {
    const speech = renderStaffReplySpeech(
      [
        {
          ticketRef: 'MJ-AB12CD',
          lang: 'ar',
          channel: 'alexa',
          text: 'تم استرداد المبلغ إلى بطاقتك.',
          at: '2026-01-01T00:00:00Z',
        },
      ],
      'ar',
    );
    expect(validateSsml(speech.ssml)).toEqual([]);
    expect(speech.ssml).toContain('لديك رد من فريق الدعم');
    expect(speech.ssml).toContain('تم استرداد المبلغ إلى بطاقتك.');
    expect(speech.ssml).toContain('<say-as interpret-as="spell-out">AB12CD</say-as>');
  });
});

describe('validateSsml', () => {
  it.each([
    ['<speak>Hi & bye</speak>', 'unescaped "&"'],
    ['<speak>Hi <b>there</b></speak>', 'unsupported tag <b>'],
    ['<speak><s>Hi</speak>', 'does not close'],
    ['<speak>Hi', 'never closed'],
    ['<p>Hi</p>', 'root element is <p>'],
    ['Hi', 'no <speak> element'],
    ['<speak>a</speak><speak>b</speak>', 'root elements'],
    ['<speak>1 < 2</speak>', 'unescaped "<"'],
    ['<speak><break time="soon"/></speak>', 'not a duration'],
    ['<speak><say-as>x</say-as></speak>', 'interpret-as'],
    ['<speak><break time="1s" time="2s"/></speak>', 'duplicate attribute'],
    [`<speak>${'a '.repeat(4001)}</speak>`, 'at most 8000'],
  ])('reports %s', (ssml, problem) => {
    expect(validateSsml(ssml).join('\n')).toContain(problem);
  });

  it('accepts the tags Alexa supports', () => {
    expect(
      validateSsml(
        '<speak><p><s>Hi <emphasis level="strong">there</emphasis></s></p><break time="300ms"/><amazon:domain name="conversational"><lang xml:lang="ar-SA">مرحبا</lang></amazon:domain> &amp; &#233;</speak>',
      ),
    ).toEqual([]);
  });
});
