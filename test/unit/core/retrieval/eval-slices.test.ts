import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readQuestions, runEval } from '../../../../functions/cli/commands/eval.ts';
import type {
  LabelledQuestion,
  Prediction,
} from '../../../../functions/core/retrieval/eval-metrics.ts';
import { scoreGroups } from '../../../../functions/core/retrieval/eval-metrics.ts';

const article = (id: string, lang: string, title: string, body: string): string =>
  `---\nid: ${id}\ntitle: ${title}\nlang: ${lang}\nsummary: ${JSON.stringify(body)}\n---\n${body}\n`;

/** A tiny two-language help centre: three English articles, two Arabic. */
const ARTICLES: Record<string, string> = {
  'en/reset-password.md': article(
    'reset-password',
    'en',
    'Reset your password',
    'Forgot your password? Tap Forgot password on the sign-in page and open the reset link we email you.',
  ),
  'en/track-order.md': article(
    'track-order',
    'en',
    'Track your order',
    "Open Account, Orders and tap the order to follow your parcel and the courier's tracking updates.",
  ),
  'en/cancel-order.md': article(
    'cancel-order',
    'en',
    'Cancel an order',
    'You can cancel an order before it ships: open it in Account, Orders and tap Cancel items.',
  ),
  'ar/reset-password.md': article(
    'reset-password',
    'ar',
    'إعادة تعيين كلمة المرور',
    'نسيت كلمة المرور؟ اضغط على نسيت كلمة المرور في صفحة تسجيل الدخول وافتح رابط إعادة التعيين.',
  ),
  'ar/track-order.md': article(
    'track-order',
    'ar',
    'تتبع طلبك',
    'افتح حسابي ثم الطلبات واضغط على الطلب لمتابعة الشحنة وتحديثات التتبع من شركة التوصيل.',
  ),
};

/**
 * Outcomes chosen to be unambiguous for any sensible engine: exact topic words answer, words
 * found in no article escalate. One `plain` label is deliberately wrong (the bot answers
 * reset-password) and one `oos` question is answerable, so the slice rates are not all 100%.
 */
const QUESTIONS = [
  { id: 'p1', question: 'I forgot my password', answers: ['reset-password'], slice: 'plain' },
  { id: 'p2', question: 'track my order', answers: ['track-order'], slice: 'plain' },
  { id: 'p3', question: 'cancel my order', answers: ['cancel-order'], slice: 'plain' },
  { id: 'p4', question: 'reset my password', answers: ['track-order'], slice: 'plain' },
  {
    id: 'a1',
    question: 'نسيت كلمة المرور',
    answers: ['reset-password'],
    slice: 'arabic',
    lang: 'ar',
  },
  { id: 'a2', question: 'تتبع الطلب', answers: ['track-order'], slice: 'arabic', lang: 'ar' },
  { id: 'o1', question: 'zebra giraffe quantum', answers: [], slice: 'oos' },
  { id: 'o2', question: 'purple elephants dancing', answers: [], slice: 'oos' },
  { id: 'o3', question: 'how do I reset my password', answers: [], slice: 'oos' },
  { id: 'n1', question: 'cancel the order', answers: ['cancel-order'] },
];

