/**
 * The replay's result as the benchmark reports it: a JSON summary (counts and rates per stream,
 * language and slice; the loop's counts; per-article effect; the questions that changed) and the
 * same as Markdown tables. Pure and deterministic; no timings.
 */
import type { ReplayResult, StreamReplay } from './run-replay.ts';
import type { QuestionOutcome } from './customer-turn.ts';
import { rate, type StreamTally, type Tally } from './tally.ts';

export interface TallyWithRates extends Tally {
  containment: number | null;
  wrongAnswerRate: number | null;
  escalationRate: number | null;
  oosEscalationRate: number | null;
  oosAnswerRate: number | null;
}

export interface QuestionChanges {
  /** Answerable questions contained after but not before, and the other way round. */
  gained: string[];
  lost: string[];
  /** Answered with a wrong article after but not before (in scope or out of scope). */
  newlyWrong: string[];
  /** Out-of-scope questions escalated before but not after. */
  oosNoLongerEscalated: string[];
}

export function withRates(t: Tally): TallyWithRates {
  return {
    ...t,
    containment: rate(t.contained, t.inScope),
    wrongAnswerRate: rate(t.wrong, t.inScope),
    escalationRate: rate(t.escalated, t.inScope),
    oosEscalationRate: rate(t.oosEscalated, t.outOfScope),
    oosAnswerRate: rate(t.oosAnswered, t.outOfScope),
  };
}

function streamTallyWithRates(s: StreamTally) {
  const map = (r: Record<string, Tally>) =>
    Object.fromEntries(Object.entries(r).map(([k, t]) => [k, withRates(t)]));
  return { total: withRates(s.total), byLang: map(s.byLang), bySlice: map(s.bySlice) };
}

const CONTAINED = new Set(['answered-right', 'picked-right']);

export function questionChanges(
  stream: StreamReplay,
  inScope: (id: string) => boolean,
): QuestionChanges {
  const after = new Map(stream.after.outcomes.map((o) => [o.id, o]));
  const changes: QuestionChanges = {
    gained: [],
    lost: [],
    newlyWrong: [],
    oosNoLongerEscalated: [],
  };
  for (const before of stream.before.outcomes) {
    const now = after.get(before.id) as QuestionOutcome;
    const wasWrong = before.kind === 'answered-wrong';
    const isWrong = now.kind === 'answered-wrong';
    if (isWrong && (!wasWrong || now.articleId !== before.articleId)) {
      changes.newlyWrong.push(before.id);
    }
    if (inScope(before.id)) {
      const was = CONTAINED.has(before.kind);
      const is = CONTAINED.has(now.kind);
      if (is && !was) changes.gained.push(before.id);
      if (was && !is) changes.lost.push(before.id);
    } else if (before.kind === 'escalated' && now.kind !== 'escalated') {
      changes.oosNoLongerEscalated.push(before.id);
    }
  }
  return changes;
}

/** The JSON the benchmark writes (bench/results/replay-learning.json). */
export function replayJson(
  result: ReplayResult,
  meta: Record<string, unknown>,
  inScope: (id: string) => boolean,
) {
  const streamJson = (s: StreamReplay) => ({
    questions: s.questions,
    before: streamTallyWithRates(s.before.tally),
    after: streamTallyWithRates(s.after.tally),
    changes: questionChanges(s, inScope),
  });
  return {
    ...meta,
    days: result.days,
    loop: {
      actions: result.actions,
      suggestions: result.suggestions,
      accepted: result.accepted.length,
      dismissed: result.dismissed,
      applied: result.applied.applied.length,
      skipped: result.applied.skipped.map(({ lang, articleId, why }) => ({ lang, articleId, why })),
      newLintErrors: result.applied.newLintErrors,
      heldOutLeaks: result.heldOutLeaks,
      articlesChanged: new Set(result.applied.applied.map((a) => `${a.lang}:${a.articleId}`)).size,
    },
    // The phrasings are questions of the set: they are named by question id, not copied here.
    acceptedSuggestions: result.accepted.map(({ phrasing: _text, ...rest }) => rest),
    heldOut: streamJson(result.heldOut),
    learning: streamJson(result.learning),
    effects: result.effects,
    loggedErrors: result.loggedErrors,
  };
}

