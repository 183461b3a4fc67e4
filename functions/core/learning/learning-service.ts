/**
 * The learning loop for writers: the pending suggestions of a language, accepting (optionally
 * with an edited phrasing) or dismissing one — recorded with who and when, never applied to the
 * live index here — and the effect of a change on an article.
 */
import { addDays, dayCount, dayOf, isDay } from '../analytics/days.ts';
import type { GapReportService } from '../analytics/gap-report.ts';
import type { StatsStore } from '../analytics/stats-store.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { Clock } from '../ports.ts';
import { LANGS, type Lang } from '../types.ts';
import type { ArticleCatalog } from './article-catalog.ts';
import { compareWindows, effectWindow, type ArticleEffect } from './article-effect.ts';
import { buildSuggestions, type Suggestion } from './build-suggestions.ts';
import {
  isSuggestionId,
  SuggestionDecidedError,
  type SuggestionDecision,
  type SuggestionStore,
} from './suggestion-store.ts';

export interface LearningServiceDeps {
  store: SuggestionStore;
  gapReport: Pick<GapReportService, 'clusters'>;
  stats: StatsStore;
  clock: Clock;
  catalog?: ArticleCatalog;
}

/** Days of gap questions the "write an article" suggestions look back over. */
export const SUGGESTION_GAP_DAYS = 90;
export const MAX_PHRASING_CHARS = 300;
/** Longest window compared on each side of a change. */
export const MAX_EFFECT_DAYS = 183;

export interface DecisionResult {
  decision: SuggestionDecision;
  suggestion: Suggestion;
  /** Accepted phrasing: the text to add to the article's `questions` when it is next published. */
  phrasingToAdd?: string;
}

export class LearningService {
  constructor(private readonly deps: LearningServiceDeps) {}

  async suggestions(langText: string | undefined): Promise<{ lang: Lang; items: Suggestion[] }> {
    const lang = checkLang(langText ?? 'en');
    const { store, gapReport, catalog } = this.deps;
    const [signals, decisions, articleQuestions] = await Promise.all([
      store.signals(lang),
      store.decisions(lang),
      catalog?.questions(lang),
    ]);
    // A question staff answered with an article becomes a phrasing suggestion, not also a
    // "write an article about it" one.
    const answeredTickets = new Set(
      signals.flatMap((s) => (s.kind === 'answered-by' && s.ticketRef ? [s.ticketRef] : [])),
    );
    const report = await gapReport.clusters({ lang, days: SUGGESTION_GAP_DAYS, answeredTickets });
    const items = buildSuggestions({
      lang,
      signals,
      decisions,
      clusters: report.clusters,
      ...(articleQuestions ? { articleQuestions } : {}),
    });
    return { lang, items };
  }

  /** Accepts a pending suggestion; `phrasing` replaces the suggested wording (a writer's edit). */
  async accept(id: string, by: string, phrasing?: string): Promise<DecisionResult> {
    const suggestion = await this.pending(id);
    let text: string | undefined;
    if (suggestion.kind === 'phrasing') {
      text = (phrasing ?? suggestion.phrasing).trim();
      if (!text || text.length > MAX_PHRASING_CHARS) {
        throw new ValidationError(`phrasing must be 1 to ${MAX_PHRASING_CHARS} characters`, {
          field: 'phrasing',
        });
      }
    } else if (phrasing !== undefined) {
      throw new ValidationError('only a phrasing suggestion takes an edited phrasing');
    }
    const decision = await this.deps.store.decide({
      id,
      kind: suggestion.kind,
      status: 'accepted',
      lang: suggestion.lang,
      ...(suggestion.kind === 'phrasing' ? { articleId: suggestion.articleId } : {}),
      ...(text ? { phrasing: text } : {}),
      by,
      at: this.deps.clock.now().toISOString(),
    });
    return { decision, suggestion, ...(text ? { phrasingToAdd: text } : {}) };
  }

  async dismiss(id: string, by: string): Promise<DecisionResult> {
    const suggestion = await this.pending(id);
    const decision = await this.deps.store.decide({
      id,
      kind: suggestion.kind,
      status: 'dismissed',
      lang: suggestion.lang,
      ...(suggestion.kind === 'phrasing' ? { articleId: suggestion.articleId } : {}),
      by,
      at: this.deps.clock.now().toISOString(),
    });
    return { decision, suggestion };
  }

  /** The phrasings accepted for an article (for the publishing path to merge). */
  acceptedPhrasings(articleId: string): Promise<string[]> {
    return this.deps.store.acceptedPhrasings(articleId);
  }

  /** Every accepted phrasing with its article and language (the studio's test-all asks them). */
  async acceptedPhrasingList(): Promise<{ articleId: string; lang: Lang; phrasing: string }[]> {
    return (await this.deps.store.decisions())
      .filter((d) => d.status === 'accepted' && d.articleId && d.phrasing)
      .sort((a, b) => a.at.localeCompare(b.at))
      .map((d) => ({ articleId: d.articleId!, lang: d.lang, phrasing: d.phrasing! }));
  }

  /**
   * Containment and escalations of `articleId` from `since` to today against the same number
   * of days just before `since` (each side at most MAX_EFFECT_DAYS).
   */
  async effect(articleId: string, since: string | undefined): Promise<ArticleEffect> {
    if (!/^[\w.-]{1,120}$/.test(articleId)) {
      throw new ValidationError('article id is not valid', { field: 'articleId' });
    }
    if (!since || !isDay(since)) {
      throw new ValidationError('since must be a day (YYYY-MM-DD)', { field: 'since' });
    }
    const today = dayOf(this.deps.clock.now());
    if (since > today) throw new ValidationError('since must not be in the future');
    const days = Math.min(MAX_EFFECT_DAYS, dayCount(since, today));
    const afterTo = addDays(since, days - 1);
    const beforeFrom = addDays(since, -days);
    const beforeTo = addDays(since, -1);
    const [beforeRows, afterRows] = await Promise.all([
      this.deps.stats.articleCounters(beforeFrom, beforeTo),
      this.deps.stats.articleCounters(since, afterTo),
    ]);
    return compareWindows(
      articleId,
      since,
      effectWindow(articleId, beforeRows, beforeFrom, beforeTo),
      effectWindow(articleId, afterRows, since, afterTo),
    );
  }

  /** The pending suggestion `id` (of any language); NotFoundError, or SuggestionDecidedError. */
  private async pending(id: string): Promise<Suggestion> {
    if (!isSuggestionId(id)) throw new NotFoundError('no such suggestion', { id: id.slice(0, 40) });
    const decided = (await this.deps.store.decisions()).find((d) => d.id === id);
    if (decided) throw new SuggestionDecidedError(decided);
    for (const lang of LANGS) {
      const found = (await this.suggestions(lang)).items.find((s) => s.id === id);
      if (found) return found;
    }
    throw new NotFoundError('no such suggestion (it may have gone stale)', { id });
  }
}

function checkLang(text: string): Lang {
  if (!(LANGS as readonly string[]).includes(text)) {
    throw new ValidationError(`lang must be one of ${LANGS.join(', ')}`, { field: 'lang' });
  }
  return text as Lang;
}
