/**
 * The DocumentStore contract (the content studio's storage port): every adapter (a folder on
 * disk, a bucket prefix on S3) must pass it. Each test gets an empty store from the factory.
 */
import { describe, expect, it } from 'vitest';
import { InvalidDocumentKeyError, type DocumentStore } from '#core/studio/document-store.ts';

export type DocumentStoreFactory = () => Promise<DocumentStore>;

const ARABIC = [
  '---',
  'id: reset-password',
  'title: إعادة تعيين كلمة المرور',
  'questions:',
  '  - نسيت كلمة المرور',
  '---',
  '## إعادة تعيين كلمة المرور',
  'اضغط على «نسيت كلمة المرور» في صفحة الدخول، وستصلك رسالة خلال ٥ دقائق.',
  '',
].join('\n');

const INVALID_KEYS = [
  '../x',
  'a/../../x',
  '/abs',
  'a//b',
  'a\\b',
  '..',
  './a',
  'a/',
  '',
  'a\u0000b',
];

export function documentStoreContract(name: string, factory: DocumentStoreFactory): void {
  describe(`DocumentStore contract: ${name}`, () => {
    it('gives back what was put, Arabic text byte for byte, with an ISO modification time', async () => {
      const store = await factory();
      const before = Date.now();

      await store.put('ar/reset-password.md', ARABIC);
      const document = await store.get('ar/reset-password.md');

      expect(document).toMatchObject({ key: 'ar/reset-password.md', text: ARABIC });
      expect(document!.modifiedAt).toBe(new Date(document!.modifiedAt).toISOString());
      // S3 keeps whole seconds: the time is this write's, to the second.
      expect(Date.parse(document!.modifiedAt)).toBeGreaterThanOrEqual(before - 1_000);
    });

    it('answers undefined for a document it does not hold', async () => {
      const store = await factory();
      await store.put('drafts/en/a.md.json', '{}');

      expect(await store.get('drafts/en/missing.md.json')).toBeUndefined();
      expect(await store.get('drafts/en')).toBeUndefined(); // a "folder" is no document
      expect(await store.get('drafts/en/a.md.json/deeper')).toBeUndefined();
    });

    it('a second put replaces the document', async () => {
      const store = await factory();
      await store.put('report/rejected.json', '{"rejected":[1,2,3]}');

      await store.put('report/rejected.json', '{"rejected":[]}');

      expect((await store.get('report/rejected.json'))?.text).toBe('{"rejected":[]}');
      expect(await store.list('report/')).toEqual([
        {
          key: 'report/rejected.json',
          modifiedAt: expect.any(String),
          version: expect.any(String),
        },
      ]);
    });

    it('gives each version a token, the same in get and list, new when the text changes within the second', async () => {
      const store = await factory();
      await store.put('en/returns.md', 'first');
      const first = await store.get('en/returns.md');
      const [listedFirst] = await store.list('en/');

      await store.put('en/returns.md', 'second'); // S3 keeps LastModified to the second
      const second = await store.get('en/returns.md');
      const [listedSecond] = await store.list('en/');

      expect(first?.version).toEqual(expect.any(String));
      expect(listedFirst?.version).toBe(first?.version);
      expect(second?.version).not.toBe(first?.version);
      expect(listedSecond?.version).toBe(second?.version);
    });

    it('keeps an empty document apart from a missing one', async () => {
      const store = await factory();
      await store.put('en/empty.md', '');

      expect(await store.get('en/empty.md')).toMatchObject({ text: '' });
    });

    it('lists every document under a prefix, nested folders included, sorted by key', async () => {
      const store = await factory();
      const keys = [
        'drafts/en/b.md',
        'history/en/a.md/20261202T071500123Z-ab12cd34.json',
        'drafts/en/a.md',
        'drafts-archive.json',
        'drafts/ar/z.md',
        'history/en/a.md/20261201T090000000Z-0f0f0f0f.json',
        'history/en/ab.md/20261203T000000000Z-11111111.json',
      ];
      for (const key of keys) await store.put(key, `text of ${key}`);

      const drafts = await store.list('drafts/');
      const history = await store.list('history/en/a.md/');
      const partial = await store.list('drafts/en/a');
      const all = await store.list('');

      expect(drafts.map((d) => d.key)).toEqual([
        'drafts/ar/z.md',
        'drafts/en/a.md',
        'drafts/en/b.md',
      ]);
      expect(history.map((d) => d.key)).toEqual([
        'history/en/a.md/20261201T090000000Z-0f0f0f0f.json',
        'history/en/a.md/20261202T071500123Z-ab12cd34.json',
      ]);
      expect(partial.map((d) => d.key)).toEqual(['drafts/en/a.md']);
      expect(all.map((d) => d.key)).toEqual([...keys].sort());
      for (const entry of all) {
        expect(entry.modifiedAt).toBe(new Date(entry.modifiedAt).toISOString());
      }
    });

    it('lists nothing under a prefix it holds nothing under', async () => {
      const store = await factory();
      await store.put('drafts/en/a.md', 'a');

      expect(await store.list('audit/')).toEqual([]);
      expect(await store.list('drafts/fr/')).toEqual([]);
    });

    it('deletes a document, and deleting a missing one is no error', async () => {
      const store = await factory();
      await store.put('drafts/en/a.md', 'a');
      await store.put('drafts/en/b.md', 'b');

      await store.delete('drafts/en/a.md');
      await store.delete('drafts/en/a.md');
      await store.delete('drafts/en/never-there.md');

      expect(await store.get('drafts/en/a.md')).toBeUndefined();
      expect((await store.list('drafts/')).map((d) => d.key)).toEqual(['drafts/en/b.md']);
    });

    it('takes keys with spaces and Arabic letters', async () => {
      const store = await factory();

      await store.put('drafts/en/my first article.md', 'spaces');
      await store.put('ar/إعادة-كلمة-المرور.md', ARABIC);

      expect((await store.get('drafts/en/my first article.md'))?.text).toBe('spaces');
      expect((await store.get('ar/إعادة-كلمة-المرور.md'))?.text).toBe(ARABIC);
      expect((await store.list('')).map((d) => d.key)).toEqual([
        'ar/إعادة-كلمة-المرور.md',
        'drafts/en/my first article.md',
      ]);
    });

    it('refuses keys that are not safe relative paths, on every operation', async () => {
      const store = await factory();
      await store.put('x', 'inside');

      for (const key of INVALID_KEYS) {
        await expect(store.get(key), key).rejects.toBeInstanceOf(InvalidDocumentKeyError);
        await expect(store.put(key, 'escaped'), key).rejects.toBeInstanceOf(
          InvalidDocumentKeyError,
        );
        await expect(store.delete(key), key).rejects.toBeInstanceOf(InvalidDocumentKeyError);
      }
      for (const prefix of ['../', '/abs/', 'a//b', 'a\\b']) {
        await expect(store.list(prefix), prefix).rejects.toBeInstanceOf(InvalidDocumentKeyError);
      }
      // Nothing was written anywhere by the refused calls.
      expect((await store.list('')).map((d) => d.key)).toEqual(['x']);
      expect((await store.get('x'))?.text).toBe('inside');
    });

    it('holds a large document whole', async () => {
      const store = await factory();
      const text = 'سطر طويل من النص العربي مع English words. '.repeat(8_000); // ~400 KB UTF-8

      await store.put('en/large.md', text);

      expect((await store.get('en/large.md'))?.text).toBe(text);
    });
  });
}
