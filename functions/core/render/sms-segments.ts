/**
 * SMS segment arithmetic. A message that fits the GSM 03.38 alphabet is sent as GSM-7: 160
 * septets in one segment, 153 per segment when concatenated, extension-table characters
 * (^{}[]~|\€ and form feed) costing two septets. Anything else (Arabic, emoji) forces UCS-2:
 * 70 UTF-16 code units in one segment, 67 per segment. Neither an escape pair nor a surrogate
 * pair is split across segments, as carriers do not.
 */

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsSegments {
  encoding: SmsEncoding;
  /** Number of SMS segments the text is billed as (0 for empty text). */
  segments: number;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
}

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '\f^{}\\[~]|€';
const BASIC = new Set(GSM_BASIC);
const EXTENSION = new Set(GSM_EXTENSION);

/** Segment sizes per encoding: [single, per concatenated segment]. */
export const SEGMENT_UNITS: Record<SmsEncoding, readonly [number, number]> = {
  'GSM-7': [160, 153],
  'UCS-2': [70, 67],
};

/** Whether every character of `text` is in the GSM-7 alphabet (basic or extension table). */
export function isGsm7(text: string): boolean {
  for (const ch of text) if (!BASIC.has(ch) && !EXTENSION.has(ch)) return false;
  return true;
}

/**
 * How `text` is encoded and how many segments it takes.
 *
 * @example smsSegments('a'.repeat(161)) // → { encoding: 'GSM-7', segments: 2, units: 161 }
 */
export function smsSegments(text: string): SmsSegments {
  const encoding: SmsEncoding = isGsm7(text) ? 'GSM-7' : 'UCS-2';
  const costs = [...text].map((ch) => charUnits(ch, encoding));
  const units = costs.reduce((sum, n) => sum + n, 0);
  const [single, multi] = SEGMENT_UNITS[encoding];
  if (units === 0) return { encoding, segments: 0, units };
  if (units <= single) return { encoding, segments: 1, units };
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > multi) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return { encoding, segments, units };
}

/** Units one character costs in `encoding`. */
export function charUnits(ch: string, encoding: SmsEncoding): number {
  if (encoding === 'UCS-2') return ch.length;
  return EXTENSION.has(ch) ? 2 : 1;
}

/**
 * Replaces typographic characters that have a GSM-7 look-alike (’ “ ” – — … and non-breaking
 * spaces), so an English text does not fall into UCS-2 and cost more than twice as much. Text
 * that would still need UCS-2 is returned unchanged.
 */
export function toGsmFriendly(text: string): string {
  if (isGsm7(text)) return text;
  const replaced = text
    .replace(/[‘’‚‛′]/g, "'")
    .replace(/[“”„‟″«»]/g, '"')
    .replace(/[‐‑‒–—―]/g, '-')
    .replace(/…/g, '...')
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F]/g, ' ')
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/•/g, '-');
  return isGsm7(replaced) ? replaced : text;
}
