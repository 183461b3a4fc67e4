/**
 * A word list that questions are checked against after normalisation: English words as written
 * (lower case), Arabic words normalised like questions (no hamza-alef, ة → ه, ى → ي, no
 * shadda) and also without their article ("الاردن" → "اردن"). `has` also finds an Arabic entry
 * behind an attached preposition, conjunction or "على" ("لابها", "بالرياض", "عالاردن").
 */
import { normalizeArabic } from './normalize-arabic.ts';

/**
 * Particles written onto an Arabic word, longest first: conjunctions (و ف), prepositions (ب ل ك),
 * their forms with the article (بال، لل …) and على + the article run together in speech
 * ("عالبطاقه" = "على البطاقه").
 */
export const ARABIC_CLITICS: readonly string[] = [
  'عال',
  'وبال',
  'وال',
  'فال',
  'بال',
  'كال',
  'ولل',
  'لل',
  'وب',
  'ول',
  'وك',
  'فب',
  'فل',
  'و',
  'ف',
  'ب',
  'ل',
  'ك',
];

export class WordLexicon {
  private readonly words: ReadonlySet<string>;

  constructor(english: string, arabic: string) {
    const arabicForms = (word: string): string[] => {
      const w = normalizeArabic(word.replace(/\u0651/g, ''));
      return w.startsWith('ال') && w.length > 4 ? [w, w.slice(2)] : [w];
    };
    this.words = new Set([
      ...english.split(/\s+/).filter(Boolean),
      ...arabic.split(/\s+/).filter(Boolean).flatMap(arabicForms),
    ]);
  }

  /** Whether a normalised question word is on the list. */
  has(word: string): boolean {
    if (this.words.has(word)) return true;
    for (const prefix of ARABIC_CLITICS) {
      if (word.startsWith(prefix) && word.length - prefix.length >= 3) {
        const rest = word.slice(prefix.length);
        if (this.words.has(rest) || this.words.has(`ال${rest}`)) return true;
      }
    }
    return false;
  }
}
