/**
 * Server-rendered preview markup shown without trusting it: the string is parsed into an inert
 * document (DOMParser runs no scripts and loads nothing) and rebuilt element by element from an
 * allow-list — the elements the safe Markdown renderer makes, text as text nodes, no attributes
 * but a vetted link target. Anything else is dropped, keeping its text.
 */
import { safeHref } from '../shared/markdown.ts';
import type { ResolveHref } from '../shared/render-tree.ts';

const ALLOWED = new Set([
  'p',
  'ul',
  'ol',
  'li',
  'pre',
  'code',
  'h2',
  'h3',
  'h4',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'strong',
  'em',
  'b',
  'i',
  'br',
  'a',
  'blockquote',
]);
/** Elements whose content is never shown (not even as text). */
const DROPPED = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object', 'svg']);
const MAX_DEPTH = 40;

export function safeHtmlFragment(html: string, resolve: ResolveHref): DocumentFragment {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const fragment = document.createDocumentFragment();
  for (const child of parsed.body.childNodes) copy(child, fragment, resolve, 0);
  return fragment;
}

function copy(node: Node, parent: Node, resolve: ResolveHref, depth: number): void {
  if (node.nodeType === Node.TEXT_NODE) {
    parent.appendChild(document.createTextNode(node.textContent ?? ''));
    return;
  }
  if (node.nodeType !== Node.ELEMENT_NODE || depth > MAX_DEPTH) return;
  const tag = (node as Element).tagName.toLowerCase();
  if (DROPPED.has(tag)) return;
  let target: Node = parent;
  if (ALLOWED.has(tag)) {
    let element: HTMLElement;
    const href = tag === 'a' ? safeHref((node as Element).getAttribute('href') ?? '') : undefined;
    const url = href === undefined ? undefined : resolve(href);
    if (tag === 'a' && (url === undefined || !/^https?:/i.test(url))) {
      element = document.createElement('span');
    } else if (tag === 'a') {
      const a = document.createElement('a');
      a.href = url ?? '';
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      element = a;
    } else {
      element = document.createElement(tag);
    }
    parent.appendChild(element);
    target = element;
  }
  for (const child of node.childNodes) copy(child, target, resolve, depth + 1);
}
