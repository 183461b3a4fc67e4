/**
 * The learning-loop replay (bench/replay-learning.ts runs it on the whole customer set; the
 * integration test on a few questions). Steps:
 *  1. Day 1, before: the learning stream's customers ask the real conversation service (memory
 *     stores, the index of the collection as it is); they pick from "did you mean", staff answer
 *     tickets and mark the answering article, wrong answers get a thumbs down (customer-turn.ts).
 *  2. The analytics settle; a writer accepts every "add this phrasing" suggestion of each
 *     language (none dismissed; "write an article" suggestions are counted, not acted on).
 *  3. The accepted phrasings go into an in-memory copy of the articles and a new index is built
 *     and published (apply-phrasings.ts) — what the studio's publish does.
 *  4. Day 2, after: the learning stream asks again on the same app, so the per-article effect
 *     compares day 2 with day 1. The held-out stream is measured before and after on fresh apps
 *     of its own, so nothing it does feeds the loop.
 * Clock, ids and session ids are fixed, so every run gives the same result.
 */
import { loadConfig, type Config } from '#app/config.ts';
import { createApp, type App } from '#app/create-app.ts';
import { MemoryLogger } from '#adapters/log/json-logger.ts';
import { addDays } from '#core/analytics/days.ts';
import type { Article } from '#core/knowledge/article.ts';
import { articleCatalogOf } from '#core/learning/article-catalog.ts';
import type { ArticleEffect } from '#core/learning/article-effect.ts';
import { normalizePhrasing } from '#core/learning/phrasing.ts';
import type { KnowledgeIndex } from '#core/retrieval/knowledge-index.ts';
import { LANGS, type Lang } from '#core/types.ts';
import { publishIndex, withAcceptedPhrasings, type AppliedPhrasings } from './apply-phrasings.ts';
import type { CustomerQuestion, CustomerStreams } from './customer-set.ts';
import {
  noActions,
  replayCustomer,
  type QuestionOutcome,
  type ReplayActions,
} from './customer-turn.ts';
import { PublishedKnowledge } from './published-knowledge.ts';
import { CounterIds, ReplayClock } from './replay-clock.ts';
import { tallyStream, type StreamTally } from './tally.ts';

export interface ReplayOptions {
  streams: CustomerStreams;
  /** The parsed collection (loadCollection(knowledge/)); it is copied, never changed. */
  articles: readonly Article[];
  /** Day 1 (YYYY-MM-DD); the loop's changes are published for day 2. */
  day?: string;
  /**
   * The index of `articles` as published today, when the caller has it already (tests reuse
   * the shared fixture); built from `articles` otherwise.
   */
  beforeIndex?: KnowledgeIndex;
  /** Extra configuration (e.g. MUJIB_THRESHOLD_*) on top of the local defaults. */
  env?: Record<string, string>;
}

/** An accepted "add this phrasing" suggestion and the learning-stream questions behind it. */
export interface AcceptedSuggestion {
  id: string;
  lang: Lang;
  articleId: string;
  phrasing: string;
  count: number;
  picked: number;
  answeredBy: number;
  rankedFirst: number;
  thumbsDown: number;
  questionIds: string[];
}

export interface StreamReplay {
  questions: number;
  before: { outcomes: QuestionOutcome[]; tally: StreamTally };
  after: { outcomes: QuestionOutcome[]; tally: StreamTally };
}

export interface ReplayResult {
  days: { before: string; after: string };
  /** What customers and staff did on day 1 (the loop's input) and on day 2. */
  actions: { before: ReplayActions; after: ReplayActions };
  suggestions: {
    phrasing: Record<Lang, number>;
    article: Record<Lang, number>;
    /** Example questions of the "write an article" suggestions, by scope of the question. */
    articleExamples: { outOfScope: number; inScope: number; unknown: number };
  };
  accepted: AcceptedSuggestion[];
  dismissed: number;
  /** Accepted phrasings that are held-out questions too (must be 0: the split is by text). */
  heldOutLeaks: number;
  applied: Pick<AppliedPhrasings, 'applied' | 'skipped' | 'newLintErrors'>;
  learning: StreamReplay;
  heldOut: StreamReplay;
  /** Per article that got phrasings: day 2 against day 1 (learning.effect). */
  effects: ArticleEffect[];
  /** Error lines the apps logged (expected 0). */
  loggedErrors: number;
}

