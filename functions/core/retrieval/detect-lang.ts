/**
 * A question's language from its script: any Arabic letter makes it Arabic, Latin letters make
 * it English, anything else (digits, emoji, punctuation only) is undetermined.
 */
import type { Lang } from '../types.ts';

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/g;
const LATIN = /[A-Za-z\u00C0-\u024F]/g;

export function detectLang(text: string): Lang | undefined {
  const sample = text.length > 4000 ? text.slice(0, 4000) : text;
  const arabic = sample.match(ARABIC)?.length ?? 0;
  const latin = sample.match(LATIN)?.length ?? 0;
  if (arabic === 0 && latin === 0) return undefined;
  return arabic >= latin * 0.5 ? 'ar' : 'en';
}