describe('per-slice evaluation', () => {
  let dir: string;
  let questionsFile: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kb-eval-slices-'));
    for (const [file, text] of Object.entries(ARTICLES)) {
      await mkdir(join(dir, 'kb', file, '..'), { recursive: true });
      await writeFile(join(dir, 'kb', file), text);
    }
    questionsFile = join(dir, 'questions.jsonl');
    await writeFile(questionsFile, QUESTIONS.map((q) => JSON.stringify(q)).join('\n') + '\n');
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('kb eval --json reports every slice on its own, leaving out questions without one', async () => {
    // Prepare
    const out: string[] = [];

    // Act
    const code = await runEval(
      ['--articles', join(dir, 'kb'), '--questions', questionsFile, '--json'],
      (line) => out.push(line),
    );

    // Assess
    expect(code).toBe(0);
    const report = JSON.parse(out.join('\n')) as { questions: number; slices: unknown };
    expect(report.questions).toBe(10);
    expect(report.slices).toMatchObject({
      plain: {
        questions: 4,
        inScope: 4,
        outOfScope: 0,
        inScopeAccuracy: 0.75,
        outOfScopeRecall: null,
        top1: 0.75,
      },
      arabic: { questions: 2, inScope: 2, inScopeAccuracy: 1, outOfScopeRecall: null, top1: 1 },
      oos: {
        questions: 3,
        inScope: 0,
        outOfScope: 3,
        inScopeAccuracy: null,
        outOfScopeRecall: 0.6667,
        top1: null,
      },
    });
    expect(Object.keys(report.slices as object)).toEqual(['plain', 'arabic', 'oos']);
  });

  it('kb eval prints one line per slice after the overall metrics', async () => {
    const out: string[] = [];

    await runEval(['--articles', join(dir, 'kb'), '--questions', questionsFile], (line) =>
      out.push(line),
    );

    const text = out.join('\n');
    expect(text.indexOf('in-scope accuracy')).toBeLessThan(text.indexOf('slice'));
    expect(text).toMatch(/^slice\s+questions\s+in-scope\s+OOS-rec\s+top-1$/m);
    expect(text).toMatch(/^plain\s+4\s+75\.0%\s+-\s+75\.0%$/m);
    expect(text).toMatch(/^arabic\s+2\s+100\.0%\s+-\s+100\.0%$/m);
    expect(text).toMatch(/^oos\s+3\s+-\s+66\.7%\s+-$/m);
  });

  it('a set without slices prints no slice table and reports empty slices', async () => {
    const plain = join(dir, 'no-slices.jsonl');
    await writeFile(plain, '{"id":"x","question":"track my order","answers":["track-order"]}\n');
    const text: string[] = [];
    const json: string[] = [];

    await runEval(['--articles', join(dir, 'kb'), '--questions', plain], (l) => text.push(l));
    await runEval(['--articles', join(dir, 'kb'), '--questions', plain, '--json'], (l) =>
      json.push(l),
    );

    expect(text.join('\n')).not.toMatch(/^slice/m);
    expect((JSON.parse(json.join('\n')) as { slices: unknown }).slices).toEqual({});
  });

  it('reading questions keeps slice and lang, and names file:line for a bad lang', async () => {
    const questions = await readQuestions(questionsFile);
    expect(questions[4]).toEqual({
      id: 'a1',
      question: 'نسيت كلمة المرور',
      answers: ['reset-password'],
      slice: 'arabic',
      lang: 'ar',
    });
    expect(questions[9]).not.toHaveProperty('slice');

    const bad = join(dir, 'bad.jsonl');
    await writeFile(
      bad,
      '{"question":"a","answers":[]}\n{"question":"b","answers":[],"lang":"fr"}\n',
    );
    await expect(readQuestions(bad)).rejects.toThrow(/bad\.jsonl:2: "lang" must be one of en, ar/);
  });
});

describe('scoreGroups', () => {
  const q = (id: string, answers: string[], slice?: string): LabelledQuestion => ({
    id,
    question: id,
    answers,
    ...(slice !== undefined && { slice }),
  });
  const p = (id: string, decision: Prediction['decision'], ranked: string[]): Prediction => ({
    id,
    decision,
    article: decision === 'escalate' ? null : (ranked[0] ?? null),
    confidence: 0.5,
    ranked,
  });

  it('counts a clarify with its first option, and an escalated right article only in top-1', () => {
    // Prepare: slice a has an answer, a clarify and an escalated right article; b is all OOS.
    const questions = [
      q('1', ['x'], 'a'),
      q('2', ['y'], 'a'),
      q('3', ['z'], 'a'),
      q('4', [], 'b'),
      q('5', [], 'b'),
      q('6', ['x']),
    ];
    const predictions = [
      p('1', 'answer', ['x', 'y']),
      p('2', 'clarify', ['y', 'x']),
      p('3', 'escalate', ['z']),
      p('4', 'escalate', []),
      p('5', 'answer', ['x']),
      p('6', 'answer', ['x']),
    ];

    // Act
    const groups = scoreGroups(questions, predictions, (x) => x.slice);

    // Assess
    expect(groups).toEqual({
      a: {
        questions: 3,
        inScope: 3,
        outOfScope: 0,
        inScopeAccuracy: 0.6667,
        outOfScopeRecall: null,
        top1: 1,
        mrr5: 1,
        clarifyRate: 0.3333,
        escalateRate: 0.3333,
      },
      b: {
        questions: 2,
        inScope: 0,
        outOfScope: 2,
        inScopeAccuracy: null,
        outOfScopeRecall: 0.5,
        top1: null,
        mrr5: null,
        clarifyRate: 0,
        escalateRate: 0.5,
      },
    });
  });
});
