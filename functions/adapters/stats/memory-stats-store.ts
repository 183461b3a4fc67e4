/**
 * Analytics counters in memory (tests, `--memory` mode); the same contract as DynamoStatsStore.
 */
import {
  addCounts,
  checkGapQuestion,
  checkOrigin,
  checkUpdate,
  mergeUpdates,
  StatsStore,
  type ArticleCounters,
  type CounterUpdate,
  type Counts,
  type DayCounters,
  checkKeyed,
  type GapQuestion,
  type Grain,
  type IncrementOrigin,
  type IncrementResult,
  type KeyedCounters,
  type KeyedFamily,
  updateItemKey,
} from '#core/analytics/stats-store.ts';
import type { Lang } from '#core/types.ts';

export class MemoryStatsStore extends StatsStore {
  /** `dimension|day` → counts. */
  private readonly days = new Map<string, Counts>();
  /** `lang|articleId` → day → counts. */
  private readonly articles = new Map<string, Map<string, Counts>>();
  /** JSON `[family, dimension]` → key → day → counts. */
  private readonly keyed = new Map<string, Map<string, Map<string, Counts>>>();
  private readonly gaps = new Map<string, GapQuestion>();
  /** `item key|writer` → highest position applied (see IncrementOrigin). */
  private readonly watermarks = new Map<string, string>();

  override async increment(
    updates: CounterUpdate[],
    origin?: IncrementOrigin,
  ): Promise<IncrementResult> {
    updates.forEach(checkUpdate);
    if (origin) checkOrigin(origin);
    const result = { applied: 0, skipped: 0 };
    for (const update of mergeUpdates(updates)) {
      if (origin) {
        const key = `${updateItemKey(update)}|${origin.writer}`;
        const position = update.position ?? origin.position;
        const applied = this.watermarks.get(key);
        if (applied !== undefined && applied >= position) {
          result.skipped++;
          continue;
        }
        this.watermarks.set(key, position);
      }
      result.applied++;
      if (update.scope === 'day') {
        const key = `${update.dimension}|${update.day}`;
        this.days.set(key, addCounts(this.days.get(key) ?? {}, update.counts));
      } else if (update.scope === 'keyed') {
        const family = JSON.stringify([update.family, update.dimension]);
        const keys = this.keyed.get(family) ?? new Map<string, Map<string, Counts>>();
        const perDay = keys.get(update.key) ?? new Map<string, Counts>();
        perDay.set(update.day, addCounts(perDay.get(update.day) ?? {}, update.counts));
        keys.set(update.key, perDay);
        this.keyed.set(family, keys);
      } else {
        const key = `${update.lang}|${update.articleId}`;
        const perDay = this.articles.get(key) ?? new Map<string, Counts>();
        perDay.set(update.day, addCounts(perDay.get(update.day) ?? {}, update.counts));
        this.articles.set(key, perDay);
      }
    }
    return result;
  }

  override async dailyCounters(
    dimension: string,
    from: string,
    to: string,
    counters?: string[],
  ): Promise<DayCounters[]> {
    const prefix = `${dimension}|`;
    const only = (counts: Counts): Counts =>
      counters
        ? Object.fromEntries(Object.entries(counts).filter(([k]) => counters.includes(k)))
        : { ...counts };
    return [...this.days]
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, counts]) => ({ day: key.slice(prefix.length), counts: only(counts) }))
      .filter((row) => row.day >= from && row.day <= to)
      .sort((a, b) => (a.day < b.day ? -1 : 1));
  }

  override async articleCounters(
    from: string,
    to: string,
    lang?: Lang,
  ): Promise<ArticleCounters[]> {
    const rows: ArticleCounters[] = [];
    for (const [key, perDay] of this.articles) {
      const [articleLang, articleId] = key.split('|') as [Lang, string];
      if (lang && articleLang !== lang) continue;
      const counts: Counts = {};
      for (const [day, dayCounts] of perDay)
        if (day >= from && day <= to) addCounts(counts, dayCounts);
      if (Object.keys(counts).length) rows.push({ lang: articleLang, articleId, counts });
    }
    return rows;
  }

  override async keyedCounters(
    family: KeyedFamily,
    dimension: string,
    from: string,
    to: string,
    grain: Grain,
  ): Promise<KeyedCounters[]> {
    checkKeyed(family, dimension);
    const rows = new Map<string, KeyedCounters>();
    for (const [key, perDay] of this.keyed.get(JSON.stringify([family, dimension])) ?? []) {
      for (const [day, dayCounts] of perDay) {
        if (day < from || day > to) continue;
        const counts = Object.fromEntries(Object.entries(dayCounts).filter(([, n]) => n !== 0));
        if (Object.keys(counts).length === 0) continue;
        const period = grain === 'month' ? day.slice(0, 7) : day;
        const id = JSON.stringify([period, key]);
        const row = rows.get(id) ?? { period, key, counts: {} };
        addCounts(row.counts, counts);
        rows.set(id, row);
      }
    }
    return [...rows.values()];
  }

  override async addGapQuestion(question: GapQuestion): Promise<void> {
    checkGapQuestion(question);
    this.gaps.set(`${question.at}#${question.messageId}`, structuredClone(question));
  }

  /** Deletes the gap question of this turn; true if there was one (for MemoryCustomerDataStore). */
  deleteGapQuestion(at: string, messageId: string): boolean {
    return this.gaps.delete(`${at}#${messageId}`);
  }

  override async gapQuestions(
    lang: Lang,
    from: string,
    to: string,
    limit: number,
  ): Promise<GapQuestion[]> {
    return [...this.gaps.values()]
      .filter((q) => q.lang === lang && q.at.slice(0, 10) >= from && q.at.slice(0, 10) <= to)
      .sort((a, b) => (a.at === b.at ? (a.messageId < b.messageId ? 1 : -1) : a.at < b.at ? 1 : -1))
      .slice(0, limit)
      .map((q) => structuredClone(q));
  }
}
