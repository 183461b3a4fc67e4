/**
 * The satisfaction question in the chat: "How did we do with MJ-…?" and one to five stars, shown
 * once under a closed ticket's last staff reply. Accessible as a native radio group (a fieldset
 * whose legend names it; each star a radio labelled "4 stars", in the widget's language):
 * arrow keys move between the stars, Space picks one, and "Send rating" (Enter) sends it. Sent,
 * the form turns into a thank-you line; a ticket rated before (409 "already rated") says so;
 * another failure shows the server's message and leaves the form to try again.
 */
import { h } from '../shared/dom.ts';
import { dirOfLang } from './bidi-text.ts';
import { ChatApiError } from './chat-api.ts';
import type { Strings, UiLang } from './strings.ts';

const RATINGS = [1, 2, 3, 4, 5] as const;
const STAR_LABELS = ['csatStar1', 'csatStar2', 'csatStar3', 'csatStar4', 'csatStar5'] as const;

/**
 * @param rate sends the rating; resolves when stored, rejects with the API error otherwise.
 */
export function csatBubble(
  ticketRef: string,
  t: Strings,
  ui: UiLang,
  rate: (rating: number) => Promise<unknown>,
): HTMLElement {
  const name = `mujib-csat-${ticketRef.replace(/\W/g, '')}`;
  const stars = h('div', { className: 'stars' });
  const radios = RATINGS.map((rating, i) => {
    const input = h('input', { type: 'radio', name, value: rating, className: 'star-input' });
    const label = h(
      'label',
      { className: 'star', title: t[STAR_LABELS[i]!] },
      input,
      h('span', { className: 'glyph', 'aria-hidden': 'true' }, '★'),
      h('span', { className: 'sr' }, t[STAR_LABELS[i]!]),
    );
    stars.append(label);
    return input;
  });
  const fill = (value: number) => {
    radios.forEach((radio, i) => radio.parentElement?.classList.toggle('on', i < value));
  };
  stars.addEventListener('change', () => fill(chosen()));
  stars.addEventListener('mouseover', (event) => {
    const index = radios.findIndex((radio) => radio.parentElement?.contains(event.target as Node));
    if (index >= 0) fill(index + 1);
  });
  stars.addEventListener('mouseleave', () => fill(chosen()));
  const chosen = () => Number(radios.find((radio) => radio.checked)?.value ?? 0);

  const [before = '', ...after] = t.csatLegend.split('{ref}');
  const legend = h(
    'legend',
    {},
    before,
    h('bdi', { className: 'ref', dir: 'ltr' }, ticketRef),
    after.join(ticketRef),
  );
  const status = h('span', { className: 'note', role: 'status' });
  const submit = h('button', { type: 'submit', className: 'small' }, t.csatSend);
  const form = h(
    'form',
    { className: 'csat' },
    h('fieldset', {}, legend, stars),
    h('div', { className: 'row' }, submit, status),
  );
  const done = (text: string) =>
    form.replaceWith(h('p', { className: 'note csat-done', role: 'status' }, text));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const rating = chosen();
    if (rating === 0) {
      status.textContent = t.csatChoose;
      radios[0]?.focus();
      return;
    }
    submit.disabled = true;
    radios.forEach((radio) => (radio.disabled = true));
    rate(rating).then(
      () => done(t.csatThanks),
      (error: unknown) => {
        if (error instanceof ChatApiError && /already rated/.test(error.message)) {
          return done(t.csatAlready);
        }
        submit.disabled = false;
        radios.forEach((radio) => (radio.disabled = false));
        status.textContent = error instanceof Error ? error.message : String(error);
      },
    );
  });
  return h('div', { className: 'msg bot csat', lang: ui, dir: dirOfLang(ui) }, form);
}
