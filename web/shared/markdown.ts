/**
 * A tiny, safe Markdown reader for chat answers and article pages: paragraphs, headings, lists,
 * GFM pipe tables, fenced code, bold, italic, inline code and links. It produces a plain tree
 * (no DOM, no HTML strings) so it can be tested in Node; web/shared/render-tree.ts turns the tree
 * into DOM nodes with text nodes only, web/shared/markdown-html.ts into escaped HTML. Raw HTML in
 * the source is never interpreted: it stays text. Links keep only http(s) targets and
 * site-relative help-centre paths (`/help/…`); anything else (javascript:, data:, vbscript:,
 * other relative paths…) becomes plain text.
 */

export type BlockTag =
  'p' | 'ul' | 'ol' | 'li' | 'pre' | 'h4' | 'table' | 'thead' | 'tbody' | 'tr' | 'th' | 'td';
export type InlineTag = 'strong' | 'em' | 'code' | 'a' | 'br';

export interface MdText {
  tag: '#text';
  text: string;
}

export interface MdElement {
  tag: BlockTag | InlineTag;
  children: MdNode[];
  /** Only on `a`: a vetted http(s) or relative URL. */
  href?: string;
}

export type MdNode = MdText | MdElement;

const text = (value: string): MdText => ({ tag: '#text', text: value });
const el = (tag: MdElement['tag'], children: MdNode[], href?: string): MdElement =>
  href === undefined ? { tag, children } : { tag, children, href };

const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const ORDERED = /^\s{0,3}\d{1,9}[.)]\s+(.*)$/;
const HEADING = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/;
const FENCE = /^\s{0,3}(```|~~~)/;
const DELIMITER_CELL = /^\s*:?-+:?\s*$/;
/** Most rows and columns a table may have (longer tables are cut; keeps hostile input cheap). */
const MAX_TABLE_ROWS = 200;
const MAX_TABLE_COLUMNS = 20;

/** Parses Markdown into a tree of safe nodes. Never throws; unknown syntax stays text. */
export function parseMarkdown(source: string): MdNode[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: MdNode[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      i += 1;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const code: string[] = [];
      i += 1;
      while (i < lines.length && !(lines[i] ?? '').trim().startsWith(fence[1] ?? '```')) {
        code.push(lines[i] ?? '');
        i += 1;
      }
      i += 1; // the closing fence (or the end)
      blocks.push(el('pre', [el('code', [text(code.join('\n'))])]));
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push(el('h4', parseInline(heading[1] ?? '')));
      i += 1;
      continue;
    }
    const table = tableAt(lines, i);
    if (table) {
      blocks.push(table.node);
      i = table.next;
      continue;
    }
    const listKind = BULLET.test(line) ? 'ul' : ORDERED.test(line) ? 'ol' : undefined;
    if (listKind) {
      const pattern = listKind === 'ul' ? BULLET : ORDERED;
      const items: MdNode[] = [];
      while (i < lines.length) {
        const item = pattern.exec(lines[i] ?? '');
        if (item) {
          items.push(el('li', parseInline(item[1] ?? '')));
        } else if (/^\s{2,}\S/.test(lines[i] ?? '') && items.length > 0) {
          // a continuation line of the previous item
          const last = items[items.length - 1] as MdElement;
          last.children.push(text(' '), ...parseInline((lines[i] ?? '').trim()));
        } else {
          break;
        }
        i += 1;
      }
      blocks.push(el(listKind, items));
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length) {
      const next = lines[i] ?? '';
      if (next.trim() === '' || FENCE.test(next) || HEADING.test(next)) break;
      if (paragraph.length > 0 && (BULLET.test(next) || ORDERED.test(next))) break;
      if (paragraph.length > 0 && tableAt(lines, i)) break;
      paragraph.push(next.trim());
      i += 1;
    }
    blocks.push(el('p', parseInline(paragraph.join('\n'))));
  }
  return blocks;
}

/**
 * A GFM pipe table starting at `lines[start]`: a header row, a delimiter row with as many cells
 * (`| --- | :-: |`), then body rows up to the first line without a `|`. Body rows are padded or
 * cut to the header's width, as GitHub does. Undefined when no table starts there.
 */
