import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readQuestions } from '../../../../functions/cli/commands/eval.ts';

const root = (path: string): string =>
  fileURLToPath(new URL(`../../../../${path}`, import.meta.url));
const OOS_SLICES = ['oos-near-en', 'oos-near-ar', 'oos-far-en', 'oos-far-ar'];
const ANSWERABLE_SLICES = [
  'en',
  'en-typo',
  'msa',
  'gulf',
  'egyptian',
  'levantine',
  'maghrebi',
  'arabizi',
  'code-switch',
];

describe('the help-centre question set (bench/help-centre/questions.jsonl)', () => {
  it('is well formed and labels only articles that exist in knowledge/en', async () => {
    const questions = await readQuestions(root('bench/help-centre/questions.jsonl'));
    const articles = new Set(
      readdirSync(root('knowledge/en'))
        .filter((f) => f.endsWith('.md'))
        .map((f) => f.slice(0, -3)),
    );

    expect(questions.length).toBeGreaterThanOrEqual(300);
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    for (const q of questions) {
      expect(q.lang, q.id).toMatch(/^(en|ar)$/);
      expect([...ANSWERABLE_SLICES, ...OOS_SLICES], q.id).toContain(q.slice);
      if (OOS_SLICES.includes(q.slice as string)) expect(q.answers, q.id).toEqual([]);
      else expect(q.answers.length, q.id).toBeGreaterThan(0);
      for (const id of q.answers) expect(articles.has(id), `${q.id} labels ${id}`).toBe(true);
    }
  });
});
