/**
 * A section's Markdown as the web may show it: links into the collection rewritten to public
 * article URLs, external `https:` links kept, everything else a browser could run or load
 * (javascript:, data:, images, raw HTML) reduced to text, and the whole bounded to a length that
 * suits a chat bubble, cut at a block boundary (list item, table row, paragraph) with "…".
 * The index builder stores the result per section (article-record.ts); the widget and the local
 * article page render it with their own safe Markdown reader.
 *
 * @example displayMarkdown('See [refunds](refund-timing.md#card).', { lang: 'en', articleId: 'x' })
 * // → 'See [refunds](/help/en/refund-timing#card).'
 */
import { posix } from 'node:path';
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Definition, Nodes, Parent, Root, RootContent } from 'mdast';
import { LANGS, type Lang } from '../types.ts';

/** Longest section Markdown kept for display (characters, including the closing "…"). */
export const SECTION_MARKDOWN_CHARS = 1_500;

const ELLIPSIS = '…';

/** Where a section lives: links are resolved relative to `knowledge/<lang>/<articleId>.md`. */
export interface SectionPlace {
  lang: Lang;
  articleId: string;
}

/**
 * The display form of a section's Markdown: links rewritten (see `publicHref`), images and raw
 * HTML reduced to text, at most `maxChars` characters.
 */
export function displayMarkdown(
  markdown: string,
  place: SectionPlace,
  maxChars: number = SECTION_MARKDOWN_CHARS,
): string {
  return boundMarkdown(rewriteLinks(markdown, place).trim(), maxChars);
}

/**
 * The public URL for a link target written in an article, or undefined when the link must become
 * text: `other.md` → `/help/<lang>/other`, `../ar/x.md#a` → `/help/ar/x#a`, `#a` → the article's
 * own page with `#a`, `/help/…` kept, `https:` kept; any other scheme, protocol-relative URL or
 * path outside the collection → undefined.
 */
export function publicHref(href: string, place: SectionPlace): string | undefined {
  // eslint-disable-next-line no-control-regex -- browsers ignore these inside a URL
  const raw = href.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  if (raw === '') return undefined;
  if (/^https:\/\/[^/\\]/i.test(raw)) return encodeDelimiters(raw);
  if (/^[a-z][a-z0-9+.-]*:/i.test(raw) || /^[/\\]{2}/.test(raw) || raw.includes('\\')) {
    return undefined;
  }
  if (raw.startsWith('/')) return /^\/help\/[^/]/.test(raw) ? encodeDelimiters(raw) : undefined;
  const hash = raw.indexOf('#');
  const path = hash < 0 ? raw : raw.slice(0, hash);
  const anchor = hash < 0 ? '' : raw.slice(hash);
  if (path === '') {
    return anchor.length > 1
      ? encodeDelimiters(`/help/${place.lang}/${place.articleId}${anchor}`)
      : undefined;
  }
  const target = posix.normalize(posix.join(place.lang, safeDecode(path)));
  const match = /^([a-z]{2})\/([a-z0-9][a-z0-9-]*)\.md$/i.exec(target);
  const lang = match?.[1]?.toLowerCase();
  if (!match || !(LANGS as readonly string[]).includes(lang ?? '')) return undefined;
  return encodeDelimiters(`/help/${lang}/${match[2]}${anchor.length > 1 ? anchor : ''}`);
}

/**
 * Rewrites every link of `markdown` (inline, reference and autolink) with `publicHref`, turns
 * links that may not be followed, images and raw HTML into text, and drops link reference
 * definitions. Everything else keeps its source form.
 */
