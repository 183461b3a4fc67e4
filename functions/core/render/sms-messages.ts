/**
 * The bot's SMS-only words (keyword replies, the numbered clarification), in every language of
 * the help centre. Shared wording (greeting, escalation, "Read more") stays in messages.ts.
 * Placeholders: {choices}, {url}.
 */
import type { Lang } from '../types.ts';
import { fillTemplate } from './messages.ts';

export const SMS_MESSAGES = {
  en: {
    clarifyIntro: 'Did you mean:',
    replyWith: 'Reply {choices}.',
    or: 'or',
    listSeparator: ', ',
    help: 'Nakheel Help: text your question, e.g. "track my order". Text AGENT for a person, STOP to opt out. Help centre: {url}',
    start: "You're subscribed again. Text your question any time, or STOP to opt out.",
  },
  ar: {
    clarifyIntro: 'هل تقصد:',
    replyWith: 'أرسل {choices}.',
    or: 'أو',
    listSeparator: '، ',
    help: 'مساعدة نخيل: أرسل سؤالك، مثل "تتبع طلبي". أرسل "موظف" للتحدث مع شخص، و"إيقاف" لإلغاء الاشتراك. مركز المساعدة: {url}',
    start: 'عادت الرسائل من جديد. أرسل سؤالك في أي وقت، أو "إيقاف" لإلغاء الاشتراك.',
  },
} as const satisfies Record<Lang, Record<string, string>>;

export type SmsMessageKey = keyof (typeof SMS_MESSAGES)['en'];

/** The SMS message `key` in `lang`, with `{name}` placeholders filled from `values`. */
export function smsMessage(
  lang: Lang,
  key: SmsMessageKey,
  values: Record<string, string> = {},
): string {
  return fillTemplate(SMS_MESSAGES[lang][key], values);
}
