/**
 * "Suggest an article": records a content gap (a question the help centre does not answer yet)
 * for the content team. Used on the ticket page (prefilled) and the content gaps page.
 */
import { h } from '../../shared/dom.ts';
import { alertArea, showError } from '../show-error.ts';
import type { StaffApi } from '../staff-api.ts';
import type { ContentGap } from '../types.ts';

export function suggestForm(
  api: StaffApi,
  initial: { lang?: string; question?: string; ticketRef?: string },
  onAdded?: (gap: ContentGap) => void,
): HTMLElement {
  const lang = h(
    'select',
    { id: 'gap-lang', name: 'lang' },
    ['en', 'ar'].map((value) => h('option', { value, selected: value === initial.lang }, value)),
  );
  const question = h('textarea', { id: 'gap-question', rows: 2, maxlength: 2000, dir: 'auto' });
  question.value = initial.question ?? '';
  const note = h('textarea', { id: 'gap-note', rows: 2, maxlength: 2000, dir: 'auto' });
  const alert = alertArea();
  const status = h('p', { className: 'ok', role: 'status' });
  const form = h(
    'form',
    { className: 'suggest', 'aria-labelledby': 'suggest-title' },
    h('h2', { id: 'suggest-title' }, 'Suggest an article'),
    alert,
    status,
    h('label', { for: 'gap-lang' }, 'Language'),
    lang,
    h('label', { for: 'gap-question' }, 'Question customers ask'),
    question,
    h('label', { for: 'gap-note' }, 'Note for the content team (optional)'),
    note,
    h('button', { type: 'submit' }, 'Suggest an article'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    alert.hidden = true;
    status.textContent = '';
    const text = question.value.trim();
    if (!text) return question.focus();
    api
      .suggestArticle({
        lang: lang.value,
        question: text,
        ...(note.value.trim() ? { note: note.value.trim() } : {}),
        ...(initial.ticketRef ? { ticketRef: initial.ticketRef } : {}),
      })
      .then(
        (gap) => {
          status.textContent = 'Added to the content gaps list.';
          note.value = '';
          onAdded?.(gap);
        },
        (error: unknown) => showError(error, alert),
      );
  });
  return form;
}
