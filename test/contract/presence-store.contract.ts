/**
 * The PresenceStore contract: every adapter (DynamoDB on dynalite, memory) must pass it. A
 * heartbeat counts until its `until`, the latest one per staff member wins, and the staff on
 * shift come back sorted by name with their queues.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '#core/errors.ts';
import type { PresenceStore } from '#core/support/presence-store.ts';

export type PresenceStoreFactory = () => Promise<PresenceStore>;

const NOW = new Date('2026-12-02T10:00:00.000Z');
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString();

export function presenceStoreContract(name: string, factory: PresenceStoreFactory): void {
  describe(`PresenceStore contract: ${name}`, () => {
    it('lists the staff whose heartbeat still counts, by name, with their queues', async () => {
      // Prepare
      const store = await factory();

      // Act
      await store.heartbeat({ staff: 'Omar', queues: ['returns', 'payments'], until: later(3) });
      await store.heartbeat({ staff: 'Huda', queues: ['general-ar'], until: later(2) });
      await store.heartbeat({ staff: 'Lina', queues: ['returns'], until: later(-1) });

      // Assess
      expect(await store.onShift(NOW)).toEqual([
        { staff: 'Huda', queues: ['general-ar'], until: later(2) },
        { staff: 'Omar', queues: ['payments', 'returns'], until: later(3) },
      ]);
    });

    it('stops counting a heartbeat at its `until` (the end is not included)', async () => {
      // Prepare
      const store = await factory();
      await store.heartbeat({ staff: 'Huda', queues: ['returns'], until: later(3) });

      // Act
      const before = await store.onShift(new Date(Date.parse(later(3)) - 1));
      const at = await store.onShift(new Date(later(3)));

      // Assess
      expect(before.map((p) => p.staff)).toEqual(['Huda']);
      expect(at).toEqual([]);
    });

    it('keeps only the latest heartbeat of a staff member, even one watching nothing', async () => {
      // Prepare
      const store = await factory();
      await store.heartbeat({ staff: 'Huda', queues: ['returns', 'payments'], until: later(3) });

      // Act
      await store.heartbeat({ staff: 'Huda', queues: [], until: later(4) });

      // Assess
      expect(await store.onShift(NOW)).toEqual([{ staff: 'Huda', queues: [], until: later(4) }]);
    });

    it('stores names and queues as given (Arabic names, duplicates once) and times in one format', async () => {
      // Prepare
      const store = await factory();

      // Act
      await store.heartbeat({
        staff: '  هدى العتيبي ',
        queues: ['returns', 'returns'],
        until: '2026-12-02T13:03:00+03:00',
      });

      // Assess
      expect(await store.onShift(NOW)).toEqual([
        { staff: 'هدى العتيبي', queues: ['returns'], until: '2026-12-02T10:03:00.000Z' },
      ]);
    });

    it('refuses a heartbeat without a name, with a bad queue list or time', async () => {
      // Prepare
      const store = await factory();
      const bad = [
        { staff: ' ', queues: [], until: later(3) },
        { staff: 'Huda', queues: 'returns' as unknown as string[], until: later(3) },
        { staff: 'Huda', queues: [''], until: later(3) },
        { staff: 'Huda', queues: [], until: 'soon' },
      ];

      // Act / Assess
      for (const presence of bad) {
        await expect(store.heartbeat(presence)).rejects.toThrow(ValidationError);
      }
      expect(await store.onShift(NOW)).toEqual([]);
    });

    it('with nobody ever on shift, lists nobody', async () => {
      const store = await factory();
      expect(await store.onShift(NOW)).toEqual([]);
    });
  });
}
