/**
 * "Answered by article…" on the ticket page: the staff member names the article that answers
 * the ticket — one of its candidate articles, or any article id typed in — and the desk
 * records it (`POST /api/staff/tickets/:ref/answered-by`). The learning loop turns these marks
 * into "add this phrasing to article X" suggestions.
 */
import { h } from '../../shared/dom.ts';
import type { Ticket } from '../types.ts';

const OTHER = '';
/** As the server checks it (article ids themselves are kebab-case). */
const ARTICLE_ID = /^[\w.-]{1,120}$/;

export function answeredByForm(
  ticket: Ticket,
  submit: (articleId: string) => void,
): HTMLFormElement {
  const first = ticket.candidates[0]?.articleId;
  const current = ticket.answeredBy?.articleId;
  const known = ticket.candidates.some((c) => c.articleId === current);
  const select = h(
    'select',
    { id: 'answered-by-select', name: 'candidate' },
    ticket.candidates.map((c) =>
      h(
        'option',
        { value: c.articleId, selected: current ? c.articleId === current : c.articleId === first },
        `${c.title} (${c.articleId})`,
      ),
    ),
    h('option', { value: OTHER, selected: !!current && !known }, 'Another article (type its id)'),
  );
  const other = h('input', {
    id: 'answered-by-id',
    name: 'articleId',
    type: 'text',
    maxlength: 120,
    autocomplete: 'off',
    placeholder: 'e.g. refund-timing',
    value: current && !known ? current : '',
  });
  const otherLabel = h('label', { for: 'answered-by-id' }, 'Article id');
  const sync = () => {
    const typing = select.value === OTHER;
    other.hidden = otherLabel.hidden = !typing;
    other.required = typing;
  };
  select.addEventListener('change', () => {
    sync();
    if (select.value === OTHER) other.focus();
  });
  const error = h('p', { className: 'error', role: 'alert', hidden: true });
  const form = h(
    'form',
    { className: 'answered-by', 'aria-labelledby': 'answered-by-title' },
    h('h2', { id: 'answered-by-title' }, 'Answered by article…'),
    h(
      'p',
      { className: 'note' },
      'Which help article answers this question? This teaches the bot the customer’s wording.',
    ),
    h('label', { for: 'answered-by-select' }, 'Article'),
    select,
    otherLabel,
    other,
    error,
    h('button', { type: 'submit' }, 'Mark as answered by this article'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const articleId = (select.value === OTHER ? other.value : select.value).trim();
    if (!ARTICLE_ID.test(articleId)) {
      error.textContent = 'Type an article id, e.g. refund-timing.';
      error.hidden = false;
      other.focus();
      return;
    }
    error.hidden = true;
    submit(articleId);
  });
  sync();
  return form;
}