// ---------------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------------

const pct = (part: number, whole: number): string =>
  whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '–';
const countPct = (part: number, whole: number): string =>
  whole > 0 ? `${part} (${pct(part, whole)})` : '–';
const arrow = (before: string, after: string): string => `${before} → ${after}`;

function summaryRow(label: string, n: string, b: Tally, a: Tally): string {
  const cells = [
    label,
    n,
    String(b.inScope),
    arrow(countPct(b.contained, b.inScope), countPct(a.contained, a.inScope)),
    arrow(String(b.pickedRight), String(a.pickedRight)),
    arrow(String(b.wrong), String(a.wrong)),
    arrow(String(b.escalated), String(a.escalated)),
    String(b.outOfScope),
    arrow(countPct(b.oosEscalated, b.outOfScope), countPct(a.oosEscalated, a.outOfScope)),
    arrow(String(b.oosAnswered), String(a.oosAnswered)),
  ];
  return `| ${cells.join(' | ')} |`;
}

const SUMMARY_HEAD = [
  '| stream | lang | in scope | contained | of which picked | wrong answers | escalated | out of scope | OOS escalated | OOS answered |',
  '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
];

function sliceTable(title: string, s: StreamReplay): string[] {
  const lines = [
    `**${title}** (before → after)`,
    '',
    '| slice | questions | contained | wrong answers | escalated |',
    '|---|---:|---:|---:|---:|',
  ];
  for (const [slice, b] of Object.entries(s.before.tally.bySlice)) {
    const a = s.after.tally.bySlice[slice] as Tally;
    if (b.inScope > 0) {
      lines.push(
        `| ${slice} | ${b.inScope} | ${arrow(countPct(b.contained, b.inScope), countPct(a.contained, a.inScope))} | ${arrow(String(b.wrong), String(a.wrong))} | ${arrow(String(b.escalated), String(a.escalated))} |`,
      );
    } else {
      lines.push(
        `| ${slice} (off-topic) | ${b.outOfScope} | – | ${arrow(String(b.oosAnswered), String(a.oosAnswered))} | ${arrow(countPct(b.oosEscalated, b.outOfScope), countPct(a.oosEscalated, a.outOfScope))} |`,
      );
    }
  }
  return lines;
}

