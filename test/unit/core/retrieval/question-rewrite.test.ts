import { describe, expect, it } from 'vitest';
import { arabicSkeleton, arabiziScore, arabiziSkeletons } from '#core/retrieval/arabizi.ts';
import { DIALECT_WORDS } from '#core/retrieval/dialect-words.ts';
import { dialectVerbForms } from '#core/retrieval/dialect-verbs.ts';
import { rewriteQuestion, transliterateArabizi } from '#core/retrieval/rewrite-question.ts';
import { Vocabulary, withinOneEdit } from '#core/retrieval/vocabulary.ts';

const vocab = (words: string[]): Vocabulary =>
  new Vocabulary(Object.fromEntries(words.map((w, i) => [w, words.length - i])));
const OPTIONS = { maxWords: 60, maxCorrections: 8 };

describe('Damerau distance 1', () => {
  it('accepts one insertion, deletion, substitution or adjacent swap', () => {
    expect(withinOneEdit('parcel', 'parcle')).toBe(true);
    expect(withinOneEdit('parcel', 'parccel')).toBe(true);
    expect(withinOneEdit('parcel', 'parel')).toBe(true);
    expect(withinOneEdit('parcel', 'parcek')).toBe(true);
  });

  it('rejects two edits', () => {
    expect(withinOneEdit('parcel', 'pracle')).toBe(false);
    expect(withinOneEdit('refund', 'refunded')).toBe(false);
  });
});

describe('Vocabulary.correct', () => {
  const words = vocab(['charged', 'twice', 'parcel', 'outer', 'password', 'refund', 'refunds']);

  it('corrects transpositions, doubled and dropped letters to collection words', () => {
    expect(words.correct('chagred')).toBe('charged');
    expect(words.correct('parrcel')).toBe('parcel');
    expect(words.correct('pasword')).toBe('password');
    expect(words.correct('twcie')).toBe('twice');
  });

  it('keeps the first letter: a different word is not a typo', () => {
    expect(words.correct('router')).toBeUndefined();
  });

  it('never corrects short words, digits or overlong tokens', () => {
    expect(words.correct('twi')).toBeUndefined();
    expect(words.correct('12345')).toBeUndefined();
    expect(words.correct('p'.repeat(2000))).toBeUndefined();
  });
});

describe('rewriteQuestion', () => {
  it('reads a misspelt word as the collection word and says so', () => {
    const r = rewriteQuestion('my card was chagred', vocab(['card', 'charged']), OPTIONS);
    expect(r.text).toBe('my card was charged');
    expect(r.corrected).toBe(1);
    expect(r.changes).toEqual(['chagred → charged']);
  });

  it('reports content words no article uses', () => {
    const r = rewriteQuestion('do you sell microscopes', vocab(['sell', 'data']), OPTIONS);
    expect(r.unknown).toEqual(['microscopes']);
    expect(r.content).toBe(2);
  });

  it('removes an attached preposition when the collection knows the rest', () => {
    const r = rewriteQuestion('وقت لاسترجاع المبلغ', vocab(['استرجاع', 'المبلغ', 'وقت']), OPTIONS);
    expect(r.text).toBe('وقت استرجاع المبلغ');
    expect(r.unknown).toEqual([]);
  });

  it('reads على + the article run together ("عالطلب" = "على الطلب")', () => {
    const r = rewriteQuestion('رسوم عالطلب', vocab(['رسوم', 'الطلب']), OPTIONS);
    expect(r.text).toBe('رسوم الطلب');
  });

  it('maps dialect words to the words the articles use', () => {
    const r = rewriteQuestion('كيف اكنسل الاوردر', vocab(['الغي', 'الطلب']), OPTIONS);
    expect(r.text).toBe('كيف الغي الطلب');
  });

  it('looks up a bounded number of misspellings per question', () => {
    const text = Array.from({ length: 50 }, (_, i) => `zzq${i}xx`).join(' ');
    const r = rewriteQuestion(text, vocab(['card']), OPTIONS);
    expect(r.unknown).toHaveLength(50);
    expect(r.corrected).toBe(0);
  });
});

describe('the dialect table', () => {
  it('only maps to normalised Arabic (no hamza-alef, no taa marbuta)', () => {
    for (const [from, to] of DIALECT_WORDS) {
      expect(from).not.toMatch(/[أإآةى]/);
      expect(to).not.toMatch(/[أإآةى]/);
      expect(to.trim()).not.toBe('');
    }
  });
});

