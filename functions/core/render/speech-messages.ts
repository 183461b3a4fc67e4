/**
 * The bot's spoken words (Alexa), in every language of the help centre. Plain text with
 * placeholders ({options}, {ref}, {language}); ssml.ts escapes them and inserts SSML where needed (the
 * reference is spelled out). Shared wording stays in messages.ts.
 */
import type { Lang } from '../types.ts';
import { fillTemplate } from './messages.ts';

export const SPEECH_MESSAGES = {
  en: {
    welcome:
      'Welcome to Nakheel Help. What would you like to know? For example, how do I track my order?',
    welcomeReprompt: 'What would you like to know?',
    help: 'You can ask me about your account, orders, shipping, returns or payments. For example, say: how do I reset my password? Or say: talk to a person.',
    helpReprompt: 'What is your question?',
    fallback:
      "Sorry, I didn't catch a question there. Try saying: how do I, followed by what you need.",
    fallbackReprompt: 'What is your question?',
    empty: 'What is your question? For example, say: how do I track my order?',
    clarify: 'Did you mean {options}?',
    clarifyOr: 'or',
    clarifyPick: 'You can say the first one or the second one.',
    clarifyPickOne: 'Say the first one to hear it, or ask me something else.',
    clarifyReprompt: 'Which one did you mean? Say the first one or the second one.',
    chooseUnknown: "Sorry, I don't have that option. Please ask your question again.",
    escalated: "I've passed this to our team. Your reference is {ref}.",
    escalatedAskedForHuman: "I'm handing you over to our team. Your reference is {ref}.",
    escalatedNext: 'When a person has answered, open Nakheel Help again to hear the reply.',
    escalateFailed:
      "Sorry, I couldn't pass this to our team just now. Please try again in a few minutes, or email support at nakheel dot example.",
    staffReplyIntro: 'You have an answer from our team about reference {ref}.',
    staffReplyMore: 'You have more answers waiting. Open the Alexa app to read them.',
    anythingElse: 'Anything else?',
    goodbye: 'Goodbye, and thanks for shopping with us.',
    error: 'Sorry, I had trouble with that. Please try again.',
    cardTitleEscalated: 'Your support request',
    cardTitleClarify: 'Did you mean…',
    cardTitleStaffReply: 'An answer from our team',
    readMore: 'Read more: {url}',
    otherLanguageOnly:
      "This answer is only available in {language}. I've put it, with a link, on a card in your Alexa app.",
  },
  ar: {
    welcome: 'أهلًا بك في مساعدة نخيل. ماذا تريد أن تعرف؟ مثلًا: كيف أتتبع طلبي؟',
    welcomeReprompt: 'ما سؤالك؟',
    help: 'يمكنك أن تسألني عن حسابك أو طلباتك أو الشحن أو الإرجاع أو الدفع. مثلًا قل: كيف أغير كلمة المرور؟ أو قل: أريد التحدث مع موظف.',
    helpReprompt: 'ما سؤالك؟',
    fallback: 'عذرًا، لم أفهم السؤال. جرّب أن تقول: كيف، ثم ما تحتاجه.',
    fallbackReprompt: 'ما سؤالك؟',
    empty: 'ما سؤالك؟ مثلًا قل: كيف أتتبع طلبي؟',
    clarify: 'هل تقصد {options}؟',
    clarifyOr: 'أم',
    clarifyPick: 'يمكنك أن تقول: الأول أو الثاني.',
    clarifyPickOne: 'قل: الأول لتسمعه، أو اسألني عن شيء آخر.',
    clarifyReprompt: 'أيهما تقصد؟ قل: الأول أو الثاني.',
    chooseUnknown: 'عذرًا، هذا الخيار غير موجود. من فضلك اطرح سؤالك مرة أخرى.',
    escalated: 'حوّلت سؤالك إلى فريق الدعم. رقم تذكرتك {ref}.',
    escalatedAskedForHuman: 'سأحوّلك إلى فريق الدعم. رقم تذكرتك {ref}.',
    escalatedNext: 'عندما يرد أحد الموظفين، افتح مساعدة نخيل مرة أخرى لتسمع الرد.',
    escalateFailed:
      'عذرًا، تعذّر تحويل سؤالك إلى فريق الدعم الآن. حاول مرة أخرى بعد دقائق، أو راسل الدعم بالبريد الإلكتروني.',
    staffReplyIntro: 'لديك رد من فريق الدعم بخصوص التذكرة رقم {ref}.',
    staffReplyMore: 'لديك ردود أخرى. افتح تطبيق أليكسا لقراءتها.',
    anythingElse: 'هل من شيء آخر؟',
    goodbye: 'مع السلامة، وشكرًا لتسوقك معنا.',
    error: 'عذرًا، حدثت مشكلة. حاول مرة أخرى من فضلك.',
    cardTitleEscalated: 'طلب الدعم',
    cardTitleClarify: 'هل تقصد…',
    cardTitleStaffReply: 'رد من فريق الدعم',
    readMore: 'للمزيد: {url}',
    otherLanguageOnly:
      'هذه الإجابة متوفرة {language} فقط. وضعتها مع الرابط في بطاقة في تطبيق أليكسا.',
  },
} as const satisfies Record<Lang, Record<string, string>>;

export type SpeechMessageKey = keyof (typeof SPEECH_MESSAGES)['en'];

/** The spoken message `key` in `lang` (plain text), with `{name}` placeholders filled. */
export function speechMessage(
  lang: Lang,
  key: SpeechMessageKey,
  values: Record<string, string> = {},
): string {
  return fillTemplate(SPEECH_MESSAGES[lang][key], values);
}
