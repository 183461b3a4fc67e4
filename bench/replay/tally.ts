/**
 * Counts of a replay's outcomes, for the whole stream, per language and per slice.
 * Containment = answered correctly without a person (answered right, or picked right from "did
 * you mean") / in-scope questions; the wrong-answer count and the out-of-scope escalations show
 * whether containment was bought with wrong answers.
 */
import type { CustomerQuestion } from './customer-set.ts';
import type { OutcomeKind, QuestionOutcome } from './customer-turn.ts';

export interface Tally {
  inScope: number;
  /** answered-right + picked-right */
  contained: number;
  answeredRight: number;
  pickedRight: number;
  /** In-scope questions answered with a wrong article. */
  wrong: number;
  escalated: number;
  clarifyMissed: number;
  other: number;
  outOfScope: number;
  /** Out-of-scope questions handed to a person (the right outcome). */
  oosEscalated: number;
  /** Out-of-scope questions answered with an article (a wrong answer). */
  oosAnswered: number;
  /** Out-of-scope questions that got "did you mean" or small talk. */
  oosOther: number;
}

export interface StreamTally {
  total: Tally;
  byLang: Record<string, Tally>;
  bySlice: Record<string, Tally>;
}

export function emptyTally(): Tally {
  return {
    inScope: 0,
    contained: 0,
    answeredRight: 0,
    pickedRight: 0,
    wrong: 0,
    escalated: 0,
    clarifyMissed: 0,
    other: 0,
    outOfScope: 0,
    oosEscalated: 0,
    oosAnswered: 0,
    oosOther: 0,
  };
}

export function addOutcome(t: Tally, inScope: boolean, kind: OutcomeKind): void {
  if (!inScope) {
    t.outOfScope++;
    if (kind === 'escalated') t.oosEscalated++;
    else if (kind === 'answered-wrong') t.oosAnswered++;
    else t.oosOther++;
    return;
  }
  t.inScope++;
  switch (kind) {
    case 'answered-right':
      t.answeredRight++;
      t.contained++;
      break;
    case 'picked-right':
      t.pickedRight++;
      t.contained++;
      break;
    case 'answered-wrong':
      t.wrong++;
      break;
    case 'escalated':
      t.escalated++;
      break;
    case 'clarify-missed':
      t.clarifyMissed++;
      break;
    case 'other':
      t.other++;
      break;
  }
}

/** Tallies `outcomes` (one per question, matched by id) over the stream and its groups. */
export function tallyStream(
  questions: readonly CustomerQuestion[],
  outcomes: readonly QuestionOutcome[],
): StreamTally {
  const byId = new Map(outcomes.map((o) => [o.id, o]));
  const result: StreamTally = { total: emptyTally(), byLang: {}, bySlice: {} };
  for (const q of questions) {
    const outcome = byId.get(q.id);
    if (!outcome) throw new Error(`no outcome for question ${q.id}`);
    const inScope = q.answers.length > 0;
    for (const t of [
      result.total,
      (result.byLang[q.lang] ??= emptyTally()),
      (result.bySlice[q.slice] ??= emptyTally()),
    ]) {
      addOutcome(t, inScope, outcome.kind);
    }
  }
  return result;
}

/** A share rounded to 4 places; null when there is nothing to divide by. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}
