/**
 * Presence in memory (tests, `--memory` mode): one heartbeat per staff member, the latest wins.
 * Behaves like DynamoPresenceStore (test/contract/presence-store.contract.ts).
 */
import { checkPresence, PresenceStore, type StaffPresence } from '#core/support/presence-store.ts';

export class MemoryPresenceStore extends PresenceStore {
  private readonly byStaff = new Map<string, StaffPresence>();

  override async heartbeat(presence: StaffPresence): Promise<void> {
    const stored = checkPresence(presence);
    this.byStaff.set(stored.staff, stored);
  }

  override async onShift(now: Date): Promise<StaffPresence[]> {
    const at = now.getTime();
    return [...this.byStaff.values()]
      .filter((p) => Date.parse(p.until) > at)
      .sort((a, b) => (a.staff < b.staff ? -1 : a.staff > b.staff ? 1 : 0))
      .map((p) => ({ ...p, queues: [...p.queues] }));
  }
}
