/**
 * Arabizi: Arabic written in Latin letters and digits ("wein talabi", "abi a7thef 7sabi").
 * Vowels are mostly unwritten in Arabic and ambiguous in Arabizi, so both scripts are reduced to
 * a consonant skeleton over sound classes (ت/ط → T, س/ص/ث → S, ح/ه → H, …; 3 → ع, 7 → ح,
 * 5 → خ, 2 → ء, 9 → ق/ص, 6 → ط) and an Arabizi word is replaced by the collection's Arabic word
 * with the same skeleton. Common function words, whose skeletons are too short to trust, come
 * from a small table.
 */

/** Arabic letter (normalised) → sound class; letters not listed (vowels, glides, hamza) drop. */
const ARABIC_CLASS: Record<string, string> = {
  ب: 'B',
  ت: 'T',
  ط: 'T',
  ث: 'S',
  س: 'S',
  ص: 'S',
  ج: 'J',
  ح: 'H',
  ه: 'H',
  خ: 'X',
  د: 'D',
  ض: 'D',
  ذ: 'Z',
  ز: 'Z',
  ظ: 'Z',
  ر: 'R',
  ش: 'C',
  ع: 'E',
  غ: 'G',
  ف: 'F',
  ق: 'Q',
  ك: 'K',
  ل: 'L',
  م: 'M',
  ن: 'N',
};

/** Consonant skeleton of a normalised Arabic word (a final ه — taa marbuta — drops). */
export function arabicSkeleton(word: string): string {
  const w = word.startsWith('ال') && word.length > 4 ? word.slice(2) : word;
  const body = w.endsWith('ه') ? w.slice(0, -1) : w;
  // Two equal letters in a row are two consonants ("تحقق", "ممكن"): a doubled one (shadda) is
  // written once, so nothing collapses.
  let out = '';
  for (const ch of body) out += ARABIC_CLASS[ch] ?? '';
  return out;
}

/** Latin letters and digits → sound classes; several where Arabizi is ambiguous. */
const DIGRAPHS: [string, string[]][] = [
  ["3'", ['G']],
  ["7'", ['X']],
  ["6'", ['Z']],
  ['kh', ['X']],
  ['gh', ['G']],
  ['sh', ['C']],
  ['ch', ['C']],
  ['th', ['S', 'Z']],
  ['dh', ['Z', 'D']],
];
const SINGLE: Record<string, string[]> = {
  b: ['B'],
  p: ['B'],
  t: ['T'],
  '6': ['T'],
  s: ['S'],
  c: ['K', 'S'],
  j: ['J'],
  g: ['J', 'Q'],
  '7': ['H'],
  h: ['H'],
  '5': ['X'],
  x: ['X'],
  d: ['D'],
  z: ['Z'],
  r: ['R'],
  '3': ['E'],
  '8': ['G', 'Q'],
  f: ['F'],
  v: ['F'],
  q: ['Q'],
  '9': ['Q', 'S'],
  k: ['K'],
  l: ['L'],
  m: ['M'],
  n: ['N'],
};

/** At most this many alternative skeletons per word (ambiguous letters multiply). */
const MAX_SKELETONS = 8;

