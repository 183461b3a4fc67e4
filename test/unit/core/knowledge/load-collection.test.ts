import { describe, expect, it } from 'vitest';
import { loadCollection } from '#core/knowledge/load-collection.ts';

describe('loadCollection', () => {
  it('reads en/ and ar/ articles in path order, skips README.md and takes lang from the folder', async () => {
    const { articles, problems, files } = await loadCollection('test/fixtures/kb/valid');

    expect(files).toBe(6);
    expect(problems).toEqual([]);
    expect(articles.map((a) => a.source)).toEqual([
      'ar/delivery-times.md',
      'ar/refunds.md',
      'ar/reset-password.md',
      'en/delivery-times.md',
      'en/refunds.md',
      'en/reset-password.md',
    ]);
    expect(articles.map((a) => a.lang)).toEqual(['ar', 'ar', 'ar', 'en', 'en', 'en']);
  });

  it('keeps parse problems with paths relative to the collection and still loads the rest', async () => {
    const { articles, problems, files } = await loadCollection('test/fixtures/kb/broken');

    expect(files).toBe(11);
    expect(articles).toHaveLength(9);
    expect(problems.find((p) => p.file === 'en/bad-yaml.md')).toMatchObject({ line: 5, severity: 'error' });
    expect(problems.some((p) => p.file === 'README.md')).toBe(false);
  });

  it('loads a flat collection whose articles carry lang in the front matter (the eval layout)', async () => {
    const { articles, problems } = await loadCollection('test/fixtures/kb/flat');

    expect(problems).toEqual([]);
    expect(articles.map((a) => [a.source, a.id, a.lang, a.title, a.questions.length])).toEqual([
      ['card-fees.md', 'card-fees', 'ar', 'رسوم البطاقة', 3],
      ['order-status.md', 'order-status', 'en', 'order status', 3],
    ]);
    expect(articles.every((a) => a.sections.length === 0)).toBe(true);
  });

  it('rejects a folder that does not exist', async () => {
    await expect(loadCollection('test/fixtures/kb/no-such-folder')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
