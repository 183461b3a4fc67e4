/**
 * The learning loop's store in process memory (tests, `--memory` mode): the same contract as
 * DynamoSuggestionStore (test/contract/suggestion-store.contract.ts).
 */
import type { LearningSignal, LearningSignalKey } from '#core/learning/learning-signal.ts';
import {
  checkDecision,
  checkSignal,
  MAX_SIGNALS,
  SuggestionDecidedError,
  SuggestionStore,
  type SuggestionDecision,
} from '#core/learning/suggestion-store.ts';
import type { Lang } from '#core/types.ts';

export class MemorySuggestionStore extends SuggestionStore {
  private readonly signalsById = new Map<string, LearningSignal>();
  private readonly decisionsById = new Map<string, SuggestionDecision>();

  override async addSignals(signals: readonly LearningSignal[]): Promise<void> {
    for (const signal of signals) checkSignal(signal);
    for (const signal of signals) this.signalsById.set(signal.id, structuredClone(signal));
  }

  override async signals(lang: Lang, limit = MAX_SIGNALS): Promise<LearningSignal[]> {
    return [...this.signalsById.values()]
      .filter((s) => s.lang === lang)
      .slice(0, limit)
      .map((s) => structuredClone(s));
  }

  override async deleteSignals(keys: readonly LearningSignalKey[]): Promise<number> {
    let deleted = 0;
    for (const { lang, id } of keys) {
      if (this.signalsById.get(id)?.lang === lang && this.signalsById.delete(id)) deleted++;
    }
    return deleted;
  }

  override async decide(decision: SuggestionDecision): Promise<SuggestionDecision> {
    checkDecision(decision);
    const existing = this.decisionsById.get(decision.id);
    if (existing) throw new SuggestionDecidedError(structuredClone(existing));
    this.decisionsById.set(decision.id, structuredClone(decision));
    return structuredClone(decision);
  }

  override async decisions(lang?: Lang): Promise<SuggestionDecision[]> {
    return [...this.decisionsById.values()]
      .filter((d) => !lang || d.lang === lang)
      .map((d) => structuredClone(d));
  }
}
