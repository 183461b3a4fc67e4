/**
 * "Try it" and "Test all" in the editor. Try it asks one question against the draft index (the
 * live collection with the editor's text in place) and the live index, side by side: decision,
 * confidence, top candidates and why. Test all runs every listed question (and accepted
 * suggestion) against both and shows what the draft would change: gained, lost, changed.
 */
import { clear, h } from '../../shared/dom.ts';
import { formatConfidence } from '../format.ts';
import type { StudioApi } from '../studio-api.ts';
import type {
  StudioLang,
  TestAllResult,
  TestOutcome,
  TestRow,
  TryResult,
} from '../studio-types.ts';
import { langAttrs, showStudioError } from './studio-common.ts';

export interface DraftSource {
  file: string;
  lang: StudioLang;
  text(): string;
  alert: HTMLElement;
}

export function tryPanel(studio: StudioApi, draft: DraftSource): HTMLElement {
  const question = h('input', {
    id: 'try-question',
    type: 'text',
    name: 'question',
    maxlength: 500,
    dir: 'auto',
    lang: draft.lang,
    autocomplete: 'off',
  });
  const submit = h('button', { type: 'submit' }, 'Try it');
  const results = h('div', { className: 'try-results', 'aria-live': 'polite' });
  const form = h(
    'form',
    { className: 'try card', 'aria-labelledby': 'try-title' },
    h('h2', { id: 'try-title' }, 'Try it'),
    h('label', { for: 'try-question' }, 'A question a customer might ask'),
    h('div', { className: 'inline' }, question, submit),
    results,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = question.value.trim();
    if (!text) return question.focus();
    submit.disabled = true;
    clear(results);
    results.append(h('p', { className: 'muted' }, 'Asking the draft and the live index…'));
    draft.alert.hidden = true;
    studio
      .tryQuestion(draft.file, draft.text(), text, draft.lang)
      .then(
        (answer) => {
          clear(results);
          results.append(
            h('p', { className: 'sr' }, `Results for “${text}”.`),
            h(
              'div',
              { className: 'side-by-side' },
              tryColumn('Draft', 'draft', answer.draft),
              tryColumn('Live', 'live', answer.live),
            ),
          );
        },
        (error: unknown) => {
          clear(results);
          showStudioError(error, draft.alert);
        },
      )
      .finally(() => {
        submit.disabled = false;
      });
  });
  return form;
}

function tryColumn(title: string, key: string, result: TryResult): HTMLElement {
  return h(
    'div',
    { className: `try-result ${key}`, 'data-decision': result.decision },
    h('h3', {}, title),
    h(
      'p',
      {},
      h('span', { className: `decision ${result.decision}` }, result.decision),
      ' · confidence ',
      h('span', { className: 'confidence' }, formatConfidence(result.confidence)),
    ),
    result.top.length
      ? h(
          'ol',
          { className: 'top', 'aria-label': `${title}: top articles` },
          result.top.map((c) =>
            h(
              'li',
              { 'data-article': c.articleId },
              h('bdi', {}, c.title),
              ` (${c.articleId}) `,
              formatConfidence(c.confidence),
            ),
          ),
        )
      : h('p', { className: 'muted' }, 'No article came close.'),
    result.why.length
      ? h(
          'ul',
          { className: 'why', 'aria-label': `${title}: why` },
          result.why.map((w) => h('li', { dir: 'auto' }, w)),
        )
      : '',
  );
}

export function testAllPanel(studio: StudioApi, draft: DraftSource): HTMLElement {
  const run = h('button', { type: 'button' }, 'Test all');
  const results = h('div', { className: 'test-results', 'aria-live': 'polite' });
  const panel = h(
    'section',
    { className: 'test-all card', 'aria-labelledby': 'test-all-title' },
    h('h2', { id: 'test-all-title' }, 'Test all'),
    h(
      'p',
      { className: 'note' },
      'Runs every article’s listed questions and the accepted suggestions against the draft and the live index.',
    ),
    run,
    results,
  );
  run.addEventListener('click', () => {
    run.disabled = true;
    clear(results);
    results.append(h('p', { className: 'muted' }, 'Running every listed question…'));
    draft.alert.hidden = true;
    studio
      .testAll(draft.file, draft.text())
      .then(
        (result) => {
          clear(results);
          results.append(...testAllResults(result));
        },
        (error: unknown) => {
          clear(results);
          showStudioError(error, draft.alert);
        },
      )
      .finally(() => {
        run.disabled = false;
      });
  });
  return panel;
}

function testAllResults(result: TestAllResult): HTMLElement[] {
  const summary = h(
    'p',
    { className: 'test-summary' },
    `${result.total} questions: ${result.unchanged} unchanged, ${result.gained.length} gained, ${result.lost.length} lost, ${result.changed.length} changed.`,
  );
  return [
    summary,
    rowsTable(
      'gained',
      'Gained: the draft answers with the expected article, live does not',
      result.gained,
    ),
    rowsTable(
      'lost',
      'Lost: live answers with the expected article, the draft does not',
      result.lost,
    ),
    rowsTable(
      'changed',
      'Changed: a different decision or article, neither expected',
      result.changed,
    ),
  ];
}

function rowsTable(kind: string, caption: string, rows: TestRow[]): HTMLElement {
  const titleId = `test-${kind}-title`;
  const title = h('h3', { id: titleId }, `${caption} (${rows.length})`);
  if (rows.length === 0) {
    return h(
      'div',
      { className: `test-table ${kind}` },
      title,
      h('p', { className: 'muted' }, 'None.'),
    );
  }
  return h(
    'div',
    { className: `test-table ${kind} table-scroll` },
    title,
    h(
      'table',
      { className: `queue test-rows ${kind}`, 'aria-labelledby': titleId },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Question', 'Expected', 'Live', 'Draft', 'From'].map((c) =>
            h('th', { scope: 'col' }, c),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((row) =>
          h(
            'tr',
            {},
            h('td', { className: 'question', ...langAttrs(row.lang) }, row.question),
            h('td', {}, row.expected),
            h('td', {}, outcome(row.live)),
            h('td', {}, outcome(row.draft)),
            h('td', {}, row.source === 'listed' ? 'listed question' : 'accepted suggestion'),
          ),
        ),
      ),
    ),
  );
}

/** "answer refund-timing (82%)". */
function outcome(o: TestOutcome): string {
  return `${o.decision}${o.articleId ? ` ${o.articleId}` : ''} (${formatConfidence(o.confidence)})`;
}
