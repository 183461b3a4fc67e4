/**
 * Finds the checkable facts in help-article text: numbers with their unit or kind (durations,
 * business days, money, percentages, points, sizes, times of day) and bare numbers, in English and
 * Arabic. Reads Western, Arabic-Indic (٠–٩) and Eastern (۰–۹) digits, Arabic and English number
 * words before a unit, Arabic duals (يومين = 2 days, يومي عمل = 2 business days), a lone singular
 * after "within" (خلال ساعة = 1 hour) and ranges ("3 to 7", "3–7", "من 3 إلى 7", "بين 3 و7").
 *
 * Steps, per line: strip Markdown, links, URLs, emails and codes (NK-4821-7730) → normalise
 * digits and Arabic spelling → tokenise → read quantity [range] [filler] unit → a `Fact`.
 */
import { normalizeLine, stripMarkdown, tokenize, type Token } from './fact-tokens.ts';
import {
  AND_WORDS,
  AR_TEEN_HEADS,
  AR_TENS_WORDS,
  AR_UNIT_WORDS,
  BETWEEN_WORDS,
  BUSINESS_WORDS,
  EN_NUMBER_WORDS,
  FACT_FAMILY,
  FILLER_WORDS,
  ONE_TRIGGERS,
  OR_WORDS,
  RANGE_WORDS,
  UNIT_PHRASES,
  UNIT_WORDS,
  type FactKind,
  type UnitWord,
} from './fact-lexicon.ts';

export type { FactKind } from './fact-lexicon.ts';

/** One number found in the text, with what it measures. */
export interface Fact {
  kind: FactKind;
  /** Comparable value: "24", "3–7", "2000", "14:00". */
  value: string;
  /** Readable form for messages: "3–7 business days", "2,000 SAR", "14:00". */
  display: string;
  /** 1-based line in the source file. */
  line: number;
  /** Index of the article section it came from; -1 for the title and summary. */
  section: number;
}

/** A piece of text to read, with the file line of its first line. */
export interface FactSource {
  text: string;
  line: number;
  section?: number;
}

interface Quantity {
  value: number;
  minutes?: number;
  /** Spelled out ("five", "خمسة"): only counts when a unit follows. */
  word: boolean;
  end: number;
}

/**
 * Every fact in `sources`, in reading order (duplicates kept).
 * @example extractFacts([{ text: 'Holds go within 3 to 7 business days.', line: 12 }])
 *   // [{ kind: 'business-day', value: '3–7', display: '3–7 business days', line: 12, section: 0 }]
 */
export function extractFacts(sources: readonly FactSource[]): Fact[] {
  const facts: Fact[] = [];
  for (const source of sources) {
    source.text.split(/\r?\n/).forEach((raw, offset) => {
      const tokens = tokenize(normalizeLine(stripMarkdown(raw)));
      readFacts(tokens, (kind, lo, hi, minutes) => {
        facts.push(makeFact(kind, lo, hi, minutes, source.line + offset, source.section ?? 0));
      });
    });
  }
  return facts;
}

type Emit = (kind: FactKind, lo: number, hi: number | undefined, minutes?: number) => void;

function readFacts(tokens: readonly Token[], emit: Emit): void {
  let i = 0;
  while (i < tokens.length) {
    const next = readQuantityFact(tokens, i, emit) ?? readUnitOnlyFact(tokens, i, emit);
    i = next ?? i + 1;
  }
}

/** "3 to 7 business days", "$9", "15 SAR or AED", "2 pm", or a bare "14". Returns the next index. */
function readQuantityFact(tokens: readonly Token[], i: number, emit: Emit): number | undefined {
  const first = tokens[i];
  if (first && (first.text === '$' || moneyWord(first.text))) {
    const q = readQuantity(tokens, i + 1);
    if (q && !q.word) {
      emit(first.text === '$' ? 'USD' : (moneyWord(first.text) as FactKind), q.value, undefined);
      return q.end;
    }
  }
  const lo = readQuantity(tokens, i);
  if (!lo) return undefined;
  let j = lo.end;
  let hi: Quantity | undefined;
  const sep = tokens[j]?.text ?? '';
  const between = BETWEEN_WORDS.has(tokens[i - 1]?.text ?? '') && AND_WORDS.has(sep);
  if (RANGE_WORDS.has(sep) || between) {
    const q = readQuantity(tokens, j + 1);
    if (q && q.minutes === undefined) {
      hi = q;
      j = q.end;
    }
  }
  if (tokens[j]?.text === '-' && readUnit(tokens, j + 1)) j += 1;
  while (FILLER_WORDS.has(tokens[j]?.text ?? '')) j += 1;
  const unit = readUnit(tokens, j);
  if (unit) {
    emit(unit.word.kind, clock(lo, unit.word), hi && clock(hi, unit.word), clockMinutes(lo, unit.word));
    return readOrCurrency(tokens, unit.end, unit.word.kind, lo.value, hi?.value, emit);
  }
  if (lo.word || hi?.word) return i + 1;
  emit('number', lo.value, hi?.value, lo.minutes);
  return j;
}