function tableAt(lines: string[], start: number): { node: MdElement; next: number } | undefined {
  const header = lines[start] ?? '';
  const delimiter = lines[start + 1] ?? '';
  if (!header.includes('|') || !delimiter.includes('-')) return undefined;
  const names = tableCells(header);
  const marks = tableCells(delimiter);
  if (names.length === 0 || names.length !== marks.length) return undefined;
  if (!marks.every((cell) => DELIMITER_CELL.test(cell))) return undefined;
  const width = Math.min(names.length, MAX_TABLE_COLUMNS);
  const row = (cells: string[], tag: 'th' | 'td'): MdElement =>
    el(
      'tr',
      Array.from({ length: width }, (_, c) => el(tag, parseInline((cells[c] ?? '').trim()))),
    );
  const body: MdElement[] = [];
  let i = start + 2;
  while (i < lines.length && (lines[i] ?? '').includes('|') && (lines[i] ?? '').trim() !== '') {
    if (body.length < MAX_TABLE_ROWS) body.push(row(tableCells(lines[i] ?? ''), 'td'));
    i += 1;
  }
  const parts = [el('thead', [row(names, 'th')])];
  if (body.length > 0) parts.push(el('tbody', body));
  return { node: el('table', parts), next: i };
}

/**
 * The cells of a table row, split at every `|` but an escaped one (`\|`, a literal `|` even inside
 * a code span, as in GFM).
 */
function tableCells(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] ?? '';
    if (ch === '\\' && line[i + 1] === '|') {
      cell += '|';
      i += 1;
    } else if (ch === '|') {
      cells.push(cell);
      cell = '';
    } else {
      cell += ch;
    }
  }
  cells.push(cell);
  const trimmed = line.trim();
  if (trimmed.startsWith('|')) cells.shift();
  if (trimmed.endsWith('|') && !trimmed.endsWith('\\|') && cells.length > 0) cells.pop();
  return cells;
}

/** Inline syntax: `code`, **bold**, __bold__, *italic*, _italic_, [text](url), hard breaks. */
export function parseInline(source: string): MdNode[] {
  const out: MdNode[] = [];
  let plain = '';
  const flush = () => {
    if (plain) out.push(text(plain));
    plain = '';
  };
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    const ch = source[i] ?? '';
    if (ch === '\\' && /^\\[\\`*_[\]()#+\-.!<>|]/.test(rest)) {
      plain += rest[1];
      i += 2;
      continue;
    }
    if (ch === '\n') {
      flush();
      out.push(el('br', []));
      i += 1;
      continue;
    }
    const code = /^(`+)([\s\S]*?[^`])\1(?!`)/.exec(rest);
    if (code) {
      flush();
      out.push(el('code', [text((code[2] ?? '').trim())]));
      i += code[0].length;
      continue;
    }
    const strong = /^(\*\*|__)(?=\S)([\s\S]*?\S)\1/.exec(rest);
    if (strong) {
      flush();
      out.push(el('strong', parseInline(strong[2] ?? '')));
      i += strong[0].length;
      continue;
    }
    const em = /^(\*|_)(?=[^\s*_])([\s\S]*?[^\s\\])\1(?![*_\w])/.exec(rest);
    if (em && (ch === '*' || !/\w/.test(source[i - 1] ?? ''))) {
      flush();
      out.push(el('em', parseInline(em[2] ?? '')));
      i += em[0].length;
      continue;
    }
    // the target may hold one level of balanced parentheses, as in CommonMark
    const link =
      /^\[([^\]\n]{1,500})\]\(\s*<?((?:[^()\s<>]|\([^()\s<>]*\))*)>?(?:\s+"[^"]*")?\s*\)/.exec(
        rest,
      );
    if (link) {
      flush();
      const label = parseInline(link[1] ?? '');
      const href = safeHref(link[2] ?? '');
      if (href === undefined) out.push(...label);
      else out.push(el('a', label, href));
      i += link[0].length;
      continue;
    }
    const auto = /^https?:\/\/[^\s<>()"'`]+[^\s<>().,;:!?"'`]/.exec(rest);
    if (auto && !/\w/.test(source[i - 1] ?? '')) {
      flush();
      out.push(el('a', [text(auto[0])], auto[0]));
      i += auto[0].length;
      continue;
    }
    plain += ch;
    i += 1;
  }
  flush();
  return out;
}

/**
 * The link target if it is safe to follow: an http(s) URL or a help-centre page of this site
 * (`/help/…`, as the index writes article links). Browsers ignore tabs, newlines and control
 * characters inside a scheme ("java\tscript:"), so they are removed before the scheme is checked;
 * backslashes are refused because browsers read them as `/` (`/\\evil.example`).
 */
export function safeHref(raw: string): string | undefined {
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const cleaned = raw.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  if (cleaned === '' || cleaned.includes('\\')) return undefined;
  if (/^https?:\/\/[^/]/i.test(cleaned)) return cleaned;
  return /^\/help\/[^/]/.test(cleaned) ? cleaned : undefined;
}
