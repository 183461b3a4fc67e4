/**
 * The local rebuild (CollectionRebuild): builds from the live store, serves the result at once,
 * coalesces a burst of calls, keeps the serving index when nothing can be built, and writes the
 * rejection report.
 */
import { writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CollectionRebuild, queuedIndexRebuild } from '#core/studio/index-rebuild.ts';
import { REPORT_KEY } from '#core/studio/studio-keys.ts';
import { createStudioFixture, type StudioFixture } from './studio-fixture.ts';

let f: StudioFixture;
let builds: number[];
let rebuild: CollectionRebuild;
beforeEach(async () => {
  f = await createStudioFixture();
  builds = [];
  rebuild = new CollectionRebuild({
    live: f.parts.collection,
    history: f.parts.history,
    studio: f.store,
    clock: f.parts.clock,
    writeArtifact: (parts) => writeFile(f.knowledge.path, parts),
    reload: () => f.knowledge.reloadNow(),
    servingHash: async () => (await f.knowledge.current()).meta.hash,
    onBuilt: (articles) => builds.push(articles),
  });
});
afterEach(async () => {
  await f.close();
});

describe('CollectionRebuild', () => {
  it('is unchanged when the live collection is what the index was built from', async () => {
    expect(await rebuild.rebuild()).toEqual({ status: 'unchanged', rejected: [] });
    expect(JSON.parse((await f.store.get(REPORT_KEY))!.text)).toEqual({
      at: '2026-12-01T09:00:00.000Z',
      rejected: [],
    });
  });

  it('a burst of calls shares builds: the last call sees every change made before it', async () => {
    await f.live.delete('ar/refunds.md');
    const first = rebuild.rebuild();
    await f.live.delete('ar/delivery-times.md');
    const burst = [rebuild.rebuild(), rebuild.rebuild(), rebuild.rebuild()];

    const results = await Promise.all([first, ...burst]);

    expect(builds.length).toBeLessThanOrEqual(2);
    expect(results.every((r) => r.status === 'published' || r.status === 'unchanged')).toBe(true);
    const index = await f.knowledge.current();
    expect(index.article('ar', 'refunds')).toBeUndefined();
    expect(index.article('ar', 'delivery-times')).toBeUndefined();
    expect(index.meta.articleCount).toBe(4);
  });

  it('keeps the serving index when no article can be published', async () => {
    for (const { key } of await f.live.list('')) await f.live.put(key, '---\ntitle: [\n---\n');

    const result = await rebuild.rebuild();

    expect(result.status).toBe('rejected');
    expect(result.rejected).toHaveLength(6);
    expect(result.rejected[0]).toMatchObject({ serving: 'none' });
    expect((await f.knowledge.current()).article('en', 'refunds')?.title).toBe('Get a refund');
  });

  it('in AWS the S3 event path rebuilds: the studio reports the rebuild as queued', async () => {
    expect(await queuedIndexRebuild.rebuild()).toEqual({ status: 'queued', rejected: [] });
  });
});