const WRITER = 'replay-writer';
const LOCAL_ENV = { MUJIB_MODE: 'local', MUJIB_LOG_LEVEL: 'error', MUJIB_TURN_QUEUE_FILE: 'off' };

export async function runReplay(options: ReplayOptions): Promise<ReplayResult> {
  const { streams, articles } = options;
  const day1 = options.day ?? '2027-01-11';
  const day2 = addDays(day1, 1);
  const config = loadConfig({ ...LOCAL_ENV, ...options.env });
  const beforeIndex = options.beforeIndex ?? publishIndex(articles, dayStart(day1));

  // 1. Day 1 on the app the loop lives in.
  const clock = new ReplayClock(day1);
  const knowledge = new PublishedKnowledge(beforeIndex);
  const logger = new MemoryLogger();
  const app = createApp(config, {
    store: 'memory',
    knowledge,
    clock,
    ids: new CounterIds('replay'),
    logger,
    articleCatalog: articleCatalogOf(articles),
  });
  const dayOneActions = noActions();
  const learningBefore = await replayStream(app, clock, streams.learning, 'd1', dayOneActions);
  await app.settleAnalytics();

  // 2. A writer accepts every phrasing suggestion.
  const suggestions = await acceptPhrasings(app, streams);

  // 3. Publish the accepted phrasings.
  const changed = withAcceptedPhrasings(articles, suggestions.accepted);
  await checkAcceptedPhrasings(app, changed);
  const afterIndex = publishIndex(changed.articles, dayStart(day2));
  knowledge.publish(afterIndex);

  // 4. Day 2: the learning stream again, then the per-article effect.
  clock.startDay(day2);
  const dayTwoActions = noActions();
  const learningAfter = await replayStream(app, clock, streams.learning, 'd2', dayTwoActions);
  await app.settleAnalytics();
  const changedArticles = [...new Set(changed.applied.map((a) => a.articleId))].sort();
  const effects: ArticleEffect[] = [];
  for (const articleId of changedArticles) effects.push(await app.learning.effect(articleId, day2));

  const heldOutBefore = await measureApart(config, beforeIndex, streams.heldOut, day1);
  const heldOutAfter = await measureApart(config, afterIndex, streams.heldOut, day2);

  return {
    days: { before: day1, after: day2 },
    actions: { before: dayOneActions, after: dayTwoActions },
    suggestions: suggestions.counts,
    accepted: suggestions.accepted,
    dismissed: 0,
    heldOutLeaks: heldOutLeaks(suggestions.accepted, streams.heldOut),
    applied: {
      applied: changed.applied,
      skipped: changed.skipped,
      newLintErrors: changed.newLintErrors,
    },
    learning: stream(streams.learning, learningBefore, learningAfter),
    heldOut: stream(streams.heldOut, heldOutBefore.outcomes, heldOutAfter.outcomes),
    effects,
    loggedErrors: errorsIn(logger) + heldOutBefore.loggedErrors + heldOutAfter.loggedErrors,
  };
}

/** Each question as a new conversation, one second apart. */
async function replayStream(
  app: App,
  clock: ReplayClock,
  questions: readonly CustomerQuestion[],
  sessionPrefix: string,
  actions: ReplayActions,
): Promise<QuestionOutcome[]> {
  const outcomes: QuestionOutcome[] = [];
  for (const q of questions) {
    clock.tick();
    outcomes.push(await replayCustomer(app, q, `${sessionPrefix}-${q.id}`, actions));
  }
  return outcomes;
}