/** "2,000 SAR or AED": the second currency gets the same amount. */
function readOrCurrency(
  tokens: readonly Token[],
  at: number,
  kind: FactKind,
  lo: number,
  hi: number | undefined,
  emit: Emit,
): number {
  if (!['SAR', 'AED', 'USD'].includes(kind) || !OR_WORDS.has(tokens[at]?.text ?? '')) return at;
  const other = moneyWord(tokens[at + 1]?.text ?? '');
  if (!other || other === kind || tokens[at + 2]?.type === 'num') return at;
  emit(other, lo, hi);
  return at + 2;
}

/** Units standing alone: duals (ساعتين), "خلال ساعة", "ساعة واحدة", "an hour", "midnight". */
function readUnitOnlyFact(tokens: readonly Token[], i: number, emit: Emit): number | undefined {
  const text = tokens[i]?.text ?? '';
  if (text === 'midnight' || (text === 'منتصف' && tokens[i + 1]?.text === 'الليل')) {
    emit('time', 0, undefined, 0);
    return text === 'midnight' ? i + 1 : i + 2;
  }
  if (text === 'noon' || text === 'midday') {
    emit('time', 12, undefined, 0);
    return i + 1;
  }
  if (text === 'an' || text === 'a') {
    const unit = readUnit(tokens, i + 1);
    const trigger = ONE_TRIGGERS.has(tokens[i - 1]?.text ?? '');
    if (unit && unit.word.kind !== 'time' && (trigger || (text === 'an' && unit.word.kind === 'hour'))) {
      // "in a minute or two" reads as 1–2 minutes, like "خلال دقيقة أو دقيقتين".
      const orTwo = tokens[unit.end]?.text === 'or' && tokens[unit.end + 1]?.text === 'two';
      emit(unit.word.kind, 1, orTwo ? 2 : undefined);
      return orTwo ? unit.end + 2 : unit.end;
    }
    return undefined;
  }
  const unit = readUnit(tokens, i);
  if (!unit || unit.word.implied === undefined) return undefined;
  const after = tokens[unit.end]?.text ?? '';
  const implied = unit.word.implied;
  // "من يومين إلى 4 أيام عمل" (2–4 business days), "من ساعة إلى 3 ساعات" (1–3 hours).
  if (after === 'الي' || after === 'حتي') {
    const to = readQuantity(tokens, unit.end + 1);
    const toUnit = to && !to.minutes ? readUnit(tokens, to.end) : undefined;
    if (to && toUnit && FACT_FAMILY[toUnit.word.kind] === FACT_FAMILY[unit.word.kind]) {
      emit(toUnit.word.kind, implied, to.value);
      return toUnit.end;
    }
  }
  if (implied === 2) {
    emit(unit.word.kind, 2, undefined);
    return unit.end;
  }
  // Singular: "يوم أو يومين" (1–2 days), "ساعة واحدة", "خلال ساعة".
  if (after === 'او' || after === 'الي') {
    const dual = readUnit(tokens, unit.end + 1);
    if (dual?.word.implied === 2 && dual.word.kind === unit.word.kind) {
      emit(unit.word.kind, 1, 2);
      return dual.end;
    }
  }
  if (after === 'واحد' || after === 'واحدة') {
    emit(unit.word.kind, 1, undefined);
    return unit.end + 1;
  }
  const trigger = ONE_TRIGGERS.has(tokens[i - 1]?.text ?? '');
  const construct = after.startsWith('ال') || after === 'رمضان' || tokens[unit.end]?.type === 'num';
  if (trigger && !construct) {
    emit(unit.word.kind, 1, undefined);
    return unit.end;
  }
  return undefined;
}

/** A number at `i`: digits, "9:30", an English word ("six") or Arabic words ("خمسة وعشرين"). */
function readQuantity(tokens: readonly Token[], i: number): Quantity | undefined {
  const token = tokens[i];
  if (!token) return undefined;
  if (token.type === 'num') {
    const [h, m] = token.text.split(':');
    if (m !== undefined) return { value: Number(h), minutes: Number(m), word: false, end: i + 1 };
    return { value: Number(token.text.replace(/,/g, '')), word: false, end: i + 1 };
  }
  if (token.type !== 'word') return undefined;
  const en = EN_NUMBER_WORDS.get(token.text);
  if (en !== undefined) return { value: en, word: true, end: i + 1 };
  return readArabicNumber(tokens, i);
}

