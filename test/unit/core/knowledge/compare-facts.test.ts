import { describe, expect, it } from 'vitest';
import type { Article } from '#core/knowledge/article.ts';
import { articleFacts, compareFacts, factProblems } from '#core/knowledge/compare-facts.ts';
import { extractFacts } from '#core/knowledge/extract-facts.ts';
import { lintArticles } from '#core/knowledge/lint-collection.ts';
import { loadCollection } from '#core/knowledge/load-collection.ts';

const read = (text: string) => extractFacts([{ text, line: 1 }]);

const article = (lang: 'en' | 'ar', summary: string, body: string): Article => ({
  id: 'charged-twice',
  title: lang === 'en' ? 'Charged twice' : 'خصم المبلغ مرتين',
  lang,
  tags: [],
  questions: lang === 'en' ? ['charged 3 times'] : ['انخصم مني 5 مرات'],
  summary,
  source: `${lang}/charged-twice.md`,
  sections: [
    { id: 'holds', heading: 'Holds', markdown: body, text: body, line: 10, bodyLine: 12 },
  ],
  links: [],
});

describe('compareFacts', () => {
  it('finds nothing when both versions state the same facts in their own words and digits', () => {
    // Prepare
    const en = read('Holds go within 3 to 7 business days; we refund the extra within 24 hours.');
    const ar = read('يُلغى الحجز خلال ٣ إلى ٧ أيام عمل، ونرد المبلغ الزائد خلال 24 ساعة.');

    // Act
    const differences = compareFacts(en, ar);

    // Assess
    expect(differences).toEqual([]);
  });

  it('pairs a differing duration with its counterpart', () => {
    const differences = compareFacts(
      read('Holds go within 3 to 7 business days.'),
      read('يلغيه البنك خلال 5 إلى 10 أيام عمل.'),
    );
    expect(differences.map((d) => [d.reference?.display, d.translation?.display])).toEqual([
      ['3–7 business days', '5–10 business days'],
    ]);
  });

  it('pairs durations of different units, and money of different amounts', () => {
    const differences = compareFacts(
      read('Report damage within 48 hours. Collection costs 15 SAR.'),
      read('أبلغنا خلال 7 أيام. الاستلام مجاني أو 10 ريالات.'),
    );
    expect(differences.map((d) => [d.reference?.display, d.translation?.display])).toEqual([
      ['15 SAR', '10 SAR'],
      ['48 hours', '7 days'],
    ]);
  });

  it('reports a fact only one version states', () => {
    const differences = compareFacts(
      read('Gift cards are valid for 3 years and arrive within 15 minutes.'),
      read('البطاقة صالحة 3 سنوات.'),
    );
    expect(differences.map((d) => [d.kind, d.reference?.display, d.translation])).toEqual([
      ['minute', '15 minutes', undefined],
    ]);
  });

  it('matches a bare number with the same value stated with a unit on the other side', () => {
    expect(compareFacts(read('a few banks take up to 14'), read('حتى 14 يومًا'))).toEqual([]);
    expect(compareFacts(read('(3 to 5 with express)'), read('(من 3 إلى 5 أيام عمل)'))).toEqual([]);
  });

  it('compares sets, so a fact repeated in one version only is not a difference', () => {
    expect(compareFacts(read('30 days. Within 30 days.'), read('خلال 30 يومًا.'))).toEqual([]);
  });

  it('matches dual forms with their digits: يومي عمل, ساعتين, أسبوعين', () => {
    const en = read('within 2 business days, within 2 hours, in 2 weeks');
    const ar = read('خلال يومي عمل، وخلال ساعتين، وبعد أسبوعين');
    expect(compareFacts(en, ar)).toEqual([]);
  });
});

describe('factProblems', () => {
  it('warns on the Arabic file at the line of the differing fact, naming both values', () => {
    // Prepare: the contradiction the help centre used to have in charged-twice
    const en = article('en', 'Your bank removes it.', 'Holds go within 3 to 7 business days.');
    const ar = article('ar', 'يلغيه البنك.', 'سطر أول.\nيلغيه البنك خلال 5 إلى 10 أيام عمل.');

    // Act
    const problems = factProblems([en, ar]);

    // Assess
    expect(problems).toEqual([
      {
        file: 'ar/charged-twice.md',
        line: 13,
        severity: 'warning',
        message:
          'facts differ from en/charged-twice.md: en has "3–7 business days" (line 12), ar has "5–10 business days"',
      },
    ]);
  });

  it('reports a fact missing from the Arabic version at the matching Arabic section', () => {
    const en = article('en', 'We refund the extra within 24 hours.', 'Holds go in 3 to 7 business days.');
    const ar = article('ar', 'نرد المبلغ الزائد.', 'يلغيه البنك خلال 3 إلى 7 أيام عمل.');
    const [problem] = factProblems([en, ar]);
    expect(problem).toMatchObject({ line: 1, severity: 'warning' });
    expect(problem?.message).toBe(
      'facts differ from en/charged-twice.md: en has "24 hours" (line 1), ar has no matching fact',
    );
  });

  it('ignores the questions and articles that have no English version', () => {
    const en = article('en', 'Within 24 hours.', 'Text.');
    const ar = article('ar', 'خلال 24 ساعة.', 'نص.');
    const alone = { ...article('ar', 'خلال 5 أيام.', 'نص.'), id: 'only-arabic', source: 'ar/only-arabic.md' };
    expect(factProblems([en, ar, alone])).toEqual([]);
    expect(articleFacts(ar).map((f) => f.display)).toEqual(['24 hours']);
  });

  it('is a warning in the collection lint, so it never blocks publishing', () => {
    const en = article('en', 'Within 24 hours.', 'Text.');
    const ar = article('ar', 'خلال 48 ساعة.', 'نص.');
    const problems = lintArticles([en, ar]).filter((p) => p.message.startsWith('facts differ'));
    expect(problems.map((p) => p.severity)).toEqual(['warning']);
  });
});

describe('the help centre in knowledge/', () => {
  it('states the same facts in every Arabic article as in its English version', async () => {
    // Prepare
    const { articles, problems: parseProblems } = await loadCollection('knowledge');

    // Act
    const problems = lintArticles(articles, parseProblems);

    // Assess
    expect(problems.filter((p) => p.message.startsWith('facts differ'))).toEqual([]);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('has an Arabic version of every English article', async () => {
    const { articles } = await loadCollection('knowledge');
    const ids = (lang: string) => articles.filter((a) => a.lang === lang).map((a) => a.id).sort();
    expect(ids('ar')).toEqual(ids('en'));
  });
});
