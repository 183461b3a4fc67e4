/**
 * Content gaps in memory, for unit tests and `--memory` mode. Behaves like
 * DynamoContentGapStore (same contract suite): newest first, question and note redacted.
 */
import { ValidationError } from '#core/errors.ts';
import { ContentGapStore, type ContentGap } from '#core/ports.ts';
import {
  checkGap,
  checkLimit,
  DEFAULT_GAP_LIST_LIMIT,
  MAX_GAP_LIST_LIMIT,
} from '#core/tickets/store-rules.ts';
import { LANGS, type Lang } from '#core/types.ts';

export class MemoryContentGapStore extends ContentGapStore {
  private readonly gaps = new Map<string, ContentGap>();

  override async add(gap: ContentGap): Promise<void> {
    const stored = checkGap(gap);
    this.gaps.set(JSON.stringify([stored.lang, stored.id]), stored);
  }

  /** Newest first, at most `limit` (default 50). */
  override async list(options: { lang?: Lang; limit?: number } = {}): Promise<ContentGap[]> {
    const limit = checkLimit(options.limit, DEFAULT_GAP_LIST_LIMIT, MAX_GAP_LIST_LIMIT);
    if (options.lang !== undefined && !LANGS.includes(options.lang)) {
      throw new ValidationError(`unknown language: ${String(options.lang)}`, {
        lang: options.lang,
      });
    }
    return [...this.gaps.values()]
      .filter((g) => !options.lang || g.lang === options.lang)
      .sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
      .slice(0, limit)
      .map((g) => structuredClone(g));
  }
}
