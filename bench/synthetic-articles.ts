/**
 * Deterministic synthetic help centre for the index benchmark: N articles (about one in five in
 * Arabic) written as Markdown with front matter, ~5 questions and 3 sections each, from a small
 * customer-support vocabulary, plus customer questions to time (paraphrases and off-topic ones).
 */

/** mulberry32: a tiny seeded PRNG, so every run builds the same collection. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EN = {
  verbs: [
    'reset',
    'change',
    'cancel',
    'update',
    'track',
    'return',
    'activate',
    'close',
    'renew',
    'verify',
    'transfer',
    'download',
    'replace',
    'report',
    'pay',
    'refund',
    'block',
    'unlock',
    'share',
    'connect',
  ],
  nouns: [
    'password',
    'order',
    'subscription',
    'card',
    'parcel',
    'invoice',
    'account',
    'address',
    'plan',
    'device',
    'payment',
    'delivery',
    'voucher',
    'receipt',
    'profile',
    'phone number',
    'email',
    'booking',
    'membership',
    'warranty',
    'router',
    'statement',
    'pin',
    'loyalty points',
    'gift card',
  ],
  qualifiers: [
    'online',
    'in the app',
    'abroad',
    'for a family member',
    'after moving',
    'on a weekend',
    'without a receipt',
    'by phone',
    'for business',
    'before it expires',
    'twice',
    'by mistake',
  ],
  filler: [
    'you can',
    'open the',
    'settings page',
    'then choose',
    'and confirm',
    'within',
    'working days',
    'our team',
    'will email',
    'a confirmation',
    'if the',
    'does not',
    'arrive',
    'check your',
    'spam folder',
    'the fee',
    'is charged',
    'once',
    'per month',
    'contact us',
    'with your',
    'reference number',
    'usually',
    'takes',
    'minutes',
    'select',
    'from the',
    'menu',
    'tap',
    'save',
    'the button',
    'at the bottom',
  ],
  asks: [
    'how do I',
    'can I',
    'how can I',
    'I want to',
    'help me',
    'is it possible to',
    'where do I',
  ],
  sectionTitles: [
    'Before you start',
    'Steps',
    'Fees and limits',
    'If something goes wrong',
    'Who can do this',
  ],
  offTopic: [
    'what is the weather tomorrow',
    'tell me a joke',
    'who won the football match',
    'recommend a good film',
    'what time is it in tokyo',
    'how tall is mount everest',
  ],
};

const AR = {
  verbs: [
    'تغيير',
    'إلغاء',
    'تحديث',
    'تتبع',
    'إرجاع',
    'تفعيل',
    'إغلاق',
    'تجديد',
    'تحويل',
    'استبدال',
    'دفع',
    'استرداد',
  ],
  nouns: [
    'كلمة المرور',
    'الطلب',
    'الاشتراك',
    'البطاقة',
    'الطرد',
    'الفاتورة',
    'الحساب',
    'العنوان',
    'الخطة',
    'الجهاز',
    'الدفعة',
    'التوصيل',
    'القسيمة',
    'الإيصال',
    'رقم الهاتف',
    'الحجز',
  ],
  qualifiers: [
    'عبر التطبيق',
    'من الخارج',
    'لأحد أفراد العائلة',
    'بعد الانتقال',
    'بدون إيصال',
    'عبر الهاتف',
  ],
  filler: [
    'يمكنك',
    'افتح',
    'صفحة الإعدادات',
    'ثم اختر',
    'وأكد',
    'خلال',
    'أيام عمل',
    'سيرسل',
    'فريقنا',
    'رسالة تأكيد',
    'إذا لم',
    'تصل',
    'تحقق من',
    'مجلد الرسائل',
    'الرسوم',
    'مرة واحدة',
    'شهريا',
    'تواصل معنا',
    'برقم المرجع',
    'عادة',
    'يستغرق',
    'دقائق',
    'اضغط',
    'احفظ',
    'من القائمة',
  ],
  asks: ['كيف يمكنني', 'أريد', 'هل يمكنني', 'ساعدني في', 'أين'],
  sectionTitles: ['قبل أن تبدأ', 'الخطوات', 'الرسوم والحدود', 'إذا حدثت مشكلة', 'من يمكنه ذلك'],
  offTopic: ['ما حالة الطقس غدا', 'أخبرني نكتة', 'من فاز بالمباراة', 'كم الساعة الآن'],
};

const SYLLABLES = [
  'zor',
  'vex',
  'lin',
  'ka',
  'tro',
  'mi',
  'pel',
  'dax',
  'ora',
  'quin',
  'sul',
  'bre',
];

/** A made-up product name ("Zorvexka"): real help centres name many products, each rare. */
function productName(random: () => number): string {
  const n = 2 + Math.floor(random() * 2);
  const name = Array.from(
    { length: n },
    () => SYLLABLES[Math.floor(random() * SYLLABLES.length)],
  ).join('');
  return name.charAt(0).toUpperCase() + name.slice(1);
}

