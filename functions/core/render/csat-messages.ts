/**
 * The words of the satisfaction question and its answers, in every language of the help centre:
 * the text message (SMS, WhatsApp) sent when a ticket closes, the replies to a rating, and what
 * Alexa says at the next launch. Short on purpose: the English question fits one GSM-7 SMS
 * segment and the Arabic one one UCS-2 segment. Placeholders: {ref}, {rating}.
 */
import type { Lang } from '../types.ts';
import { fillTemplate } from './messages.ts';

export const CSAT_MESSAGES = {
  en: {
    ask: 'How did we do with {ref}? Reply 1 (poor) to 5 (great).',
    thanks: 'Thank you for rating us {rating} out of 5.',
    alreadyRated: 'Thanks, you have already rated {ref}. Text us any time.',
    speechAsk:
      'Your request {ref} is now closed. On a scale of 1 to 5, how did our team do? Say a number from 1 to 5.',
    speechReprompt: 'Please say a number from 1 to 5.',
    speechThanks: 'Thank you for rating us {rating} out of 5. Anything else?',
    cardTitle: 'Rate our help',
  },
  ar: {
    ask: 'كيف كانت خدمتنا في التذكرة {ref}؟ أرسل من 1 (سيئة) إلى 5 (ممتازة).',
    thanks: 'شكرًا لتقييمك: {rating} من 5.',
    alreadyRated: 'شكرًا، قيّمت التذكرة {ref} من قبل. راسلنا في أي وقت.',
    speechAsk: 'أُغلقت تذكرتك {ref}. من 1 إلى 5، كيف كانت خدمة فريقنا؟ قل رقمًا من 1 إلى 5.',
    speechReprompt: 'قل رقمًا من 1 إلى 5 من فضلك.',
    speechThanks: 'شكرًا لتقييمك: {rating} من 5. هل من شيء آخر؟',
    cardTitle: 'قيّم خدمتنا',
  },
} as const satisfies Record<Lang, Record<string, string>>;

export type CsatMessageKey = keyof (typeof CSAT_MESSAGES)['en'];

/** The CSAT message `key` in `lang`, with `{name}` placeholders filled from `values`. */
export function csatMessage(
  lang: Lang,
  key: CsatMessageKey,
  values: Record<string, string> = {},
): string {
  return fillTemplate(CSAT_MESSAGES[lang][key], values);
}
