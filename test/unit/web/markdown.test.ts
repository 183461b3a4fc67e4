/**
 * The widget's Markdown reader is the only thing between article / staff text and the page: it
 * must keep formatting, keep raw HTML as text and never produce a link a browser would run.
 */
import { describe, expect, it } from 'vitest';
import { parseMarkdown, safeHref, type MdNode } from '../../../web/shared/markdown.ts';
import { helpLinkResolver } from '../../../web/shared/render-tree.ts';

const ALLOWED_TAGS = new Set([
  '#text',
  'p',
  'ul',
  'ol',
  'li',
  'pre',
  'h4',
  'strong',
  'em',
  'code',
  'a',
  'br',
]);

/** A readable serialisation of the tree: tags as <tag>, text escaped, links with their href. */
function show(nodes: MdNode[]): string {
  return nodes
    .map((node) => {
      if (node.tag === '#text') return node.text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
      const href = node.href === undefined ? '' : ` href="${node.href}"`;
      return `<${node.tag}${href}>${show(node.children)}</${node.tag}>`;
    })
    .join('');
}

function walk(nodes: MdNode[], visit: (node: MdNode) => void): void {
  for (const node of nodes) {
    visit(node);
    if (node.tag !== '#text') walk(node.children, visit);
  }
}

function links(source: string): string[] {
  const hrefs: string[] = [];
  walk(parseMarkdown(source), (node) => {
    if (node.tag === 'a') hrefs.push(node.href ?? '');
  });
  return hrefs;
}

describe('markdown renderer', () => {
  it('renders paragraphs, lists, bold, italic, inline code and links', () => {
    // Prepare
    const source =
      'Tap **Forgot password?** then *check* your `inbox`.\n\n- one\n- two [help](/help/en/x#steps)\n\n1. first\n2. second';

    // Act
    const html = show(parseMarkdown(source));

    // Assess
    expect(html).toBe(
      '<p>Tap <strong>Forgot password?</strong> then <em>check</em> your <code>inbox</code>.</p>' +
        '<ul><li>one</li><li>two <a href="/help/en/x#steps">help</a></li></ul>' +
        '<ol><li>first</li><li>second</li></ol>',
    );
  });

  it('keeps raw HTML as text: no script, img or anchor elements come out', () => {
    // Prepare
    const source =
      '<script>alert(1)</script> <img src=x onerror=alert(1)> <a href="javascript:alert(1)">x</a>\n\n' +
      '- <iframe src="https://evil.example"></iframe>\n\n**<svg onload=alert(1)>**';

    // Act
    const tree = parseMarkdown(source);
    const tags: string[] = [];
    const hrefs: string[] = [];
    let text = '';
    walk(tree, (node) => {
      tags.push(node.tag);
      if (node.tag === '#text') text += node.text;
      if (node.tag === 'a') hrefs.push(node.href ?? '');
    });

    // Assess: only the bare https URL inside the iframe tag becomes a (harmless) link
    expect(tags.every((tag) => ALLOWED_TAGS.has(tag))).toBe(true);
    expect(hrefs).toEqual(['https://evil.example']);
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('<img src=x onerror=alert(1)>');
    expect(text).toContain('<svg onload=alert(1)>');
  });

  it('drops links to javascript:, data:, vbscript: and other schemes, keeping the label', () => {
    // Prepare
    const sources = [
      '[click](javascript:alert(1))',
      '[click](JaVaScRiPt:alert(1))',
      '[click](data:text/html;base64,PHNjcmlwdD4=)',
      '[click](vbscript:msgbox)',
      '[click](file:///etc/passwd)',
      '[click](\u0001javascript:alert(1))',
      '**[click](javascript:alert(1))**',
    ];

    // Act
    const results = sources.map((source) => ({
      links: links(source),
      html: show(parseMarkdown(source)),
    }));

    // Assess
    for (const result of results) {
      expect(result.links).toEqual([]);
      expect(result.html).toContain('click');
      expect(result.html).not.toContain('<a');
    }
  });

  it('accepts only http(s) and relative targets in safeHref', () => {
    // Assess
    expect(safeHref('https://nakheel.example/help')).toBe('https://nakheel.example/help');
    expect(safeHref('http://127.0.0.1:3000/x')).toBe('http://127.0.0.1:3000/x');
    expect(safeHref('/help/en/reset-password#steps')).toBe('/help/en/reset-password#steps');
    expect(safeHref('contact-support.md')).toBe('contact-support.md');
    expect(safeHref('java\nscript:alert(1)')).toBeUndefined();
    expect(safeHref(' javascript:alert(1)')).toBeUndefined();
    expect(safeHref('mailto:a@b.example')).toBeUndefined();
    expect(safeHref('\\\\evil.example\\share')).toBeUndefined();
    expect(safeHref('')).toBeUndefined();
  });

  it('resolves help-centre links against the API base and never yields a non-http URL', () => {
    // Prepare
    const resolve = helpLinkResolver('http://127.0.0.1:3000/help/en/reset-password');

    // Act
    const resolved = [
      resolve('contact-support.md'),
      resolve('locked-account.md#unlock'),
      resolve('/help/ar/track-order'),
      resolve('https://nakheel.example/x'),
    ];

    // Assess
    expect(resolved).toEqual([
      'http://127.0.0.1:3000/help/en/contact-support',
      'http://127.0.0.1:3000/help/en/locked-account#unlock',
      'http://127.0.0.1:3000/help/ar/track-order',
      'https://nakheel.example/x',
    ]);
  });

  it('links bare https URLs without their trailing punctuation', () => {
    // Assess
    expect(show(parseMarkdown('See https://nakheel.example/help.'))).toBe(
      '<p>See <a href="https://nakheel.example/help">https://nakheel.example/help</a>.</p>',
    );
  });

  it('leaves snake_case words and lone asterisks alone', () => {
    // Assess
    expect(show(parseMarkdown('use order_id_here and 2 * 3 = 6'))).toBe(
      '<p>use order_id_here and 2 * 3 = 6</p>',
    );
  });

  it('reads a long hostile text quickly', () => {
    // Prepare
    const source = '*_`['.repeat(1_000) + '**'.repeat(1_000);

    // Act
    const started = performance.now();
    const tree = parseMarkdown(source);
    const elapsed = performance.now() - started;

    // Assess
    expect(tree.length).toBeGreaterThan(0);
    expect(elapsed).toBeLessThan(500);
  });
});
