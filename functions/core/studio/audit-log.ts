/**
 * The studio's audit trail: who published, rolled back, withdrew, saved or discarded what, and
 * which suggestions writers accepted. One JSON document per entry under
 * `audit/<yyyy-mm>/<at>-<random>.json`, so a month is one folder and keys sort by time.
 */
import type { Clock, Ids } from '../ports.ts';
import type { DocumentStore } from './document-store.ts';
import { AUDIT_PREFIX, auditKey } from './studio-keys.ts';
import type { AuditEntry } from './studio-types.ts';

/** Most entries one audit listing returns. */
export const MAX_AUDIT_ITEMS = 500;

export class AuditLog {
  constructor(
    private readonly store: DocumentStore,
    private readonly clock: Clock,
    private readonly ids: Ids,
  ) {}

  /** Records an entry (stamped now) and returns it. */
  async record(entry: Omit<AuditEntry, 'at'>): Promise<AuditEntry> {
    const at = this.clock.now().toISOString();
    const stored: AuditEntry = { at, ...entry };
    const random =
      this.ids
        .next()
        .replace(/[^0-9a-f]/gi, '')
        .slice(0, 8) || '0';
    await this.store.put(auditKey(at, random.toLowerCase()), JSON.stringify(stored));
    return stored;
  }

  /** The latest `limit` entries, newest first. */
  async list(limit: number): Promise<AuditEntry[]> {
    const keys = (await this.store.list(AUDIT_PREFIX))
      .map((listing) => listing.key)
      .reverse()
      .slice(0, Math.max(0, Math.min(limit, MAX_AUDIT_ITEMS)));
    const documents = await Promise.all(keys.map((key) => this.store.get(key)));
    return documents.flatMap((d) => (d ? [JSON.parse(d.text) as AuditEntry] : []));
  }
}
