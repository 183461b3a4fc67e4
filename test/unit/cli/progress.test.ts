import { describe, expect, it } from 'vitest';
import { memoryOutput } from '../../../functions/cli/output.ts';
import { createProgress } from '../../../functions/cli/progress.ts';

describe('build progress', () => {
  it('stays silent for a small collection written to a pipe', () => {
    const io = memoryOutput(false);
    const report = createProgress(io, 100, 'indexing');
    for (let done = 1; done <= 100; done += 1) report(done, 100);
    expect(io.stderr).toEqual([]);
  });

  it('prints one line per 10% for a large collection written to a log', () => {
    const io = memoryOutput(false);
    const report = createProgress(io, 2000, 'indexing');
    for (let done = 1; done <= 2000; done += 1) report(done, 2000);
    expect(io.stderr).toHaveLength(11);
    expect(io.stderr[0]).toBe('indexing 1/2000 articles (0%)');
    expect(io.stderr.at(-1)).toBe('indexing 2000/2000 articles (100%)');
  });

  it('redraws at most every 200 ms on a terminal and always shows the last count', () => {
    const io = memoryOutput(true);
    let clock = 0;
    const report = createProgress(io, 50, 'indexing', () => clock);
    for (let done = 1; done <= 50; done += 1) {
      clock += 10; // 10 ms per article: 500 ms in all
      report(done, 50);
    }
    expect(io.stderr.length).toBeLessThanOrEqual(5);
    expect(io.stderr.at(-1)).toBe('indexing 50/50 articles (100%)');
  });
});