describe('Arabizi', () => {
  it('gives Arabic and Arabizi spellings of a word the same consonant skeleton', () => {
    expect(arabiziSkeletons('7sabi')).toContain(arabicSkeleton('حسابي'));
    expect(arabiziSkeletons('ta3deel')).toContain(arabicSkeleton('تعديل'));
    expect(arabiziSkeletons('shaghal')).toContain(arabicSkeleton('شغال'));
    expect(arabiziSkeletons('elfloos')).toContain(arabicSkeleton('فلوس'));
  });

  it('takes digits used as letters as Arabizi, and model numbers as English', () => {
    expect(arabiziScore(['ta3deel'])).toBeGreaterThan(0);
    expect(arabiziScore(['7sabi'])).toBeGreaterThan(0);
    expect(arabiziScore(['sari3'])).toBeGreaterThan(0);
    expect(arabiziScore(['galaxy', 's23', 'ps5', 'iphone15', 'a52'])).toBe(0);
  });

  it('bounds the alternatives an ambiguous word can produce', () => {
    expect(arabiziSkeletons('thgthgthgthg9g9g9g').length).toBeLessThanOrEqual(8);
  });

  it('transliterates a question into the collection words with the same skeleton', () => {
    const words = vocab(['حسابي', 'تعديل', 'الطلب', 'ارجاع']);
    const r = transliterateArabizi('abi ta3deel el talab', words, 60);
    expect(r.text).toBe('ابي تعديل الطلب');
    expect(r.matched).toBe(2);
  });
});

describe('dialect verb forms', () => {
  it('peels dialect aspect prefixes and plural endings off to the verb the articles use', () => {
    expect(dialectVerbForms('بتشحنوا')).toContain('نشحن');
    expect(dialectVerbForms('كتغطيه')).toContain('تغطي');
    expect(dialectVerbForms('هيوصل')).toContain('يوصل');
  });

  it('removes the negation circumfix ما…ش', () => {
    expect(dialectVerbForms('ماوصلنيش')).toContain('وصلني');
    expect(dialectVerbForms('معملش')).toContain('عمل');
  });

  it('returns a bounded list without the word itself, and nothing for short words', () => {
    const forms = dialectVerbForms('بيرجعوها'.repeat(3));
    expect(forms.length).toBeLessThanOrEqual(40);
    expect(dialectVerbForms('بتشحنوا')).not.toContain('بتشحنوا');
    expect(dialectVerbForms('بكم')).toEqual([]);
  });

  it('lets the rewriter read a dialect verb as the collection word', () => {
    const r = rewriteQuestion('بتشحنوا الكويت', vocab(['نشحن', 'الكويت']), OPTIONS);
    expect(r.text).toBe('نشحن الكويت');
    expect(r.unknown).toEqual([]);
  });
});

describe('other companies', () => {
  it('reports an unknown word that names another company', () => {
    const r = rewriteQuestion('cancel my netflix subscription', vocab(['cancel']), OPTIONS);
    expect(r.otherCompanies).toEqual(['netflix']);
    expect(r.unknown).toContain('netflix');
  });

  it('does not count a company the collection itself mentions', () => {
    const r = rewriteQuestion('is my ikea order here', vocab(['ikea', 'order']), OPTIONS);
    expect(r.otherCompanies).toEqual([]);
  });

  it('knows the Arabic spellings', () => {
    const r = rewriteQuestion('كيف اغير رقمي في ابشر', vocab(['اغير', 'رقمي']), OPTIONS);
    expect(r.otherCompanies).toEqual(['ابشر']);
  });
});

describe('spelling and skeletons, Arabic details', () => {
  it('keeps the first letter after the article: a city is not a misspelt word', () => {
    expect(vocab(['الظاهره']).correct('القاهره')).toBeUndefined();
    expect(vocab(['الطلبات']).correct('الطلبت')).toBe('الطلبات');
  });

  it('keeps a consonant repeated across a vowel ("عنوان" is not "عن")', () => {
    expect(arabicSkeleton('عنوان')).not.toBe(arabicSkeleton('عن'));
    expect(arabiziSkeletons('3enwan')).toContain(arabicSkeleton('عنوان'));
    expect(arabiziSkeletons('ta7aqoq')).toContain(arabicSkeleton('التحقق'));
    expect(arabiziSkeletons('tsakkar')).toContain(arabicSkeleton('تسكر'));
  });

  it('reads an Arabizi dialect word through the dialect table', () => {
    const words = vocab(['الطلب', 'الغاء']);
    const r = transliterateArabizi('abi akansel el talab', words, 60);
    expect(r.text).toBe('ابي كنسل الطلب');
    expect(rewriteQuestion(r.text, words, OPTIONS).text).toBe('ابي الغاء الطلب');
  });
});

describe('places and products the articles do not name', () => {
  const words = vocab(['deliver', 'ship', 'cracked', 'arrived', 'sell', 'تشحن', 'نبيع', 'داتا']);

  it('counts a country or city as neither unknown nor misspelt, in both scripts', () => {
    const english = rewriteQuestion('do you deliver to algeria', words, OPTIONS);
    expect(english.unknown).toEqual([]);
    expect(english.named).toBe(1);
    expect(english.text).toContain('algeria');
    // Behind a preposition or "على" run together, with or without the article.
    for (const question of ['بتشحنوا عالاردن', 'تشحن للجزاير', 'تشحن لابها', 'تشحن بالرياض']) {
      const arabic = rewriteQuestion(question, words, OPTIONS);
      expect(arabic.unknown, question).toEqual([]);
      expect(arabic.named, question).toBe(1);
    }
  });

  it('counts a product as named, and other unknown words as before', () => {
    const damaged = rewriteQuestion('my blender arrived cracked', words, OPTIONS);
    expect(damaged.unknown).toEqual([]);
    expect(damaged.named).toBe(1);
    const telescope = rewriteQuestion('do you sell telescopes', words, OPTIONS);
    expect(telescope.unknown).toEqual(['telescopes']);
    expect(telescope.named).toBe(0);
  });
});

