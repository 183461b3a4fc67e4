/**
 * Phrase tables of the built-in intent recognizer, English and Arabic (MSA, Gulf, Levantine).
 * Written in plain form; they are normalised (intent-normalize.ts) before matching, so
 * "مع السلامة" also matches "مع السلامه" and "مَعَ السَّلامة". The Lex bot definition
 * (skills/lex/bot-definition.json) is kept in step with these by a test.
 */

export type SmallTalkIntent = 'greeting' | 'thanks' | 'goodbye';

// prettier-ignore
export const SMALL_TALK_PHRASES: Record<SmallTalkIntent, readonly string[]> = {
  greeting: [
    'hi', 'hello', 'hey', 'hiya', 'howdy', 'yo', 'greetings', 'hey there', 'hi there',
    'hello there', 'good morning', 'good afternoon', 'good evening', 'good day', 'morning',
    'evening', 'how are you', 'how r u', 'how are you doing', 'hows it going', 'whats up', 'sup',
    'salam', 'salaam', 'assalamu alaikum', 'as salam alaikum', 'salam alaikum', 'marhaba', 'مرحبا',
    'مرحبتين', 'مرحبه', 'مراحب', 'اهلا', 'اهلا وسهلا', 'اهلين', 'هلا', 'هلا والله', 'هلا وغلا',
    'هلو', 'هاي', 'السلام عليكم', 'سلام عليكم', 'السلام عليكم ورحمه الله',
    'السلام عليكم ورحمه الله وبركاته', 'سلام', 'صباح الخير', 'مساء الخير', 'صباح النور',
    'مساء النور', 'كيف الحال', 'كيفك', 'كيف حالك', 'شلونك', 'شلونكم', 'شخبارك', 'شو الاخبار',
    'يا هلا',
  ],
  thanks: [
    'thanks', 'thank you', 'thx', 'thnx', 'thanx', 'ty', 'tysm', 'thank u', 'thanks a lot',
    'many thanks', 'thanks so much', 'thank you so much', 'thank you very much', 'cheers',
    'much appreciated', 'appreciate it', 'i appreciate it', 'thats helpful', 'that helps',
    'that helped', 'شكرا', 'شكرا جزيلا', 'شكرا لك', 'شكرا لكم', 'مشكور', 'مشكوره', 'مشكورين',
    'يعطيك العافيه', 'يعطيكم العافيه', 'الله يعطيك العافيه', 'تسلم', 'تسلمي', 'تسلم ايدك', 'تسلمو',
    'يسلمو', 'يسلموا', 'جزاك الله خير', 'جزاك الله خيرا', 'الف شكر', 'ممنون', 'ممنونك', 'متشكر',
    'ميرسي', 'مرسي',
  ],
  goodbye: [
    'bye', 'goodbye', 'good bye', 'bye bye', 'see you', 'see ya', 'see you later', 'cya',
    'good night', 'have a nice day', 'have a good day', 'take care', 'thats all', 'that is all',
    'thats it', 'nothing else', 'farewell', 'later', 'مع السلامه', 'الى اللقاء', 'باي', 'باي باي',
    'وداعا', 'في امان الله', 'بامان الله', 'تصبح علي خير', 'تصبحون علي خير', 'الله معك', 'يلا باي',
    'بس كذا', 'هذا كل شي', 'خلاص شكرا',
  ],
};

/**
 * Words that may accompany small talk without making it a question ("thanks so much for your
 * help, Mujib!"). Any other word means the customer is asking something.
 */
// prettier-ignore
export const SMALL_TALK_FILLERS: readonly string[] = [
  'please', 'pls', 'plz', 'so', 'much', 'very', 'a', 'lot', 'lots', 'again', 'there', 'bot',
  'mujib', 'you', 'u', 'guys', 'all', 'everyone', 'dear', 'team', 'ok', 'okay', 'k', 'oh', 'and',
  'for', 'the', 'your', 'help', 'great', 'perfect', 'awesome', 'cool', 'alright', 'got', 'it',
  'sir', 'madam', 'mate', 'friend', 'nice', 'quick', 'answer', 'info', 'reply', 'assistance',
  'support', 'that', 'this', 'was', 'helpful', 'really', 'well', 'then', 'now', 'today', 'again',
  'يا', 'جزيلا', 'كثير', 'كتير', 'لك', 'لكم', 'علي', 'المساعده', 'مساعدتك', 'مجيب', 'اخوي', 'اخي',
  'حبيبي', 'غالي', 'و', 'اوك', 'تمام', 'طيب', 'ماشي', 'خلاص', 'مره', 'ع', 'عالمساعده', 'الحين',
  'جميعا', 'حبايب',
];

