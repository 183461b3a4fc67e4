/**
 * Understands a customer's pick from a "did you mean" list: "2", "٢", "the second one",
 * "الثاني", or the option's title. Used for SMS ("reply 1 or 2") and Alexa follow-ups.
 */

const ORDINALS: Record<string, number> = {
  one: 1,
  first: 1,
  '1st': 1,
  two: 2,
  second: 2,
  '2nd': 2,
  three: 3,
  third: 3,
  '3rd': 3,
  الاول: 1,
  الأول: 1,
  اول: 1,
  واحد: 1,
  الثاني: 2,
  ثاني: 2,
  اثنين: 2,
  اثنان: 2,
  الثالث: 3,
  ثالث: 3,
  ثلاثه: 3,
  ثلاثة: 3,
};

const ARABIC_INDIC = '٠١٢٣٤٥٦٧٨٩';

function normalise(text: string): string {
  return text
    .replace(/[٠-٩]/g, (d) => String(ARABIC_INDIC.indexOf(d)))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The 0-based index of the chosen option, or undefined when the text is not a choice.
 * @example chooseOption('2', ['Track an order', 'Cancel an order']) // → 1
 */
export function chooseOption(text: string, optionTitles: readonly string[]): number | undefined {
  const said = normalise(text);
  if (!said || optionTitles.length === 0) return undefined;
  const words = said.split(' ');
  // A bare number or ordinal, possibly with filler ("number 2", "the second one", "option 1").
  if (words.length <= 4) {
    for (const word of words) {
      const n = /^\d+$/.test(word) ? Number(word) : ORDINALS[word];
      if (n !== undefined && n >= 1 && n <= optionTitles.length) return n - 1;
    }
  }
  const exact = optionTitles.findIndex((title) => normalise(title) === said);
  return exact >= 0 ? exact : undefined;
}
