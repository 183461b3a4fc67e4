/**
 * The studio's article list for one language: every live article and every draft, with what a
 * writer needs to see at a glance — published or draft, rejected by the last rebuild (with its
 * lint messages), missing its translation, out of date (`updated` older than N days, or none),
 * and the facts that contradict the other language's version (compare-facts.ts).
 */
import type { Article } from '../knowledge/article.ts';
import { articleFacts, compareFacts, REFERENCE_LANG } from '../knowledge/compare-facts.ts';
import type { RejectedArticle } from '../knowledge/select-publishable.ts';
import type { Lang } from '../types.ts';
import { otherLang } from './studio-keys.ts';
import type { ArticleStatus, DraftRecord } from './studio-types.ts';

/** Days after `updated` an article counts as out of date (the default). */
export const DEFAULT_STALE_AFTER_DAYS = 180;
const DAY_MS = 86_400_000;

export interface StatusInputs {
  lang: Lang;
  /** Live articles of both languages, by file. */
  live: ReadonlyMap<string, Article>;
  /** Live files that did not parse into an article (still published). */
  unparsed: ReadonlySet<string>;
  /** Drafts of both languages, by file, with their parsed article when they parse. */
  drafts: ReadonlyMap<string, { record: DraftRecord; article?: Article }>;
  rejected: readonly RejectedArticle[];
  /** file → latest history version id. */
  versions: ReadonlyMap<string, string>;
  now: Date;
  staleAfterDays: number;
}

/**
 * One status per file of the language (live or draft), sorted by title.
 * @example articleStatuses({ lang: 'en', live, unparsed, drafts, rejected: [], versions, now, staleAfterDays: 180 })
 */
export function articleStatuses(inputs: StatusInputs): ArticleStatus[] {
  const { lang, live, unparsed, drafts } = inputs;
  const prefix = `${lang}/`;
  const files = new Set(
    [...live.keys(), ...unparsed, ...drafts.keys()].filter((f) => f.startsWith(prefix)),
  );
  const rejected = new Map(inputs.rejected.map((r) => [r.file, r]));
  const statuses = [...files].map((file): ArticleStatus => {
    const id = file.slice(prefix.length, -'.md'.length);
    const liveArticle = live.get(file);
    const draft = drafts.get(file);
    const shown = liveArticle ?? draft?.article;
    const other = `${otherLang(lang)}/${id}.md`;
    const otherLive = live.get(other);
    const rejection = rejected.get(file);
    const version = inputs.versions.get(file);
    return {
      file,
      id,
      lang,
      title: shown?.title ?? id,
      ...(shown?.owner ? { owner: shown.owner } : {}),
      ...(shown?.updated ? { updated: shown.updated } : {}),
      published: liveArticle !== undefined || unparsed.has(file),
      ...(draft ? { draft: { by: draft.record.by, at: draft.record.at } } : {}),
      ...(rejection
        ? {
            rejected: {
              problems: rejection.problems.map(({ line, severity, message }) => ({
                line,
                severity,
                message,
              })),
              serving: rejection.serving,
            },
          }
        : {}),
      missingTranslation: !live.has(other) && !unparsed.has(other) && !drafts.has(other),
      outOfDate: isOutOfDate(shown?.updated, inputs.now, inputs.staleAfterDays),
      contradicts: liveArticle && otherLive ? contradictions(liveArticle, otherLive) : [],
      ...(version ? { version } : {}),
    };
  });
  return statuses.sort(
    (a, b) => a.title.localeCompare(b.title, lang) || (a.file < b.file ? -1 : 1),
  );
}

/** True when `updated` is missing, not a date, or more than `days` days before `now`. */
export function isOutOfDate(updated: string | undefined, now: Date, days: number): boolean {
  if (!updated) return true;
  const time = Date.parse(`${updated}T00:00:00Z`);
  if (Number.isNaN(time)) return true;
  return now.getTime() - time > days * DAY_MS;
}

/** The facts on which `here` and `there` (the other language's version) differ. */
function contradictions(here: Article, there: Article): ArticleStatus['contradicts'] {
  const hereIsReference = here.lang === REFERENCE_LANG;
  const [reference, translation] = hereIsReference ? [here, there] : [there, here];
  return compareFacts(articleFacts(reference), articleFacts(translation)).map((d) => {
    const referenceText = d.reference?.display ?? '(not stated)';
    const translationText = d.translation?.display ?? '(not stated)';
    return {
      fact: d.kind,
      here: hereIsReference ? referenceText : translationText,
      there: hereIsReference ? translationText : referenceText,
    };
  });
}