/** People a customer may ask for. Bigrams are pre-joined by `joinHandoffBigrams`. */
// prettier-ignore
export const HUMAN_NOUNS: readonly string[] = [
  'agent', 'agents', 'human', 'humans', 'person', 'someone', 'somebody', 'representative', 'rep',
  'operator', 'staff', 'advisor', 'adviser', 'employee', 'manager', 'supervisor', 'customerservice',
  'customersupport', 'customercare', 'supportteam', 'helpdesk', 'livechat', 'teammember', 'موظف',
  'الموظف', 'لموظف', 'للموظف', 'بموظف', 'موظفه', 'موظفين', 'الموظفين', 'شخص', 'لشخص', 'بشخص',
  'انسان', 'لانسان', 'احد', 'حد', 'ممثل', 'لممثل', 'مندوب', 'بشر', 'الدعم', 'للدعم', 'مدير',
  'المدير', 'خدمهالعملاء', 'لخدمهالعملاء', 'بخدمهالعملاء', 'فريقالدعم', 'لفريقالدعم',
];

/** Two-word names of people or teams, joined into one token before matching. */
// prettier-ignore
export const HANDOFF_BIGRAMS: readonly (readonly [string, string])[] = [
  ['customer', 'service'],
  ['customer', 'support'],
  ['customer', 'care'],
  ['support', 'team'],
  ['help', 'desk'],
  ['live', 'chat'],
  ['team', 'member'],
  ['خدمه', 'العملاء'],
  ['لخدمه', 'العملاء'],
  ['بخدمه', 'العملاء'],
  ['فريق', 'الدعم'],
  ['لفريق', 'الدعم'],
];

/** Verbs of asking to reach someone ("talk", "want", "ابي", "بدي احكي"). */
// prettier-ignore
export const HANDOFF_VERBS: readonly string[] = [
  'talk', 'talking', 'speak', 'speaking', 'chat', 'chatting', 'connect', 'transfer', 'put', 'get',
  'want', 'wanna', 'need', 'like', 'have', 'reach', 'contact', 'escalate', 'request', 'اكلم',
  'اتكلم', 'نتكلم', 'اتحدث', 'التحدث', 'الحديث', 'احكي', 'نحكي', 'احجي', 'كلم', 'كلموني', 'كلمني',
  'ابي', 'ابغي', 'ابا', 'ابغا', 'اريد', 'بدي', 'ودي', 'حولني', 'حولوني', 'وصلني', 'وصلوني',
  'التواصل', 'اتواصل', 'اوصل', 'عايز', 'عاوز', 'محتاج', 'احتاج', 'اطلب', 'تكلم', 'الكلام', 'اكلمكم',
  'يكلمني',
];

/** Words that may sit between the verb and the person ("talk TO A REAL person"). */
// prettier-ignore
export const HANDOFF_GLUE: readonly string[] = [
  'to', 'with', 'me', 'a', 'an', 'the', 'some', 'real', 'live', 'actual', 'human', 'your', 'one',
  'of', 'talk', 'speak', 'chat', 'please', 'directly', 'right', 'now', 'in', 'through', 'i', 'can',
  'could', 'just', 'through', 'over', 'مع', 'الي', 'انا', 'اكلم', 'اتكلم', 'اتحدث', 'التحدث',
  'احكي', 'ممكن', 'لو', 'سمحت', 'من', 'فضلك', 'رجاء', 'مباشره', 'الحين', 'يا', 'اي', 'واحد',
  'اتواصل', 'التواصل', 'مع', 'ب', 'ل',
];

/** Tokens before a verb that negate it ("I don't need an agent", "ما ابي موظف"). */
// prettier-ignore
export const HANDOFF_NEGATIONS: readonly string[] = [
  'dont', 'not', 'never', 'no', 'without', 'doesnt', 'didnt', 'ما', 'لا', 'مو', 'مش', 'مب', 'بدون',
];

/** A person noun after one of these is not a person to hand off to ("the delivery agent"). */
// prettier-ignore
export const NON_HANDOFF_MODIFIERS: readonly string[] = [
  'delivery', 'courier', 'shipping', 'travel', 'user', 'insurance', 'estate', 'secret', 'cleaning',
  'another', 'other', 'التوصيل', 'الشحن', 'المندوب',
];

/** Whole phrases that ask for a person wherever they appear. */
// prettier-ignore
export const HANDOFF_STRONG_PHRASES: readonly string[] = [
  'real person', 'real human', 'real people', 'live agent', 'live person', 'actual person',
  'actual human', 'human agent', 'human being', 'customerservice representative',
  'customerservice agent', 'customersupport agent', 'not a bot', 'not a robot', 'not a machine',
  'شخص حقيقي', 'انسان حقيقي', 'موظف حقيقي', 'ممثل خدمهالعملاء', 'موظف خدمهالعملاء', 'مو بوت',
  'مش روبوت', 'مو روبوت', 'مش بوت',
];

/** Words that may surround a bare request for a person ("agent please", "موظف لو سمحت"). */
// prettier-ignore
export const HANDOFF_SHORT_FILLERS: readonly string[] = [
  'please', 'pls', 'plz', 'now', 'i', 'a', 'an', 'the', 'me', 'to', 'can', 'could', 'just', 'ok',
  'support', 'hi', 'hello', 'urgent', 'asap', 'ابي', 'اريد', 'بدي', 'لو', 'سمحت', 'من', 'فضلك',
  'ممكن', 'ابغي', 'يا', 'الحين', 'مع', 'رجاء', 'بسرعه',
];
