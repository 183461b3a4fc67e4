/**
 * Flattens mdast nodes to plain text: links become their text, images their alt text, code its
 * content, HTML is removed. Search and lint use the defaults (table rows "cell, cell" lines);
 * SMS and voice (render/markdown-to-text.ts) pass options for sentence-shaped rows and list items.
 * Also finds internal links for lint.
 */
import type { Nodes, PhrasingContent, RootContent } from 'mdast';

/** How `plainText` reads tables and list items. The defaults are the indexing form. */
export interface PlainTextOptions {
  /**
   * One line for a table row from its trimmed cells; `header` is true for the first row; '' drops
   * the row. Default: the cells joined with ", ".
   */
  tableRow?: (cells: readonly string[], header: boolean) => string;
  /** Whether each list item becomes one line (its blocks joined with spaces). Default: false. */
  oneLinePerListItem?: boolean;
}

const cellsLine = (cells: readonly string[]): string => cells.join(', ');

/** Plain text of block-level nodes, one line per paragraph / list item / table row. */
export function plainText(nodes: readonly RootContent[], options: PlainTextOptions = {}): string {
  const walk = blockWalker(options);
  return nodes
    .map(walk)
    .join('\n')
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

/** Plain text of inline content (a heading, a paragraph, a table cell). */
export function inlineText(nodes: readonly PhrasingContent[]): string {
  return nodes.map(phrasingText).join('');
}

function blockWalker(options: PlainTextOptions): (node: Nodes) => string {
  const tableRow = options.tableRow ?? cellsLine;
  const blockText = (node: Nodes): string => {
    switch (node.type) {
      case 'paragraph': {
        const text = inlineText(node.children);
        return isPipeTable(text) ? pipeTableText(text, tableRow) : text;
      }
      case 'heading':
        return inlineText(node.children);
      case 'listItem':
        if (!options.oneLinePerListItem) return node.children.map(blockText).join('\n');
        return node.children.map(blockText).join(' ').replace(/\n+/g, ' ');
      case 'code':
        return node.value;
      case 'html':
        return node.value.replace(/<[^>]*>/g, ' ');
      case 'table':
        return node.children
          .map((row, i) =>
            tableRow(
              row.children.map((cell) => inlineText(cell.children).trim()),
              i === 0,
            ),
          )
          .join('\n');
      case 'thematicBreak':
      case 'definition':
      case 'yaml':
        return '';
      default:
        if ('children' in node) return (node.children as Nodes[]).map(blockText).join('\n');
        return 'value' in node && typeof node.value === 'string' ? node.value : '';
    }
  };
  return blockText;
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

// The installed parser has no GFM table extension, so a pipe table arrives as a paragraph whose
// second line is a delimiter row (`|---|:--:|`). Recognise that shape and read each other line
// as a row of non-empty cells.
const DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

function isPipeTable(text: string): boolean {
  const lines = text.split('\n');
  return lines.length >= 2 && (lines[0] ?? '').includes('|') && DELIMITER_ROW.test(lines[1] ?? '');
}

function pipeTableText(
  text: string,
  tableRow: NonNullable<PlainTextOptions['tableRow']>,
): string {
  return text
    .split('\n')
    .filter((_line, i) => i !== 1)
    .map((line, i) =>
      tableRow(
        line
          .trim()
          .replace(/^\|/, '')
          .replace(/\|$/, '')
          .split('|')
          .map((cell) => cell.trim())
          .filter((cell) => cell !== ''),
        i === 0,
      ),
    )
    .join('\n');
}

/** A link to another article of the collection (`other.md`, `../en/x.md#steps`) or a section (`#steps`). */
export interface InternalLink {
  href: string;
  /** 1-based line in the Markdown that was parsed. */
  line: number;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Whether `href` points into the collection: a relative `.md` path and/or a `#anchor`. */
export function isInternalHref(href: string): boolean {
  if (href === '' || SCHEME.test(href) || href.startsWith('/')) return false;
  const path = href.split('#')[0] ?? '';
  return path === '' ? href.length > 1 : /\.md$/i.test(path);
}

/** Internal links (inline and reference definitions) found anywhere under `node`. */
export function internalLinks(node: Nodes): InternalLink[] {
  const found: InternalLink[] = [];
  const visit = (n: Nodes): void => {
    if ((n.type === 'link' || n.type === 'definition') && isInternalHref(n.url)) {
      found.push({ href: n.url, line: n.position?.start.line ?? 1 });
    }
    if ('children' in n) for (const child of n.children as Nodes[]) visit(child);
  };
  visit(node);
  return found;
}
