/**
 * How an article answers on each channel, rendered exactly as the channels render it: the
 * article becomes the index's display record (toArticleRecord, as the build stores it) and a
 * Candidate (as retrieval hands it over), the Candidate an `answer` Reply, and the Reply goes
 * through the web, SMS and Alexa renderers. The web Markdown is turned into HTML by the widget's
 * safe Markdown reader, injected (it lives with the web code) as `markdownHtml`.
 */
import type { Article } from '../knowledge/article.ts';
import type { Reply } from '../conversation/reply.ts';
import type { ArticleRecord, SectionRecord } from '../retrieval/index-artifact.ts';
import { toArticleRecord } from '../retrieval/article-record.ts';
import { renderSms } from '../render/sms.ts';
import { smsSegments } from '../render/sms-segments.ts';
import { renderSpeech } from '../render/ssml.ts';
import { renderWebReply } from '../render/web.ts';
import type { Candidate } from '../types.ts';
import type { ArticlePreview } from './studio-types.ts';

export interface PreviewOptions {
  /** Public base URL of the help centre (links in SMS and on Alexa cards). */
  helpUrl: string;
  /** Safe Markdown → HTML, as the widget shows it (escapes everything it does not render). */
  markdownHtml: (markdown: string) => string;
}

/**
 * The article's answer on the web, by SMS and on Alexa (in its own language), and the web view
 * of each section as an answer that matched it.
 * @example previewArticle(parsed.article, { helpUrl: 'https://help.example', markdownHtml })
 */
export function previewArticle(article: Article, options: PreviewOptions): ArticlePreview {
  const record = toArticleRecord(article);
  const top = candidateOf(record, undefined);
  const reply: Reply = { kind: 'answer', lang: article.lang, article: top };

  const web = renderWebReply(reply);
  const sms = renderSms(reply, { helpUrl: options.helpUrl });
  const segments = smsSegments(sms);
  const speech = renderSpeech(reply, { helpUrl: options.helpUrl });
  const sections = record.sections
    .filter((s) => s.id !== '')
    .map((section) => {
      const sectionReply: Reply = { ...reply, article: candidateOf(record, section) };
      return {
        id: section.id,
        heading: section.heading,
        html: options.markdownHtml(renderWebReply(sectionReply).text),
      };
    });
  return {
    web: { html: options.markdownHtml(web.text), text: web.text, sections },
    sms: {
      text: sms,
      segments: segments.segments,
      encoding: segments.encoding,
      units: segments.units,
    },
    alexa: { ssml: speech.ssml, reprompt: speech.reprompt, card: speech.card },
  };
}

/** The Candidate retrieval would hand over for this article (and section, when one matched). */
function candidateOf(record: ArticleRecord, section: SectionRecord | undefined): Candidate {
  return {
    articleId: record.id,
    title: record.title,
    lang: record.lang,
    ...(section?.id ? { sectionId: section.id, heading: section.heading } : {}),
    url: section?.id ? section.url : record.url,
    ...(record.summary ? { summary: record.summary } : {}),
    snippet: section?.snippet ?? record.sections[0]?.snippet ?? '',
    ...(section?.markdown ? { markdown: section.markdown } : {}),
    confidence: 1,
    score: 0,
  };
}