export function replayMarkdown(result: ReplayResult, inScope: (id: string) => boolean): string[] {
  const lines: string[] = [];
  const { heldOut, learning } = result;
  lines.push(
    "### Containment before → after accepting the loop's suggestions",
    '',
    ...SUMMARY_HEAD,
  );
  for (const [name, s] of [
    ['held-out', heldOut],
    ['learning (replayed)', learning],
  ] as const) {
    for (const lang of Object.keys(s.before.tally.byLang)) {
      const b = s.before.tally.byLang[lang] as Tally;
      const a = s.after.tally.byLang[lang] as Tally;
      lines.push(summaryRow(name, lang, b, a));
    }
    lines.push(summaryRow(`**${name}**`, '**all**', s.before.tally.total, s.after.tally.total));
  }
  lines.push(
    '',
    'Contained = answered with a labelled article, or the customer picked it from "did you mean", ' +
      'with no person involved (share of in-scope questions). Wrong answers: in-scope questions ' +
      'answered with an article that does not answer them. OOS escalated is the right outcome for ' +
      'off-topic questions; OOS answered is a wrong answer.',
    '',
  );

  const { actions, suggestions } = result;
  const day1 = actions.before;
  lines.push(
    '### The loop (day 1 → day 2)',
    '',
    '| step | count |',
    '|---|---:|',
    `| customers in the learning stream (day 1) | ${learning.questions} |`,
    `| "did you mean" picks | ${day1.picks} |`,
    `| tickets marked "answered by article…" | ${day1.answeredByMarks} |`,
    `| thumbs down on wrong answers | ${day1.thumbsDown} |`,
    `| off-topic tickets answered without an article | ${day1.outOfScopeTickets} |`,
    `| "add this phrasing" suggestions (en / ar) | ${suggestions.phrasing.en} / ${suggestions.phrasing.ar} |`,
    `| accepted / dismissed | ${result.accepted.length} / ${result.dismissed} |`,
    `| phrasings added to articles (articles changed) | ${result.applied.applied.length} (${new Set(result.applied.applied.map((a) => `${a.lang}:${a.articleId}`)).size}) |`,
    `| skipped (no such article, already listed) / new lint errors | ${result.applied.skipped.length} / ${result.applied.newLintErrors} |`,
    `| accepted phrasings that are held-out questions | ${result.heldOutLeaks} |`,
    `| "write an article" suggestions (en / ar) | ${suggestions.article.en} / ${suggestions.article.ar} |`,
    `| their example questions: off-topic / answerable | ${suggestions.articleExamples.outOfScope} / ${suggestions.articleExamples.inScope} |`,
    '',
  );

  lines.push(...sliceTable('Held-out stream per slice', heldOut), '');
  lines.push(
    ...sliceTable('Learning stream per slice (the questions the loop learned from)', learning),
    '',
  );

  if (result.effects.length > 0) {
    lines.push(
      `### Per-article effect (learning.effect, since ${result.days.after}: day 2 against day 1)`,
      '',
      '| article | phrasings added | answers | escalations (top candidate) | containment |',
      '|---|---:|---:|---:|---:|',
    );
    for (const e of result.effects) {
      const added = result.applied.applied.filter((a) => a.articleId === e.articleId).length;
      const c = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(0)}%`);
      lines.push(
        `| ${e.articleId} | ${added} | ${arrow(String(e.before.answers), String(e.after.answers))} | ${arrow(String(e.before.escalations), String(e.after.escalations))} | ${arrow(c(e.before.containment), c(e.after.containment))} |`,
      );
    }
    lines.push('');
  }

  for (const [name, s] of [
    ['held-out', heldOut],
    ['learning', learning],
  ] as const) {
    const ch = questionChanges(s, inScope);
    const list = (ids: string[]) => (ids.length ? ids.join(', ') : 'none');
    lines.push(
      `Changed (${name}): gained ${list(ch.gained)}; lost ${list(ch.lost)}; newly wrong ${list(ch.newlyWrong)}; off-topic no longer escalated ${list(ch.oosNoLongerEscalated)}.`,
    );
  }
  return lines;
}

/** Sum of tallies (the two folds of a split, for the cross-check). */
export function sumTallies(a: Tally, b: Tally): Tally {
  const out = { ...a };
  for (const key of Object.keys(out) as (keyof Tally)[]) out[key] = a[key] + b[key];
  return out;
}

/**
 * The cross-check: the held-out stream of each fold (the split as given, and swapped: learn
 * from the held-out half, measure on the learning half) and both together.
 */
export function crossCheckMarkdown(folds: readonly { name: string; result: ReplayResult }[]) {
  const lines = [
    '### Cross-check: each half held out once (held-out stream only)',
    '',
    '| fold | phrasings accepted | in scope | contained | wrong answers | escalated | out of scope | OOS escalated | OOS answered |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const row = (name: string, accepted: number, b: Tally, a: Tally) =>
    `| ${name} | ${accepted} | ${b.inScope} | ${arrow(countPct(b.contained, b.inScope), countPct(a.contained, a.inScope))} | ${arrow(String(b.wrong), String(a.wrong))} | ${arrow(String(b.escalated), String(a.escalated))} | ${b.outOfScope} | ${arrow(countPct(b.oosEscalated, b.outOfScope), countPct(a.oosEscalated, a.outOfScope))} | ${arrow(String(b.oosAnswered), String(a.oosAnswered))} |`;
  let before: Tally | undefined;
  let after: Tally | undefined;
  let accepted = 0;
  for (const { name, result } of folds) {
    const b = result.heldOut.before.tally.total;
    const a = result.heldOut.after.tally.total;
    lines.push(row(name, result.accepted.length, b, a));
    before = before ? sumTallies(before, b) : b;
    after = after ? sumTallies(after, a) : a;
    accepted += result.accepted.length;
  }
  if (before && after) lines.push(row('**both folds**', accepted, before, after));
  return lines;
}
