/**
 * The safe Markdown tree (markdown.ts) as an HTML string, for pages rendered on the server (the
 * local article page). Same rules as the widget's DOM renderer: only the tree's fixed set of
 * elements, every text escaped, links only to the vetted http(s) or `/help/…` targets.
 *
 * @example markdownToHtml('See [refunds](/help/en/refund-timing).')
 * // → '<p>See <a href="/help/en/refund-timing" rel="noopener">refunds</a>.</p>'
 */
import { parseMarkdown, safeHref, type MdNode } from './markdown.ts';

/** Escapes text for HTML content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** HTML for `source`; raw HTML in it comes out as visible text. */
export function markdownToHtml(source: string): string {
  return parseMarkdown(source).map(toHtml).join('');
}

function toHtml(node: MdNode): string {
  if (node.tag === '#text') return escapeHtml(node.text);
  const inner = node.children.map(toHtml).join('');
  if (node.tag === 'br') return '<br>';
  if (node.tag === 'a') {
    const href = node.href === undefined ? undefined : safeHref(node.href);
    if (href === undefined) return inner;
    return `<a href="${escapeHtml(href)}" rel="noopener">${inner}</a>`;
  }
  return `<${node.tag}>${inner}</${node.tag}>`;
}
