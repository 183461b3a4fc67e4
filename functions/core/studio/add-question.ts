/**
 * Adds a phrasing to an article's front matter `questions` list as a text edit, so everything
 * else in the file stays byte for byte as the writer left it (comments, quoting, order, line
 * endings, the body). The `yaml` package finds where the list is (its node ranges); the new item
 * copies the indentation of the last one (block list), or goes before the `]` (flow list), or a
 * new `questions:` list is added at the end of the front matter. The result is parsed again and
 * must read as the old list plus the phrasing, else nothing is changed and an error says why.
 */
import { isSeq, parseDocument, stringify, type Node } from 'yaml';
import { ValidationError } from '../errors.ts';
import { normalizePhrasing } from '../learning/phrasing.ts';

export interface AddedQuestion {
  source: string;
  /** False when the article already lists the phrasing (the source is unchanged). */
  added: boolean;
}

const FENCE = /^---[ \t]*$/;
const CLOSE = /^(---|\.\.\.)[ \t]*$/;

/**
 * `source` with `phrasing` appended to its `questions`.
 * @example addQuestion('---\ntitle: T\nquestions:\n  - a\n---\nBody', 'b').source
 * // '---\ntitle: T\nquestions:\n  - a\n  - b\n---\nBody'
 */
export function addQuestion(source: string, phrasing: string): AddedQuestion {
  const text = phrasing.replace(/\s+/g, ' ').trim();
  if (text === '') throw new ValidationError('the phrasing is empty', { field: 'phrasing' });
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  const bom = source.startsWith('\uFEFF') ? '\uFEFF' : '';
  const lines = source.slice(bom.length).split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? '')) throw cannotEdit('the article has no front matter');
  const close = lines.findIndex((line, i) => i > 0 && CLOSE.test(line));
  if (close < 0) throw cannotEdit('the front matter has no closing --- line');

  // Offsets: the YAML text starts after the first line and its line break.
  const yamlStart = lineOffset(source, 1);
  const closeOffset = lineOffset(source, close);
  const yamlText = source.slice(yamlStart, closeOffset);
  const doc = parseDocument(yamlText);
  if (doc.errors.length > 0) throw cannotEdit('the front matter is not valid YAML');
  const before = listOf(doc.toJS());
  if (before.some((q) => normalizePhrasing(q) === normalizePhrasing(text))) {
    return { source, added: false };
  }

  const node = doc.get('questions', true) as Node | null | undefined;
  let edited: string;
  if (doc.has('questions') && isSeq(node) && node.flow) {
    // `questions: [a, b]`: insert before the closing bracket.
    const end = yamlStart + (node.range?.[1] ?? 0);
    const bracket = source.lastIndexOf(']', end);
    const sep = node.items.length > 0 ? ', ' : '';
    edited = source.slice(0, bracket) + sep + JSON.stringify(text) + source.slice(bracket);
  } else if (doc.has('questions') && isSeq(node) && node.items.length > 0) {
    const last = node.items[node.items.length - 1] as Node;
    const valueEnd = yamlStart + (last.range?.[1] ?? 0);
    const lineStart = source.lastIndexOf('\n', yamlStart + (last.range?.[0] ?? 0) - 1) + 1;
    const indent = /^[ \t]*/.exec(source.slice(lineStart))?.[0] ?? '';
    let lineEnd = source.indexOf('\n', valueEnd);
    if (lineEnd < 0 || lineEnd > closeOffset) lineEnd = closeOffset - 1;
    if (source[lineEnd - 1] === '\r') lineEnd -= 1;
    edited = `${source.slice(0, lineEnd)}${eol}${indent}- ${blockScalar(text)}${source.slice(lineEnd)}`;
  } else if (doc.has('questions') && (node === null || node === undefined || isEmptyScalar(node))) {
    // `questions:` with no value: the list goes on the next lines.
    const keyLine = lines.findIndex((line, i) => i > 0 && i < close && /^questions\s*:/.test(line));
    if (keyLine < 0) throw cannotEdit('`questions` is not a top-level list');
    const at = lineOffset(source, keyLine + 1);
    edited = `${source.slice(0, at)}  - ${blockScalar(text)}${eol}${source.slice(at)}`;
  } else if (!doc.has('questions')) {
    edited = `${source.slice(0, closeOffset)}questions:${eol}  - ${blockScalar(text)}${eol}${source.slice(closeOffset)}`;
  } else {
    throw cannotEdit('`questions` is not a list');
  }

  const editedYaml = edited.slice(yamlStart, closeOffset + edited.length - source.length);
  const after = listOf(parseDocument(editedYaml).toJS());
  const expected = [...before, text];
  if (after.length !== expected.length || after.some((q, i) => q !== expected[i])) {
    throw cannotEdit('the edited list did not read back as expected');
  }
  return { source: edited, added: true };
}

/** A one-line YAML scalar for a block list item (quoted when plain text would not do). */
function blockScalar(text: string): string {
  return stringify(text, { lineWidth: 0 }).trimEnd();
}

function listOf(data: unknown): string[] {
  const value = (data as { questions?: unknown } | null)?.questions;
  return Array.isArray(value) ? value.map(String) : [];
}

function isEmptyScalar(node: Node): boolean {
  return 'value' in node && (node.value === null || node.value === '');
}

/** Offset in `source` of the start of line `index` (0-based), or the end of the text. */
function lineOffset(source: string, index: number): number {
  let offset = 0;
  for (let i = 0; i < index; i++) {
    const next = source.indexOf('\n', offset);
    if (next < 0) return source.length;
    offset = next + 1;
  }
  return offset;
}

function cannotEdit(reason: string): ValidationError {
  return new ValidationError(`cannot add the phrasing to the article's questions: ${reason}`, {
    field: 'questions',
  });
}
