/**
 * Which articles the indexer publishes when some are broken (select-publishable.ts): each broken
 * article is left out on its own, its last good version stands in when there is one, and links
 * to an article that is not there are warnings.
 */
import { describe, expect, it } from 'vitest';
import { selectPublishable } from '#core/knowledge/select-publishable.ts';

const good = (id: string, extra = '') =>
  `---\nid: ${id}\ntitle: ${id}\nsummary: About ${id}.\nquestions: [a ${id}, b ${id}, c ${id}]\n---\n## ${id}\nText about ${id}.${extra}\n`;
const noLastGood = async () => undefined;

describe('selecting the publishable articles', () => {
  it('leaves out a duplicate id on its own and keeps the first', async () => {
    const { articles, rejected } = await selectPublishable(
      [
        { file: 'en/a.md', source: good('a') },
        { file: 'en/b.md', source: good('a') },
        { file: 'en/c.md', source: good('c') },
      ],
      noLastGood,
    );

    expect(articles.map((a) => a.source)).toEqual(['en/a.md', 'en/c.md']);
    expect(rejected).toEqual([
      expect.objectContaining({
        file: 'en/b.md',
        serving: 'none',
        problems: [expect.objectContaining({ message: expect.stringMatching(/duplicate id 'a'/) })],
      }),
    ]);
  });

  it('serves the last good version of an article whose front matter no longer parses', async () => {
    const lastGood = new Map([['en/a.md', good('a', ' Old but good.')]]);

    const { articles, rejected } = await selectPublishable(
      [
        { file: 'en/a.md', source: '---\nid: [unclosed\n---\n## x\ny\n' },
        { file: 'en/c.md', source: good('c') },
      ],
      async (file) => lastGood.get(file),
    );

    expect(articles.map((a) => a.source).sort()).toEqual(['en/a.md', 'en/c.md']);
    expect(rejected).toEqual([expect.objectContaining({ file: 'en/a.md', serving: 'last-good' })]);
  });

  it('a link to a missing article is a warning; a link to a missing section still an error', async () => {
    const { articles, rejected, warnings } = await selectPublishable(
      [
        { file: 'en/a.md', source: good('a', ' See [gone](gone.md).') },
        { file: 'en/b.md', source: good('b', ' See [a](a.md#nowhere).') },
      ],
      noLastGood,
    );

    expect(articles.map((a) => a.source)).toEqual(['en/a.md']);
    expect(warnings).toContainEqual(
      expect.objectContaining({
        file: 'en/a.md',
        severity: 'warning',
        message: expect.stringContaining('gone.md'),
      }),
    );
    expect(rejected.map((r) => r.file)).toEqual(['en/b.md']);
  });
});
