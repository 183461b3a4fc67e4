/**
 * A plain HTML page for an article, so the links the bot gives work with no external help
 * centre: served by the local server, and in AWS written by the indexer to the site bucket
 * (adapters/s3/publish-article-pages.ts) behind the same CloudFront distribution. Sections are the index's stored Markdown
 * rendered by the widget's safe Markdown reader (tables, lists, links to `/help/…` and https);
 * all other text is escaped.
 */
import { createHash } from 'node:crypto';
import type { ArticleRecord } from '#core/retrieval/index-artifact.ts';
import type { Lang } from '#core/types.ts';
import { pageContentSecurityPolicy } from '#app/security-headers.ts';
import { markdownToHtml } from '../../../web/shared/markdown-html.ts';

/** The page's only style block; the local server allows it by its hash in the page's CSP. */
export const ARTICLE_PAGE_CSS = `body{font-family:system-ui,"DejaVu Sans",sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.6;color:#1d2433}
h1{color:#0b6e4f}.summary{background:#eef7f2;padding:.75rem 1rem;border-radius:.5rem}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #cfd8d3;padding:.35rem .6rem;text-align:start;vertical-align:top}th{background:#f3f6f4}`;

/** Content-Security-Policy of article pages: the page policy plus the style block's hash. */
export const ARTICLE_PAGE_CONTENT_SECURITY_POLICY = pageContentSecurityPolicy([
  `'sha256-${createHash('sha256').update(ARTICLE_PAGE_CSS).digest('base64')}'`,
]);

export function renderArticlePage(article: ArticleRecord): string {
  const dir = article.lang === 'ar' ? 'rtl' : 'ltr';
  const sections = article.sections
    .map(
      (s) =>
        `<section id="${escapeHtml(s.id)}">${s.id ? `<h2>${escapeHtml(s.heading)}</h2>` : ''}${markdownToHtml(s.markdown)}</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${article.lang}" dir="${dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(article.title)} · Nakheel Help</title>
<style>${ARTICLE_PAGE_CSS}</style></head>
<body><p><a href="/">Nakheel</a></p><h1>${escapeHtml(article.title)}</h1>
${article.summary ? `<p class="summary">${escapeHtml(article.summary)}</p>` : ''}
${sections}
</body></html>`;
}

/** A language's list of articles (`/help/<lang>/`), titles linking to their pages. */
export function renderArticleListPage(
  lang: Lang,
  articles: { id: string; title: string }[],
): string {
  const dir = lang === 'ar' ? 'rtl' : 'ltr';
  const title = lang === 'ar' ? 'مقالات المساعدة' : 'Help articles';
  const items = articles
    .map(
      (a) =>
        `<li><a href="/help/${lang}/${encodeURIComponent(a.id)}">${escapeHtml(a.title)}</a></li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${lang}" dir="${dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Nakheel Help</title>
<style>${ARTICLE_PAGE_CSS}</style></head>
<body><p><a href="/">Nakheel</a></p><h1>${title}</h1>
<ul>
${items}
</ul>
</body></html>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
