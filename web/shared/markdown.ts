/**
 * A tiny, safe Markdown reader for chat answers: paragraphs, headings, lists, fenced code, bold,
 * italic, inline code and links. It produces a plain tree (no DOM, no HTML strings) so it can be
 * tested in Node; web/shared/render-tree.ts turns the tree into DOM nodes with text nodes only.
 * Raw HTML in the source is never interpreted: it stays text. Links keep only http(s) or
 * relative targets; anything else (javascript:, data:, vbscript:…) becomes plain text.
 */

export type BlockTag = 'p' | 'ul' | 'ol' | 'li' | 'pre' | 'h4';
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
      paragraph.push(next.trim());
      i += 1;
    }
    blocks.push(el('p', parseInline(paragraph.join('\n'))));
  }
  return blocks;
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
    if (ch === '\\' && /^\\[\\`*_[\]()#+\-.!<>]/.test(rest)) {
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
    const link = /^\[([^\]\n]{1,500})\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/.exec(rest);
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
 * The link target if it is safe to follow: http(s) URLs and relative references. Browsers ignore
 * tabs, newlines and control characters inside a scheme ("java\tscript:"), so they are removed
 * before the scheme is checked.
 */
export function safeHref(raw: string): string | undefined {
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const cleaned = raw.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  if (cleaned === '') return undefined;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned);
  if (scheme) return /^https?$/i.test(scheme[1] ?? '') ? cleaned : undefined;
  if (cleaned.startsWith('\\') || cleaned.startsWith('/\\')) return undefined;
  return cleaned;
}
