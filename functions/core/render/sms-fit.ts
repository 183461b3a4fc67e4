/**
 * Fits SMS text into a segment budget: trims the body at a sentence or word boundary, marks the
 * cut with an ellipsis and always keeps the tail (the article link) whole.
 */
import { isGsm7, smsSegments, toGsmFriendly } from './sms-segments.ts';

/** A sentence cut is preferred when it keeps at least this share of the best word cut. */
const SENTENCE_SHARE = 0.6;

/**
 * `body` + `joiner` + `tail`, with `body` shortened until the whole takes at most `maxSegments`
 * segments. The ellipsis is "…" in UCS-2 text and "..." in GSM-7 text (the "…" character
 * alone would switch a message to UCS-2 and more than double its cost).
 */
export function fitSms(body: string, tail: string, maxSegments: number, joiner = '\n'): string {
  const compose = (b: string) =>
    toGsmFriendly(tail === '' ? b : b === '' ? tail : b + joiner + tail);
  const full = compose(body);
  if (smsSegments(full).segments <= maxSegments) return full;
  const fits = (text: string) => smsSegments(text).segments <= maxSegments;
  const ellipsis = isGsm7(toGsmFriendly(body + tail)) ? '...' : '…';

  // Longer prefixes never take fewer segments, so the longest cut that fits is found by
  // binary search over the boundaries (a long article body has hundreds of them).
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
    fits,
  );
  const sentenceEnds = cuts.filter((cut) => /[.!?؟]/.test(body[cut - 1] ?? ''));
  const sentenceCut = longestFitting(
    sentenceEnds,
    (cut) => compose(body.slice(0, cut).trimEnd()),
    fits,
  );
  if (sentenceCut !== undefined && wordCut !== undefined) {
    return sentenceCut.length >= SENTENCE_SHARE * wordCut.length ? sentenceCut : wordCut;
  }
  return wordCut ?? sentenceCut ?? hardCut(body, tail, joiner, ellipsis, maxSegments);
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
  ellipsis: string,
  max: number,
): string {
  const chars = [...body];
  for (let n = chars.length - 1; n > 0; n--) {
    const candidate = toGsmFriendly(chars.slice(0, n).join('') + ellipsis + joiner + tail);
    if (smsSegments(candidate).segments <= max) return candidate;
  }
  return toGsmFriendly(tail);
}
