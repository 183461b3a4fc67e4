/**
 * The studio's writes to the live collection: publish (a draft or a given source), withdraw and
 * roll back. Each one checks the writer's view is current (409 when the live source changed since
 * — `expectedHash`, or the draft's `baseHash`), lints the article in the collection (422 on
 * errors), writes the live file, a history version and an audit entry, then rebuilds the index.
 * A live source the history does not end with (seeded from git, edited outside the studio) is
 * first recorded as a version by `seed`, so every studio change can be rolled back.
 * The checks and writes of one process run one at a time; the rebuild runs after them (coalesced
 * by the IndexRebuild), so a burst of publishes does not queue a build per publish.
 */
import { NotFoundError, ValidationError } from '../errors.ts';
import type { Problem } from '../knowledge/article.ts';
import type { ArticleHistory } from './article-history.ts';
import type { AuditLog } from './audit-log.ts';
import type { DraftStore } from './draft-store.ts';
import type { IndexRebuild } from './index-rebuild.ts';
import { hasErrors, lintDraft } from './lint-draft.ts';
import type { LiveCollection, LiveFile } from './live-collection.ts';
import { ArticleRejectedError, checkSourceSize, StudioConflictError } from './studio-errors.ts';
import type { ArticleRef } from './studio-keys.ts';
import type { HistoryAction, PublishResult } from './studio-types.ts';

export interface ArticlePublisherDeps {
  collection: LiveCollection;
  history: ArticleHistory;
  drafts: DraftStore;
  audit: AuditLog;
  rebuild: IndexRebuild;
}

/** Author of the version recorded for a live source the studio had no history of. */
export const SEED_AUTHOR = 'seed';

export interface PublishRequest {
  /** The source to publish; undefined: the saved draft. */
  source?: string;
  /** sha256 of the live source the writer saw ('' for a new article); checked when given. */
  expectedHash?: string;
}

export class ArticlePublisher {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: ArticlePublisherDeps) {}

  /**
   * Publishes `request.source`, or the saved draft (then deleted).
   * @example await publisher.publish(articleRef('en', 'reset'), { expectedHash }, 'Huda')
   */
  async publish(ref: ArticleRef, request: PublishRequest, by: string): Promise<PublishResult> {
    const version = await this.serial(async () => {
      const draft = await this.deps.drafts.get(ref.file);
      const source = request.source ?? draft?.source;
      if (source === undefined) {
        throw new NotFoundError(`${ref.file} has no draft to publish: send a source`, {
          file: ref.file,
        });
      }
      checkSourceSize(source);
      const expected =
        request.expectedHash ?? (request.source === undefined ? draft?.baseHash : undefined);
      const live = await this.checkCurrent(ref.file, expected);
      await this.checkLint(ref.file, source);
      await this.seedHistory(ref.file, live);
      const written = await this.write(ref.file, source, by, 'publish');
      if (draft) await this.deps.drafts.delete(ref.file);
      return written;
    });
    return { version, rebuild: await this.deps.rebuild.rebuild() };
  }

  /** Takes the article out of the live collection (its history keeps every version). */
  async withdraw(ref: ArticleRef, by: string, expectedHash?: string): Promise<PublishResult> {
    const version = await this.serial(async () => {
      const live = await this.checkCurrent(ref.file, expectedHash);
      if (!live) throw new NotFoundError(`${ref.file} is not published`, { file: ref.file });
      await this.seedHistory(ref.file, live);
      await this.deps.collection.remove(ref.file);
      const { version } = await this.deps.history.append({
        file: ref.file,
        source: '',
        by,
        action: 'delete',
      });
      await this.deps.audit.record({ by, action: 'delete', file: ref.file, version });
      return version;
    });
    return { version, rebuild: await this.deps.rebuild.rebuild() };
  }

  /** Publishes the source of an earlier version as a new version (action `rollback`). */
  async rollback(
    ref: ArticleRef,
    fromVersion: string,
    by: string,
    expectedHash?: string,
  ): Promise<PublishResult> {
    const version = await this.serial(async () => {
      const record = await this.deps.history.get(ref.file, fromVersion);
      if (!record) {
        throw new NotFoundError(`${ref.file} has no version ${fromVersion}`, { fromVersion });
      }
      if (record.action === 'delete') {
        throw new ValidationError(
          `version ${fromVersion} is a withdrawal: roll back to a version with content, or withdraw the article`,
          { field: 'version' },
        );
      }
      const live = await this.checkCurrent(ref.file, expectedHash);
      await this.checkLint(ref.file, record.source);
      await this.seedHistory(ref.file, live);
      return this.write(ref.file, record.source, by, 'rollback', fromVersion);
    });
    return { version, rebuild: await this.deps.rebuild.rebuild() };
  }

  /**
   * The live version; 409 unless its source still hashes to `expected` (no check when
   * undefined; '' expects no live version).
   */
  private async checkCurrent(
    file: string,
    expected: string | undefined,
  ): Promise<LiveFile | undefined> {
    const live = await this.deps.collection.read(file);
    const liveHash = live?.hash ?? '';
    if (expected !== undefined && liveHash !== expected) {
      throw new StudioConflictError(file, liveHash, expected);
    }
    return live;
  }

  /**
   * Records the live source as a version when the history does not end with it (articles
   * seeded from git, or edited outside the studio), so the change about to be made can be
   * rolled back. A source that does not even parse is not worth keeping.
   */
  private async seedHistory(file: string, live: LiveFile | undefined): Promise<void> {
    if (!live) return;
    const latest = await this.deps.history.latest(file);
    if (latest?.record.hash === live.hash) return;
    if (hasErrors(this.deps.collection.parse(file, live.source).problems)) return;
    await this.deps.history.append({
      file,
      source: live.source,
      by: SEED_AUTHOR,
      action: 'publish',
    });
  }

  /** 422 with the problems when the article has lint errors in the collection. */
  private async checkLint(file: string, source: string): Promise<Problem[]> {
    const { collection } = this.deps;
    const problems = lintDraft(collection, await collection.files(), file, source);
    if (hasErrors(problems)) throw new ArticleRejectedError(file, problems);
    return problems;
  }

  private async write(
    file: string,
    source: string,
    by: string,
    action: HistoryAction,
    fromVersion?: string,
  ): Promise<string> {
    await this.deps.collection.write(file, source);
    const { version } = await this.deps.history.append({
      file,
      source,
      by,
      action,
      ...(fromVersion ? { fromVersion } : {}),
    });
    await this.deps.audit.record({ by, action, file, version });
    return version;
  }

  /** Runs `step` after every step queued before it (one write at a time in this process). */
  private serial<T>(step: () => Promise<T>): Promise<T> {
    const result = this.queue.then(step, step);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
