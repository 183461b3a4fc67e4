import { describe, expect, it } from 'vitest';
import {
  BuiltinIntentRecognizer,
  isHandoffRequest,
  recognizeIntent,
} from '#core/conversation/builtin-intents.ts';
import { normalizeForIntent } from '#core/conversation/intent-normalize.ts';
import type { IntentName } from '#core/ports.ts';
import type { Lang } from '#core/types.ts';

type Row = [text: string, lang: Lang, intent: IntentName];

const GREETINGS: Row[] = [
  ['hi', 'en', 'greeting'],
  ['Hello!', 'en', 'greeting'],
  ['hey there 👋', 'en', 'greeting'],
  ['Good morning', 'en', 'greeting'],
  ['hiiii', 'en', 'greeting'],
  ['hello mujib, how are you?', 'en', 'greeting'],
  ['مرحبا', 'ar', 'greeting'],
  ['السلام عليكم', 'ar', 'greeting'],
  ['السَّلامُ عَلَيْكُم ورحمة الله وبركاته', 'ar', 'greeting'],
  ['هلا', 'ar', 'greeting'],
  ['هلا والله', 'ar', 'greeting'],
  ['أهلاً وسهلاً', 'ar', 'greeting'],
  ['صباح الخير', 'ar', 'greeting'],
  ['شلونك', 'ar', 'greeting'],
];

const THANKS: Row[] = [
  ['thanks', 'en', 'thanks'],
  ['Thank you so much!!', 'en', 'thanks'],
  ['thx', 'en', 'thanks'],
  ['ok thanks, that was helpful', 'en', 'thanks'],
  ['thank you for your help', 'en', 'thanks'],
  ['شكرا', 'ar', 'thanks'],
  ['شكراً جزيلاً 🙏', 'ar', 'thanks'],
  ['مشكور', 'ar', 'thanks'],
  ['يعطيك العافية', 'ar', 'thanks'],
  ['الله يعطيك العافيه يا مجيب', 'ar', 'thanks'],
  ['تسلم ايدك', 'ar', 'thanks'],
  ['شكراااا', 'ar', 'thanks'],
];

const GOODBYES: Row[] = [
  ['bye', 'en', 'goodbye'],
  ['Goodbye!', 'en', 'goodbye'],
  ['ok thanks, bye', 'en', 'goodbye'],
  ['see you later', 'en', 'goodbye'],
  ['that is all, thanks', 'en', 'goodbye'],
  ['مع السلامة', 'ar', 'goodbye'],
  ['مع السلامه', 'ar', 'goodbye'],
  ['إلى اللقاء', 'ar', 'goodbye'],
  ['شكرا، مع السلامة', 'ar', 'goodbye'],
];

const HANDOFF: Row[] = [
  ['agent', 'en', 'ask-for-human'],
  ['AGENT!!!', 'en', 'ask-for-human'],
  ['human please', 'en', 'ask-for-human'],
  ['I want to talk to someone', 'en', 'ask-for-human'],
  ['can I speak to a real person?', 'en', 'ask-for-human'],
  ['let me talk to a human', 'en', 'ask-for-human'],
  ['I need a customer service representative', 'en', 'ask-for-human'],
  ['connect me with an agent', 'en', 'ask-for-human'],
  ['customer service', 'en', 'ask-for-human'],
  ['thanks, but I still want a human', 'en', 'ask-for-human'],
  ['this is useless, get me a live agent', 'en', 'ask-for-human'],
  ["I'd like to speak with customer support about my refund", 'en', 'ask-for-human'],
  ['موظف', 'ar', 'ask-for-human'],
  ['أريد التحدث مع شخص', 'ar', 'ask-for-human'],
  ['ابي اكلم موظف', 'ar', 'ask-for-human'],
  ['أبغى أكلم موظف لو سمحت', 'ar', 'ask-for-human'],
  ['بدي احكي مع موظف', 'ar', 'ask-for-human'],
  ['خدمة العملاء', 'ar', 'ask-for-human'],
  ['ممكن اتكلم مع حد', 'ar', 'ask-for-human'],
  ['حولني لخدمة العملاء', 'ar', 'ask-for-human'],
  ['أريد التحدث مع شخص حقيقي', 'ar', 'ask-for-human'],
  ['شكرا بس ابي موظف', 'ar', 'ask-for-human'],
];

