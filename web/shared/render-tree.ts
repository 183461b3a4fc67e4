/**
 * Turns the safe Markdown tree (markdown.ts) into DOM nodes. Only a fixed set of elements is ever
 * created and all text goes through text nodes, so article or customer text cannot inject markup.
 * Links are resolved by the caller (e.g. against the API base), must come out http(s), and open
 * in a new tab without access to this page (`rel="noopener noreferrer"`).
 */
import { parseMarkdown, type MdNode } from './markdown.ts';

/** Maps a vetted href to an absolute URL, or undefined to show the link as plain text. */
export type ResolveHref = (href: string) => string | undefined;

export function renderMarkdown(source: string, resolve: ResolveHref): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const node of parseMarkdown(source)) fragment.append(toDom(node, resolve));
  return fragment;
}

function toDom(node: MdNode, resolve: ResolveHref): Node {
  if (node.tag === '#text') return document.createTextNode(node.text);
  if (node.tag === 'a') {
    const url = node.href === undefined ? undefined : resolve(node.href);
    if (url === undefined || !/^https?:/i.test(url)) {
      const span = document.createElement('span');
      for (const child of node.children) span.append(toDom(child, resolve));
      return span;
    }
    const a = document.createElement('a');
    a.href = url;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    for (const child of node.children) a.append(toDom(child, resolve));
    return a;
  }
  const element = document.createElement(node.tag);
  for (const child of node.children) element.append(toDom(child, resolve));
  return element;
}

/**
 * A resolver for help-centre links: site-relative targets (`/help/en/x#a`, as the index writes
 * them) resolve against `base`, the server that serves the article pages.
 */
export function helpLinkResolver(base: string): ResolveHref {
  return (href) => {
    try {
      const url = new URL(href, base);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
    } catch {
      return undefined;
    }
  };
}
