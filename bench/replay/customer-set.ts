/**
 * The replay's customers: the labelled help-centre set (bench/help-centre/questions.jsonl) and
 * its deterministic split into a "learning" stream (the customers whose turns the loop learns
 * from) and a "held-out" stream (the next customers, never seen by the loop). Each language and
 * slice is split on its own, by the rank of the SHA-256 of the question text, so the split is
 * stratified, the same on every run and independent of the file's order.
 */
import { createHash } from 'node:crypto';
import type { LabelledQuestion } from '#core/retrieval/eval-metrics.ts';
import { LANGS, type Lang } from '#core/types.ts';
import { readQuestions } from '../../functions/cli/commands/eval.ts';

/** A labelled customer question with the language and slice the report groups by. */
export interface CustomerQuestion {
  id: string;
  question: string;
  /** Article ids that answer it; empty when the help centre cannot (out of scope). */
  answers: string[];
  lang: Lang;
  slice: string;
}

export interface CustomerStreams {
  learning: CustomerQuestion[];
  heldOut: CustomerQuestion[];
}

/** Reads the set; every line must carry `lang` and `slice` (the report is grouped by them). */
export async function readCustomerSet(file: string): Promise<CustomerQuestion[]> {
  return (await readQuestions(file)).map((q) => customerQuestion(q, file));
}

function customerQuestion(q: LabelledQuestion, file: string): CustomerQuestion {
  if (!q.lang || !LANGS.includes(q.lang) || !q.slice) {
    throw new Error(`${file}: question ${q.id} needs "lang" and "slice"`);
  }
  return { id: q.id, question: q.question, answers: q.answers, lang: q.lang, slice: q.slice };
}

/** Stable order key of a question: the hash of its text (its id breaks a tie of equal texts). */
export function questionHash(question: CustomerQuestion): string {
  return createHash('sha256').update(question.question).digest('hex');
}

/**
 * Splits each (lang, slice) group: the ceil(share × n) questions with the smallest hashes learn,
 * the rest are held out. Both streams keep the set's order.
 */
export function splitStreams(questions: readonly CustomerQuestion[], share = 0.5): CustomerStreams {
  const groups = new Map<string, CustomerQuestion[]>();
  for (const q of questions) {
    const key = `${q.lang}/${q.slice}`;
    groups.set(key, [...(groups.get(key) ?? []), q]);
  }
  const learningIds = new Set<string>();
  for (const group of groups.values()) {
    const ranked = group
      .map((q) => ({ q, hash: questionHash(q) }))
      .sort((a, b) => a.hash.localeCompare(b.hash) || a.q.id.localeCompare(b.q.id));
    const take = Math.ceil(group.length * share);
    for (const { q } of ranked.slice(0, take)) learningIds.add(q.id);
  }
  return {
    learning: questions.filter((q) => learningIds.has(q.id)),
    heldOut: questions.filter((q) => !learningIds.has(q.id)),
  };
}
