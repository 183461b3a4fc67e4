import { describe, expect, it } from 'vitest';
import { analyzeText } from '#core/retrieval/analyze-text.ts';
import { detectLang } from '#core/retrieval/detect-lang.ts';
import { lightStemArabic, normalizeArabic } from '#core/retrieval/normalize-arabic.ts';
import { setupLunr } from '#core/retrieval/lunr-setup.ts';

describe('detectLang', () => {
  it('detects Arabic and English by script and gives up on symbols', () => {
    expect(detectLang('كيف أعيد تعيين كلمة المرور')).toBe('ar');
    expect(detectLang('reset my password')).toBe('en');
    expect(detectLang('iPhone لا يعمل')).toBe('ar');
    expect(detectLang('🙂 123 ?!')).toBeUndefined();
  });
});

describe('Arabic normalisation', () => {
  it('strips diacritics and tatweel and unifies alef, yaa and taa marbuta', () => {
    expect(normalizeArabic('أَهْلاً')).toBe('اهلا');
    expect(normalizeArabic('إلـــغاء')).toBe('الغاء');
    expect(normalizeArabic('آخر مستشفى مدرسة')).toBe('اخر مستشفي مدرسه');
    expect(normalizeArabic('٣ ۴')).toBe('3 4');
  });

  it('removes the article and attached particles only when enough of the word remains', () => {
    expect(lightStemArabic('والبطاقه')).toBe('بطاق');
    expect(lightStemArabic('بطاقتي')).toBe('بطاق');
    expect(lightStemArabic('بطاقه')).toBe('بطاق');
    expect(lightStemArabic('بيت')).toBe('بيت');
    expect(lightStemArabic('ولد')).toBe('ولد');
  });
});

describe('analyzeText', () => {
  it('drops stop words from the terms but keeps them for the language model', () => {
    const a = analyzeText('How can I reset my passwords?');
    expect(a.terms).toEqual(['reset', 'password']);
    expect(a.all).toEqual(['how', 'can', 'i', 'reset', 'my', 'password']);
  });

  it('never passes query syntax through', () => {
    expect(analyzeText('reset: password^2 ~*+-').terms).toEqual(['reset', 'password', '2']);
  });

  it('bounds the words read from a long text', () => {
    expect(analyzeText('order '.repeat(10_000), 50).all).toHaveLength(50);
  });
});

describe('setupLunr', () => {
  it('registers the Arabic plugins once and keeps working when called again', () => {
    const lunr = setupLunr();
    expect(setupLunr()).toBe(lunr);
    expect((lunr as unknown as { ar?: unknown }).ar).toBeDefined();
    expect((lunr as unknown as { multiLanguage?: unknown }).multiLanguage).toBeDefined();
  });
});
