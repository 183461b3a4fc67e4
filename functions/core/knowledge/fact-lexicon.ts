/**
 * The words the fact extractor knows, in English and Arabic: number words, units (durations,
 * money, percent, points, sizes, times of day) and their dual forms. Arabic entries are written
 * in the normalised form of `normalizeLine` (no diacritics or tatweel, alef variants as ا, ى as ي).
 */

/** What a number in an article measures. `number` is a bare number with no known unit. */
export type FactKind =
  | 'minute'
  | 'hour'
  | 'day'
  | 'business-day'
  | 'week'
  | 'month'
  | 'year'
  | 'SAR'
  | 'AED'
  | 'USD'
  | 'percent'
  | 'points'
  | 'cm'
  | 'kg'
  | 'time'
  | 'number';

/** Kinds that measure the same thing, so a difference pairs "48 hours" with "7 days". */
export const FACT_FAMILY: Record<FactKind, string> = {
  minute: 'duration',
  hour: 'duration',
  day: 'duration',
  'business-day': 'duration',
  week: 'duration',
  month: 'duration',
  year: 'duration',
  SAR: 'money',
  AED: 'money',
  USD: 'money',
  percent: 'percent',
  points: 'points',
  cm: 'size',
  kg: 'weight',
  time: 'time',
  number: 'number',
};

/** How a unit word reads a number: `implied` when the word itself carries it (dual "يومين" = 2). */
export interface UnitWord {
  kind: FactKind;
  /** Number carried by the word itself: 2 for a dual, 1 for a singular that can stand alone. */
  implied?: number;
  /** For `time`: how the hour is read (am, pm, noon-ish, night). */
  clock?: 'am' | 'pm' | 'noon' | 'night';
}

const unit = (kind: FactKind, implied?: number): UnitWord =>
  implied === undefined ? { kind } : { kind, implied };

/** One-word units, English (lower case) and Arabic (normalised). Singulars that can mean "one" carry implied 1. */
export const UNIT_WORDS: ReadonlyMap<string, UnitWord> = new Map<string, UnitWord>([
  ...['minute', 'minutes', 'min', 'mins'].map((w) => [w, unit('minute')] as const),
  ...['hour', 'hours', 'hr', 'hrs'].map((w) => [w, unit('hour')] as const),
  ...['day', 'days'].map((w) => [w, unit('day')] as const),
  ...['week', 'weeks'].map((w) => [w, unit('week')] as const),
  ...['month', 'months'].map((w) => [w, unit('month')] as const),
  ...['year', 'years'].map((w) => [w, unit('year')] as const),
  ...['sar', 'riyal', 'riyals'].map((w) => [w, unit('SAR')] as const),
  ...['aed', 'dirham', 'dirhams'].map((w) => [w, unit('AED')] as const),
  ...['usd', 'dollar', 'dollars'].map((w) => [w, unit('USD')] as const),
  ...['percent', '%'].map((w) => [w, unit('percent')] as const),
  ...['point', 'points'].map((w) => [w, unit('points')] as const),
  ...['cm', 'centimetres', 'centimeters'].map((w) => [w, unit('cm')] as const),
  ...['kg', 'kilograms', 'kilos'].map((w) => [w, unit('kg')] as const),
  ['am', { kind: 'time', clock: 'am' }],
  ['pm', { kind: 'time', clock: 'pm' }],
  ['noon', { kind: 'time', clock: 'noon' }],
  // Arabic durations: singular (1 when it stands alone), plural, accusative, dual (2).
  ['دقيقة', unit('minute', 1)],
  ...['دقيقه', 'دقائق'].map((w) => [w, unit('minute')] as const),
  ...['دقيقتين', 'دقيقتان'].map((w) => [w, unit('minute', 2)] as const),
  ['ساعة', unit('hour', 1)],
  ...['ساعه', 'ساعات'].map((w) => [w, unit('hour')] as const),
  ...['ساعتين', 'ساعتان'].map((w) => [w, unit('hour', 2)] as const),
  ['يوم', unit('day', 1)],
  ...['يوما', 'ايام'].map((w) => [w, unit('day')] as const),
  ...['يومين', 'يومان'].map((w) => [w, unit('day', 2)] as const),
  ['اسبوع', unit('week', 1)],
  ...['اسبوعا', 'اسابيع'].map((w) => [w, unit('week')] as const),
  ...['اسبوعين', 'اسبوعان'].map((w) => [w, unit('week', 2)] as const),
  ['شهر', unit('month', 1)],
  ...['شهرا', 'اشهر', 'شهور'].map((w) => [w, unit('month')] as const),
  ...['شهرين', 'شهران'].map((w) => [w, unit('month', 2)] as const),
  ...['سنة', 'عام'].map((w) => [w, unit('year', 1)] as const),
  ...['سنه', 'سنوات', 'سنين', 'عاما', 'اعوام'].map((w) => [w, unit('year')] as const),
  ...['سنتين', 'سنتان', 'عامين', 'عامان'].map((w) => [w, unit('year', 2)] as const),
  // Arabic money, percent, points, sizes.
  ...['ريال', 'ريالا', 'ريالات'].map((w) => [w, unit('SAR')] as const),
  ...['درهم', 'درهما', 'دراهم'].map((w) => [w, unit('AED')] as const),
  ...['دولار', 'دولارا', 'دولارات'].map((w) => [w, unit('USD')] as const),
  ...['بالمئة', 'بالمائة'].map((w) => [w, unit('percent')] as const),
  ...['نقطة', 'نقطه'].map((w) => [w, unit('points', 1)] as const),
  ['نقاط', unit('points')],
  ...['نقطتين', 'نقطتان'].map((w) => [w, unit('points', 2)] as const),
  ...['سم', 'سنتيمتر'].map((w) => [w, unit('cm')] as const),
  ...['كغ', 'كجم', 'كيلوغرام', 'كيلوجرام', 'كيلو'].map((w) => [w, unit('kg')] as const),
  // Arabic times of day: "9 صباحًا", "2 ظهرًا", "10 مساءً".
  ...['صباحا', 'فجرا'].map((w) => [w, { kind: 'time', clock: 'am' }] as const),
  ...['مساء', 'مساءا', 'عصرا'].map((w) => [w, { kind: 'time', clock: 'pm' }] as const),
  ['ظهرا', { kind: 'time', clock: 'noon' }],
  ['ليلا', { kind: 'time', clock: 'night' }],
]);

