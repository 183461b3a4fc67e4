/**
 * The content studio's article list for one language: each article with its status badges
 * (published, draft, rejected with its lint messages, missing translation, out of date,
 * contradicting the other-language version with the facts that differ), filtered by status
 * and searched by title or id on the page; the filters are kept in the address
 * (#/studio?lang=ar&status=draft&q=refund) so a list can be shared. Below it, the audit: who
 * published, withdrew, rolled back or drafted what, newest first.
 */
import { clear, h } from '../../shared/dom.ts';
import type { PageContext } from '../context.ts';
import { formatTime } from '../format.ts';
import { go, replaceHash } from '../router.ts';
import { alertArea } from '../show-error.ts';
import type { ArticleStatus, AuditEntry, StudioLang } from '../studio-types.ts';
import {
  BADGE_LABELS,
  badge,
  badgesOf,
  langAttrs,
  showStudioError,
  studioLang,
  type BadgeKind,
} from './studio-common.ts';

const LANG_NAMES: Record<StudioLang, string> = { en: 'English', ar: 'Arabic' };

export async function studioListPage(
  container: HTMLElement,
  params: Record<string, string>,
  { studio }: PageContext,
): Promise<void> {
  const lang = studioLang(params.lang);
  const filter = { status: (params.status ?? '') as BadgeKind | '', q: params.q ?? '' };
  const alert = alertArea();
  const count = h('p', { className: 'muted', role: 'status', 'aria-live': 'polite' });
  const body = h('tbody');

  const langSelect = h(
    'select',
    { id: 'studio-lang', name: 'lang' },
    (Object.keys(LANG_NAMES) as StudioLang[]).map((value) =>
      h('option', { value, selected: value === lang }, LANG_NAMES[value]),
    ),
  );
  langSelect.addEventListener('change', () => go(`#/studio?lang=${langSelect.value}`));
  const statusSelect = h(
    'select',
    { id: 'studio-status', name: 'status' },
    h('option', { value: '' }, 'any status'),
    (Object.keys(BADGE_LABELS) as BadgeKind[]).map((value) =>
      h('option', { value, selected: value === filter.status }, BADGE_LABELS[value]),
    ),
  );
  const search = h('input', {
    id: 'studio-search',
    type: 'search',
    name: 'q',
    value: filter.q,
    placeholder: 'title or id',
    autocomplete: 'off',
  });
  const recent = h('section', { className: 'panel', 'aria-labelledby': 'studio-recent' });
  const newButton = h('button', { type: 'button', className: 'primary' }, 'New article');
  newButton.addEventListener('click', () => go(`#/studio/new?lang=${lang}`));

  container.append(
    h('h1', {}, 'Content studio'),
    h(
      'div',
      { className: 'filters', role: 'group', 'aria-label': 'Articles shown' },
      h('label', { className: 'filter', for: 'studio-lang' }, 'Language '),
      langSelect,
      h('label', { className: 'filter', for: 'studio-status' }, 'Status '),
      statusSelect,
      h('label', { className: 'filter', for: 'studio-search' }, 'Search '),
      search,
      newButton,
    ),
    alert,
    count,
    h(
      'div',
      { className: 'table-scroll' },
      h(
        'table',
        { className: 'queue studio-articles' },
        h('caption', { className: 'sr' }, `${LANG_NAMES[lang]} articles and their status`),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Article', 'Status', 'Owner', 'Updated', 'Draft'].map((c) =>
              h('th', { scope: 'col' }, c),
            ),
          ),
        ),
        body,
      ),
    ),
    recent,
  );

  let items: ArticleStatus[] = [];
  let staleAfterDays = 180;
  const show = () => {
    const q = filter.q.trim().toLowerCase();
    const shown = items.filter(
      (a) =>
        (!filter.status || badgesOf(a).includes(filter.status)) &&
        (!q || a.id.toLowerCase().includes(q) || a.title.toLowerCase().includes(q)),
    );
    clear(body);
    body.append(...shown.map((a) => row(a, staleAfterDays)));
    count.textContent = `${shown.length} of ${items.length} articles shown.`;
    const query = new URLSearchParams({ lang });
    if (filter.status) query.set('status', filter.status);
    if (filter.q) query.set('q', filter.q);
    replaceHash(`#/studio?${query}`);
  };
  statusSelect.addEventListener('change', () => {
    filter.status = statusSelect.value as BadgeKind | '';
    show();
  });
  search.addEventListener('input', () => {
    filter.q = search.value;
    show();
  });

  try {
    const [list, audit] = await Promise.all([studio.list(lang), studio.audit()]);
    items = [...list.items].sort((a, b) => a.id.localeCompare(b.id));
    staleAfterDays = list.staleAfterDays;
    show();
    recent.append(...auditPanel(audit.items));
  } catch (error) {
    showStudioError(error, alert, container);
  }
}