/** Possible consonant skeletons of one lower-case Arabizi word. */
export function arabiziSkeletons(word: string): string[] {
  let w = word;
  // The article, written apart or attached: "el", "il", "al" (+ sun-letter doubling).
  const article = /^(?:el|il|al)(?=[a-z0-9']{3,})/.exec(w);
  if (article) w = w.slice(article[0].length);
  let out = [''];
  let afterVowel = false;
  let i = 0;
  while (i < w.length) {
    const two = w.slice(i, i + 2);
    const digraph = DIGRAPHS.find(([d]) => d === two);
    const classes = digraph ? digraph[1] : (SINGLE[w[i] as string] ?? []);
    i += digraph ? 2 : 1;
    // A vowel or glide between two equal consonants keeps both; a doubled letter is one.
    if (classes.length === 0) {
      afterVowel = true;
      continue;
    }
    const next: string[] = [];
    for (const s of out) {
      for (const c of classes) next.push(s.endsWith(c) && !afterVowel ? s : s + c);
    }
    afterVowel = false;
    out = [...new Set(next)].slice(0, MAX_SKELETONS);
  }
  return out.filter((s) => s.length >= 2);
}

/** Arabizi function and frame words ('' = drop: the article written apart) whose skeletons are too short or too common to trust. */
export const ARABIZI_WORDS: Readonly<Record<string, string>> = {
  wein: 'وين',
  wain: 'وين',
  wen: 'وين',
  fein: 'فين',
  fen: 'فين',
  shu: 'شو',
  sho: 'شو',
  esh: 'ايش',
  eish: 'ايش',
  wesh: 'وش',
  wsh: 'وش',
  ish: 'ايش',
  abi: 'ابي',
  abgha: 'ابغى',
  abga: 'ابغى',
  ab8a: 'ابغى',
  "ba3'a": 'ابغى',
  biddi: 'بدي',
  bdi: 'بدي',
  baddi: 'بدي',
  '3ayez': 'عايز',
  '3ayz': 'عايز',
  '3awz': 'عايز',
  kaif: 'كيف',
  kif: 'كيف',
  keef: 'كيف',
  kef: 'كيف',
  ezay: 'ازاي',
  izay: 'ازاي',
  ezai: 'ازاي',
  kifash: 'كيفاش',
  kifach: 'كيفاش',
  leish: 'ليش',
  lesh: 'ليش',
  leh: 'ليه',
  ana: 'انا',
  enta: 'انت',
  inta: 'انت',
  ma: 'ما',
  mesh: 'مش',
  mish: 'مش',
  msh: 'مش',
  mo: 'مو',
  la: 'لا',
  ya: 'يا',
  min: 'من',
  mn: 'من',
  men: 'من',
  fi: 'في',
  fe: 'في',
  '3ala': 'على',
  '3la': 'على',
  ela: 'الى',
  ila: 'الى',
  ento: 'انتو',
  hal: 'هل',
  el: '',
  al: '',
  il: '',
  w: 'و',
  wa: 'و',
  '3ndi': 'عندي',
  '3andi': 'عندي',
  andi: 'عندي',
  ba3d: 'بعد',
  lissa: 'لسه',
  lesa: 'لسه',
  mata: 'متى',
  emta: 'امتى',
  imta: 'امتى',
  shlon: 'شلون',
  chlon: 'شلون',
  salam: 'سلام',
  marhaba: 'مرحبا',
  shukran: 'شكرا',
  mumkin: 'ممكن',
  momken: 'ممكن',
  law: 'لو',
  ba: 'ب',
  alhin: 'الحين',
  el7en: 'الحين',
  al7in: 'الحين',
  delwa2ti: 'دلوقتي',
  lel: 'لل',
  lil: 'لل',
  lal: 'لل',
  fel: 'في',
  fil: 'في',
  fl: 'في',
  bel: 'ب',
  bil: 'ب',
  ya3ni: 'يعني',
  yaani: 'يعني',
  leeh: 'ليه',
  eih: 'ايه',
  eh: 'ايه',
  ayez: 'عايز',
  bade: 'بدي',
  badi: 'بدي',
  abgha2: 'ابغى',
  abghi: 'ابغى',
  abiy: 'ابي',
  ana2: 'انا',
  lazem: 'لازم',
  lazim: 'لازم',
  hala2: 'هلق',
  halla2: 'هلق',
  dlw2ty: 'دلوقتي',
  kam: 'كم',
  addesh: 'قديش',
  '2addesh': 'قديش',
  '2adesh': 'قديش',
  b2addesh: 'بكم',
  bkam: 'بكم',
  bikam: 'بكم',
  ba3den: 'بعدين',
  mazal: 'مازال',
  ma3a: 'مع',
  m3a: 'مع',
  ma3: 'مع',
  entu: 'انتو',
  intu: 'انتو',
  '3ashan': 'عشان',
  '3shan': 'عشان',
  // Time: "it's been" (dropped), days (long vowels leave "ayam" no skeleton to match)
  sarlo: '',
  sarli: '',
  sarlha: '',
  sarelo: '',
  sarleh: '',
  ayam: 'ايام',
  ayyam: 'ايام',
  yom: 'يوم',
  youm: 'يوم',
};

/**
 * A digit used as a letter: between letters ("ta3deel"), leading ("7sabi") or a lone final one
 * after a few letters ("sari3"). Model numbers ("s24", "ps5", "iphone15") are not.
 */
const ARABIZI_DIGITS = /[a-z][235679]+[a-z]|^[235679][a-z]{2,}|^[a-z]{3,}[3579]$/;

/** Markers that a Latin-script question is Arabizi rather than English. */
export function arabiziScore(words: string[]): number {
  let score = 0;
  for (const w of words) {
    if (ARABIZI_DIGITS.test(w)) score += 2;
    else if (Object.hasOwn(ARABIZI_WORDS, w)) score += 1;
  }
  return score;
}
