import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '#core/knowledge/article.ts';
import { loadCollection } from '#core/knowledge/load-collection.ts';
import { buildIndexArtifact } from '#core/retrieval/build-index.ts';
import { DEFAULT_THRESHOLDS } from '#core/retrieval/default-thresholds.ts';
import { KnowledgeIndex } from '#core/retrieval/knowledge-index.ts';
import type { Decision } from '#core/types.ts';
import { cpuTimed, RUNAWAY_MS } from '../../../helpers/runaway.ts';

const fixtureDir = fileURLToPath(new URL('../../../fixtures/retrieval', import.meta.url));
const labelled = readFileSync(`${fixtureDir}/questions.jsonl`, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as { id: string; question: string; answers: string[] });

let articles: Article[];
let index: KnowledgeIndex;
const decide = (text: string, lang?: 'en' | 'ar'): Decision =>
  index.decide({ text, ...(lang ? { lang } : {}) }, DEFAULT_THRESHOLDS);
const topId = (d: Decision): string | undefined => d.candidates[0]?.articleId;

beforeAll(async () => {
  ({ articles } = await loadCollection(fixtureDir));
  index = KnowledgeIndex.load(buildIndexArtifact(articles, { now: new Date('2026-01-01') }));
});

describe('KnowledgeIndex.decide on the labelled fixture', () => {
  it('ranks the right article first for every answerable question', () => {
    const answerable = labelled.filter((q) => q.answers.length > 0);
    const wrong = answerable.filter((q) => !q.answers.includes(topId(decide(q.question)) ?? ''));
    expect(wrong.map((q) => q.id)).toEqual([]);
  });

  it('answers most answerable questions outright and escalates most unanswerable ones', () => {
    const answerable = labelled.filter((q) => q.answers.length > 0);
    const unanswerable = labelled.filter((q) => q.answers.length === 0);
    const answered = answerable.filter((q) => decide(q.question).kind === 'answer').length;
    const escalated = unanswerable.filter((q) => decide(q.question).kind === 'escalate').length;
    expect(answered / answerable.length).toBeGreaterThanOrEqual(0.9);
    expect(escalated / unanswerable.length).toBeGreaterThanOrEqual(0.6);
  });

  it('escalates a question about something the help centre does not cover', () => {
    const decision = decide('recommend a good italian restaurant');
    expect(decision.kind).toBe('escalate');
    expect(decision.kind === 'escalate' && decision.reason).toMatch(/low-confidence|no-match/);
  });

  it('gives every candidate a confidence in [0, 1], best first, at most 5', () => {
    for (const q of labelled) {
      const d = decide(q.question);
      expect(d.candidates.length).toBeLessThanOrEqual(5);
      for (const c of d.candidates) expect(c.confidence).toBeGreaterThanOrEqual(0);
      for (const c of d.candidates) expect(c.confidence).toBeLessThanOrEqual(1);
      const confidences = d.candidates.map((c) => c.confidence);
      expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
      expect(d.confidence).toBe(d.candidates[0]?.confidence ?? 0);
    }
  });

  it('is more confident for a close paraphrase than for a vague question', () => {
    const close = decide('how do I reset my password').confidence;
    const vague = decide('password question about the weather').confidence;
    expect(close).toBeGreaterThan(vague);
  });

  it('clarifies between two close articles when the thresholds make it a close call', () => {
    const d = index.decide({ text: 'order' }, { answer: 1.01, clarify: 0, clarifyMargin: 1 });
    expect(d.kind).toBe('clarify');
    if (d.kind === 'clarify') {
      expect(d.options.length).toBeGreaterThanOrEqual(2);
      expect(d.options.length).toBeLessThanOrEqual(3);
      expect(d.options[0]).toEqual(d.candidates[0]);
    }
  });

  it('explains the decision with query terms, matched terms and fields', () => {
    const d = decide('reset my password');
    expect(d.explanation.queryTerms).toEqual(['reset', 'password']);
    expect(d.explanation.matchedTerms).toEqual(['password', 'reset']);
    expect(d.explanation.fields).toContain('question');
    expect(d.explanation.lang).toBe('en');
    expect(d.explanation.langSource).toBe('script');
  });

  it('fills the answer candidate with title, section, snippet, summary and URL', () => {
    const d = decide('the reset link expired');
    expect(d.kind).toBe('answer');
    const c = d.candidates[0];
    expect(c?.articleId).toBe('reset-password');
    expect(c?.url).toMatch(/^\/help\/en\/reset-password(#[a-z-]+)?$/);
    expect(c?.summary).toMatch(/Forgot password/);
    expect(c?.snippet.length).toBeGreaterThan(0);
  });
});

describe('KnowledgeIndex.decide on hostile input', () => {
  it('treats Lunr query syntax in a question as plain text', () => {
    const plain = decide('reset password');
    const noisy = decide('reset: password^2 ~*+-');
    expect(topId(noisy)).toBe(topId(plain));
    expect(noisy.kind).toBe(plain.kind);
    for (const text of ['title:reset', 'pass*', '+reset -password', 'reset~2', '^^^', ':']) {
      expect(() => decide(text)).not.toThrow();
    }
  });

  it('escalates empty, blank and emoji-only questions as empty-question', () => {
    for (const text of ['', '   \n\t', '🙂🙂🔥', '?!...']) {
      const d = decide(text);
      expect(d.kind).toBe('escalate');
      expect(d.kind === 'escalate' && d.reason).toBe('empty-question');
      expect(d.candidates).toEqual([]);
    }
  });

  it('decides a 10 KB question quickly and notes that it was cut', () => {
    const long = 'my password reset link expired again and again '.repeat(220);
    expect(long.length).toBeGreaterThan(10_000);
    const { result: d, ms } = cpuTimed(() => decide(long));
    expect(ms).toBeLessThan(RUNAWAY_MS);
    expect(topId(d)).toBe('reset-password');
  });

  it('escalates with no-match when no article shares a word with the question', () => {
    const d = decide('xylophone zeppelin quasar');
    expect(d.kind).toBe('escalate');
    expect(d.kind === 'escalate' && d.reason).toBe('no-match');
  });
});

describe('KnowledgeIndex.decide in Arabic', () => {
  it('matches questions with diacritics the same as without', () => {
    const marked = decide('كَيْفَ أُعِيدُ تَعْيِينَ كَلِمَةِ المُرُورِ؟');
    const bare = decide('كيف اعيد تعيين كلمة المرور');
    expect(topId(marked)).toBe('reset-password');
    expect(topId(bare)).toBe('reset-password');
    expect(marked.confidence).toBeCloseTo(bare.confidence, 6);
  });

  it('matches alef variants, taa marbuta written as haa, and attached particles', () => {
    expect(topId(decide('إلغاء الطلب'))).toBe('cancel-order');
    expect(topId(decide('الغاء الطلب'))).toBe('cancel-order');
    expect(topId(decide('اريد رقم التتبع للشحنه'))).toBe('track-order');
    expect(topId(decide('وبكلمة المرور'))).toBe('reset-password');
  });

  it('answers in the Arabic collection with Arabic URLs', () => {
    const d = decide('نسيت كلمة المرور');
    expect(d.kind).toBe('answer');
    expect(d.explanation.lang).toBe('ar');
    expect(d.candidates[0]?.url).toMatch(/^\/help\/ar\/reset-password/);
  });

  it('uses the language hint over the script', () => {
    const d = decide('password', 'ar');
    expect(d.explanation.lang).toBe('ar');
    expect(d.explanation.langSource).toBe('hint');
  });
});

describe('IndexArtifact', () => {
  it('round-trips through JSON with the same decisions', () => {
    const artifact = buildIndexArtifact(articles);
    const fromObject = KnowledgeIndex.load(artifact);
    const fromJson = KnowledgeIndex.load(JSON.parse(JSON.stringify(artifact)));
    const fromString = KnowledgeIndex.load(JSON.stringify(artifact));
    for (const q of labelled) {
      const a = fromObject.decide({ text: q.question }, DEFAULT_THRESHOLDS);
      expect(fromJson.decide({ text: q.question }, DEFAULT_THRESHOLDS)).toEqual(a);
      expect(fromString.decide({ text: q.question }, DEFAULT_THRESHOLDS)).toEqual(a);
    }
  });

  it('is deterministic: same hash and same content for the same articles in any order', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const a = buildIndexArtifact(articles, { now });
    const b = buildIndexArtifact([...articles].reverse(), { now });
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(b.hash).toBe(a.hash);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(a.builtAt).toBe('2026-01-01T00:00:00.000Z');
    expect(a.langs).toEqual(['en', 'ar']);
    expect(a.articleCount).toBe(articles.length);
  });

  it('changes its hash when an article changes', () => {
    const changed = articles.map((x, i) => (i === 0 ? { ...x, title: `${x.title}!` } : x));
    expect(buildIndexArtifact(changed).hash).not.toBe(buildIndexArtifact(articles).hash);
  });

  it('reports progress per article and exposes meta and article lookup', () => {
    const seen: number[] = [];
    const artifact = buildIndexArtifact(articles, { onProgress: (done) => seen.push(done) });
    expect(seen).toEqual(articles.map((_, i) => i + 1));
    const loaded = KnowledgeIndex.load(artifact);
    expect(loaded.meta).toMatchObject({
      hash: artifact.hash,
      articleCount: 7,
      langs: ['en', 'ar'],
    });
    expect(loaded.article('ar', 'track-order')?.title).toBe('تتبع طلبك');
    expect(loaded.article('en', 'nope')).toBeUndefined();
  });

  it('refuses a malformed artifact with a KnowledgeError', () => {
    expect(() => KnowledgeIndex.load('{not json')).toThrow(/not valid JSON/);
    expect(() => KnowledgeIndex.load('{"version":99}')).toThrow(/unsupported version/);
  });
});
