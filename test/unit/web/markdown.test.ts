/**
 * The widget's Markdown reader is the only thing between article / staff text and the page: it
 * must keep formatting, keep raw HTML as text and never produce a link a browser would run.
 */
import { describe, expect, it } from 'vitest';
import { parseMarkdown, safeHref, type MdNode } from '../../../web/shared/markdown.ts';
import { markdownToHtml } from '../../../web/shared/markdown-html.ts';
import { helpLinkResolver } from '../../../web/shared/render-tree.ts';
import { cpuTimed, RUNAWAY_MS } from '../../helpers/runaway.ts';

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
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
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

  it('accepts only http(s) targets and help-centre pages of this site in safeHref', () => {
    // Assess
    expect(safeHref('https://nakheel.example/help')).toBe('https://nakheel.example/help');
    expect(safeHref('http://127.0.0.1:3000/x')).toBe('http://127.0.0.1:3000/x');
    expect(safeHref('/help/en/reset-password#steps')).toBe('/help/en/reset-password#steps');
    expect(safeHref('/help/ar/refund-timing#متى-يبدأ-الاحتساب')).toBe(
      '/help/ar/refund-timing#متى-يبدأ-الاحتساب',
    );
    // relative article files are rewritten by the index builder; anything left is not followed
    expect(safeHref('contact-support.md')).toBeUndefined();
    expect(safeHref('/admin')).toBeUndefined();
    expect(safeHref('//evil.example/help/x')).toBeUndefined();
    expect(safeHref('/help/\\evil.example')).toBeUndefined();
    expect(safeHref('https:evil.example')).toBeUndefined();
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
      resolve('/help/en/contact-support'),
      resolve('/help/en/locked-account#unlock'),
      resolve('/help/ar/track-order'),
      resolve('https://nakheel.example/x'),
      resolve('javascript:alert(1)'),
    ];

    // Assess
    expect(resolved).toEqual([
      'http://127.0.0.1:3000/help/en/contact-support',
      'http://127.0.0.1:3000/help/en/locked-account#unlock',
      'http://127.0.0.1:3000/help/ar/track-order',
      'https://nakheel.example/x',
      undefined,
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

  it('renders a GFM table as a real table with header and body cells', () => {
    // Prepare
    const source =
      'Refund times:\n\n| How you paid | When |\n| :--- | ---: |\n| **Card** | 5 to 10 days |\n' +
      '| Wallet | [instantly](/help/en/nakheel-wallet) |\n\nAfter the table.';

    // Act
    const html = show(parseMarkdown(source));

    // Assess
    expect(html).toBe(
      '<p>Refund times:</p>' +
        '<table><thead><tr><th>How you paid</th><th>When</th></tr></thead>' +
        '<tbody><tr><td><strong>Card</strong></td><td>5 to 10 days</td></tr>' +
        '<tr><td>Wallet</td><td><a href="/help/en/nakheel-wallet">instantly</a></td></tr></tbody></table>' +
        '<p>After the table.</p>',
    );
  });

  it('reads a table right after a paragraph line, with escaped pipes in text and code', () => {
    // Prepare
    const source =
      'Costs\n| Option | Note |\n|---|---|\n| A \\| B | `x \\| y` |\n| Only one cell |';

    // Act
    const html = show(parseMarkdown(source));

    // Assess
    expect(html).toBe(
      '<p>Costs</p><table><thead><tr><th>Option</th><th>Note</th></tr></thead>' +
        '<tbody><tr><td>A | B</td><td><code>x | y</code></td></tr>' +
        '<tr><td>Only one cell</td><td></td></tr></tbody></table>',
    );
  });

  it('does not take a pipe in a sentence or a header without a delimiter row for a table', () => {
    // Assess
    expect(show(parseMarkdown('Pay by card | wallet\nor cash.'))).toBe(
      '<p>Pay by card | wallet<br></br>or cash.</p>',
    );
    expect(show(parseMarkdown('| a | b |\n| --- |\n| 1 | 2 |'))).not.toContain('<table>');
  });

  it('keeps HTML and javascript links inside table cells inert', () => {
    // Prepare
    const source =
      '| Name | Link |\n| --- | --- |\n| <img src=x onerror=alert(1)> | [x](javascript:alert(1)) |';

    // Act
    const tree = parseMarkdown(source);
    const tags: string[] = [];
    let text = '';
    walk(tree, (node) => {
      tags.push(node.tag);
      if (node.tag === '#text') text += node.text;
    });

    // Assess
    expect(tags).toContain('table');
    expect(tags).not.toContain('a');
    expect(text).toContain('<img src=x onerror=alert(1)>');
  });

  it('renders ordered and unordered lists with links as HTML for the article page', () => {
    // Prepare
    const source =
      '1. Tap **Checkout**.\n2. See [codes](/help/en/promo-codes#rules).\n\n- [Terms](https://nakheel.example/terms)';

    // Act
    const html = markdownToHtml(source);

    // Assess
    expect(html).toBe(
      '<ol><li>Tap <strong>Checkout</strong>.</li>' +
        '<li>See <a href="/help/en/promo-codes#rules" rel="noopener">codes</a>.</li></ol>' +
        '<ul><li><a href="https://nakheel.example/terms" rel="noopener">Terms</a></li></ul>',
    );
  });

  it('escapes every XSS attempt in the article page HTML', () => {
    // Prepare
    const source = [
      '<img src=x onerror=alert(1)>',
      '[x](javascript:alert(1))',
      '[y](https://ok.example/" onmouseover="alert(1))',
      '| <script>alert(1)</script> | "quoted" |\n| --- | --- |\n| `<b>` | & |',
    ].join('\n\n');

    // Act
    const html = markdownToHtml(source);

    // Assess
    expect(html).not.toMatch(/<(?!\/?(?:p|a|table|thead|tbody|tr|th|td|code)\b)[a-z]/i);
    expect(html).not.toMatch(/href="javascript|onmouseover="|onerror=alert\(1\)>/);
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(html).toContain('<p>x</p>');
    expect(html).toContain('<th>&#60;script&#62;alert(1)&#60;/script&#62;</th>');
    expect(html).toContain('<td><code>&#60;b&#62;</code></td><td>&#38;</td>');
  });

  it('reads a long hostile text quickly', () => {
    // Prepare
    const source = '*_`['.repeat(1_000) + '**'.repeat(1_000);

    // Act
    const { result: tree, ms: elapsed } = cpuTimed(() => parseMarkdown(source));

    // Assess
    expect(tree.length).toBeGreaterThan(0);
    expect(elapsed).toBeLessThan(RUNAWAY_MS);
  });
});
