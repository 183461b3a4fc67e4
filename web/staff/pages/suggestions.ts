/**
 * Suggestions (#/suggestions?lang=en), what the learning loop proposes to writers:
 *  - phrasings to add to an article (customers' wordings that ended at it: picked from "did
 *    you mean", or marked by staff as answered by it), grouped by article, with counts and
 *    examples; Accept (the phrasing is editable first: it goes into the article's draft
 *    `questions`, published through the editor like any change) or Dismiss;
 *  - articles to write (content-gap clusters); Accept opens a new article, Dismiss drops it.
 * Each article group shows the article's effect: containment and escalations before and after
 * a day (its last studio version, else four weeks ago).
 */
import { h } from '../../shared/dom.ts';
import type { PageContext } from '../context.ts';
import { formatConfidence, formatTime } from '../format.ts';
import { go } from '../router.ts';
import { alertArea } from '../show-error.ts';
import type { StudioApi } from '../studio-api.ts';
import type {
  ArticleStatus,
  ArticleSuggestion,
  PhrasingSuggestion,
  StudioLang,
  Suggestion,
} from '../studio-types.ts';
import { effectPanel } from './article-effect-panel.ts';
import { langAttrs, showStudioError, studioLang, versionDay } from './studio-common.ts';

export async function suggestionsPage(
  container: HTMLElement,
  params: Record<string, string>,
  { studio }: PageContext,
): Promise<void> {
  const lang = studioLang(params.lang);
  const alert = alertArea();
  const langSelect = h(
    'select',
    { id: 'suggestions-lang', name: 'lang' },
    ['en', 'ar'].map((value) => h('option', { value, selected: value === lang }, value)),
  );
  langSelect.addEventListener('change', () => go(`#/suggestions?lang=${langSelect.value}`));
  const phrasings = h('div', { className: 'phrasing-groups' });
  const articles = h('ul', { className: 'items article-suggestions' });
  container.append(
    h('h1', {}, 'Suggestions'),
    h(
      'div',
      { className: 'filters' },
      h('label', { className: 'filter', for: 'suggestions-lang' }, 'Language '),
      langSelect,
    ),
    alert,
  );

  let items: Suggestion[];
  let statuses = new Map<string, ArticleStatus>();
  try {
    const [list, catalog] = await Promise.all([
      studio.suggestions(lang),
      studio.list(lang).catch(() => undefined),
    ]);
    items = list.items;
    statuses = new Map((catalog?.items ?? []).map((a) => [a.id, a]));
  } catch (error) {
    showStudioError(error, alert, container);
    return;
  }

  const byArticle = new Map<string, PhrasingSuggestion[]>();
  for (const item of items) {
    if (item.kind !== 'phrasing') continue;
    byArticle.set(item.articleId, [...(byArticle.get(item.articleId) ?? []), item]);
  }
  for (const [articleId, group] of byArticle) {
    phrasings.append(phrasingGroup(studio, lang, articleId, statuses.get(articleId), group, alert));
  }
  if (byArticle.size === 0) {
    phrasings.append(h('p', { className: 'muted' }, 'No phrasings waiting for a decision.'));
  }
  const toWrite = items.filter((s): s is ArticleSuggestion => s.kind === 'article');
  articles.append(...toWrite.map((s) => articleItem(studio, lang, s, alert)));
  if (toWrite.length === 0) {
    articles.append(h('li', { className: 'muted' }, 'No content gaps waiting for a decision.'));
  }

  container.append(
    h(
      'section',
      { 'aria-labelledby': 'phrasings-title' },
      h('h2', { id: 'phrasings-title' }, 'Phrasings to add to articles'),
      h(
        'p',
        { className: 'note' },
        'Accepting adds the phrasing to the article’s draft questions. Nothing changes for customers until the draft is published.',
      ),
      phrasings,
    ),
    h(
      'section',
      { 'aria-labelledby': 'articles-title' },
      h('h2', { id: 'articles-title' }, 'Articles to write'),
      h(
        'p',
        { className: 'note' },
        'Questions customers asked that no article answered, grouped. See also ',
        h('a', { href: `#/gaps?lang=${lang}` }, 'content gaps'),
        '.',
      ),
      articles,
    ),
  );
}

function phrasingGroup(
  studio: StudioApi,
  lang: StudioLang,
  articleId: string,
  status: ArticleStatus | undefined,
  group: PhrasingSuggestion[],
  alert: HTMLElement,
): HTMLElement {
  const headingId = `group-${articleId}`;
  return h(
    'article',
    { className: 'suggestion-group card', 'data-article': articleId, 'aria-labelledby': headingId },
    h(
      'h3',
      { id: headingId },
      status ? h('bdi', langAttrs(lang), status.title) : '',
      status ? ' ' : '',
      h('span', { className: 'ref' }, articleId),
    ),
    h(
      'p',
      {},
      h(
        'a',
        { href: `#/studio/${lang}/${encodeURIComponent(articleId)}` },
        `Open ${articleId} in the studio`,
      ),
    ),
    effectPanel(studio, articleId, versionDay(status?.version)),
    h(
      'ul',
      { className: 'items suggestions' },
      group.map((s) => phrasingItem(studio, lang, s, alert)),
    ),
  );
}

