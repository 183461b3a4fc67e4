/**
 * The learning-loop replay benchmark (bench/replay-learning.ts) on a tiny slice of our customer
 * set: customers' picks, staff "answered by article" marks and thumbs down become suggestions, a
 * writer accepts the phrasings, the republished in-memory index answers a question it escalated
 * the day before, and off-topic questions never become phrasings. Plus the split's contract.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '#core/knowledge/article.ts';
import { loadCollection } from '#core/knowledge/load-collection.ts';
import {
  readCustomerSet,
  splitStreams,
  type CustomerQuestion,
} from '../../../bench/replay/customer-set.ts';
import { runReplay, type ReplayResult } from '../../../bench/replay/run-replay.ts';
import { indexFor } from '../../helpers/knowledge.ts';

const SET = 'bench/help-centre/questions.jsonl';
/** Ids from the set, chosen for what the bot does with them on the sample help centre. */
const LEARNING_IDS = {
  escalated: 'maghrebi-09', // escalates; staff mark shipping-options-and-costs
  clarified: 'msa-23', // "did you mean" offers return-policy first; the customer picks it
  wrong: 'en-20', // answered with another article; thumbs down
  offTopic: 'oos-far-en-01', // escalates; staff reply, no article
};
const HELD_OUT_IDS = ['msa-01', 'en-02', 'oos-far-ar-01'];

let set: CustomerQuestion[];
let articles: Article[];
let result: ReplayResult;
let questionsBefore: string;

const byId = (id: string): CustomerQuestion => {
  const q = set.find((x) => x.id === id);
  if (!q) throw new Error(`${id} is not in ${SET}`);
  return q;
};

beforeAll(async () => {
  set = await readCustomerSet(SET);
  articles = (await loadCollection('knowledge')).articles;
  questionsBefore = JSON.stringify(articles.map((a) => a.questions));
  result = await runReplay({
    streams: {
      learning: Object.values(LEARNING_IDS).map(byId),
      heldOut: HELD_OUT_IDS.map(byId),
    },
    articles,
    beforeIndex: await indexFor(),
  });
});

describe('the learning-loop replay', () => {
  it('turns day 1 picks and staff marks into accepted phrasings, and off-topic tickets into none', () => {
    expect(result.actions.before).toEqual({
      picks: 1,
      answeredByMarks: 1,
      thumbsDown: 1,
      outOfScopeTickets: 1,
    });
    const fromQuestions = result.accepted.flatMap((a) => a.questionIds).sort();
    expect(fromQuestions).toEqual([LEARNING_IDS.clarified, LEARNING_IDS.escalated].sort());
    for (const accepted of result.accepted) {
      const q = byId(accepted.questionIds[0]!);
      expect(q.answers).toContain(accepted.articleId);
      expect(accepted.phrasing).toBe(q.question);
    }
    const escalated = result.accepted.find((a) => a.questionIds[0] === LEARNING_IDS.escalated);
    expect(escalated).toMatchObject({ lang: 'ar', answeredBy: 1, picked: 0 });
    expect(result.dismissed).toBe(0);
    expect(result.applied.applied).toHaveLength(result.accepted.length);
    expect(result.applied.skipped).toEqual([]);
    expect(result.applied.newLintErrors).toBe(0);
    expect(result.heldOutLeaks).toBe(0);
    expect(result.loggedErrors).toBe(0);
    // The off-topic escalation is a "write an article" gap, not a phrasing.
    expect(result.suggestions.articleExamples.outOfScope).toBeGreaterThanOrEqual(1);
  });

  it('answers on day 2, from the republished index, a question it escalated on day 1', () => {
    const outcome = (when: 'before' | 'after', id: string) =>
      result.learning[when].outcomes.find((o) => o.id === id);

    expect(outcome('before', LEARNING_IDS.escalated)?.kind).toBe('escalated');
    expect(outcome('after', LEARNING_IDS.escalated)).toEqual({
      id: LEARNING_IDS.escalated,
      kind: 'answered-right',
      articleId: 'shipping-options-and-costs',
    });
    expect(outcome('before', LEARNING_IDS.clarified)?.kind).toBe('picked-right');
    expect(outcome('before', LEARNING_IDS.wrong)?.kind).toBe('answered-wrong');
    expect(outcome('after', LEARNING_IDS.offTopic)?.kind).toBe('escalated');
    const { before, after } = result.learning;
    expect(after.tally.total.contained).toBeGreaterThan(before.tally.total.contained);
    expect(after.tally.total.oosEscalated).toBe(before.tally.total.oosEscalated);
  });

  it("reports the changed articles' effect, day 2 against day 1, and never touches the articles", () => {
    const effect = result.effects.find((e) => e.articleId === 'shipping-options-and-costs');
    expect(effect).toMatchObject({
      since: result.days.after,
      // Day 1's escalation had another article on top, so it counts for that one.
      before: { from: result.days.before, answers: 0 },
      after: { answers: 1, escalations: 0 },
    });
    expect(JSON.stringify(articles.map((a) => a.questions))).toBe(questionsBefore);
    // The held-out stream is measured on apps of its own: both days, every question.
    expect(result.heldOut.before.outcomes.map((o) => o.id)).toEqual(HELD_OUT_IDS);
    expect(
      result.heldOut.after.tally.total.inScope + result.heldOut.after.tally.total.outOfScope,
    ).toBe(HELD_OUT_IDS.length);
  });
});

describe('the split of the customer set', () => {
  it('halves every language and slice by question hash, whatever the input order', () => {
    const streams = splitStreams(set);
    const reversed = splitStreams([...set].reverse());
    const groupSizes = (qs: readonly CustomerQuestion[]) => {
      const sizes = new Map<string, number>();
      for (const q of qs)
        sizes.set(`${q.lang}/${q.slice}`, (sizes.get(`${q.lang}/${q.slice}`) ?? 0) + 1);
      return sizes;
    };
    const all = groupSizes(set);
    const learning = groupSizes(streams.learning);

    expect(streams.learning.length + streams.heldOut.length).toBe(set.length);
    for (const [group, n] of all) expect(learning.get(group)).toBe(Math.ceil(n / 2));
    expect(reversed.learning.map((q) => q.id).sort()).toEqual(
      streams.learning.map((q) => q.id).sort(),
    );
    const heldOut = new Set(streams.heldOut.map((q) => q.question));
    expect(streams.learning.some((q) => heldOut.has(q.question))).toBe(false);
  });
});
