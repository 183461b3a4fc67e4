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
import { checkDays, DEFAULT_GAP_RETENTION_DAYS, gapWithExpiry } from '#core/privacy/retention.ts';

export class MemoryContentGapStore extends ContentGapStore {
  private readonly gaps = new Map<string, ContentGap>();
  private readonly retentionDays: number;

  constructor(options: { retentionDays?: number } = {}) {
    super();
    this.retentionDays = checkDays(
      options.retentionDays,
      DEFAULT_GAP_RETENTION_DAYS,
      'retentionDays',
    );
  }

  override async add(gap: ContentGap): Promise<void> {
    const stored = gapWithExpiry(checkGap(gap), this.retentionDays);
    this.gaps.set(JSON.stringify([stored.lang, stored.id]), stored);
  }

  /** Deletes the gaps suggested from these tickets; returns how many (for MemoryCustomerDataStore). */
  deleteForTickets(refs: readonly string[]): number {
    let deleted = 0;
    for (const [key, gap] of this.gaps) {
      if (gap.ticketRef !== undefined && refs.includes(gap.ticketRef) && this.gaps.delete(key)) {
        deleted++;
      }
    }
    return deleted;
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