/** A stream on an app of its own (same customers and staff), so it cannot feed the loop. */
async function measureApart(
  config: Config,
  index: KnowledgeIndex,
  questions: readonly CustomerQuestion[],
  day: string,
): Promise<{ outcomes: QuestionOutcome[]; loggedErrors: number }> {
  const clock = new ReplayClock(day);
  const logger = new MemoryLogger();
  const app = createApp(config, {
    store: 'memory',
    knowledge: new PublishedKnowledge(index),
    clock,
    ids: new CounterIds('held-out'),
    logger,
  });
  const outcomes = await replayStream(app, clock, questions, `h-${day}`, noActions());
  await app.settleAnalytics();
  return { outcomes, loggedErrors: errorsIn(logger) };
}

async function acceptPhrasings(app: App, streams: CustomerStreams) {
  const counts: ReplayResult['suggestions'] = {
    phrasing: { en: 0, ar: 0 },
    article: { en: 0, ar: 0 },
    articleExamples: { outOfScope: 0, inScope: 0, unknown: 0 },
  };
  const scopeOf = new Map(
    streams.learning.map((q) => [normalizePhrasing(q.question), q.answers.length > 0]),
  );
  const accepted: AcceptedSuggestion[] = [];
  for (const lang of LANGS) {
    const { items } = await app.learning.suggestions(lang);
    for (const s of items) {
      if (s.kind === 'article') {
        counts.article[lang]++;
        for (const example of s.examples) {
          const inScope = scopeOf.get(normalizePhrasing(example));
          if (inScope === undefined) counts.articleExamples.unknown++;
          else if (inScope) counts.articleExamples.inScope++;
          else counts.articleExamples.outOfScope++;
        }
        continue;
      }
      counts.phrasing[lang]++;
      const { decision } = await app.learning.accept(s.id, WRITER);
      const normalized = normalizePhrasing(decision.phrasing ?? s.phrasing);
      accepted.push({
        id: s.id,
        lang: decision.lang,
        articleId: s.articleId,
        phrasing: decision.phrasing ?? s.phrasing,
        count: s.count,
        picked: s.picked,
        answeredBy: s.answeredBy,
        rankedFirst: s.rankedFirst,
        thumbsDown: s.thumbsDown,
        questionIds: streams.learning
          .filter((q) => normalizePhrasing(q.question) === normalized)
          .map((q) => q.id),
      });
    }
  }
  return { counts, accepted };
}

/**
 * The phrasings the service says were accepted for each article are the ones applied (or
 * skipped as already listed): the replay publishes what the publishing path would merge.
 */
async function checkAcceptedPhrasings(app: App, changed: AppliedPhrasings): Promise<void> {
  const decided = [...changed.applied, ...changed.skipped];
  for (const articleId of new Set(decided.map((a) => a.articleId))) {
    const fromService = (await app.learning.acceptedPhrasings(articleId)).sort();
    const ours = decided
      .filter((a) => a.articleId === articleId)
      .map((a) => a.phrasing)
      .sort();
    if (JSON.stringify(fromService) !== JSON.stringify(ours)) {
      throw new Error(`accepted phrasings of ${articleId} differ from the service's`);
    }
  }
}

function heldOutLeaks(
  accepted: readonly AcceptedSuggestion[],
  heldOut: readonly CustomerQuestion[],
) {
  const held = new Set(heldOut.map((q) => normalizePhrasing(q.question)));
  return accepted.filter((a) => held.has(normalizePhrasing(a.phrasing))).length;
}

function stream(
  questions: readonly CustomerQuestion[],
  before: QuestionOutcome[],
  after: QuestionOutcome[],
): StreamReplay {
  return {
    questions: questions.length,
    before: { outcomes: before, tally: tallyStream(questions, before) },
    after: { outcomes: after, tally: tallyStream(questions, after) },
  };
}

function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

function errorsIn(logger: MemoryLogger): number {
  return logger.lines.filter((l) => l.level === 'error').length;
}
