/**
 * The studio's storage parts over its two DocumentStores: the live collection (articles), and,
 * in the studio store, drafts, version history and the audit trail. Built once per process and
 * shared by the StudioService, the rebuild (last good versions) and the learning loop's catalog.
 */
import type { Clock, Ids } from '../ports.ts';
import { ArticleHistory } from './article-history.ts';
import { AuditLog } from './audit-log.ts';
import type { DocumentStore } from './document-store.ts';
import { DraftStore } from './draft-store.ts';
import { LiveCollection } from './live-collection.ts';

export interface StudioParts {
  collection: LiveCollection;
  history: ArticleHistory;
  drafts: DraftStore;
  audit: AuditLog;
  /** The studio store itself (the publish report). */
  studio: DocumentStore;
  clock: Clock;
}

/**
 * @example const parts = studioParts({ live: new DiskDocumentStore({ root: 'knowledge' }), studio, clock, ids });
 */
export function studioParts(options: {
  live: DocumentStore;
  studio: DocumentStore;
  clock: Clock;
  ids: Ids;
}): StudioParts {
  const { live, studio, clock, ids } = options;
  return {
    collection: new LiveCollection(live),
    history: new ArticleHistory(studio, clock),
    drafts: new DraftStore(studio),
    audit: new AuditLog(studio, clock, ids),
    studio,
    clock,
  };
}