function phrasingItem(
  studio: StudioApi,
  lang: StudioLang,
  suggestion: PhrasingSuggestion,
  alert: HTMLElement,
): HTMLElement {
  const inputId = `phrasing-${suggestion.id}`;
  const phrasing = h('input', {
    id: inputId,
    type: 'text',
    value: suggestion.phrasing,
    maxlength: 300,
    ...langAttrs(lang),
    dir: 'auto',
  });
  const result = h('p', { className: 'ok', role: 'status' });
  const accept = h('button', { type: 'button', className: 'primary' }, 'Accept');
  const dismiss = h('button', { type: 'button' }, 'Dismiss');
  const item = h(
    'li',
    { className: 'suggestion phrasing', 'data-id': suggestion.id },
    h('label', { for: inputId }, `Phrasing to add to ${suggestion.articleId}`),
    phrasing,
    h(
      'p',
      { className: 'who' },
      `${suggestion.count} signal${suggestion.count === 1 ? '' : 's'}: ${suggestion.picked} picked in “did you mean”, ${suggestion.answeredBy} marked by staff` +
        (suggestion.rankedFirst
          ? `, ${suggestion.rankedFirst} escalated with it ranked first`
          : '') +
        (suggestion.thumbsDown ? `, ${suggestion.thumbsDown} thumbs down` : '') +
        ` · last ${formatTime(suggestion.lastAt)}`,
    ),
    examples(lang, suggestion.examples),
    h('div', { className: 'actions' }, accept, dismiss),
    result,
  );
  const decide = async (action: 'accept' | 'dismiss') => {
    alert.hidden = true;
    accept.disabled = dismiss.disabled = true;
    try {
      if (action === 'dismiss') {
        await studio.dismiss(suggestion.id);
        result.textContent = 'Dismissed.';
      } else {
        const text = phrasing.value.trim();
        if (!text) {
          accept.disabled = dismiss.disabled = false;
          phrasing.focus();
          return;
        }
        const answer = await studio.accept(suggestion.id, text);
        const accepted = answer.phrasingToAdd ?? text;
        if (!answer.draft) {
          result.textContent = `Accepted: “${accepted}”. ${suggestion.articleId} has no version to add it to yet; add it when you write the article.`;
        } else {
          const [fileLang, fileName] = answer.draft.file.split('/');
          const draftId = (fileName ?? '').replace(/\.md$/, '');
          result.replaceChildren(
            answer.draft.added
              ? `Accepted: “${accepted}” was added to the draft’s questions. `
              : `Accepted: the draft already lists “${accepted}”. `,
            h(
              'a',
              { href: `#/studio/${fileLang}/${encodeURIComponent(draftId)}` },
              `Open draft of ${draftId}`,
            ),
          );
        }
      }
      phrasing.readOnly = true;
      item.classList.add('decided');
    } catch (error) {
      accept.disabled = dismiss.disabled = false;
      showStudioError(error, alert);
    }
  };
  accept.addEventListener('click', () => void decide('accept'));
  dismiss.addEventListener('click', () => void decide('dismiss'));
  return item;
}

function articleItem(
  studio: StudioApi,
  lang: StudioLang,
  suggestion: ArticleSuggestion,
  alert: HTMLElement,
): HTMLElement {
  const result = h('p', { className: 'ok', role: 'status' });
  const accept = h('button', { type: 'button', className: 'primary' }, 'Accept: write it');
  const dismiss = h('button', { type: 'button' }, 'Dismiss');
  const item = h(
    'li',
    { className: 'suggestion article', 'data-id': suggestion.id },
    h('p', {}, 'Write an article about ', h('q', langAttrs(lang), suggestion.topic)),
    h(
      'p',
      { className: 'who' },
      `${suggestion.count} customer${suggestion.count === 1 ? '' : 's'}, ${suggestion.questions} question${suggestion.questions === 1 ? '' : 's'}` +
        (suggestion.nearestArticle
          ? ` · nearest article ${suggestion.nearestArticle.articleId} (${formatConfidence(suggestion.nearestArticle.confidence)})`
          : ' · no article came close') +
        ` · last ${formatTime(suggestion.lastAt)}`,
    ),
    examples(lang, suggestion.examples),
    suggestion.staffAnswer
      ? h(
          'p',
          { className: 'note' },
          'Staff answered it in ',
          h(
            'a',
            { href: `#/tickets/${encodeURIComponent(suggestion.staffAnswer.ticketRef)}` },
            suggestion.staffAnswer.ticketRef,
          ),
          ': ',
          h('span', { dir: 'auto' }, suggestion.staffAnswer.text),
        )
      : '',
    h('div', { className: 'actions' }, accept, dismiss),
    result,
  );
  const decide = async (action: 'accept' | 'dismiss') => {
    alert.hidden = true;
    accept.disabled = dismiss.disabled = true;
    try {
      if (action === 'accept') {
        await studio.accept(suggestion.id);
        result.replaceChildren(
          'Accepted. ',
          h('a', { href: `#/studio/new?lang=${lang}` }, 'Start the new article'),
        );
      } else {
        await studio.dismiss(suggestion.id);
        result.textContent = 'Dismissed.';
      }
      item.classList.add('decided');
    } catch (error) {
      accept.disabled = dismiss.disabled = false;
      showStudioError(error, alert);
    }
  };
  accept.addEventListener('click', () => void decide('accept'));
  dismiss.addEventListener('click', () => void decide('dismiss'));
  return item;
}

function examples(lang: StudioLang, texts: string[]): HTMLElement | string {
  if (texts.length === 0) return '';
  return h(
    'ul',
    { className: 'examples', 'aria-label': 'What customers wrote' },
    texts.map((text) => h('li', langAttrs(lang), text)),
  );
}
