/**
 * Writers' drafts in the studio store: `drafts/<file>` holds a JSON DraftRecord (the source, who
 * saved it when, and the hash of the live source it started from). A draft never reaches
 * customers; publishing copies its source to the live collection and deletes it.
 */
import type { DocumentStore } from './document-store.ts';
import { DRAFTS_PREFIX, draftKey, isArticleFile } from './studio-keys.ts';
import type { DraftRecord } from './studio-types.ts';

export class DraftStore {
  constructor(private readonly store: DocumentStore) {}

  async get(file: string): Promise<DraftRecord | undefined> {
    const stored = await this.store.get(draftKey(file));
    return stored ? (JSON.parse(stored.text) as DraftRecord) : undefined;
  }

  async put(draft: DraftRecord): Promise<void> {
    await this.store.put(draftKey(draft.file), JSON.stringify(draft));
  }

  async delete(file: string): Promise<void> {
    await this.store.delete(draftKey(file));
  }

  /** Every draft (of one language, when given). */
  async list(lang?: string): Promise<DraftRecord[]> {
    const prefix = DRAFTS_PREFIX + (lang ? `${lang}/` : '');
    const files = (await this.store.list(prefix))
      .map(({ key }) => key.slice(DRAFTS_PREFIX.length))
      .filter(isArticleFile);
    const drafts = await Promise.all(files.map((file) => this.get(file)));
    return drafts.filter((d): d is DraftRecord => d !== undefined);
  }
}
