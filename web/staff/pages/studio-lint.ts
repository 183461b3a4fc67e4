/**
 * The editor's problem list: lint problems with their line numbers, announced politely
 * (aria-live) as they change; each is a button that moves the caret to its line in the source
 * textarea and selects it.
 */
import { clear, h } from '../../shared/dom.ts';
import type { Problem } from '../studio-types.ts';
import { problemSummary } from './studio-common.ts';

export interface LintPanel {
  element: HTMLElement;
  /** Shows `problems` (sorted by line); `note` replaces the summary (e.g. "Checking…"). */
  show(problems: readonly Problem[]): void;
  note(text: string): void;
  problems(): readonly Problem[];
}

export function lintPanel(source: HTMLTextAreaElement): LintPanel {
  const summary = h('p', { className: 'lint-summary', id: 'lint-summary' }, 'Checking…');
  const list = h('ul', { className: 'problems', 'aria-labelledby': 'lint-title' });
  const element = h(
    'section',
    { className: 'lint card', 'aria-labelledby': 'lint-title' },
    h('h2', { id: 'lint-title' }, 'Problems'),
    h('div', { role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' }, summary),
    list,
  );
  let current: readonly Problem[] = [];
  return {
    element,
    problems: () => current,
    note(text) {
      summary.textContent = text;
    },
    show(problems) {
      current = [...problems].sort((a, b) => a.line - b.line);
      summary.textContent = problemSummary(current);
      clear(list);
      list.append(
        ...current.map((p) => {
          const button = h(
            'button',
            { type: 'button', className: 'problem-line', 'data-line': p.line },
            h('span', { className: `severity ${p.severity}` }, p.severity),
            ` line ${p.line}: `,
            h('span', { dir: 'auto' }, p.message),
          );
          button.addEventListener('click', () => moveCaretToLine(source, p.line));
          return h('li', { className: p.severity }, button);
        }),
      );
    },
  };
}

/** Focuses `textarea`, selects line `line` (1-based) and scrolls it into view. */
export function moveCaretToLine(textarea: HTMLTextAreaElement, line: number): void {
  const text = textarea.value;
  let start = 0;
  for (let i = 1; i < line; i++) {
    const next = text.indexOf('\n', start);
    if (next < 0) break;
    start = next + 1;
  }
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  textarea.focus();
  textarea.setSelectionRange(start, end);
  const lineHeight = parseFloat(getComputedStyle(textarea).lineHeight) || 20;
  textarea.scrollTop = Math.max(0, (line - 1) * lineHeight - textarea.clientHeight / 3);
}
