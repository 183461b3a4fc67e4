/**
 * Who is on shift: the staff desk sends a heartbeat every minute while it is open and visible,
 * naming the queues its user watches; each heartbeat keeps them on shift for those queues for
 * a few minutes (support.json `presenceMinutes`). A port: in memory (tests, `--memory`) and on
 * DynamoDB (adapters/support/), both held to test/contract/presence-store.contract.ts.
 */
import { ValidationError } from '../errors.ts';

export interface StaffPresence {
  /** The staff member's name as the staff API knows them. */
  staff: string;
  /** Queue ids they watch (may be empty: on the desk, watching nothing). */
  queues: string[];
  /** ISO time until which the heartbeat counts. */
  until: string;
}

export abstract class PresenceStore {
  /** Records `presence`, replacing the staff member's earlier heartbeat. */
  abstract heartbeat(presence: StaffPresence): Promise<void>;
  /** Every staff member whose heartbeat counts at `now` (`until` after it), by name. */
  abstract onShift(now: Date): Promise<StaffPresence[]>;
}

/** Longest staff name and most queues one heartbeat may carry. */
export const MAX_PRESENCE_STAFF = 200;
export const MAX_PRESENCE_QUEUES = 50;

/** The presence as stored; a ValidationError on a missing name, bad queue list or time. */
export function checkPresence(presence: StaffPresence): StaffPresence {
  const staff = typeof presence?.staff === 'string' ? presence.staff.trim() : '';
  if (staff === '' || staff.length > MAX_PRESENCE_STAFF) {
    throw new ValidationError('presence staff name is missing or too long', { field: 'staff' });
  }
  const queues = presence.queues;
  if (
    !Array.isArray(queues) ||
    queues.length > MAX_PRESENCE_QUEUES ||
    queues.some((q) => typeof q !== 'string' || q === '' || q.length > 40)
  ) {
    throw new ValidationError(`queues must be a list of at most ${MAX_PRESENCE_QUEUES} queue ids`, {
      field: 'queues',
    });
  }
  if (typeof presence.until !== 'string' || Number.isNaN(Date.parse(presence.until))) {
    throw new ValidationError('presence until is not an ISO time', { field: 'until' });
  }
  // One format (toISOString), so stored times compare as strings in time order.
  const until = new Date(Date.parse(presence.until)).toISOString();
  return { staff, queues: [...new Set(queues)].sort(), until };
}

/** How many of `present` watch `queueId`. */
export function staffWatching(present: readonly StaffPresence[], queueId: string): number {
  return present.filter((p) => p.queues.includes(queueId)).length;
}
