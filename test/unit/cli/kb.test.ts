import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryOutput } from '../../../functions/cli/output.ts';
import { runKb } from '../../../functions/cli/run-kb.ts';
import { decodeArtifact } from '#core/retrieval/artifact-container.ts';

const VALID = 'test/fixtures/kb/valid';
const BROKEN = 'test/fixtures/kb/broken';
const PROBLEM_LINE = /^test\/fixtures\/kb\/broken\/(en|ar)\/[a-z-]+\.md:\d+: (error|warning): .+$/;

let tmp = '';
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'kb-cli-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('kb lint', () => {
  it('passes a clean collection with a count line and exit 0', async () => {
    const io = memoryOutput();
    const code = await runKb(['lint', VALID], io);
    expect(code).toBe(0);
    // The only warnings: facts the Arabic fixtures leave out (compare-facts.ts).
    expect(io.stdout.slice(0, -1).every((l) => / warning: facts differ from en\//.test(l))).toBe(
      true,
    );
    expect(io.stdout.at(-1)).toBe('0 errors, 4 warnings in 6 files');
  });

  it('prints every problem as file:line: severity: message and exits 1 on errors', async () => {
    const io = memoryOutput();
    const code = await runKb(['lint', BROKEN], io);
    expect(code).toBe(1);
    const problems = io.stdout.slice(0, -1);
    expect(problems.length).toBeGreaterThan(10);
    for (const line of problems) expect(line).toMatch(PROBLEM_LINE);
    expect(problems).toContain(
      "test/fixtures/kb/broken/en/empty-section.md:10: error: empty section '## Empty'",
    );
    expect(io.stdout.at(-1)).toBe('10 errors, 6 warnings in 11 files');
  });

  it('fails with exit 1 and a message on a folder that does not exist', async () => {
    const io = memoryOutput();
    expect(await runKb(['lint', join(tmp, 'nothing-here')], io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/cannot read knowledge folder .*nothing-here.*ENOENT/);
  });
});

