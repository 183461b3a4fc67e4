/**
 * The article editor (#/studio/:lang/:id): the Markdown and front matter in a textarea with
 * live lint (debounced), a preview per channel, Try it, Test all, and the actions Save draft,
 * Discard draft, Publish (the 422 problems or the 409 conflict shown as such; on success the
 * version and the index rebuild) and Withdraw; the history with rollback. Leaving with unsaved
 * changes asks first.
 *
 * Steps: load the article (draft over live) → show it → lint + preview now and ~400 ms after
 * each edit (a newer edit's answer wins) → actions reload the article and its history.
 */
import { h } from '../../shared/dom.ts';
import type { PageContext } from '../context.ts';
import { formatTime } from '../format.ts';
import { setLeaveGuard } from '../router.ts';
import { alertArea } from '../show-error.ts';
import { ApiError } from '../staff-api.ts';
import type { StudioApi } from '../studio-api.ts';
import type { Problem, PublishResult, StudioArticle, StudioLang } from '../studio-types.ts';
import { isForbidden, langAttrs, showStudioError, studioLang } from './studio-common.ts';
import { historyPanel } from './studio-history.ts';
import { lintPanel } from './studio-lint.ts';
import { previewPanel } from './studio-preview.ts';
import { testAllPanel, tryPanel } from './studio-try.ts';

