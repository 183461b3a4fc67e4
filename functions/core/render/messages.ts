/**
 * The bot's own words, in every language the help centre has. Renderers pick from here; a new
 * language is one more entry. Placeholders: {ref}, {title}, {n}, {language}.
 */
import type { Lang } from '../types.ts';

export const MESSAGES = {
  en: {
    greeting: 'Hello! Ask me anything about your account, orders, shipping, returns or payments.',
    thanks: "You're welcome! Anything else I can help with?",
    goodbye: 'Goodbye, and thanks for shopping with us.',
    empty: 'Please type your question, for example "How do I track my order?"',
    clarifyIntro: 'Did you mean one of these?',
    clarifyIntroOne: 'Is this what you are looking for?',
    clarifyPickSms: 'Reply with a number.',
    // When a person will reply follows from support.json and who is on shift (handoff-promise.ts).
    escalated: "I've passed this to our support team. Your reference is {ref}.",
    escalatedAskedForHuman: "I'm handing you over to our support team. Your reference is {ref}.",
    escalateFailed:
      "I couldn't create a support request just now. Please try again in a few minutes, or email support@nakheel.example.",
    readMore: 'Read more: {url}',
    staffReplyIntro: 'A reply from our support team about {ref}:',
    anythingElse: 'Anything else?',
    otherLanguageOnly: 'This answer is only available in {language}:',
  },
  ar: {
    greeting: 'مرحبًا! اسألني عن حسابك أو طلباتك أو الشحن أو الإرجاع أو الدفع.',
    thanks: 'على الرحب والسعة! هل هناك شيء آخر أستطيع مساعدتك فيه؟',
    goodbye: 'مع السلامة، وشكرًا لتسوقك معنا.',
    empty: 'اكتب سؤالك من فضلك، مثلًا: "كيف أتتبع طلبي؟"',
    clarifyIntro: 'هل تقصد أحد هذه المواضيع؟',
    clarifyIntroOne: 'هل تقصد هذا الموضوع؟',
    clarifyPickSms: 'أرسل رقم الخيار.',
    escalated: 'حوّلت سؤالك إلى فريق الدعم. رقم تذكرتك {ref}.',
    escalatedAskedForHuman: 'سأحوّلك إلى فريق الدعم. رقم تذكرتك {ref}.',
    escalateFailed:
      'تعذّر إنشاء طلب دعم الآن. حاول مرة أخرى بعد دقائق، أو راسلنا على support@nakheel.example.',
    readMore: 'للمزيد: {url}',
    staffReplyIntro: 'رد من فريق الدعم بخصوص {ref}:',
    anythingElse: 'هل من شيء آخر؟',
    otherLanguageOnly: 'هذه الإجابة متوفرة {language} فقط:',
  },
} as const satisfies Record<Lang, Record<string, string>>;

/**
 * How each language names every other one inside its own sentences ("only available in
 * {language}"): English "Arabic"; Arabic "بالإنجليزية" (with the preposition, as Arabic writes it).
 */
export const LANGUAGE_NAMES = {
  en: { en: 'English', ar: 'Arabic' },
  ar: { en: 'بالإنجليزية', ar: 'بالعربية' },
} as const satisfies Record<Lang, Record<Lang, string>>;

/** `articleLang` as named in a sentence written in `customerLang` (see LANGUAGE_NAMES). */
export function languageName(customerLang: Lang, articleLang: Lang): string {
  return LANGUAGE_NAMES[customerLang][articleLang];
}

/**
 * The line that introduces an answer found only in another language, in the customer's language
 * ("This answer is only available in Arabic:"); undefined when the languages are the same.
 */
export function otherLanguageNotice(customerLang: Lang, articleLang: Lang): string | undefined {
  if (customerLang === articleLang) return undefined;
  return message(customerLang, 'otherLanguageOnly', {
    language: languageName(customerLang, articleLang),
  });
}

export type MessageKey = keyof (typeof MESSAGES)['en'];

/** `template` with `{name}` placeholders filled from `values` (unknown names stay as they are). */
export function fillTemplate(template: string, values: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** The message `key` in `lang`, with `{name}` placeholders filled from `values`. */
export function message(lang: Lang, key: MessageKey, values: Record<string, string> = {}): string {
  return fillTemplate(MESSAGES[lang][key], values);
}
