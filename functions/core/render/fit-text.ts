/**
 * Fits text into a budget (SMS segments, a WhatsApp message's characters): trims the body at a
 * sentence or word boundary, marks the cut with an ellipsis and always keeps the tail (the
 * article link) whole. The budget says what fits; the channel's renderer says what budget.
 */

/** What a channel allows one message to be. */
export interface TextBudget {
  /** Whether a composed message fits; a longer prefix of a body never fits where a shorter does not. */
  fits(text: string): boolean;
  /** Applied to every composed message (SMS: GSM-friendly punctuation); default: as is. */
  normalize?(text: string): string;
  /** What marks a cut ("…", or "..." where "…" would cost more). */
  ellipsis: string;
}

/** A sentence cut is preferred when it keeps at least this share of the best word cut. */
const SENTENCE_SHARE = 0.6;

/**
 * `body` + `joiner` + `tail`, with `body` shortened until the whole fits `budget`.
 *
 * @example fitText(longAnswer, 'Read more: https://…', { fits: (t) => t.length <= 1600, ellipsis: '…' })
 */
export function fitText(body: string, tail: string, budget: TextBudget, joiner = '\n'): string {
  const normalize = (text: string) => (budget.normalize ? budget.normalize(text) : text);
  const compose = (b: string) => normalize(tail === '' ? b : b === '' ? tail : b + joiner + tail);
  const full = compose(body);
  if (budget.fits(full)) return full;
  const { ellipsis } = budget;

  // Longer prefixes never fit where shorter ones do not, so the longest cut that fits is found
  // by binary search over the boundaries (a long article body has hundreds of them).
  const cuts = boundaries(body);
  const wordCut = longestFitting(
    cuts,
    (cut) =>
      compose(
        body
          .slice(0, cut)
          .trimEnd()
          .replace(/[\s,;:،؛\-–—(]+$/u, '') + ellipsis,
      ),
    budget.fits,
  );
  const sentenceEnds = cuts.filter((cut) => /[.!?؟]/.test(body[cut - 1] ?? ''));
  const sentenceCut = longestFitting(
    sentenceEnds,
    (cut) => compose(body.slice(0, cut).trimEnd()),
    budget.fits,
  );
  if (sentenceCut !== undefined && wordCut !== undefined) {
    return sentenceCut.length >= SENTENCE_SHARE * wordCut.length ? sentenceCut : wordCut;
  }
  return wordCut ?? sentenceCut ?? hardCut(body, tail, joiner, budget, normalize);
}

/** The text of the largest cut (cuts ascending) whose text fits, by binary search. */
function longestFitting(
  cuts: readonly number[],
  textAt: (cut: number) => string,
  fits: (text: string) => boolean,
): string | undefined {
  let lo = 0;
  let hi = cuts.length - 1;
  let best: string | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const text = textAt(cuts[mid] ?? 0);
    if (fits(text)) {
      best = text;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return best;
}

/** Word boundaries of `text` (index of the first whitespace after a word), ascending. */
function boundaries(text: string): number[] {
  const cuts: number[] = [];
  for (let i = 1; i < text.length; i++) {
    if (/\s/.test(text[i] ?? '') && !/\s/.test(text[i - 1] ?? '')) cuts.push(i);
  }
  return cuts;
}

/** A single very long word: cut by characters; if even the tail does not fit, send the tail. */
function hardCut(
  body: string,
  tail: string,
  joiner: string,
  budget: TextBudget,
  normalize: (text: string) => string,
): string {
  const chars = [...body];
  for (let n = chars.length - 1; n > 0; n--) {
    const candidate = normalize(chars.slice(0, n).join('') + budget.ellipsis + joiner + tail);
    if (budget.fits(candidate)) return candidate;
  }
  return normalize(tail);
}
