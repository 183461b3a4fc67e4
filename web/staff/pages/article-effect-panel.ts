/**
 * The effect of a change on one article, for the suggestions page: its containment (answers
 * over answers + escalations), escalations and thumbs in the window after a day against an
 * equally long window before it (`GET /api/staff/articles/:id/effect?since=`). The day starts
 * as the article's last studio version, else four weeks ago, and can be changed.
 */
import { clear, h } from '../../shared/dom.ts';
import { formatConfidence } from '../format.ts';
import type { StudioApi } from '../studio-api.ts';
import type { ArticleEffect, EffectWindow } from '../studio-types.ts';

/** Days before today the effect is measured from when the article has no studio version. */
const DEFAULT_EFFECT_DAYS = 28;

/** Containment and escalations of an article before and after `since` (editable). */
export function effectPanel(studio: StudioApi, articleId: string, lastChange: string | undefined) {
  const fallback = new Date(Date.now() - DEFAULT_EFFECT_DAYS * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const inputId = `effect-since-${articleId}`;
  const since = h('input', { id: inputId, type: 'date', value: lastChange ?? fallback });
  const show = h('button', { type: 'button' }, 'Show effect');
  const out = h('div', { className: 'effect-result', 'aria-live': 'polite' });
  const load = async () => {
    show.disabled = true;
    try {
      const effect = await studio.effect(articleId, since.value);
      clear(out);
      out.append(effectTable(effect));
    } catch (error) {
      clear(out);
      out.append(
        h('p', { className: 'error' }, error instanceof Error ? error.message : String(error)),
      );
    } finally {
      show.disabled = false;
    }
  };
  show.addEventListener('click', () => void load());
  void load();
  return h(
    'details',
    { className: 'effect', open: true },
    h('summary', {}, 'Effect: containment and escalations before and after'),
    h(
      'div',
      { className: 'inline' },
      h('label', { for: inputId }, lastChange ? 'Since its last change ' : 'Since '),
      since,
      show,
    ),
    out,
  );
}

function effectTable(effect: ArticleEffect): HTMLElement {
  const rate = (w: EffectWindow) =>
    w.containment === null ? 'no traffic' : formatConfidence(w.containment);
  const row = (label: string, w: EffectWindow) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, `${label} (${w.from} to ${w.to})`),
      h('td', {}, String(w.answers)),
      h('td', {}, String(w.escalations)),
      h('td', {}, rate(w)),
      h('td', {}, `${w.up} / ${w.down}`),
    );
  const change = effect.containmentChange;
  return h(
    'table',
    { className: 'queue effect-table' },
    h(
      'caption',
      {},
      `Containment of ${effect.articleId} ${change === null ? '' : `changed by ${change >= 0 ? '+' : ''}${Math.round(change * 100)} points`}`,
    ),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Window', 'Answers', 'Escalations', 'Containment', 'Thumbs up / down'].map((c) =>
          h('th', { scope: 'col' }, c),
        ),
      ),
    ),
    h('tbody', {}, row('Before', effect.before), row('After', effect.after)),
  );
}
