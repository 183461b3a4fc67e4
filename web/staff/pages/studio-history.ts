/**
 * The editor's history panel: every published version of the article (newest first: when,
 * who, what — publish, rollback or delete), each with View (its source, read-only) and
 * Roll back (after a confirmation; publishes that version's text as a new version).
 */
import { clear, h } from '../../shared/dom.ts';
import { formatTime } from '../format.ts';
import type { StudioApi } from '../studio-api.ts';
import type { HistoryEntry, PublishResult, StudioLang } from '../studio-types.ts';
import { langAttrs, showStudioError } from './studio-common.ts';

export interface HistoryPanel {
  element: HTMLElement;
  reload(): Promise<void>;
}

export interface HistoryOptions {
  lang: StudioLang;
  id: string;
  alert: HTMLElement;
  /** Asked before a rollback (e.g. "your unsaved changes will be replaced"). */
  confirmRollback(version: string): boolean;
  /** The live source's hash as the writer last saw it (a rollback over a newer one is a 409). */
  liveHash(): string | undefined;
  rolledBack(result: PublishResult): void | Promise<void>;
}

export function historyPanel(studio: StudioApi, options: HistoryOptions): HistoryPanel {
  const { lang, id, alert } = options;
  const list = h('ol', { className: 'items history' });
  const viewer = h('div', { className: 'version-view', 'aria-live': 'polite' });
  const element = h(
    'section',
    { className: 'history-panel card', 'aria-labelledby': 'history-title' },
    h('h2', { id: 'history-title' }, 'History'),
    list,
    viewer,
  );

  const view = async (entry: HistoryEntry) => {
    try {
      const version = await studio.version(lang, id, entry.version);
      clear(viewer);
      const heading = h('h3', { tabindex: -1 }, `Version ${entry.version}`);
      viewer.append(
        heading,
        h('p', { className: 'who' }, `${entry.action} by ${entry.by} · ${formatTime(entry.at)}`),
        h('pre', { className: 'source-view', ...langAttrs(lang), dir: 'auto' }, version.source),
      );
      heading.focus();
    } catch (error) {
      showStudioError(error, alert);
    }
  };

  const rollback = async (entry: HistoryEntry, button: HTMLButtonElement) => {
    if (!options.confirmRollback(entry.version)) return;
    button.disabled = true;
    alert.hidden = true;
    try {
      const result = await studio.rollback(lang, id, entry.version, options.liveHash());
      await options.rolledBack(result);
    } catch (error) {
      showStudioError(error, alert);
    } finally {
      button.disabled = false;
    }
  };

  const reload = async () => {
    try {
      const { items } = await studio.history(lang, id);
      clear(list);
      if (items.length === 0) {
        list.append(h('li', { className: 'muted' }, 'Not published from the studio yet.'));
      }
      list.append(
        ...items.map((entry, i) => {
          const viewButton = h(
            'button',
            { type: 'button', 'aria-label': `View version ${entry.version}` },
            'View',
          );
          viewButton.addEventListener('click', () => void view(entry));
          const rollbackButton = h(
            'button',
            { type: 'button', 'aria-label': `Roll back to version ${entry.version}` },
            'Roll back',
          );
          rollbackButton.addEventListener('click', () => void rollback(entry, rollbackButton));
          // the newest version is what is live; a withdrawal has nothing to bring back
          const canRollBack = i > 0 && entry.action !== 'delete';
          return h(
            'li',
            { className: `version ${entry.action}`, 'data-version': entry.version },
            h(
              'span',
              {},
              h('strong', {}, entry.action),
              ` by ${entry.by} · `,
              h('time', { datetime: entry.at }, formatTime(entry.at)),
              i === 0 && entry.action !== 'delete' ? ' · live now' : '',
            ),
            h('span', { className: 'who' }, `${entry.version} · ${entry.bytes} bytes`),
            h('span', { className: 'actions' }, viewButton, canRollBack ? rollbackButton : ''),
          );
        }),
      );
    } catch (error) {
      showStudioError(error, alert);
    }
  };

  return { element, reload };
}
