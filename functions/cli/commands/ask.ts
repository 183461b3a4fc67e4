/**
 * `kb ask "question" [--lang ar] [--index file | --articles dir] [--json]`: shows what Mujib would
 * do with a question (answer / clarify / escalate), the confidence, and why.
 */
import { access, readFile } from 'node:fs/promises';
import { LANGS, type Candidate, type Decision, type Lang } from '#core/types.ts';
import { formatProblem } from '#core/knowledge/format-problem.ts';
import { artifactBytesSync } from '#adapters/knowledge/artifact-bytes.ts';
import { decodeArtifact, isArtifactContainer } from '#core/retrieval/artifact-container.ts';
import { buildIndexArtifact } from '#core/retrieval/build-index.ts';
import { DEFAULT_THRESHOLDS } from '#core/retrieval/default-thresholds.ts';
import type { IndexArtifact } from '#core/retrieval/index-artifact.ts';
import { KnowledgeIndex } from '#core/retrieval/knowledge-index.ts';
import { CliError, UsageError } from '../cli-error.ts';
import { loadKnowledge } from '../load-knowledge.ts';
import type { Output } from '../output.ts';
import { readArgs } from '../read-args.ts';
import { DEFAULT_ARTIFACT } from './build.ts';

export async function runAsk(args: string[], io: Output): Promise<number> {
  const { values, positionals } = readArgs(args, {
    lang: { type: 'string', short: 'l' },
    index: { type: 'string', short: 'i' },
    articles: { type: 'string', short: 'a' },
    json: { type: 'boolean', default: false },
  });
  const text = positionals.join(' ').trim();
  if (text === '')
    throw new UsageError('kb ask needs a question, e.g. kb ask "how do I reset my password"');
  if (values.lang !== undefined && !LANGS.includes(values.lang as Lang)) {
    throw new UsageError(`--lang must be one of ${LANGS.join(', ')}`);
  }
  if (values.index && values.articles) throw new UsageError('give --index or --articles, not both');

  const artifact = await obtainArtifact(values.index, values.articles, io);
  const index = KnowledgeIndex.load(artifact);
  const lang = values.lang as Lang | undefined;
  const decision = index.decide(lang ? { text, lang } : { text }, DEFAULT_THRESHOLDS);
  if (values.json) io.out(JSON.stringify(decision, null, 2));
  else for (const line of describeDecision(decision)) io.out(line);
  return 0;
}

/** --index file, else --articles dir built in memory, else dist/ if built, else knowledge/. */
async function obtainArtifact(
  indexFile: string | undefined,
  articlesDir: string | undefined,
  io: Output,
): Promise<IndexArtifact> {
  if (indexFile) return readArtifact(indexFile);
  if (!articlesDir && (await exists(DEFAULT_ARTIFACT))) {
    io.err(`using ${DEFAULT_ARTIFACT}`);
    return readArtifact(DEFAULT_ARTIFACT);
  }
  const dir = articlesDir ?? 'knowledge';
  const checked = await loadKnowledge(dir);
  if (checked.errors > 0) {
    for (const p of checked.problems) if (p.severity === 'error') io.err(formatProblem(p, dir));
    throw new CliError(
      `'${dir}' has ${checked.errors} lint errors: fix them first (kb lint ${dir})`,
    );
  }
  if (checked.articles.length === 0) throw new CliError(`no articles found in '${dir}'`);
  io.err(`built in memory from ${dir} (${checked.articles.length} articles)`);
  return buildIndexArtifact(checked.articles);
}

async function readArtifact(file: string): Promise<IndexArtifact> {
  let bytes: Uint8Array;
  try {
    bytes = artifactBytesSync(await readFile(file));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new CliError(`cannot read index '${file}': ${reason}`, 1, { cause: error });
  }
  try {
    // What kb build writes (binary container), or an artifact as JSON.
    return isArtifactContainer(bytes)
      ? decodeArtifact(bytes)
      : (JSON.parse(Buffer.from(bytes).toString('utf8')) as IndexArtifact);
  } catch (error) {
    throw new CliError(`index '${file}' is not valid JSON (rebuild it with kb build)`, 1, {
      cause: error,
    });
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/** Human-readable lines for a decision: outcome, answer or options, explanation, candidates. */
export function describeDecision(decision: Decision): string[] {
  const lines = [`${decision.kind}  (confidence ${decision.confidence.toFixed(2)})`];
  if (decision.kind === 'answer') {
    lines.push(`  ${label(decision.answer)}  ${decision.answer.url}`);
    const body = decision.answer.summary ?? decision.answer.snippet;
    for (const line of body.split('\n').slice(0, 6)) if (line.trim()) lines.push(`  | ${line}`);
  } else if (decision.kind === 'clarify') {
    lines.push('  did you mean:');
    decision.options.forEach((o, i) => lines.push(`  ${i + 1}. ${label(o)}  ${o.url}`));
  } else {
    lines.push(`  reason: ${decision.reason}`);
  }
  const e = decision.explanation;
  lines.push('why');
  lines.push(
    `  lang      ${e.lang} (${e.langSource === 'hint' ? 'given' : 'detected from script'})`,
  );
  lines.push(`  terms     ${e.queryTerms.join(', ') || '(none)'}`);
  lines.push(`  matched   ${e.matchedTerms.join(', ') || '(none)'}`);
  lines.push(`  fields    ${e.fields.join(', ') || '(none)'}`);
  lines.push(`  margin    ${e.margin.toFixed(2)}`);
  for (const note of e.notes) lines.push(`  note      ${note}`);
  if (decision.candidates.length > 0) {
    lines.push('candidates');
    decision.candidates.forEach((c, i) => {
      const anchor = c.sectionId ? `#${c.sectionId}` : '';
      lines.push(
        `  ${i + 1}. ${c.confidence.toFixed(2)}  ${c.articleId}${anchor}  ${label(c)}  (score ${c.score.toFixed(2)})`,
      );
    });
  }
  return lines;
}

function label(c: Candidate): string {
  return c.heading && c.heading !== c.title ? `${c.title} › ${c.heading}` : c.title;
}