export function rewriteLinks(markdown: string, place: SectionPlace): string {
  // Links, images, autolinks and HTML all need a `[` or a `<`; most sections have none, and
  // parsing is the slow part of building the index.
  if (!/[[<]/.test(markdown)) return markdown;
  const tree = fromMarkdown(markdown);
  const definitions = new Map<string, string>();
  collectDefinitions(tree, definitions);

  const start = (node: Nodes): number => node.position?.start.offset ?? 0;
  const end = (node: Nodes): number => node.position?.end.offset ?? 0;
  // The source from `from` to `to` with each child (which lies within) replaced by its rewrite.
  const range = (from: number, to: number, children: readonly Nodes[]): string => {
    let out = '';
    let at = from;
    for (const child of children) {
      out += markdown.slice(at, start(child)) + rewrite(child);
      at = end(child);
    }
    return out + markdown.slice(at, to);
  };
  const label = (node: Parent): string => {
    const first = node.children[0];
    const last = node.children.at(-1);
    return first && last ? range(start(first), end(last), node.children) : '';
  };
  const link = (node: Parent, url: string | undefined): string => {
    const text = label(node);
    const href = url === undefined ? undefined : publicHref(url, place);
    return href === undefined || text.trim() === '' ? text : `[${text}](${href})`;
  };
  const rewrite = (node: Nodes): string => {
    switch (node.type) {
      case 'link':
        return link(node, node.url);
      case 'linkReference':
        return link(node, definitions.get(node.identifier.toLowerCase()));
      case 'definition':
        return '';
      case 'image':
      case 'imageReference':
        return escapeMarkdown(node.alt ?? '');
      case 'html':
        return escapeMarkdown(node.value.replace(/<[^>]*>?/g, ' ').replace(/[ \t]{2,}/g, ' '));
      default:
        return 'children' in node ? range(start(node), end(node), node.children) : source(node);
    }
  };
  const source = (node: Nodes): string => markdown.slice(start(node), end(node));
  return range(0, markdown.length, tree.children);
}

/**
 * `markdown` cut to at most `maxChars` characters. Cuts only after a whole block: a top-level
 * paragraph, list or table, a list item, or a table row; then adds "…" as its own paragraph.
 * Only when even the first block is too long is it cut inside, at a word outside any link or
 * emphasis.
 */
export function boundMarkdown(markdown: string, maxChars: number): string {
  if (markdown.length <= maxChars) return markdown;
  const tree = fromMarkdown(markdown);
  const budget = maxChars - ELLIPSIS.length - 2;
  const cuts = blockEnds(tree, markdown).filter((cut) => cut <= budget);
  const best = cuts.length > 0 ? Math.max(...cuts) : 0;
  if (best > 0) return `${markdown.slice(0, best).trimEnd()}\n\n${ELLIPSIS}`;
  const first = tree.children[0];
  return first ? cutInside(markdown, first, maxChars - ELLIPSIS.length) + ELLIPSIS : ELLIPSIS;
}

/** Offsets after which the Markdown may be cut without breaking a construct. */
function blockEnds(tree: Root, markdown: string): number[] {
  const cuts: number[] = [];
  for (const block of tree.children) {
    const to = block.position?.end.offset;
    if (to === undefined) continue;
    cuts.push(to);
    if (block.type === 'list') {
      for (const item of block.children) {
        if (item.position) cuts.push(item.position.end.offset ?? 0);
      }
    } else if (block.type === 'paragraph' && isPipeTable(markdown, block)) {
      // the installed parser has no GFM tables: a table is a paragraph of `|` lines; any row
      // after the header and delimiter rows ends a smaller, still well-formed table
      const from = block.position?.start.offset ?? 0;
      let at = from;
      for (const [i, line] of markdown.slice(from, to).split('\n').entries()) {
        at += line.length;
        if (i >= 2) cuts.push(at);
        at += 1;
      }
    }
  }
  return cuts;
}

const DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

function isPipeTable(markdown: string, block: RootContent): boolean {
  const lines = markdown
    .slice(block.position?.start.offset ?? 0, block.position?.end.offset ?? 0)
    .split('\n');
  return lines.length >= 3 && (lines[0] ?? '').includes('|') && DELIMITER_ROW.test(lines[1] ?? '');
}

/** Inline nodes a cut must not split (it would leave `**`, `[` or a backtick open). */
const INLINE_CONSTRUCTS: ReadonlySet<string> = new Set([
  'strong',
  'emphasis',
  'delete',
  'link',
  'linkReference',
  'inlineCode',
  'html',
]);

/** The start of `block` cut at a word boundary within `limit`, outside any inline construct. */
function cutInside(markdown: string, block: RootContent, limit: number): string {
  const from = block.position?.start.offset ?? 0;
  const busy: [number, number][] = [];
  const visit = (node: Nodes): void => {
    if (INLINE_CONSTRUCTS.has(node.type) && node.position) {
      busy.push([node.position.start.offset ?? 0, node.position.end.offset ?? 0]);
    } else if ('children' in node) {
      node.children.forEach(visit);
    }
  };
  visit(block);
  const inside = (at: number): boolean => busy.some(([s, e]) => at > s && at < e);
  for (let at = Math.min(from + limit, markdown.length); at > from; at -= 1) {
    if (/\s/.test(markdown[at] ?? '') && !inside(at)) {
      const kept = markdown.slice(from, at).replace(/[\s,;:،؛\-–—(]+$/u, '');
      if (kept !== '') return kept;
    }
  }
  return '';
}

function collectDefinitions(node: Nodes, into: Map<string, string>): void {
  if (node.type === 'definition') {
    const definition = node as Definition;
    into.set(definition.identifier.toLowerCase(), definition.url);
  }
  if ('children' in node) for (const child of node.children) collectDefinitions(child, into);
}

/** Backslash-escapes characters that would make text into Markdown (links, emphasis, HTML). */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]()<>!]/g, '\\$&');
}

/** Percent-encodes what would end a Markdown link target early (spaces, parentheses, `<>`). */
function encodeDelimiters(url: string): string {
  return url.replace(
    /[()<>\s]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
