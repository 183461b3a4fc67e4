/**
 * A new article (#/studio/new?lang=en): the id (the file name, kebab-case) and a title fill a
 * template with the front matter every article needs; "Create draft" saves it as a draft
 * (nothing is live until it is published) and opens the editor.
 */
import { h } from '../../shared/dom.ts';
import type { PageContext } from '../context.ts';
import { go } from '../router.ts';
import { alertArea } from '../show-error.ts';
import { ApiError } from '../staff-api.ts';
import type { StudioLang } from '../studio-types.ts';
import { showStudioError, studioLang } from './studio-common.ts';

const ARTICLE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The starting text of a new article: front matter, an intro and two sections. */
export function articleTemplate(lang: StudioLang, id: string, title: string, today: string) {
  const ar = lang === 'ar';
  return [
    '---',
    `id: ${id}`,
    `title: ${yamlText(title || (ar ? 'عنوان المقالة' : 'Article title'))}`,
    `lang: ${lang}`,
    'tags: []',
    `summary: ${ar ? 'إجابة قصيرة من جملة أو جملتين.' : 'A short answer in one or two plain sentences.'}`,
    'questions:',
    `  - ${ar ? 'كيف أفعل ذلك' : 'how do I do this'}`,
    `updated: ${today}`,
    '---',
    '',
    ar
      ? 'فقرة تمهيدية من جملة أو جملتين.'
      : 'One or two sentences that say what this article covers.',
    '',
    ar ? '## القسم الأول' : '## First section',
    '',
    ar ? 'نص القسم.' : 'What the customer needs to know.',
    '',
  ].join('\n');
}

/** A YAML scalar: quoted when it holds characters YAML would read otherwise. */
function yamlText(text: string): string {
  return /^[\s[\]{}*&!%@`#|>'",?:-]|: | #/.test(text) ? JSON.stringify(text) : text;
}

export function studioNewPage(
  container: HTMLElement,
  params: Record<string, string>,
  { studio }: PageContext,
): void {
  const lang = studioLang(params.lang);
  const alert = alertArea();
  const langSelect = h(
    'select',
    { id: 'new-lang', name: 'lang' },
    ['en', 'ar'].map((value) => h('option', { value, selected: value === lang }, value)),
  );
  const id = h('input', {
    id: 'new-id',
    name: 'id',
    type: 'text',
    required: true,
    maxlength: 80,
    pattern: '[a-z0-9]+(-[a-z0-9]+)*',
    autocomplete: 'off',
    'aria-describedby': 'new-id-help',
    value: params.id ?? '',
  });
  const title = h('input', {
    id: 'new-title',
    name: 'title',
    type: 'text',
    maxlength: 120,
    dir: 'auto',
    autocomplete: 'off',
  });
  const template = h('textarea', {
    id: 'new-source',
    name: 'source',
    className: 'source',
    rows: 18,
    spellcheck: false,
    dir: 'auto',
  });
  let edited = false;
  const fill = () => {
    if (edited) return;
    const today = new Date().toISOString().slice(0, 10);
    template.value = articleTemplate(
      langSelect.value as StudioLang,
      id.value.trim() || 'new-article',
      title.value.trim(),
      today,
    );
  };
  template.addEventListener('input', () => (edited = true));
  for (const input of [id, title, langSelect]) input.addEventListener('input', fill);
  langSelect.addEventListener('change', fill);
  fill();

  const submit = h('button', { type: 'submit', className: 'primary' }, 'Create draft');
  const form = h(
    'form',
    { className: 'card new-article', 'aria-labelledby': 'new-title-heading' },
    h('label', { for: 'new-lang' }, 'Language'),
    langSelect,
    h('label', { for: 'new-id' }, 'Article id (the file name)'),
    id,
    h(
      'p',
      { id: 'new-id-help', className: 'note' },
      'Lower-case letters, digits and hyphens, e.g. change-delivery-slot. The English and Arabic versions share it.',
    ),
    h('label', { for: 'new-title' }, 'Title'),
    title,
    h('label', { for: 'new-source' }, 'Markdown with front matter'),
    template,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    alert.hidden = true;
    const articleLang = langSelect.value as StudioLang;
    const articleId = id.value.trim();
    if (!ARTICLE_ID.test(articleId)) {
      alert.textContent = 'The id may use lower-case letters, digits and single hyphens.';
      alert.hidden = false;
      id.focus();
      return;
    }
    submit.disabled = true;
    const editor = `#/studio/${articleLang}/${articleId}`;
    studio
      .article(articleLang, articleId)
      .then(
        () => {
          alert.replaceChildren(
            `${articleLang}/${articleId}.md already exists. `,
            h('a', { href: editor }, 'Open it in the editor'),
            '.',
          );
          alert.hidden = false;
        },
        async (error: unknown) => {
          if (!(error instanceof ApiError && error.status === 404)) throw error;
          await studio.saveDraft(articleLang, articleId, template.value);
          go(editor);
        },
      )
      .catch((error: unknown) => showStudioError(error, alert, container))
      .finally(() => {
        submit.disabled = false;
      });
  });
  container.append(h('h1', { id: 'new-title-heading' }, 'New article'), alert, form);
}
