/**
 * Domain vocabulary shared by every part of the core: languages, channels, the retrieval
 * decision (answer / clarify / escalate) and its explanation. No AWS, no HTTP.
 */

/** Languages the help centre is written in. Detected from the question's script when not given. */
export type Lang = 'en' | 'ar';
export const LANGS: readonly Lang[] = ['en', 'ar'];

/** Channels a customer can reach Mujib on. */
export type Channel = 'web' | 'sms' | 'whatsapp' | 'alexa';
export const CHANNELS: readonly Channel[] = ['web', 'sms', 'whatsapp', 'alexa'];

/** One article section (or the article as a whole) that could answer a question. */
export interface Candidate {
  articleId: string;
  title: string;
  lang: Lang;
  /** Anchor of the best-matching section, e.g. `reset-your-password`; undefined for the article top. */
  sectionId?: string;
  /** Heading of the best-matching section. */
  heading?: string;
  /** Relative URL of the article (and section anchor), e.g. `/help/en/reset-password#steps`. */
  url: string;
  /** Short Markdown answer: the article's `summary` (preferred for voice/SMS). */
  summary?: string;
  /** Markdown text of the best-matching section (trimmed), for the web. */
  snippet: string;
  /**
   * Markdown of the best-matching section for the web (bounded, links rewritten to public URLs);
   * absent in candidates logged before it existed.
   */
  markdown?: string;
  /** Calibrated probability in [0, 1] that this article answers the question. */
  confidence: number;
  /** Raw (uncalibrated) aggregated retrieval score; for explanations and tuning only. */
  score: number;
}

/** Why the decision came out as it did: for `kb ask`, logs, tickets and the staff desk. */
export interface Explanation {
  /** Language the question was matched in, and how it was chosen. */
  lang: Lang;
  langSource: 'hint' | 'script';
  /** The language to reply in when it is not the one the text looks like (Arabizi → ar). */
  replyLang?: Lang;
  /** Normalised query terms, and the ones that matched the top candidate. */
  queryTerms: string[];
  matchedTerms: string[];
  /** Fields of the top candidate that matched (title, questions, heading, body…). */
  fields: string[];
  /** Confidence margin of the top candidate over the runner-up. */
  margin: number;
  /** Free-text notes (e.g. "question had no searchable words"). */
  notes: string[];
}

export type EscalateReason =
  'empty-question' | 'no-match' | 'low-confidence' | 'asked-for-human' | 'clarify-failed';

interface DecisionBase {
  /** Calibrated confidence in [0, 1] of the top candidate (0 when there is none). */
  confidence: number;
  /** Ranked candidates (best first, at most 5). */
  candidates: Candidate[];
  explanation: Explanation;
}

/** High confidence: answer with the top candidate. */
export interface AnswerDecision extends DecisionBase {
  kind: 'answer';
  answer: Candidate;
}

/** Close call: ask "did you mean A or B?" with 2–3 options. */
export interface ClarifyDecision extends DecisionBase {
  kind: 'clarify';
  options: Candidate[];
}

/** Low confidence, nothing to search for, or the customer asked for a person. */
export interface EscalateDecision extends DecisionBase {
  kind: 'escalate';
  reason: EscalateReason;
}

export type Decision = AnswerDecision | ClarifyDecision | EscalateDecision;
export type DecisionKind = Decision['kind'];

/** Thresholds of the decision policy: configuration, tuned on the dev sets. */
export interface DecisionThresholds {
  /** At or above: answer. */
  answer: number;
  /** At or above (and below `answer`): clarify, when the runner-up is close enough. */
  clarify: number;
  /** Runner-ups within this confidence of the top one are offered as options. */
  clarifyMargin: number;
}
