/** Content gaps: questions staff suggested articles for, newest as the store returns them. */
import { clear, h } from '../../shared/dom.ts';
import type { PageContext } from '../context.ts';
import { formatTime } from '../format.ts';
import { go } from '../router.ts';
import { alertArea, showError } from '../show-error.ts';
import type { ContentGap } from '../types.ts';
import { suggestForm } from './suggest-form.ts';

export async function gapsPage(
  container: HTMLElement,
  params: Record<string, string>,
  { api }: PageContext,
): Promise<void> {
  const lang = params.lang ?? '';
  const alert = alertArea();
  const items = h('ul', { className: 'items gaps' });
  const filter = h(
    'select',
    { id: 'gaps-lang' },
    ['', 'en', 'ar'].map((value) =>
      h('option', { value, selected: value === lang }, value || 'any'),
    ),
  );
  filter.addEventListener('change', () =>
    go(filter.value ? `#/gaps?lang=${filter.value}` : '#/gaps'),
  );
  const reload = async () => {
    try {
      const page = await api.listGaps(lang || undefined);
      clear(items);
      if (page.items.length === 0) items.append(h('li', { className: 'muted' }, 'No gaps yet.'));
      items.append(...page.items.map(gapItem));
    } catch (error) {
      showError(error, alert);
    }
  };
  container.append(
    h('h1', {}, 'Content gaps'),
    h('label', { className: 'filter' }, 'lang ', filter),
    alert,
    items,
    suggestForm(api, { lang: lang || 'en' }, () => void reload()),
  );
  await reload();
}

function gapItem(gap: ContentGap): HTMLElement {
  return h(
    'li',
    { className: 'gap', 'data-id': gap.id },
    h('span', { className: 'question', dir: 'auto', lang: gap.lang }, gap.question),
    h(
      'span',
      { className: 'who' },
      ` · ${gap.lang} · ${formatTime(gap.at)}`,
      gap.suggestedBy ? ` · by ${gap.suggestedBy}` : '',
      gap.ticketRef ? ' · ' : '',
      gap.ticketRef
        ? h('a', { href: `#/tickets/${encodeURIComponent(gap.ticketRef)}` }, gap.ticketRef)
        : '',
    ),
    gap.note ? h('div', { className: 'note', dir: 'auto' }, gap.note) : '',
  );
}