/** Words that turn a day unit into business days: "business days", "أيام عمل". */
export const BUSINESS_WORDS: ReadonlySet<string> = new Set(['business', 'working', 'عمل', 'العمل']);

/** Two-word units checked before single words: "US dollars", "في المئة", "per cent". */
export const UNIT_PHRASES: ReadonlyMap<string, UnitWord> = new Map<string, UnitWord>([
  ['us dollars', unit('USD')],
  ['us dollar', unit('USD')],
  ['per cent', unit('percent')],
  ['في المئة', unit('percent')],
  ['في المائة', unit('percent')],
]);

/** Words between a number and its unit that don't change it: "2 extra days", "3 more weeks". */
export const FILLER_WORDS: ReadonlySet<string> = new Set([
  'extra',
  'more',
  'additional',
  'further',
  'full',
  'whole',
]);

/** English number words read before a unit ("six years", "two minutes"). */
export const EN_NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ['one', 1],
  ['two', 2],
  ['three', 3],
  ['four', 4],
  ['five', 5],
  ['six', 6],
  ['seven', 7],
  ['eight', 8],
  ['nine', 9],
  ['ten', 10],
  ['eleven', 11],
  ['twelve', 12],
  ['fifteen', 15],
  ['twenty', 20],
  ['thirty', 30],
  ['forty', 40],
  ['fifty', 50],
  ['sixty', 60],
  ['ninety', 90],
]);

/** Arabic units 1–10 (both genders), for "خمسة أيام", "ثلاث ساعات" and teens "خمسة عشر". */
export const AR_UNIT_WORDS: ReadonlyMap<string, number> = new Map([
  ['واحد', 1],
  ['واحدة', 1],
  ['اثنان', 2],
  ['اثنين', 2],
  ['اثنتان', 2],
  ['اثنتين', 2],
  ['ثلاث', 3],
  ['ثلاثة', 3],
  ['اربع', 4],
  ['اربعة', 4],
  ['خمس', 5],
  ['خمسة', 5],
  ['ست', 6],
  ['ستة', 6],
  ['سبع', 7],
  ['سبعة', 7],
  ['ثمان', 8],
  ['ثماني', 8],
  ['ثمانية', 8],
  ['تسع', 9],
  ['تسعة', 9],
  ['عشر', 10],
  ['عشرة', 10],
]);

/** Arabic tens and hundreds ("عشرين", "ثلاثين", "مئة"). */
export const AR_TENS_WORDS: ReadonlyMap<string, number> = new Map([
  ['عشرون', 20],
  ['عشرين', 20],
  ['ثلاثون', 30],
  ['ثلاثين', 30],
  ['اربعون', 40],
  ['اربعين', 40],
  ['خمسون', 50],
  ['خمسين', 50],
  ['ستون', 60],
  ['ستين', 60],
  ['سبعون', 70],
  ['سبعين', 70],
  ['ثمانون', 80],
  ['ثمانين', 80],
  ['تسعون', 90],
  ['تسعين', 90],
  ['مئة', 100],
  ['مائة', 100],
  ['مئتان', 200],
  ['مئتين', 200],
  ['مائتان', 200],
  ['مائتين', 200],
]);

/** First words of 11 and 12: "أحد عشر", "اثنا عشر". */
export const AR_TEEN_HEADS: ReadonlyMap<string, number> = new Map([
  ['احد', 1],
  ['احدي', 1],
  ['اثنا', 2],
  ['اثني', 2],
  ['اثنتا', 2],
  ['اثنتي', 2],
]);

/** Words after which a lone singular unit means one: "خلال ساعة" (within an hour). */
export const ONE_TRIGGERS: ReadonlySet<string> = new Set([
  'خلال',
  'بعد',
  'لمدة',
  'مدة',
  'مدته',
  'مدتها',
  'غضون',
  'within',
  'in',
  'for',
  'after',
  'than',
]);

/** Range separators between two numbers: "3 to 7", "3–7", "من 3 إلى 7". */
export const RANGE_WORDS: ReadonlySet<string> = new Set(['to', '-', '–', '—', 'الي', 'حتي']);

/** "between 3 and 7", "بين 3 و7". */
export const BETWEEN_WORDS: ReadonlySet<string> = new Set(['between', 'بين']);
export const AND_WORDS: ReadonlySet<string> = new Set(['and', 'و']);

/** Currency words that can follow "or" without a number: "50 to 2,000 SAR or AED". */
export const OR_WORDS: ReadonlySet<string> = new Set(['or', '/', 'او']);
