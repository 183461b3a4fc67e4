/**
 * Dialect verb forms → the forms an MSA article may use. Spoken Arabic wraps the verb the
 * articles use in pieces MSA does not have: an aspect or future prefix (Egyptian/Levantine
 * بـ "بتشحنوا", future حـ/هـ/رح "هيوصل", Moroccan كـ "كتغطيه"), the negation circumfix ما…ش
 * ("ماوصلنيش", "معملش") and plural or object endings ("قبلوها"). `dialectVerbForms` peels these
 * off and returns the candidate words to look up, most specific first; the caller keeps the
 * first one the collection knows. The list is bounded (a few dozen strings) for any input.
 */

/**
 * Aspect and future prefixes, longest first; the person letter after them stays (بتشحنوا →
 * تشحنوا) and what remains must keep at least 3 letters.
 */
const PREFIXES = ['رح', 'ب', 'ح', 'ه', 'ك'];
/** Object pronouns and plural endings after a verb, longest first. */
const SUFFIXES = ['وها', 'وهم', 'وه', 'وا', 'ني', 'لي', 'ها', 'و', 'ه'];
/** MSA imperfect person prefixes: "تشحن" (you ship) and "نشحن" (we ship) are one verb. */
const PERSON = ['ي', 'ت', 'ن', 'ا'];
const MIN_CORE = 3;

function withoutNegation(word: string): string | undefined {
  if (!word.endsWith('ش')) return undefined;
  if (word.startsWith('ما') && word.length >= 6) return word.slice(2, -1);
  if (word.startsWith('م') && word.length >= 5) return word.slice(1, -1);
  return undefined;
}

/** Candidate MSA-side forms of a normalised Arabic word (without the word itself). */
export function dialectVerbForms(word: string): string[] {
  const cores: string[] = [];
  const negated = withoutNegation(word);
  for (const base of negated ? [negated, word] : [word]) {
    const stems = [base];
    const prefix = PREFIXES.find((p) => base.startsWith(p) && base.length - p.length >= MIN_CORE);
    if (prefix) stems.push(base.slice(prefix.length));
    for (const stem of stems) {
      cores.push(stem);
      const suffix = SUFFIXES.find((s) => stem.endsWith(s) && stem.length - s.length >= MIN_CORE);
      if (suffix) cores.push(stem.slice(0, -suffix.length));
    }
  }
  // The forms as written first, then the same verb in another person ("تشحن" → "نشحن").
  const out = new Set(cores);
  for (const core of cores) {
    const first = core[0] as string;
    if (!PERSON.includes(first) || core.length <= MIN_CORE) continue;
    for (const p of PERSON) if (p !== first) out.add(p + core.slice(1));
    out.add(core.slice(1));
  }
  out.delete(word);
  return [...out];
}
