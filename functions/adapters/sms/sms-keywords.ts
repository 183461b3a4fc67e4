/**
 * Carrier-style SMS keywords (English and Arabic): STOP and friends opt a number out, START
 * opts it back in, HELP answers with how to use the service. A keyword counts only when it is
 * the whole message ("stop", "STOP.", " إيقاف "), never inside a question.
 */
import { normalizeForIntent } from '#core/conversation/intent-normalize.ts';

export type SmsKeyword = 'stop' | 'start' | 'help';

const KEYWORDS: Record<SmsKeyword, readonly string[]> = {
  stop: [
    'stop',
    'stopall',
    'stop all',
    'unsubscribe',
    'cancel',
    'end',
    'quit',
    'optout',
    'opt out',
    'إيقاف',
    'ايقاف',
    'الغاء',
    'إلغاء',
    'الغاء الاشتراك',
    'وقف',
    'توقف',
  ],
  start: ['start', 'unstop', 'yes', 'subscribe', 'ابدأ', 'ابدا', 'بدء', 'اشتراك'],
  help: ['help', 'info', 'مساعدة', 'مساعده', 'معلومات'],
};

const LOOKUP = new Map<string, SmsKeyword>(
  (Object.entries(KEYWORDS) as [SmsKeyword, readonly string[]][]).flatMap(([keyword, words]) =>
    words.map((word) => [normalizeForIntent(word), keyword] as const),
  ),
);

/**
 * The keyword `text` is, if it is one.
 *
 * @example smsKeyword('STOP') === 'stop'; smsKeyword('how do I stop emails') === undefined
 */
export function smsKeyword(text: string): SmsKeyword | undefined {
  return LOOKUP.get(normalizeForIntent(text));
}