const QUESTIONS: Row[] = [
  ['hi, how do I reset my password', 'en', 'question'],
  ['hello I cannot sign in to my account', 'en', 'question'],
  ['thanks but it still does not work', 'en', 'question'],
  ['how do I track my order', 'en', 'question'],
  ['can the delivery agent leave the parcel with a neighbour?', 'en', 'question'],
  ['I want to change the person on the order', 'en', 'question'],
  ["I don't need an agent, just tell me how to return an item", 'en', 'question'],
  ['can I get a refund from the courier', 'en', 'question'],
  ['how do I stop marketing emails', 'en', 'question'],
  ['good', 'en', 'question'],
  ['مرحبا، كيف أغير كلمة المرور؟', 'ar', 'question'],
  ['السلام عليكم وين طلبي', 'ar', 'question'],
  ['شكرا بس الرابط ما يشتغل', 'ar', 'question'],
  ['الموظف لم يوصل الطلب', 'ar', 'question'],
  ['ما ابي موظف، ابي اعرف وين طلبي', 'ar', 'question'],
  ['متى يوصل الطلب يوم الأحد', 'ar', 'question'],
  ['ابي اعرف وين وصلت الشحنة', 'ar', 'question'],
];

describe('the built-in intent recognizer', () => {
  const recognizer = new BuiltinIntentRecognizer();

  it.each([...GREETINGS, ...THANKS, ...GOODBYES, ...HANDOFF, ...QUESTIONS])(
    '"%s" (%s) is %s',
    async (text, lang, intent) => {
      const result = await recognizer.recognize(text, lang, 'session-1');

      expect(result.intent).toBe(intent);
      expect(result.confidence).toBeGreaterThanOrEqual(0);
      expect(result.confidence).toBeLessThanOrEqual(1);
    },
  );

  it('is sure of plain small talk and less sure when words are added', () => {
    const plain = recognizeIntent('thanks', 'en');
    const padded = recognizeIntent('ok thanks so much for the help mujib', 'en');

    expect(plain.confidence).toBeGreaterThan(padded.confidence);
    expect(padded.intent).toBe('thanks');
  });

  it('treats empty or punctuation-only text as a question with low confidence', () => {
    expect(recognizeIntent('', 'en')).toEqual({ intent: 'question', confidence: 0.5 });
    expect(recognizeIntent('?!… 🙂', 'ar').intent).toBe('question');
  });

  it('recognises small talk in the other language than the hint', () => {
    expect(recognizeIntent('شكرا', 'en').intent).toBe('thanks');
    expect(recognizeIntent('bye', 'ar').intent).toBe('goodbye');
  });
});

describe('isHandoffRequest', () => {
  it.each(HANDOFF)('says yes to "%s"', (text, lang) => {
    expect(isHandoffRequest(text, lang)).toBe(true);
  });

  it.each([...QUESTIONS, ...THANKS, ...GREETINGS])('says no to "%s"', (text, lang) => {
    expect(isHandoffRequest(text, lang)).toBe(false);
  });
});

describe('normalizeForIntent', () => {
  it('folds Arabic diacritics, letter variants, digits, punctuation and emoji', () => {
    expect(normalizeForIntent('شُكْراً جَزِيلاً!! 🙏')).toBe('شكرا جزيلا');
    expect(normalizeForIntent('إلى اللقاء')).toBe('الي اللقاء');
    expect(normalizeForIntent('مع السلامة')).toBe(normalizeForIntent('مع السلامه'));
    expect(normalizeForIntent('رقم ٢')).toBe('رقم 2');
    expect(normalizeForIntent("Don't   STOP…")).toBe('dont stop');
  });
});