const AUDIT_VERBS: Record<AuditEntry['action'], string> = {
  publish: 'published',
  rollback: 'rolled back',
  delete: 'withdrew',
  'save-draft': 'saved a draft of',
  'discard-draft': 'discarded the draft of',
  'accept-suggestion': 'accepted a suggestion for',
  'dismiss-suggestion': 'dismissed a suggestion for',
};

/** The latest studio actions (publish, rollback, withdraw, drafts, suggestions), linked to their article. */
function auditPanel(entries: readonly AuditEntry[]): HTMLElement[] {
  const heading = h('h2', { id: 'studio-recent' }, 'Recent changes');
  if (entries.length === 0) return [heading, h('p', { className: 'muted' }, 'Nothing yet.')];
  return [
    heading,
    h(
      'ul',
      { className: 'items studio-audit' },
      entries.map((entry) => {
        const [lang = 'en', name = ''] = entry.file.split('/');
        const id = name.replace(/\.md$/, '');
        return h(
          'li',
          {},
          `${formatTime(entry.at)} · ${entry.by} ${AUDIT_VERBS[entry.action]} `,
          h('a', { href: `#/studio/${lang}/${encodeURIComponent(id)}` }, h('bdi', {}, entry.file)),
          entry.version ? h('span', { className: 'who' }, ` ${entry.version}`) : '',
        );
      }),
    ),
  ];
}

function row(article: ArticleStatus, staleAfterDays: number): HTMLTableRowElement {
  const kinds = badgesOf(article);
  const details: HTMLElement[] = [];
  if (article.rejected?.problems.length) {
    details.push(
      h(
        'ul',
        { className: 'problems compact', 'aria-label': 'Why it was rejected' },
        article.rejected.problems.map((p) =>
          h('li', { className: p.severity }, `line ${p.line}: ${p.severity}: ${p.message}`),
        ),
      ),
    );
  }
  if (article.contradicts.length > 0) {
    details.push(
      h(
        'ul',
        { className: 'facts compact', 'aria-label': 'Facts that differ from the other language' },
        article.contradicts.map((c) =>
          h(
            'li',
            {},
            `${c.fact}: here `,
            h('bdi', {}, c.here),
            ', other language ',
            h('bdi', {}, c.there),
          ),
        ),
      ),
    );
  }
  const href = `#/studio/${article.lang}/${encodeURIComponent(article.id)}`;
  return h(
    'tr',
    { 'data-article': article.id, 'data-status': kinds.join(' ') },
    h(
      'td',
      {},
      h('a', { href, ...langAttrs(article.lang) }, article.title || article.id),
      h('span', { className: 'who' }, article.id),
    ),
    h('td', { className: 'badges' }, kinds.map(badge), details),
    h('td', {}, article.owner ?? '–'),
    h(
      'td',
      { title: article.outOfDate ? `older than ${staleAfterDays} days` : undefined },
      article.updated ?? 'never',
    ),
    h('td', {}, article.draft ? `${article.draft.by} · ${formatTime(article.draft.at)}` : '–'),
  );
}
