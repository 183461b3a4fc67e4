/**
 * Pieces the studio pages share: the "needs the writer role" notice for a 403, the language
 * of a route, the direction attributes of an article's language and the status badges.
 */
import { h } from '../../shared/dom.ts';
import { showError } from '../show-error.ts';
import { ApiError } from '../staff-api.ts';
import { STUDIO_LANGS, type ArticleStatus, type StudioLang } from '../studio-types.ts';

export function studioLang(value: string | undefined): StudioLang {
  return (STUDIO_LANGS as readonly string[]).includes(value ?? '') ? (value as StudioLang) : 'en';
}

/** `lang` and `dir` for an element holding text of `lang` (Arabic right to left). */
export function langAttrs(lang: StudioLang): { lang: string; dir: string } {
  return { lang, dir: lang === 'ar' ? 'rtl' : 'ltr' };
}

export function isForbidden(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403;
}

/** The notice an agent sees on a writers-only page. */
export function writerRoleNotice(error: ApiError): HTMLElement {
  return h(
    'div',
    { className: 'card forbidden', role: 'alert' },
    h('h2', {}, 'This page needs the writer role'),
    h(
      'p',
      {},
      'The content studio and suggestions are for writers. You are signed in without the ',
      h('strong', {}, 'writer'),
      ' role, so you can work tickets but not change articles. Ask an administrator to add you to the writers group.',
    ),
    h('p', { className: 'muted' }, `Server: ${error.message} (HTTP ${error.status})`),
  );
}

/**
 * Shows an API failure: a 403 replaces the page body with the writer-role notice (in
 * `container`), anything else goes to the alert area as on every desk page.
 */
export function showStudioError(error: unknown, alert: HTMLElement, container?: HTMLElement) {
  if (isForbidden(error) && container) {
    container.querySelector('.forbidden')?.remove();
    const notice = writerRoleNotice(error as ApiError);
    container.replaceChildren(...[...container.children].filter((c) => c.tagName === 'H1'), notice);
    return;
  }
  showError(error, alert);
}

export type BadgeKind =
  | 'published'
  | 'draft'
  | 'rejected'
  | 'missing-translation'
  | 'out-of-date'
  | 'contradicts'
  | 'unpublished';

export const BADGE_LABELS: Record<BadgeKind, string> = {
  published: 'published',
  draft: 'draft',
  rejected: 'rejected',
  'missing-translation': 'missing translation',
  'out-of-date': 'out of date',
  contradicts: 'contradicts other language',
  unpublished: 'not published',
};

/** Every status an article has, in a fixed order. */
export function badgesOf(article: ArticleStatus): BadgeKind[] {
  const kinds: BadgeKind[] = [];
  kinds.push(article.published ? 'published' : 'unpublished');
  if (article.draft) kinds.push('draft');
  if (article.rejected) kinds.push('rejected');
  if (article.missingTranslation) kinds.push('missing-translation');
  if (article.outOfDate) kinds.push('out-of-date');
  if (article.contradicts.length > 0) kinds.push('contradicts');
  return kinds;
}

export function badge(kind: BadgeKind): HTMLElement {
  return h('span', { className: `badge ${kind}`, 'data-badge': kind }, BADGE_LABELS[kind]);
}

/** "2 errors, 1 warning" / "No problems". */
export function problemSummary(problems: readonly { severity: string }[]): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  if (problems.length === 0) return 'No problems.';
  const part = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${part(errors, 'error')}, ${part(warnings, 'warning')}.`;
}

/** The day (YYYY-MM-DD) of a history version id such as `20261202T071500123Z-ab12cd34`. */
export function versionDay(version: string | undefined): string | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T/.exec(version ?? '');
  return match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
}