/** Milliseconds after the last keystroke before the draft is linted and previewed again. */
export const LINT_DEBOUNCE_MS = 400;
const ARTICLE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export async function studioEditorPage(
  container: HTMLElement,
  params: Record<string, string>,
  { studio }: PageContext,
): Promise<void> {
  const lang = studioLang(params.lang);
  const id = params.id ?? '';
  const file = `${lang}/${id}.md`;
  const alert = alertArea();
  const heading = h('h1', {}, 'Edit ', h('span', { className: 'ref' }, file));
  container.append(
    h('p', {}, h('a', { href: `#/studio?lang=${lang}` }, '← All articles')),
    heading,
    alert,
  );
  if (!ARTICLE_ID.test(id)) {
    alert.textContent = `“${id}” is not an article id (lower-case letters, digits and hyphens).`;
    alert.hidden = false;
    return;
  }

  let article: StudioArticle;
  try {
    article = await loadArticle(studio, lang, id);
  } catch (error) {
    showStudioError(error, alert, container);
    return;
  }
  if (!article.live && !article.draft) {
    container.append(
      h(
        'p',
        {},
        `There is no article ${file}. `,
        h('a', { href: `#/studio/new?lang=${lang}&id=${encodeURIComponent(id)}` }, 'Create it'),
        '.',
      ),
    );
    return;
  }

  const source = h('textarea', {
    id: 'studio-source',
    name: 'source',
    className: 'source',
    rows: 28,
    spellcheck: false,
    dir: 'auto',
    lang,
    'aria-describedby': 'lint-summary',
  });
  let saved = article.draft?.source ?? article.live?.source ?? '';
  source.value = saved;
  const dirty = () => source.value !== saved;
  setLeaveGuard({ dirty, message: `You have unsaved changes to ${file}. Leave without saving?` });

  const status = h('p', { className: 'ok', role: 'status', 'aria-live': 'polite' });
  const stateLine = h('p', { className: 'state-line muted' });
  const lint = lintPanel(source);
  const preview = previewPanel(lang);
  const draftSource = { file, lang, text: () => source.value, alert };

  const buttons = {
    save: h('button', { type: 'button', className: 'primary' }, 'Save draft'),
    discard: h('button', { type: 'button' }, 'Discard draft'),
    publish: h('button', { type: 'button', className: 'primary publish' }, 'Publish'),
    withdraw: h('button', { type: 'button', className: 'danger' }, 'Withdraw article'),
  };
  const showState = () => {
    const parts = [article.live ? 'Live version published.' : 'Not published.'];
    if (article.draft) {
      parts.push(`Draft saved by ${article.draft.by}, ${formatTime(article.draft.at)}.`);
    }
    if (dirty()) parts.push('Unsaved changes.');
    stateLine.textContent = parts.join(' ');
    buttons.discard.disabled = !article.draft;
    buttons.withdraw.disabled = !article.live;
    const title = /^title:\s*["']?(.+?)["']?\s*$/m.exec(source.value)?.[1];
    heading.replaceChildren('Edit ', title ? h('bdi', langAttrs(lang), title) : '', ' ');
    heading.append(h('span', { className: 'ref' }, file));
  };

  // lint + preview: now, then LINT_DEBOUNCE_MS after the last edit; only the newest answer shows
  let sequence = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refresh = async () => {
    const mine = ++sequence;
    lint.note('Checking…');
    const text = source.value;
    const [linted, previewed] = await Promise.allSettled([
      studio.lint(file, text),
      studio.preview(file, text),
    ]);
    if (mine !== sequence) return;
    if (linted.status === 'fulfilled') lint.show(linted.value.problems);
    else lint.note(`Could not check: ${errorText(linted.reason)}`);
    if (previewed.status === 'fulfilled') preview.show(previewed.value);
    else preview.note(`No preview: ${errorText(previewed.reason)}`);
    if (linted.status === 'rejected' && isForbidden(linted.reason)) {
      showStudioError(linted.reason, alert, container);
    }
  };
  source.addEventListener('input', () => {
    showState();
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), LINT_DEBOUNCE_MS);
  });

  const history = historyPanel(studio, {
    lang,
    id,
    alert,
    confirmRollback: (version) =>
      window.confirm(
        `Roll ${file} back to version ${version}? It is published as a new version and the bot answers from it.` +
          (dirty() ? ' Your unsaved changes in the editor will be replaced.' : ''),
      ),
    liveHash: () => article.live?.hash,
    rolledBack: async (result) => {
      await reloadAll(`Rolled back: ${publishedText(result)}`);
    },
  });

  /** Loads the article again after an action; the editor shows the draft, else the live text. */
  const reloadAll = async (message: string) => {
    article = await loadArticle(studio, lang, id);
    saved = article.draft?.source ?? article.live?.source ?? source.value;
    source.value = saved;
    status.textContent = message;
    showState();
    await Promise.all([history.reload(), refresh()]);
  };

  const act = async (button: HTMLButtonElement, action: () => Promise<void>) => {
    alert.hidden = true;
    status.textContent = '';
    button.disabled = true;
    try {
      await action();
    } catch (error) {
      showStudioError(error, alert, container);
      if (!alert.hidden) alert.scrollIntoView({ block: 'nearest' });
    } finally {
      button.disabled = false;
      showState();
    }
  };

  buttons.save.addEventListener(
    'click',
    () =>
      void act(buttons.save, async () => {
        const text = source.value;
        const result = await studio.saveDraft(lang, id, text);
        if (result.draft) article = { ...article, draft: { ...result.draft, source: text } };
        saved = text;
        lint.show(result.problems);
        status.textContent = `Draft saved${result.problems.some((p) => p.severity === 'error') ? ' (it has errors: fix them before publishing)' : ''}.`;
      }),
  );
  buttons.discard.addEventListener('click', () => {
    if (!window.confirm(`Discard the draft of ${file}? The live version stays as it is.`)) return;
    void act(buttons.discard, async () => {
      await studio.discardDraft(lang, id);
      if (!article.live) {
        saved = source.value = '';
        article = { file };
        status.textContent = 'Draft discarded. This article was never published.';
        return;
      }
      await reloadAll('Draft discarded: the editor shows the live version.');
    });
  });
  buttons.publish.addEventListener(
    'click',
    () =>
      void act(buttons.publish, async () => {
        const expectedHash = article.draft?.baseHash || article.live?.hash;
        try {
          const result = await studio.publish(lang, id, {
            source: source.value,
            ...(expectedHash ? { expectedHash } : {}),
          });
          await reloadAll(`Published: ${publishedText(result)}`);
        } catch (error) {
          if (error instanceof ApiError && error.status === 422) {
            const problems = (error.body.problems ?? []) as Problem[];
            lint.show(problems);
            throw new ApiError(
              `Not published: ${error.message}. Fix the errors listed under Problems, then publish again.`,
              422,
              error.body,
            );
          }
          if (error instanceof ApiError && error.status === 409) {
            throw new ApiError(
              `Not published: ${error.message}. Someone published ${file} after you started editing. ` +
                'Your text is still in the editor: save it as a draft, compare it with the newest version under History, then publish again.',
              409,
              error.body,
            );
          }
          throw error;
        }
      }),
  );
  buttons.withdraw.addEventListener('click', () => {
    if (
      !window.confirm(
        `Withdraw ${file}? The bot stops answering from it after the index rebuilds. Its history is kept and it can be rolled back.`,
      )
    )
      return;
    void act(buttons.withdraw, async () => {
      const result = await studio.withdraw(lang, id, article.live?.hash);
      await reloadAll(`Withdrawn: ${publishedText(result)} The text stays in the editor.`);
    });
  });

  container.append(
    stateLine,
    h(
      'div',
      { className: 'studio-editor' },
      h(
        'div',
        { className: 'editor-main' },
        h('label', { for: 'studio-source' }, 'Markdown with front matter'),
        source,
        h(
          'div',
          { className: 'actions', role: 'group', 'aria-label': 'Article actions' },
          buttons.save,
          buttons.discard,
          buttons.publish,
          buttons.withdraw,
        ),
        status,
        lint.element,
      ),
      h(
        'div',
        { className: 'editor-side' },
        preview.element,
        tryPanel(studio, draftSource),
        testAllPanel(studio, draftSource),
        history.element,
      ),
    ),
  );
  showState();
  await Promise.all([history.reload(), refresh()]);
}

/** The article, or an empty one ({ file }) when it has neither a live version nor a draft. */
async function loadArticle(studio: StudioApi, lang: StudioLang, id: string) {
  try {
    return await studio.article(lang, id);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return { file: `${lang}/${id}.md` };
    throw error;
  }
}

function publishedText(result: PublishResult): string {
  const rebuild: Record<string, string> = {
    published: 'the index was rebuilt and the bot answers from it now',
    queued: 'the index is rebuilding; the bot answers from it shortly',
    unchanged: 'the index did not change',
    rejected: 'the index rebuild rejected articles (see below)',
  };
  const rejected = result.rebuild.rejected.map((r) => r.file).join(', ');
  const status = result.rebuild.status;
  return (
    `version ${result.version}; rebuild ${status}: ${rebuild[status] ?? status}` +
    (rejected ? `. Rejected: ${rejected}.` : '.')
  );
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
