/**
 * No doubled sentence punctuation in what Alexa says or shows: where an article's summary, an
 * option title or a staff reply that ends in a mark meets a message template's own mark
 * ("refund?." , "الدفع.، نعم", "طلبي؟؟"), one mark is kept. Checked on the real message tables
 * × the real help centre (knowledge/, both languages), and on any text (fast-check).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Article } from '#core/knowledge/article.ts';
import { loadCollection } from '#core/knowledge/load-collection.ts';
import type { Reply } from '#core/conversation/reply.ts';
import type { StaffReplyNotice } from '#core/conversation/conversation.ts';
import {
  goodbyeSpeech,
  messageSpeech,
  renderSpeech,
  renderStaffReplySpeech,
  validateSsml,
  type SpokenReply,
} from '#core/render/ssml.ts';
import { SPEECH_MESSAGES, type SpeechMessageKey } from '#core/render/speech-messages.ts';
import {
  collapsePunctuation,
  collapseSsmlPunctuation,
  escapeSsml,
  speakableText,
} from '#core/render/speech-text.ts';
import type { Candidate, Lang } from '#core/types.ts';

const helpUrl = 'https://help.nakheel.example';
const LANGS: Lang[] = ['en', 'ar'];
const MARKS = '.,;!?،؛؟';
/** Two sentence marks (Latin or Arabic) with nothing but spaces between them. */
const DOUBLED = /[.,;!?،؛؟]\s*[.,;!?،؛؟]/u;

