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
  const compose = (b: string) => toGsmFriendly(tail === '' ? b : b === '' ? tail : b + joiner + tail);
  const full = compose(body);
  if (smsSegments(full).segments <= maxSegments) return full;
  const fits = (text: string) => smsSegments(text).segments <= maxSegments;
  const ellipsis = isGsm7(toGsmFriendly(body + tail)) ? '...' : '…';

  let wordCut: string | undefined;
  let sentenceCut: string | undefined;
  for (const cut of boundaries(body)) {
    const kept = body.slice(0, cut).trimEnd();
    if (kept === '') continue;
    if (wordCut === undefined) {
      const candidate = compose(kept.replace(/[\s,;:،؛\-–—(]+$/u, '') + ellipsis);
      if (fits(candidate)) wordCut = candidate;
    }
    if (sentenceCut === undefined && /[.!?؟]$/.test(kept)) {
      const candidate = compose(kept);
      if (fits(candidate)) sentenceCut = candidate;
    }
    if (wordCut !== undefined && sentenceCut !== undefined) break;
  }
  if (sentenceCut !== undefined && wordCut !== undefined) {
    return sentenceCut.length >= SENTENCE_SHARE * wordCut.length ? sentenceCut : wordCut;
  }
  return wordCut ?? sentenceCut ?? hardCut(body, tail, joiner, ellipsis, maxSegments);
}

/** Word boundaries of `text` (indexes of whitespace), longest prefix first. */
function boundaries(text: string): number[] {
  const cuts: number[] = [];
  for (let i = text.length - 1; i > 0; i--) if (/\s/.test(text[i] ?? '')) cuts.push(i);
  return cuts;
}

/** A single very long word: cut by characters; if even the tail does not fit, send the tail. */
function hardCut(body: string, tail: string, joiner: string, ellipsis: string, max: number): string {
  const chars = [...body];
  for (let n = chars.length - 1; n > 0; n--) {
    const candidate = toGsmFriendly(chars.slice(0, n).join('') + ellipsis + joiner + tail);
    if (smsSegments(candidate).segments <= max) return candidate;
  }
  return toGsmFriendly(tail);
}
