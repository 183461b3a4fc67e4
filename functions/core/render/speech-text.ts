/**
 * Text helpers for speech: Markdown to speakable sentences (no URLs, no Markdown, no symbols
 * read out as "greater than"), SSML escaping, and trimming to a time budget at a sentence
 * boundary. Used by ssml.ts.
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
  return lines.map(endSentence).join(' ');
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