describe('kb build', () => {
  it('writes the artifact and prints articles, sections, sizes, hash and time', async () => {
    const out = join(tmp, 'nested', 'index.json');
    const io = memoryOutput();
    const code = await runKb(['build', VALID, '--out', out], io);
    expect(code).toBe(0);
    const artifact = decodeArtifact(await readFile(out));
    expect(artifact.articleCount).toBe(6);
    expect(io.stdout[0]).toBe(`built ${out}`);
    expect(io.stdout).toContain('  articles  6 (ar 3, en 3)');
    expect(io.stdout).toContain('  sections  13');
    expect(io.stdout).toContain(`  hash      ${artifact.hash}`);
    expect(io.stdout.join('\n')).toMatch(/size +[\d.]+ KiB raw, [\d.]+ KiB gzip/);
    expect(io.stdout.join('\n')).toMatch(/time +\d+\.\d\d s/);
  });

  it('refuses to build a collection with errors, printing them on stderr', async () => {
    const out = join(tmp, 'broken.json');
    const io = memoryOutput();
    expect(await runKb(['build', BROKEN, '--out', out], io)).toBe(1);
    expect(io.stderr.at(-1)).toMatch(/^10 errors, 6 warnings in 11 files: not building/);
    expect(io.stderr.filter((l) => / error: /.test(l))).toHaveLength(10);
    await expect(readFile(out)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('shows progress on a terminal and ends it with the full count', async () => {
    const io = memoryOutput(true);
    expect(await runKb(['build', VALID, '--out', join(tmp, 'tty.json')], io)).toBe(0);
    expect(io.stderr.at(-1)).toMatch(/^indexing 6\/6 articles \(100%\)$/);
  });
});

describe('kb ask', () => {
  it('answers from articles built in memory and explains why', async () => {
    const io = memoryOutput();
    const code = await runKb(['ask', 'I forgot my password', '--articles', VALID], io);
    expect(code).toBe(0);
    expect(io.stdout[0]).toMatch(/^answer {2}\(confidence \d\.\d\d\)$/);
    expect(io.stdout.join('\n')).toContain('/help/en/reset-password');
    expect(io.stdout).toContain('why');
    expect(io.stdout.some((l) => /^ {2}matched +.*password/.test(l))).toBe(true);
    expect(io.stdout).toContain('candidates');
  });

  it('prints the raw decision with --json, honouring --lang', async () => {
    const io = memoryOutput();
    const code = await runKb(
      ['ask', 'متى يصل طلبي', '--lang', 'ar', '--articles', VALID, '--json'],
      io,
    );
    expect(code).toBe(0);
    const decision = JSON.parse(io.stdout.join('\n')) as {
      kind: string;
      candidates: { articleId: string; lang: string }[];
      explanation: { lang: string; langSource: string };
    };
    expect(decision.explanation).toMatchObject({ lang: 'ar', langSource: 'hint' });
    expect(decision.candidates[0]).toMatchObject({ articleId: 'delivery-times', lang: 'ar' });
  });

  it('reads a built artifact with --index and reports a corrupt one', async () => {
    const good = join(tmp, 'ask.json');
    await runKb(['build', VALID, '--out', good], memoryOutput());
    const io = memoryOutput();
    expect(await runKb(['ask', 'refund', '--index', good], io)).toBe(0);
    expect(io.stdout[0]).toMatch(/^(answer|clarify|escalate) /);

    const bad = join(tmp, 'bad.json');
    await writeFile(bad, '{"not": ');
    const failed = memoryOutput();
    expect(await runKb(['ask', 'refund', '--index', bad], failed)).toBe(1);
    expect(failed.stderr.join('\n')).toMatch(/not valid JSON/);
  });

  it('treats a missing question or a wrong --lang as wrong usage (exit 2)', async () => {
    const io = memoryOutput();
    expect(await runKb(['ask', '--articles', VALID], io)).toBe(2);
    expect(io.stderr[0]).toMatch(/needs a question/);
    expect(await runKb(['ask', 'hi', '--lang', 'fr', '--articles', VALID], memoryOutput())).toBe(2);
  });
});

describe('kb usage', () => {
  it('prints usage with exit 0 when asked for help', async () => {
    const io = memoryOutput();
    expect(await runKb(['help'], io)).toBe(0);
    expect(io.stdout.join('\n')).toContain('Usage: kb <command>');
  });

  it('prints usage with exit 2 for no command and an unknown command', async () => {
    for (const argv of [[], ['frobnicate']]) {
      const io = memoryOutput();
      expect(await runKb(argv, io)).toBe(2);
      expect([...io.stdout, ...io.stderr].join('\n')).toContain('Usage: kb <command>');
    }
  });

  it('rejects an unknown option with exit 2', async () => {
    const io = memoryOutput();
    expect(await runKb(['lint', '--bogus'], io)).toBe(2);
    expect(io.stderr[0]).toMatch(/Unknown option '--bogus'/);
  });
});

describe('the kb process', () => {
  it('exits 1 on a broken collection and 0 on a valid one', () => {
    const broken = spawnSync('npx', ['tsx', 'functions/cli/kb.ts', 'lint', BROKEN], {
      encoding: 'utf8',
    });
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(
      /^test\/fixtures\/kb\/broken\/en\/bad-lists\.md:\d+: (error|warning): /m,
    );

    const valid = spawnSync('npx', ['tsx', 'functions/cli/kb.ts', 'lint', VALID], {
      encoding: 'utf8',
    });
    expect(valid.status).toBe(0);
    expect(valid.stdout.trim().split('\n').at(-1)).toBe('0 errors, 4 warnings in 6 files');
  });

  it('runs through the bin/kb.js shim', () => {
    const result = spawnSync(process.execPath, ['bin/kb.js', 'help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: kb <command>');
  });
});
