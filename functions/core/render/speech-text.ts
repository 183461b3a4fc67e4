/**
 * Text helpers for speech: Markdown to speakable sentences (no URLs, no Markdown, no symbols
 * read out as "greater than"), SSML escaping, trimming to a time budget at a sentence
 * boundary, and tidying the punctuation where pieces are joined. Used by ssml.ts.
 */
import type { Lang } from '../types.ts';
import { markdownToText, endSentence } from './markdown-to-text.ts';

/**
 * Words that fit in about 25 seconds of Alexa speech. English is read at ~150 words a minute;
 * Arabic words are longer on average (clitics are written attached), so the budget is lower.
 */
export const SPEECH_WORD_BUDGET: Record<Lang, number> = { en: 62, ar: 48 };

const WEB_ADDRESS = /\b(?:https?:\/\/|www\.)[^\s)>\]]+/gi;

/** Escapes the five XML special characters for SSML text content and attribute values. */
export function escapeSsml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Said instead of a web address, and instead of " / " between alternatives. */
const SPOKEN: Record<Lang, { website: string; or: string; then: string }> = {
  en: { website: 'our website', or: 'or', then: 'then' },
  ar: { website: 'موقعنا', or: 'أو', then: 'ثم' },
};

/**
 * Markdown → one speakable paragraph: links to their text, tables to sentences, web addresses
 * replaced by "our website", menu paths "A > B" → "A, then B", "15 SAR / 15 AED" → "… or …".
 * Emails are kept: they are read out usefully.
 */
export function speakableText(markdown: string, lang: Lang = 'en'): string {
  const words = SPOKEN[lang];
  const comma = lang === 'ar' ? '،' : ',';
  const lines = markdownToText(markdown)
    .split('\n')
    .map((line) =>
      line
        .replace(new RegExp(`\\(\\s*${WEB_ADDRESS.source}\\s*\\)`, 'gi'), ' ')
        .replace(WEB_ADDRESS, ` ${words.website} `)
        .replace(/\s*>\s*/g, `${comma} ${words.then} `)
        .replace(/\s+\/\s+/g, ` ${words.or} `)
        .replace(/[*_`#|]+/g, ' ')
        .replace(/\(\s*\)/g, ' ')
        .replace(/\s+([.,;:!?؟،])/g, '$1')
        .replace(/([,;:،])(?:\s*[,;:،])+/g, '$1')
        .replace(/\s{2,}/g, ' ')
        .replace(/^[\s,;:،.]+/, '')
        .trim(),
    )
    .filter((line) => /[\p{L}\p{N}]/u.test(line));
  return collapsePunctuation(lines.map(endSentence).join(' '));
}

/**
 * Sentence punctuation, Latin and Arabic, ranked: where several meet, the strongest stays (a
 * question keeps its question mark; a full stop beats the comma a join puts after it).
 */
const PUNCTUATION_RANK: Readonly<Record<string, number>> = {
  '?': 4,
  '؟': 4,
  '!': 3,
  '.': 2,
  ';': 1,
  '؛': 1,
  ',': 0,
  '،': 0,
};
const MARK = '[.,;!?،؛؟]';
/** Private-use characters standing in for SSML tags (transparent) and entities (opaque). */
const TAG_SLOT = '\uE010';
const ENTITY_SLOT = '\uE011';
const PUNCTUATION_RUN = new RegExp(`${MARK}(?:(?:\\s|${TAG_SLOT})*${MARK})+\\s*`, 'g');

/**
 * `text` with every run of sentence punctuation (marks separated only by spaces) reduced to its
 * strongest mark: "refund?." → "refund?", "الدفع.، نعم" → "الدفع. نعم", "mean A?, or B??" →
 * "mean A? or B?". Such runs come from joining a summary or title that ends in punctuation with
 * a template that adds its own; the message tables stay as written and the join is tidied.
 * Decimals, e-mail addresses and "…" are left alone (no two marks meet there).
 *
 * @example collapsePunctuation('Did you mean When will I get my refund??') // → '…refund?'
 */
export function collapsePunctuation(text: string): string {
  return text.replace(PUNCTUATION_RUN, strongestMark);
}

/**
 * `collapsePunctuation` for SSML: tags between two marks do not separate them (`?<break/>.`
 * keeps the break and one mark) and the `;` that ends an entity (`&amp;`) is not punctuation.
 */
export function collapseSsmlPunctuation(ssml: string): string {
  const tags: string[] = [];
  const entities: string[] = [];
  const masked = ssml
    .replace(/[\uE010\uE011]/g, '')
    .replace(/<[^>]*>/g, (tag) => (tags.push(tag), TAG_SLOT))
    .replace(/&(?:[a-z]+|#\d+|#x[0-9a-f]+);/gi, (entity) => (entities.push(entity), ENTITY_SLOT));
  let tag = 0;
  let entity = 0;
  return collapsePunctuation(masked)
    .replace(new RegExp(ENTITY_SLOT, 'g'), () => entities[entity++] ?? '')
    .replace(new RegExp(TAG_SLOT, 'g'), () => tags[tag++] ?? '');
}

/**
 * The strongest mark of a run (the first of equals), then the run's tag slots, then one space
 * (a line break when the run had one) if it had any.
 */
function strongestMark(run: string): string {
  let best = run[0] ?? '';
  for (const ch of run) {
    if ((PUNCTUATION_RANK[ch] ?? -1) > (PUNCTUATION_RANK[best] ?? -1)) best = ch;
  }
  const slots = run.replace(new RegExp(`[^${TAG_SLOT}]`, 'g'), '');
  const space = /\s/.test(run) ? (run.match(/\n\s*/)?.[0] ?? ' ') : '';
  return best + slots + space;
}

/** Number of spoken words (whitespace-separated tokens containing a letter or digit). */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/**
 * The longest run of whole sentences of `text` within `maxWords`. When even the first sentence
 * is longer, it is cut at a word boundary and closed with a full stop.
 */
export function trimToWords(text: string, maxWords: number): string {
  const sentences = text.match(/[^.!?؟…]+(?:[.!?؟…]+["'»”)]?|$)/g) ?? [];
  let result = '';
  let words = 0;
  for (const sentence of sentences) {
    const n = countWords(sentence);
    if (n === 0) continue;
    if (words + n > maxWords) break;
    result += sentence;
    words += n;
  }
  if (result.trim() !== '') return result.trim();
  const cut = text.split(/\s+/).filter(Boolean).slice(0, maxWords).join(' ');
  return endSentence(cut.replace(/[,;:،]+$/, ''));
}