describe('a leading "and" / "so" (و ف)', () => {
  const words = vocab(['نبيع', 'عارف', 'باسورد']);

  it('does not make a stop word a content word ("ومش" is "مش")', () => {
    const r = rewriteQuestion('نسيت الباسورد ومش عارف', words, OPTIONS);
    expect(r.text.split(' ')).toContain('مش');
    expect(r.text.split(' ')).not.toContain('ومش');
    // "عارف" (I know) is a frame word, like English "know".
    expect(r.content).toBe(2);
  });

  it('is taken off a dialect verb form ("وبتبيعوها" → "نبيع")', () => {
    const r = rewriteQuestion('وبتبيعوها لحد', words, OPTIONS);
    expect(r.text.split(' ')[0]).toBe('نبيع');
    expect(r.changes).toContain('وبتبيعوها → نبيع');
  });
});

describe('English texting words', () => {
  it('are stop words ("whats ur return policy" has two content words)', () => {
    const r = rewriteQuestion('whats ur return policy thx', vocab(['return', 'policy']), OPTIONS);
    expect(r.content).toBe(2);
    expect(r.unknown).toEqual([]);
  });
});

describe('Maghrebi words', () => {
  it('reads French loans as the words the articles use, also behind a preposition', () => {
    const words = vocab(['النقاط', 'الخصم', 'العنوان', 'البطاقه', 'تالف']);
    const r = rewriteQuestion('بغيت نبدل لادريس و البوان ديالي بالكارطه مخسره', words, OPTIONS);
    expect(r.text).toContain('العنوان');
    expect(r.text).toContain('النقاط');
    expect(r.text).toContain('البطاقه');
    expect(r.text).toContain('تالف');
    expect(r.unknown).toEqual([]);
  });

  it('takes Tunisian and Algerian function words as stop words', () => {
    const r = rewriteQuestion('فما برشا راني درك', vocab([]), OPTIONS);
    expect(r.content).toBe(0);
  });
});

describe('words typed without their space', () => {
  const words = vocab(['track', 'order', 'refund', 'train', 'hiring']);

  it('splits a function word off a collection word, as a spelling repair', () => {
    const r = rewriteQuestion('trackmy order myrefund', words, OPTIONS);
    expect(r.text).toBe('track my order my refund');
    expect(r.changes).toEqual(['trackmy → track my', 'myrefund → my refund']);
    expect(r.corrected).toBe(2);
  });

  it('never splits one word into two content words or a greeting', () => {
    const r = rewriteQuestion('constrain hiring hitrain', words, OPTIONS);
    expect(r.changes.filter((c) => c.includes(' train'))).toEqual([]);
    expect(r.text.split(' ')).toContain('hiring');
  });
});

describe('Arabizi time words', () => {
  it('drops "it has been" and reads days, whose long vowels leave no skeleton', () => {
    const r = transliterateArabizi('wen talabi sarlo 5 ayam', vocab(['طلبي', 'ايام']), 60);
    expect(r.text).toBe('وين طلبي 5 ايام');
  });

  it('counts a bare preposition ("lel" → لل) as a stop word, not an unknown word', () => {
    const r = rewriteQuestion('كم التوصيل لل الرياض', vocab(['التوصيل']), OPTIONS);
    expect(r.unknown).toEqual([]);
  });
});

describe('Egyptian and Levantine details', () => {
  it('takes "need" and fillers as stop words: they carry no topic', () => {
    const r = rewriteQuestion('محتاج حضرتك طب شوي', vocab([]), OPTIONS);
    expect(r.content).toBe(0);
  });

  it('reads a tight or loose fit and the driver as the words the articles use', () => {
    const r = rewriteQuestion('القميص ضيق والشوفير', vocab(['صغير', 'المندوب']), OPTIONS);
    expect(r.text).toContain('صغير');
    expect(r.text).toContain('المندوب');
  });
});

describe('misspelt stop words', () => {
  it('reads a swapped or lost letter in a frame word as the frame word, not an unknown word', () => {
    const r = rewriteQuestion('wher is my order waht teh', vocab(['order']), OPTIONS);
    expect(r.unknown).toEqual([]);
    expect(r.content).toBe(1);
    expect(r.changes).toEqual(['wher → where', 'waht → what', 'teh → the']);
  });

  it('leaves real words with a changed or added letter alone', () => {
    const r = rewriteQuestion('car lake note', vocab(['order']), OPTIONS);
    expect(r.unknown).toEqual(['car', 'lake', 'note']);
  });
});
