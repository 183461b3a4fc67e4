/**
 * Compares the facts (times, fees, limits) of the language versions of one article, so a Saudi
 * customer reading Arabic is told the same "3 to 7 business days" as one reading English.
 * English is the reference; every other version is compared with it. Pure: no I/O.
 *
 * Facts are compared as sets of (kind, value) over the title, summary and body; `questions` are
 * ignored. A bare number on one side ("up to 14") matches the same value with any unit on the
 * other ("حتى 14 يومًا"), so one side naming the unit is not a difference.
 */
import type { Article, Problem } from './article.ts';
import { extractFacts, type Fact, type FactSource } from './extract-facts.ts';
import { FACT_FAMILY, type FactKind } from './fact-lexicon.ts';

/** The language every other version is checked against. */
export const REFERENCE_LANG = 'en';

/** One fact that is in one version and not the other; both set when they look like the same fact. */
export interface FactDifference {
  kind: FactKind;
  reference?: Fact;
  translation?: Fact;
}

/**
 * The facts of an article: title and summary (reported at line 1), section headings and bodies.
 * @example articleFacts(article).map((f) => f.display) // ['30 days', '15 SAR', …]
 */
export function articleFacts(article: Article): Fact[] {
  const sources: FactSource[] = [
    { text: article.title, line: 1, section: -1 },
    { text: article.summary ?? '', line: 1, section: -1 },
  ];
  article.sections.forEach((section, index) => {
    if (section.id !== '') sources.push({ text: section.heading, line: section.line, section: index });
    const bodyLine = section.bodyLine ?? (section.id === '' ? section.line : section.line + 2);
    sources.push({ text: section.markdown, line: bodyLine, section: index });
  });
  return extractFacts(sources);
}

/**
 * Facts of `reference` missing from `translation` and the other way round, each side's
 * differences paired by kind (then by family: any duration with any duration) in reading order.
 * @example compareFacts(extract('3 to 7 business days'), extract('5 إلى 10 أيام عمل'))
 *   // [{ kind: 'business-day', reference: 3–7 business days, translation: 5–10 business days }]
 */
export function compareFacts(reference: readonly Fact[], translation: readonly Fact[]): FactDifference[] {
  const onlyRef = unmatched(reference, translation);
  const onlyTr = unmatched(translation, reference);
  const differences: FactDifference[] = [];
  for (const sameGroup of [(f: Fact) => f.kind as string, (f: Fact) => FACT_FAMILY[f.kind]]) {
    for (const ref of [...onlyRef]) {
      const index = onlyTr.findIndex((tr) => sameGroup(tr) === sameGroup(ref));
      if (index < 0) continue;
      const [tr] = onlyTr.splice(index, 1);
      onlyRef.splice(onlyRef.indexOf(ref), 1);
      differences.push({ kind: ref.kind, reference: ref, translation: tr });
    }
  }
  differences.push(...onlyRef.map((reference) => ({ kind: reference.kind, reference })));
  differences.push(...onlyTr.map((translation) => ({ kind: translation.kind, translation })));
  return differences;
}

/**
 * Warnings for every article whose facts differ from its English version, on the translation's
 * file and line: `facts differ from en/x.md: en has "3–7 business days" (line 29), ar has …`.
 */
export function factProblems(articles: readonly Article[]): Problem[] {
  const references = new Map(
    articles.filter((a) => a.lang === REFERENCE_LANG).map((a) => [a.id, a] as const),
  );
  const problems: Problem[] = [];
  for (const translation of articles) {
    const reference = references.get(translation.id);
    if (!reference || translation.lang === REFERENCE_LANG) continue;
    const differences = compareFacts(articleFacts(reference), articleFacts(translation));
    for (const difference of differences) {
      problems.push({
        file: translation.source,
        line: differenceLine(difference, translation),
        severity: 'warning',
        message: differenceMessage(difference, reference, translation),
      });
    }
  }
  return problems;
}

/** Distinct facts of `side` (first occurrence kept) that `other` doesn't state. */
function unmatched(side: readonly Fact[], other: readonly Fact[]): Fact[] {
  const keys = new Set(other.map(key));
  const values = new Set(other.map((f) => f.value));
  const bareValues = new Set(other.filter((f) => f.kind === 'number').map((f) => f.value));
  const seen = new Set<string>();
  return side.filter((fact) => {
    if (seen.has(key(fact))) return false;
    seen.add(key(fact));
    if (keys.has(key(fact)) || bareValues.has(fact.value)) return false;
    return !(fact.kind === 'number' && values.has(fact.value));
  });
}

function key(fact: Fact): string {
  return `${fact.kind}\u0000${fact.value}`;
}

function differenceLine(difference: FactDifference, translation: Article): number {
  if (difference.translation) return difference.translation.line;
  const section = difference.reference?.section ?? -1;
  return section < 0 ? 1 : (translation.sections[section]?.line ?? 1);
}

function differenceMessage(difference: FactDifference, reference: Article, translation: Article): string {
  const refLang = reference.lang;
  const trLang = translation.lang;
  const ref = difference.reference;
  const tr = difference.translation;
  const refPart = ref ? `${refLang} has "${ref.display}" (line ${ref.line})` : `${refLang} has no matching fact`;
  const trPart = tr ? `${trLang} has "${tr.display}"` : `${trLang} has no matching fact`;
  const parts = ref ? [refPart, trPart] : [trPart, refPart];
  return `facts differ from ${reference.source}: ${parts.join(', ')}`;
}
