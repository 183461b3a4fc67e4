import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runEval } from '../../../../functions/cli/commands/eval.ts';

const fixtureDir = fileURLToPath(new URL('../../../fixtures/retrieval', import.meta.url));
const questions = join(fixtureDir, 'questions.jsonl');

describe('kb eval', () => {
  it('prints the metrics as JSON and writes one prediction line per question', async () => {
    const out: string[] = [];
    const predictions = join(mkdtempSync(join(tmpdir(), 'kb-eval-')), 'p.jsonl');
    const code = await runEval(
      ['--articles', fixtureDir, '--questions', questions, '--predictions', predictions, '--json'],
      (line) => out.push(line),
    );
    expect(code).toBe(0);
    const metrics = JSON.parse(out.join('\n')) as Record<string, number>;
    expect(metrics.questions).toBe(27);
    expect(metrics.inScopeAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(metrics.outOfScopeRecall).toBeGreaterThanOrEqual(0.6);
    expect(metrics.mrr5).toBeGreaterThan(0.9);
    const lines = readFileSync(predictions, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(27);
    const first = JSON.parse(lines[0] as string) as Record<string, unknown>;
    expect(Object.keys(first)).toEqual(['id', 'decision', 'article', 'confidence', 'ranked']);
  });

  it('prints a readable report', async () => {
    const out: string[] = [];
    await runEval(['--articles', fixtureDir, '--questions', questions], (l) => out.push(l));
    expect(out.join('\n')).toMatch(/in-scope accuracy\s+\d+\.\d%/);
    expect(out.join('\n')).toMatch(/out-of-scope recall\s*\d+\.\d%/);
    expect(out.join('\n')).toMatch(/latency\s+p50 .* ms, p99 .* ms/);
  });

  it('rejects missing options as a usage error', async () => {
    await expect(runEval(['--articles', fixtureDir])).rejects.toMatchObject({ exitCode: 2 });
    await expect(
      runEval(['--articles', fixtureDir, '--questions', join(fixtureDir, 'missing.jsonl')]),
    ).rejects.toThrow(/cannot read questions file/);
  });
});
