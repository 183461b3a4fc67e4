/**
 * The version history of the articles, in the studio store: one JSON document per version under
 * `history/<file>/<version>.json`, the version id being the time (compact ISO) and the first
 * eight hex digits of the source's hash, so keys sort as the versions happened. The latest
 * version of a file that is not a deletion is its last good version (every version the studio
 * writes passed lint), which the local rebuild serves when a later source is broken.
 */
import type { Clock } from '../ports.ts';
import type { DocumentStore } from './document-store.ts';
import { HISTORY_PREFIX, historyKey, historyPrefix, sourceHash, versionId } from './studio-keys.ts';
import type { HistoryAction, HistoryItem, HistoryRecord } from './studio-types.ts';

/** Most versions a history listing returns. */
export const MAX_HISTORY_ITEMS = 200;

export interface NewVersion {
  file: string;
  /** '' for a deletion. */
  source: string;
  by: string;
  action: HistoryAction;
  fromVersion?: string;
}

export class ArticleHistory {
  constructor(
    private readonly store: DocumentStore,
    private readonly clock: Clock,
  ) {}

  /**
   * Writes a new version and returns its id. Its time is after the file's latest version (a
   * write in the same millisecond, or behind a skewed clock, moves on by 1 ms), so the order of
   * the keys is the order of the versions.
   */
  async append(version: NewVersion): Promise<{ version: string; record: HistoryRecord }> {
    const hash = version.action === 'delete' ? '' : sourceHash(version.source);
    const latest = (await this.versionIds(version.file)).at(-1);
    let time = Math.max(this.clock.now().getTime(), latest ? timeOfVersion(latest) + 1 : 0);
    for (;;) {
      const at = new Date(time).toISOString();
      const id = versionId(at, hash);
      if (!(await this.store.get(historyKey(version.file, id)))) {
        const record: HistoryRecord = {
          file: version.file,
          hash,
          source: version.source,
          by: version.by,
          at,
          action: version.action,
          ...(version.fromVersion ? { fromVersion: version.fromVersion } : {}),
        };
        await this.store.put(historyKey(version.file, id), JSON.stringify(record));
        return { version: id, record };
      }
      time += 1;
    }
  }

  /** The file's versions, newest first (at most MAX_HISTORY_ITEMS). */
  async list(file: string, limit = MAX_HISTORY_ITEMS): Promise<HistoryItem[]> {
    const ids = (await this.versionIds(file)).reverse().slice(0, limit);
    const records = await Promise.all(
      ids.map(async (id) => [id, await this.get(file, id)] as const),
    );
    return records.flatMap(([version, record]) =>
      record
        ? [
            {
              version,
              at: record.at,
              by: record.by,
              action: record.action,
              hash: record.hash,
              bytes: Buffer.byteLength(record.source, 'utf8'),
              ...(record.fromVersion ? { fromVersion: record.fromVersion } : {}),
            },
          ]
        : [],
    );
  }

  /** One version, or undefined when there is none by that id. */
  async get(file: string, version: string): Promise<HistoryRecord | undefined> {
    const stored = await this.store.get(historyKey(file, version));
    return stored ? (JSON.parse(stored.text) as HistoryRecord) : undefined;
  }

  /** The latest version of the file, when it has one. */
  async latest(file: string): Promise<{ version: string; record: HistoryRecord } | undefined> {
    const version = (await this.versionIds(file)).at(-1);
    const record = version ? await this.get(file, version) : undefined;
    return version && record ? { version, record } : undefined;
  }

  /** The last good source: the latest version's, unless that version is a deletion. */
  async lastGood(file: string): Promise<string | undefined> {
    const latest = await this.latest(file);
    return latest && latest.record.action !== 'delete' ? latest.record.source : undefined;
  }

  /** file → latest version id, for every file with a history (one listing). */
  async latestVersions(): Promise<Map<string, string>> {
    const latest = new Map<string, string>();
    for (const { key } of await this.store.list(HISTORY_PREFIX)) {
      const rest = key.slice(HISTORY_PREFIX.length);
      const slash = rest.lastIndexOf('/');
      if (slash < 0 || !rest.endsWith('.json')) continue;
      // Keys are sorted: the last one of a file is its latest version.
      latest.set(rest.slice(0, slash), rest.slice(slash + 1, -'.json'.length));
    }
    return latest;
  }

  private async versionIds(file: string): Promise<string[]> {
    const prefix = historyPrefix(file);
    return (await this.store.list(prefix))
      .map(({ key }) => key.slice(prefix.length))
      .filter((name) => name.endsWith('.json') && !name.includes('/'))
      .map((name) => name.slice(0, -'.json'.length));
  }
}

/** `20261202T071500123Z-ab12cd34` → its time in milliseconds. */
function timeOfVersion(version: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z/.exec(version);
  if (!m) return 0;
  const [, y, mo, d, h, mi, s, ms] = m.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!, ms!);
}