/** What the listener hears: tags become pauses (spaces), entities their characters. */
function heard(ssml: string): string {
  return ssml
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Every doubled mark in the speech, reprompt and card of `spoken`, with where it was. */
function doubledMarks(spoken: SpokenReply): string[] {
  const parts = {
    speech: heard(spoken.ssml),
    reprompt: heard(spoken.reprompt),
    'card title': spoken.card.title,
    'card text': spoken.card.text,
  };
  return Object.entries(parts).flatMap(([where, text]) => {
    const m = DOUBLED.exec(text);
    return m ? [`${where}: "…${text.slice(Math.max(0, m.index - 30), m.index + 5)}…"`] : [];
  });
}

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

const { articles } = await loadCollection('knowledge');
/** Every answer the help centre can give: each article's summary and each of its sections. */
const candidates = articles.flatMap((article) => [
  candidate(article),
  ...article.sections.map((_s, i) => candidate(article, i)),
]);
const summaries = articles.map((a) => a.summary).filter((s): s is string => Boolean(s));
const sectionTexts = articles.flatMap((a) => a.sections.map((s) => s.markdown));

describe('collapsePunctuation (the join of a summary or title with a template)', () => {
  it.each([
    ['When will I get my refund??', 'When will I get my refund?'],
    ['Did you mean A?, or B?', 'Did you mean A? or B?'],
    ['It arrives today.. Anything else?', 'It arrives today. Anything else?'],
    ['It arrives today. . Anything else?', 'It arrives today. Anything else?'],
    ['Next step,. Then', 'Next step. Then'],
    ['Wow!?', 'Wow?'],
    ['كيف أتتبع طلبي؟؟', 'كيف أتتبع طلبي؟'],
    ['كيف أتتبع طلبي؟.', 'كيف أتتبع طلبي؟'],
    ['استلمنا طلبك ونتحقق من الدفع.، نعم.', 'استلمنا طلبك ونتحقق من الدفع. نعم.'],
    ['خلال يومين،. ثم', 'خلال يومين. ثم'],
    ['أولًا؛، ثانيًا', 'أولًا؛ ثانيًا'],
    ['line one.\n\n. line two', 'line one.\n\nline two'],
  ])('%j → %j', (input, expected) => {
    expect(collapsePunctuation(input)).toBe(expected);
  });

  it.each([
    'Refunds take 5.5 days, or 1,000.50 SAR.',
    'Email support@nakheel.example, or visit https://help.nakheel.example/help/en/x?y=1.',
    'Wait… then tap Apply.',
    'Opens at 10:30. Closed on Fridays.',
    'e.g. a gift card',
    'تصل خلال 2 إلى 5 أيام، بتكلفة 15 ريالًا.',
  ])('leaves single marks alone: %j', (text) => {
    expect(collapsePunctuation(text)).toBe(text);
  });

  it('in SSML, a tag between two marks does not separate them; entities keep their ";"', () => {
    expect(collapseSsmlPunctuation('<speak>Refund?<break time="400ms"/>. Next</speak>')).toBe(
      '<speak>Refund?<break time="400ms"/> Next</speak>',
    );
    expect(collapseSsmlPunctuation('<speak>Q&amp;A. Don&apos;t. &quot;Hi&quot;.</speak>')).toBe(
      '<speak>Q&amp;A. Don&apos;t. &quot;Hi&quot;.</speak>',
    );
    expect(
      collapseSsmlPunctuation('<speak><say-as interpret-as="spell-out">MJ</say-as>.. ok</speak>'),
    ).toBe('<speak><say-as interpret-as="spell-out">MJ</say-as>. ok</speak>');
  });

  it('on any text: no doubled mark is left, words are kept in order, and it is idempotent', () => {
    const piece = fc.oneof(
      fc.constantFrom(...MARKS.split(''), ' ', '  ', '\n', 'word', 'كلمة', '5', '…', ':', '"'),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        const out = collapsePunctuation(text);
        expect(out).not.toMatch(DOUBLED);
        expect(collapsePunctuation(out)).toBe(out);
        const words = (s: string) => s.replace(/[.,;!?،؛؟\s]/gu, '');
        expect(words(out)).toBe(words(text));
      }),
      { numRuns: 500 },
    );
  });

  it('real templates joined with real summaries: no doubled mark, and valid SSML stays valid', () => {
    const templates = LANGS.flatMap((lang) =>
      Object.values(SPEECH_MESSAGES[lang]).map((t) => escapeSsml(t)),
    );
    const spokenSummaries = articles.flatMap((a) =>
      a.summary ? [escapeSsml(speakableText(a.summary, a.lang))] : [],
    );
    const piece = fc.oneof(
      fc.constantFrom(...templates),
      fc.constantFrom(...spokenSummaries),
      fc.constantFrom('.', '؟', '،', '?', '<break time="400ms"/>'),
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 2, maxLength: 6 }), (pieces) => {
        const ssml = collapseSsmlPunctuation(`<speak>${pieces.join(' ')}</speak>`);
        expect(heard(ssml)).not.toMatch(DOUBLED);
        expect(validateSsml(ssml)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('Alexa speech over the real help centre has no doubled punctuation', () => {
  it('loads summaries and sections in both languages', () => {
    for (const lang of LANGS) {
      expect(articles.filter((a) => a.lang === lang && a.summary).length).toBeGreaterThan(10);
    }
    expect(candidates.length).toBeGreaterThan(200);
  });

  it('every answer (summary or section, either customer language): speech, reprompt and card', () => {
    const problems: string[] = [];
    for (const c of candidates) {
      for (const lang of LANGS) {
        const spoken = renderSpeech({ kind: 'answer', lang, article: c } as Reply, { helpUrl });
        problems.push(
          ...doubledMarks(spoken).map((p) => `${c.lang}/${c.articleId}#${c.sectionId} ${p}`),
        );
      }
    }
    expect(problems).toEqual([]);
  });

  it('the Arabic status table reads "…من الدفع، نعم." (no ".،" where a cell ends in a full stop)', () => {
    const article = articles.find((a) => a.lang === 'ar' && a.id === 'order-status-meanings');
    expect(article).toBeDefined();
    const index = article!.sections.findIndex((s) =>
      s.markdown.includes('استلمنا طلبك ونتحقق من الدفع.'),
    );
    expect(index).toBeGreaterThanOrEqual(0);
    const spoken = renderSpeech(
      { kind: 'answer', lang: 'ar', article: candidate(article!, index) } as Reply,
      { helpUrl },
    );
    // The row is one sentence: the cell's own full stop gives way to the Arabic comma.
    expect(heard(spoken.ssml)).toContain('استلمنا طلبك ونتحقق من الدفع، نعم.');
    expect(spoken.card.text).toContain('استلمنا طلبك ونتحقق من الدفع، نعم.');
    expect(heard(spoken.ssml)).not.toContain('.،');
  });

  it('"did you mean…" over any 1–3 real titles, in either language', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...candidates), { minLength: 1, maxLength: 3 }),
        fc.constantFrom(...LANGS),
        (options, lang) => {
          const spoken = renderSpeech({ kind: 'clarify', lang, options } as Reply, { helpUrl });
          expect(doubledMarks(spoken)).toEqual([]);
          expect(validateSsml(spoken.ssml)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('titles that end in "?" are listed without it: "Did you mean A, or B?"', () => {
    const questions = candidates.filter((c) => /[?؟]$/.test(c.title) && !c.sectionId);
    for (const lang of LANGS) {
      const pair = questions.filter((c) => c.lang === lang).slice(0, 2);
      expect(pair).toHaveLength(2);
      const spoken = renderSpeech({ kind: 'clarify', lang, options: pair } as Reply, { helpUrl });
      const [a, b] = pair.map((c) => c.title.replace(/[?؟]$/, ''));
      const or = lang === 'en' ? ', or' : '، أم';
      expect(heard(spoken.ssml)).toContain(`${a}${or} ${b}${lang === 'en' ? '?' : '؟'}`);
    }
  });

  it('staff replies read at launch: real summaries and sections, whatever mark they end in', () => {
    const text = fc.tuple(
      fc.constantFrom(...summaries, ...sectionTexts),
      fc.constantFrom('', '.', '..', '!!', '?.', '؟.', '،', '. .', '…'),
    );
    const notice = fc.record({
      ticketRef: fc.stringMatching(/^MJ-[0-9A-HJKMNP-TV-Z]{6}$/),
      text: text.map(([body, end]) => body.trimEnd() + end),
    });
    fc.assert(
      fc.property(
        fc.array(notice, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(...LANGS),
        (notices, lang) => {
          const spoken = renderStaffReplySpeech(notices as unknown as StaffReplyNotice[], lang);
          expect(doubledMarks(spoken)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('every fixed message, hand-off, small talk and goodbye, in both languages', () => {
    const problems: string[] = [];
    const check = (label: string, spoken: SpokenReply) =>
      problems.push(...doubledMarks(spoken).map((p) => `${label} ${p}`));
    for (const lang of LANGS) {
      for (const key of Object.keys(SPEECH_MESSAGES[lang]) as SpeechMessageKey[]) {
        check(`${lang} ${key}`, messageSpeech(lang, key));
      }
      check(`${lang} goodbye`, goodbyeSpeech(lang));
      for (const reason of ['asked-for-human', 'low-confidence', 'no-match'] as const) {
        for (const ticketFailed of [false, true]) {
          const reply = { kind: 'escalate', lang, reason, ticketRef: 'MJ-4K7Q2X', ticketFailed };
          check(`${lang} escalate ${reason}`, renderSpeech(reply as Reply, { helpUrl }));
        }
      }
      for (const intent of ['greeting', 'thanks', 'goodbye'] as const) {
        check(`${lang} ${intent}`, renderSpeech({ kind: 'smalltalk', lang, intent }, { helpUrl }));
      }
      check(`${lang} empty`, renderSpeech({ kind: 'empty', lang }, { helpUrl }));
    }
    expect(problems).toEqual([]);
  });

  it('any text in a reply (fast-check): the speech and the card never double a mark', () => {
    const messy = fc.oneof(
      fc.string({ unit: fc.constantFrom(...`${MARKS} ab\nم&<>'"`.split('')), maxLength: 120 }),
      fc.string({ unit: 'grapheme', maxLength: 80 }),
    );
    const option = fc.record({
      articleId: fc.constant('x'),
      title: messy,
      lang: fc.constantFrom(...LANGS),
      url: fc.constant('/help/en/x'),
      summary: fc.option(messy, { nil: undefined }),
      snippet: messy,
      heading: fc.option(messy, { nil: undefined }),
      confidence: fc.constant(0.5),
      score: fc.constant(1),
    }) as fc.Arbitrary<Candidate>;
    const reply: fc.Arbitrary<Reply> = fc.oneof(
      fc.record({ kind: fc.constant('answer'), lang: fc.constantFrom(...LANGS), article: option }),
      fc.record({
        kind: fc.constant('clarify'),
        lang: fc.constantFrom(...LANGS),
        options: fc.array(option, { minLength: 1, maxLength: 3 }),
      }),
    ) as fc.Arbitrary<Reply>;
    fc.assert(
      fc.property(reply, (r) => {
        const spoken = renderSpeech(r, { helpUrl });
        expect(doubledMarks(spoken)).toEqual([]);
        expect(validateSsml(spoken.ssml)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});
