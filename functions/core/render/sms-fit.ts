/**
 * Fits SMS text into a segment budget (fit-text.ts does the cutting): trims the body at a
 * sentence or word boundary, marks the cut with an ellipsis and always keeps the tail (the
 * article link) whole.
 */
import { fitText } from './fit-text.ts';
import { isGsm7, smsSegments, toGsmFriendly } from './sms-segments.ts';

/**
 * `body` + `joiner` + `tail`, with `body` shortened until the whole takes at most `maxSegments`
 * segments. The ellipsis is "…" in UCS-2 text and "..." in GSM-7 text (the "…" character
 * alone would switch a message to UCS-2 and more than double its cost).
 */
export function fitSms(body: string, tail: string, maxSegments: number, joiner = '\n'): string {
  return fitText(
    body,
    tail,
    {
      fits: (text) => smsSegments(text).segments <= maxSegments,
      normalize: toGsmFriendly,
      ellipsis: isGsm7(toGsmFriendly(body + tail)) ? '...' : '…',
    },
    joiner,
  );
}
