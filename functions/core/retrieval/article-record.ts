/**
 * Article → ArticleRecord: what the artifact keeps of an article to answer with (title, summary,
 * per-section plain snippet, display Markdown and URLs, and its tags for routing hand-offs).
 * Serving reads only this; nothing here is searched.
 */
import type { Article } from '../knowledge/article.ts';
import { displayMarkdown } from '../render/section-markdown.ts';
import type { ArticleRecord } from './index-artifact.ts';

const SNIPPET_CHARS = 600;

function trimSnippet(text: string): string {
  const t = text.trim();
  if (t.length <= SNIPPET_CHARS) return t;
  const cut = t.lastIndexOf(' ', SNIPPET_CHARS);
  return `${t.slice(0, cut > SNIPPET_CHARS / 2 ? cut : SNIPPET_CHARS)}…`;
}

/** The record the artifact stores for one article. */
export function toArticleRecord(article: Article): ArticleRecord {
  const url = `/help/${article.lang}/${article.id}`;
  return {
    id: article.id,
    title: article.title,
    lang: article.lang,
    url,
    ...(article.summary ? { summary: article.summary } : {}),
    ...(article.tags.length ? { tags: article.tags } : {}),
    sections: article.sections.map((s) => ({
      id: s.id,
      heading: s.heading,
      snippet: trimSnippet(s.text),
      markdown: displayMarkdown(s.markdown, { lang: article.lang, articleId: article.id }),
      url: s.id ? `${url}#${s.id}` : url,
    })),
  };
}
