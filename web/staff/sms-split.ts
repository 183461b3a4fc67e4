/**
 * An SMS text cut into the segments a phone receives, with the same arithmetic the server bills
 * by (functions/core/render/sms-segments.ts: pure, bundled as is): one segment up to 160 GSM-7
 * septets or 70 UCS-2 units, else 153 / 67 per segment, never splitting a two-septet escape or
 * a surrogate pair.
 */
import { charUnits, SEGMENT_UNITS, type SmsEncoding } from '#core/render/sms-segments.ts';

export interface SmsSegmentText {
  text: string;
  units: number;
}

export function splitSms(text: string, encoding: SmsEncoding): SmsSegmentText[] {
  const chars = [...text];
  const costs = chars.map((ch) => charUnits(ch, encoding));
  const total = costs.reduce((sum, n) => sum + n, 0);
  const [single, multi] = SEGMENT_UNITS[encoding];
  if (total === 0) return [];
  if (total <= single) return [{ text, units: total }];
  const segments: SmsSegmentText[] = [];
  let current = '';
  let used = 0;
  chars.forEach((ch, i) => {
    const cost = costs[i] ?? 1;
    if (used + cost > multi) {
      segments.push({ text: current, units: used });
      current = '';
      used = 0;
    }
    current += ch;
    used += cost;
  });
  segments.push({ text: current, units: used });
  return segments;
}
