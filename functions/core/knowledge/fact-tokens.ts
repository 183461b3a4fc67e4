/**
 * Turns one line of a help article into tokens for the fact extractor: strips Markdown, link
 * targets, URLs, emails and codes (NK-4821-7730, GMT+3), writes every digit as a Western digit
 * and Arabic in one spelling, then splits numbers, words and symbols.
 */
import { UNIT_WORDS } from './fact-lexicon.ts';

export interface Token {
  type: 'num' | 'word' | 'sym';
  text: string;
  /** Whitespace before the token. */
  spaced: boolean;
}

/** Removes Markdown syntax, link targets, URLs, emails and order/ticket codes from one line. */
export function stripMarkdown(line: string): string {
  return line
    .replace(/^\s*\[[^\]]+\]:\s*\S+.*$/, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\S+@\S+\.\S+/g, ' ')
    .replace(/^\s{0,3}(?:#{1,6}\s+|>\s*)/, '')
    .replace(/^\s*(?:[-*+]|\d{1,3}[.)])\s+/, '')
    .replace(/[A-Za-z]+(?:[-+][A-Za-z0-9]+)*[-+]?\d[\w+-]*/g, ' ')
    .replace(/[*`_~]/g, '');
}

/** Western digits, one Arabic spelling (no diacritics, ا for أ/إ/آ, ي for ى), lower case. */
export function normalizeLine(line: string): string {
  return line
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/\u066c/g, ',')
    .replace(/\u066b/g, '.')
    .replace(/\u066a/g, '%')
    .replace(/[\u064b-\u0652\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ر\.\s?س\.?/g, ' SAR ')
    .replace(/د\.\s?ا\.?/g, ' AED ')
    .replace(/\b([ap])\.m\./gi, '$1m')
    .toLowerCase();
}

const TOKEN = /(\d{1,2}:\d{2}(?!\d))|(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)|([\p{L}\p{M}]+)|(\S)/gu;

export function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  for (const m of line.matchAll(TOKEN)) {
    const at = m.index ?? 0;
    const before = at > 0 ? (line[at - 1] ?? ' ') : ' ';
    const after = line[at + m[0].length] ?? ' ';
    const type = m[1] || m[2] ? 'num' : m[3] ? 'word' : 'sym';
    // A number glued to Latin letters ("x2", "2fa") is part of a name, not a fact; "2pm" is kept.
    if (type === 'num' && (/[a-z]/.test(before) || (/[a-z]/.test(after) && !isGluedUnit(line, at + m[0].length)))) {
      continue;
    }
    tokens.push({ type, text: m[0], spaced: /\s/.test(before) });
  }
  return tokens;
}

function isGluedUnit(line: string, from: number): boolean {
  const word = /^[a-z]+/.exec(line.slice(from))?.[0] ?? '';
  return UNIT_WORDS.has(word);
}