export interface SyntheticFile {
  file: string;
  source: string;
}

export interface SyntheticQuestion {
  text: string;
  lang: 'en' | 'ar';
}

/** `count` articles as Markdown files (`en/…md`, `ar/…md`), the same for the same seed. */
export function generateArticles(count: number, seed = 42): SyntheticFile[] {
  const random = createRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const words = (vocab: typeof EN, n: number): string =>
    Array.from({ length: n }, () => pick([...vocab.filler, ...vocab.nouns, ...vocab.verbs])).join(
      ' ',
    );
  const files: SyntheticFile[] = [];
  for (let i = 0; i < count; i += 1) {
    const lang = random() < 0.2 ? 'ar' : 'en';
    const v = lang === 'ar' ? AR : EN;
    const verb = pick(v.verbs);
    const noun = pick(v.nouns);
    const qualifier = `${pick(v.qualifiers)} ${productName(random)}`;
    const title =
      lang === 'ar' ? `${verb} ${noun} ${qualifier}` : `${cap(verb)} your ${noun} ${qualifier}`;
    const questions = Array.from({ length: 5 }, () =>
      lang === 'ar'
        ? `${pick(v.asks)} ${verb} ${noun} ${random() < 0.5 ? qualifier : pick(v.qualifiers)}`
        : `${pick(v.asks)} ${verb} my ${noun} ${random() < 0.5 ? qualifier : pick(v.qualifiers)}`,
    );
    const headings = [...v.sectionTitles].sort(() => random() - 0.5).slice(0, 3);
    const sections = headings.map(
      (h) =>
        `## ${h}\n\n${words(v, 25 + Math.floor(random() * 30))}.\n\n1. ${words(v, 8)}\n2. ${words(v, 8)}\n`,
    );
    const source = [
      '---',
      `id: article-${i}`,
      `title: "${title}"`,
      'questions:',
      ...questions.map((q) => `  - "${q}"`),
      `summary: "${words(v, 18)}"`,
      'updated: 2026-10-14',
      '---',
      `# ${title}`,
      '',
      words(v, 20) + '.',
      '',
      ...sections,
    ].join('\n');
    files.push({ file: `${lang}/article-${i}.md`, source });
  }
  return files;
}

/** Customer questions: mostly paraphrases of article topics, some off-topic. */
export function generateQuestions(count: number, seed = 7): SyntheticQuestion[] {
  const random = createRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  return Array.from({ length: count }, () => {
    const lang = random() < 0.2 ? 'ar' : 'en';
    const v = lang === 'ar' ? AR : EN;
    if (random() < 0.1) return { text: pick(v.offTopic), lang };
    const product = random() < 0.5 ? ` ${productName(random)}` : '';
    const text =
      lang === 'ar'
        ? `${pick(v.asks)} ${pick(v.verbs)} ${pick(v.nouns)} ${pick(v.qualifiers)}${product}`
        : `${pick(v.asks)} ${pick(v.verbs)} the ${pick(v.nouns)} ${pick(v.qualifiers)}${product}`;
    return { text, lang };
  });
}

function cap(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
