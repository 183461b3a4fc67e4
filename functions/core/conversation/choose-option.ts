/**
 * Reads a customer's pick from a "did you mean" list (SMS "1) … 2) …", Alexa, web): "2", "٢",
 * "#2", "option 2", "the second", "الثاني", "رقم ٢", or the option's title typed out.
 * Pure: the conversation core calls it with the options of the last clarify turn.
 */
import { normalizeForIntent } from './intent-normalize.ts';

export interface ChoiceOption {
  articleId: string;
  title?: string;
}

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
  four: 4,
  fourth: 4,
  '4th': 4,
  five: 5,
  fifth: 5,
  '5th': 5,
  // Arabic, normalised (ة → ه, أ → ا, ى → ي).
  واحد: 1,
  الاول: 1,
  الاولي: 1,
  اول: 1,
  اثنين: 2,
  اثنان: 2,
  اتنين: 2,
  ثنين: 2,
  الثاني: 2,
  الثانيه: 2,
  ثاني: 2,
  ثلاثه: 3,
  تلاته: 3,
  الثالث: 3,
  الثالثه: 3,
  ثالث: 3,
  اربعه: 4,
  الرابع: 4,
  الرابعه: 4,
  خمسه: 5,
  الخامس: 5,
  الخامسه: 5,
};

/** Words around the pick that do not change it ("the 2nd one please", "الخيار رقم ٢"). */
const NOISE = new Set([
  'the',
  'one',
  'option',
  'number',
  'no',
  'choice',
  'please',
  'pls',
  'i',
  'mean',
  'meant',
  'want',
  'its',
  'it',
  'is',
  'reply',
  'a',
  'answer',
  'ok',
  'الخيار',
  'خيار',
  'رقم',
  'الرقم',
  'ابي',
  'اريد',
  'بدي',
  'لو',
  'سمحت',
  'من',
  'فضلك',
  'اقصد',
  'هو',
  'الجواب',
  'ال',
  'يا',
]);

/**
 * The article id the customer picked from `previousOptions` (shown as 1), 2), …), or
 * undefined when `text` is not a pick (it is then a new question).
 *
 * @example interpretChoice('٢', [{ articleId: 'a' }, { articleId: 'b' }]) === 'b'
 */
export function interpretChoice(
  text: string,
  previousOptions: readonly ChoiceOption[],
): string | undefined {
  if (previousOptions.length === 0) return undefined;
  const normalized = normalizeForIntent(text);
  if (normalized === '') return undefined;
  const byTitle = previousOptions.find(
    (o) => o.title !== undefined && normalizeForIntent(o.title) === normalized,
  );
  if (byTitle) return byTitle.articleId;
  let rest = normalized.split(' ').filter((token) => token === 'one' || !NOISE.has(token));
  // "one" is a pick on its own ("one") but noise after another ("the second one").
  if (rest.length > 1) rest = rest.filter((token) => token !== 'one');
  if (rest.length !== 1) return undefined;
  const n = pickNumber(rest[0] ?? '');
  return n === undefined ? undefined : previousOptions[n - 1]?.articleId;
}

function pickNumber(token: string): number | undefined {
  if (/^\d{1,2}$/.test(token)) return Number(token);
  const match = /^(\d{1,2})(st|nd|rd|th)$/.exec(token);
  if (match) return Number(match[1]);
  return ORDINALS[token];
}
