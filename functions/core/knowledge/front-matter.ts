/**
 * Splits a Markdown file into YAML front matter and body, and parses the YAML with the `yaml`
 * package. YAML errors are reported with line numbers relative to the whole file.
 */
import { parseDocument } from 'yaml';
import type { Problem } from './article.ts';

export interface FrontMatter {
  /** Parsed mapping; undefined when absent or invalid. */
  data?: Record<string, unknown>;
  /** Whether the file starts with a `---` block at all. */
  present: boolean;
  /** Markdown after the closing `---`. */
  body: string;
  /** Number of source lines before the body (so body line 1 is file line `lineOffset + 1`). */
  lineOffset: number;
  problems: Problem[];
}

const FENCE = /^---[ \t]*$/;
const CLOSE = /^(---|\.\.\.)[ \t]*$/;

/** Reads the front matter of `source` (a file named `file`, for problems). */
export function readFrontMatter(source: string, file: string): FrontMatter {
  const text = source.replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? '')) {
    return { present: false, body: text, lineOffset: 0, problems: [] };
  }
  const end = lines.findIndex((line, i) => i > 0 && CLOSE.test(line));
  if (end < 0) {
    const problem = error(file, 1, 'front matter starts with --- but has no closing --- line');
    return { present: true, body: '', lineOffset: lines.length, problems: [problem] };
  }
  const yamlText = lines.slice(1, end).join('\n');
  const body = lines.slice(end + 1).join('\n');
  const lineOffset = end + 1;
  const doc = parseDocument(yamlText, { prettyErrors: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) =>
      error(file, (e.linePos?.[0]?.line ?? 1) + 1, `invalid YAML front matter: ${firstLine(e.message)}`),
    );
    return { present: true, body, lineOffset, problems };
  }
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) {
    return { present: true, data: {}, body, lineOffset, problems: [] };
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    const problem = error(file, 2, 'invalid front matter: expected key: value pairs');
    return { present: true, body, lineOffset, problems: [problem] };
  }
  return { present: true, data: data as Record<string, unknown>, body, lineOffset, problems: [] };
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

function error(file: string, line: number, message: string): Problem {
  return { file, line, severity: 'error', message };
}
