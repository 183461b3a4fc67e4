/**
 * Adding an accepted phrasing to an article's front matter `questions` (core/studio/add-question.ts):
 * the list grows by one item and every other byte of the file stays as it was.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '#core/errors.ts';
import { parseArticle } from '#core/knowledge/parse-article.ts';
import { addQuestion } from '#core/studio/add-question.ts';

/** The source with `inserted` removed must be the original: nothing else changed. */
function expectOnlyInserted(before: string, after: string, inserted: string): void {
  const at = after.indexOf(inserted);
  expect(at).toBeGreaterThan(0);
  expect(after.slice(0, at) + after.slice(at + inserted.length)).toBe(before);
}

describe('addQuestion', () => {
  it('appends to a block list with its indentation, keeping comments and the rest as they were', () => {
    const source =
      '---\ntitle: Reset\nquestions:\n    - forgot password   # the classic\n    - "locked: out"\n# end of list\nowner: web\n---\n# Reset\n\nBody.\n';

    const { source: edited, added } = addQuestion(source, 'I cannot sign in');

    expect(added).toBe(true);
    expectOnlyInserted(source, edited, '\n    - I cannot sign in');
    expect(parseArticle(edited, 'en/reset.md', { defaultLang: 'en' }).article?.questions).toEqual([
      'forgot password',
      'locked: out',
      'I cannot sign in',
    ]);
  });

  it('quotes a phrasing that plain YAML would misread', () => {
    const source = '---\ntitle: T\nquestions:\n  - a\n---\nBody\n';

    const edited = addQuestion(source, 'fees: how much? #2').source;

    expect(parseArticle(edited, 'en/t.md', { defaultLang: 'en' }).article?.questions).toEqual([
      'a',
      'fees: how much? #2',
    ]);
  });

  it('adds an Arabic phrasing to an Arabic article, the rest byte-identical', () => {
    const source = readFileSync('knowledge/ar/cancel-order.md', 'utf8');
    const before = parseArticle(source, 'ar/cancel-order.md').article!;

    const edited = addQuestion(source, 'كيف ألغي الطلب بعد الدفع').source;

    const after = parseArticle(edited, 'ar/cancel-order.md').article!;
    expect(after.questions).toEqual([...before.questions, 'كيف ألغي الطلب بعد الدفع']);
    expectOnlyInserted(source, edited, '\n  - كيف ألغي الطلب بعد الدفع');
  });

  it('keeps CRLF line endings', () => {
    const source = '---\r\ntitle: T\r\nquestions:\r\n  - a\r\n---\r\nBody\r\n';

    const edited = addQuestion(source, 'b').source;

    expect(edited).toBe('---\r\ntitle: T\r\nquestions:\r\n  - a\r\n  - b\r\n---\r\nBody\r\n');
  });

  it('adds to a flow list before its bracket', () => {
    const edited = addQuestion('---\ntitle: T\nquestions: [a, "b"]\n---\nBody', 'c, d').source;

    expect(edited).toBe('---\ntitle: T\nquestions: [a, "b", "c, d"]\n---\nBody');
  });

  it('starts the list when `questions` is empty or missing', () => {
    expect(addQuestion('---\ntitle: T\nquestions:\nowner: x\n---\nB', 'q').source).toBe(
      '---\ntitle: T\nquestions:\n  - q\nowner: x\n---\nB',
    );
    expect(addQuestion('---\ntitle: T\n---\nB', 'q').source).toBe(
      '---\ntitle: T\nquestions:\n  - q\n---\nB',
    );
    expect(addQuestion('---\ntitle: T\nquestions: []\n---\nB', 'q').source).toBe(
      '---\ntitle: T\nquestions: ["q"]\n---\nB',
    );
  });

  it('changes nothing when the article already lists the phrasing (any case or punctuation)', () => {
    const source = '---\ntitle: T\nquestions:\n  - How do I reset my password?\n---\nB';

    expect(addQuestion(source, 'how do i reset my password')).toEqual({ source, added: false });
  });

  it('refuses what it cannot edit safely, with a reason', () => {
    expect(() => addQuestion('# No front matter', 'q')).toThrow(ValidationError);
    expect(() => addQuestion('---\ntitle: T\nquestions: many\n---\nB', 'q')).toThrow(/not a list/);
    expect(() => addQuestion('---\ntitle: [\n---\nB', 'q')).toThrow(/not valid YAML/);
    expect(() => addQuestion('---\ntitle: T\n---\nB', '   ')).toThrow(/empty/);
  });
});
