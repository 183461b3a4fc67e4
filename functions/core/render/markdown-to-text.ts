/**
 * Markdown → plain text for channels that cannot show Markdown (voice, SMS): emphasis and code
 * marks dropped, links become their text, images their alt text, list items and table rows short
 * sentences ("Card, Apple Pay: 5 to 10 business days."), HTML removed. Bare URLs are kept; speech
 * removes them separately (speech-text.ts).
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Nodes, PhrasingContent } from 'mdast';

/**
 * Plain text of a Markdown fragment: one line per paragraph, list item or table row.
 *
 * @example markdownToText('Go to **Account > Orders**, see [tracking](track.md).')
 * // → 'Go to Account > Orders, see tracking.'
 */
export function markdownToText(markdown: string): string {
  const tree = fromMarkdown(markdown);
  return tidyLines(blockText(tree));
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

function tidyLines(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

function blockText(node: Nodes): string {
  switch (node.type) {
    case 'paragraph': {
      const text = inlineText(node.children);
      return isPipeTable(text) ? pipeTableSentences(text) : text;
    }
    case 'heading':
      return inlineText(node.children);
    case 'listItem':
      return node.children
        .map((child) => blockText(child))
        .join(' ')
        .replace(/\n+/g, ' ');
    case 'code':
      return node.value;
    case 'html':
      return node.value.replace(/<[^>]*>/g, ' ');
    case 'thematicBreak':
    case 'definition':
    case 'yaml':
      return '';
    default:
      if ('children' in node) return (node.children as Nodes[]).map(blockText).join('\n');
      return 'value' in node && typeof node.value === 'string' ? node.value : '';
  }
}

function inlineText(nodes: readonly PhrasingContent[]): string {
  return nodes.map(phrasingText).join('');
}

function phrasingText(node: PhrasingContent): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value;
    case 'break':
      return '\n';
    case 'image':
    case 'imageReference':
      return node.alt ?? '';
    case 'html':
    case 'footnoteReference':
      return '';
    default:
      return 'children' in node ? inlineText(node.children as PhrasingContent[]) : '';
  }
}

// The installed parser has no GFM table extension: a pipe table arrives as a paragraph whose
// second line is a delimiter row (`|---|:--:|`). Each body row becomes one sentence; the header
// row is dropped (it rarely reads well aloud or in an SMS).
const DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

function isPipeTable(text: string): boolean {
  const lines = text.split('\n');
  return lines.length >= 2 && (lines[0] ?? '').includes('|') && DELIMITER_ROW.test(lines[1] ?? '');
}

function pipeTableSentences(text: string): string {
  return text
    .split('\n')
    .slice(2)
    .map((line) => {
      const cells = line
        .trim()
        .replace(/^\|/, '')
        .replace(/\|$/, '')
        .split('|')
        .map((cell) => cell.trim())
        .filter((cell) => cell !== '');
      const [first, ...rest] = cells;
      if (first === undefined) return '';
      const separator = /\p{Script=Arabic}/u.test(line) ? '، ' : '; ';
      return endSentence(rest.length === 0 ? first : `${first}: ${rest.join(separator)}`);
    })
    .join('\n');
}
