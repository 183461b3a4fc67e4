/**
 * Markdown → plain text for channels that cannot show Markdown (voice, SMS): emphasis and code
 * marks dropped, links become their text, images their alt text, list items and table rows short
 * sentences ("Card, Apple Pay: 5 to 10 business days."), HTML removed. Bare URLs are kept; speech
 * removes them separately (speech-text.ts).
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { plainText, type PlainTextOptions } from '../knowledge/markdown-text.ts';

/**
 * Plain text of a Markdown fragment: one line per paragraph, list item or table row.
 *
 * @example markdownToText('Go to **Account > Orders**, see [tracking](track.md).')
 * // → 'Go to Account > Orders, see tracking.'
 */
export function markdownToText(markdown: string): string {
  return plainText(fromMarkdown(markdown).children, SPOKEN);
}

/** Joins the lines of `markdownToText` into one paragraph, adding a full stop where a line has none. */
export function markdownToSentences(markdown: string): string {
  return markdownToText(markdown).split('\n').map(endSentence).join(' ');
}

/** `line` with a full stop added unless it already ends in punctuation. */
export function endSentence(line: string): string {
  const trimmed = line.trim();
  if (trimmed === '') return trimmed;
  return /[.!?؟:;…،)"'»”]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

// Each table body row becomes one sentence ("Card, Apple Pay: 5 to 10 business days."); the
// header row is dropped (it rarely reads well aloud or in an SMS).
const SPOKEN: PlainTextOptions = { tableRow: rowSentence, oneLinePerListItem: true };

function rowSentence(cells: readonly string[], header: boolean): string {
  const [first, ...rest] = cells;
  if (header || first === undefined) return '';
  const separator = cells.some((cell) => /\p{Script=Arabic}/u.test(cell)) ? '، ' : '; ';
  // A cell's own closing mark would meet the separator (".،", ".;"): the row is one sentence.
  const bare = (cell: string) => cell.replace(/\s*[.,;،؛]+\s*$/u, '');
  return endSentence(
    rest.length === 0 ? first : `${bare(first)}: ${rest.map(bare).join(separator)}`,
  );
}