function readArabicNumber(tokens: readonly Token[], i: number): Quantity | undefined {
  const stems = arabicStems(tokens[i]?.text ?? '');
  const nextIsTen = ['عشر', 'عشرة'].includes(tokens[i + 1]?.text ?? '');
  for (const stem of stems) {
    const head = AR_TEEN_HEADS.get(stem);
    if (head !== undefined && nextIsTen) return { value: 10 + head, word: true, end: i + 2 };
    const tens = AR_TENS_WORDS.get(stem);
    if (tens !== undefined) return { value: tens, word: true, end: i + 1 };
    const units = AR_UNIT_WORDS.get(stem);
    if (units === undefined) continue;
    if (nextIsTen && units >= 3 && units <= 9) return { value: 10 + units, word: true, end: i + 2 };
    const andTens = arabicStems(tokens[i + 1]?.text ?? '')
      .filter((s) => s.startsWith('و'))
      .map((s) => AR_TENS_WORDS.get(s.slice(1)))
      .find((v) => v !== undefined && v < 100);
    if (andTens !== undefined) return { value: units + andTens, word: true, end: i + 2 };
    return { value: units, word: true, end: i + 1 };
  }
  return undefined;
}

/** The word and the word without a leading article or one-letter prefix (و، ب، ل، ف، ك). */
function arabicStems(word: string): string[] {
  const stems = [word];
  const bare = word.replace(/^[وبلفك]/, '');
  for (const w of [word, bare]) {
    stems.push(w, w.replace(/^ال/, ''));
  }
  return [...new Set(stems)];
}

interface UnitAt {
  word: UnitWord;
  end: number;
}

function readUnit(tokens: readonly Token[], j: number): UnitAt | undefined {
  const text = tokens[j]?.text;
  if (text === undefined) return undefined;
  const next = tokens[j + 1]?.text ?? '';
  const phrase = UNIT_PHRASES.get(`${text} ${next}`);
  if (phrase) return { word: phrase, end: j + 2 };
  if ((text === 'business' || text === 'working') && /^days?$/.test(next)) {
    return { word: { kind: 'business-day' }, end: j + 2 };
  }
  // "ويومين", "بساعة": a unit may carry a one-letter prefix (and, with, for), never the article.
  const bare = text.replace(/^[وبلف](?=[\u0621-\u064a]{2})/, '');
  if ((text === 'يومي' || bare === 'يومي') && BUSINESS_WORDS.has(next)) {
    return { word: { kind: 'business-day', implied: 2 }, end: j + 2 };
  }
  const word = UNIT_WORDS.get(text) ?? UNIT_WORDS.get(bare);
  if (!word) return undefined;
  if (word.kind === 'day' && BUSINESS_WORDS.has(next)) {
    const implied = word.implied;
    return { word: implied === undefined ? { kind: 'business-day' } : { kind: 'business-day', implied }, end: j + 2 };
  }
  return { word, end: j + 1 };
}

function moneyWord(text: string): FactKind | undefined {
  const kind = UNIT_WORDS.get(text)?.kind;
  return kind === 'SAR' || kind === 'AED' || kind === 'USD' ? kind : undefined;
}

/** The 24-hour clock hour for a time of day ("2 pm" → 14, "2 ظهرًا" → 14, "12 am" → 0). */
function clock(q: Quantity, unit: UnitWord): number {
  if (unit.kind !== 'time') return q.value;
  const h = q.value;
  switch (unit.clock) {
    case 'am':
      return h === 12 ? 0 : h;
    case 'pm':
      return h < 12 ? h + 12 : h;
    case 'noon':
      return h <= 6 ? h + 12 : h;
    case 'night':
      return h === 12 ? 0 : h >= 6 ? h + 12 : h;
    default:
      return h;
  }
}

function clockMinutes(q: Quantity, unit: UnitWord): number | undefined {
  return unit.kind === 'time' ? (q.minutes ?? 0) : q.minutes;
}

const LABELS: Partial<Record<FactKind, [string, string]>> = {
  minute: ['minute', 'minutes'],
  hour: ['hour', 'hours'],
  day: ['day', 'days'],
  'business-day': ['business day', 'business days'],
  week: ['week', 'weeks'],
  month: ['month', 'months'],
  year: ['year', 'years'],
  points: ['point', 'points'],
  SAR: ['SAR', 'SAR'],
  AED: ['AED', 'AED'],
  USD: ['USD', 'USD'],
  cm: ['cm', 'cm'],
  kg: ['kg', 'kg'],
};

function makeFact(
  kind: FactKind,
  lo: number,
  hi: number | undefined,
  minutes: number | undefined,
  line: number,
  section: number,
): Fact {
  const time = (h: number): string => `${String(h).padStart(2, '0')}:${String(minutes ?? 0).padStart(2, '0')}`;
  if (kind === 'time') {
    const value = hi === undefined ? time(lo) : `${time(lo)}–${time(hi)}`;
    return { kind, value, display: value, line, section };
  }
  const one = (n: number): string => (minutes !== undefined ? `${n}:${String(minutes).padStart(2, '0')}` : String(n));
  const value = hi === undefined ? one(lo) : `${one(lo)}–${hi}`;
  const shown = hi === undefined ? readable(lo) : `${readable(lo)}–${readable(hi)}`;
  const label = LABELS[kind];
  const display =
    kind === 'percent'
      ? `${shown}%`
      : label
        ? `${shown} ${hi === undefined && lo === 1 ? label[0] : label[1]}`
        : minutes !== undefined
          ? value
          : shown;
  return { kind, value, display, line, section };
}

function readable(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
