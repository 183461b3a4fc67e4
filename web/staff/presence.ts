/**
 * "On shift": the queues a staff member watches (chosen on the queue page, kept in localStorage
 * per name) and the heartbeat that tells the server, every 60 s while the desk is open and
 * visible (POST /api/staff/presence). The server keeps them on shift for a few minutes per beat,
 * so a closed or hidden desk drops off by itself; customers are promised "within minutes" only
 * while someone watching their queue is on shift.
 */
import type { StaffApi } from './staff-api.ts';

/** How often the desk says it is still open. */
export const HEARTBEAT_MS = 60_000;

const KEY_PREFIX = 'mujib.staff.watching:';

/** What the server answered to the last heartbeat. */
export interface PresenceState {
  queues: string[];
  /** ISO time until which the server counts this desk on shift. */
  until?: string;
  /** The last heartbeat failed (the message). */
  error?: string;
}

type Listener = (state: PresenceState) => void;

let api: StaffApi | undefined;
let staffName = '';
let timer: ReturnType<typeof setInterval> | undefined;
let state: PresenceState = { queues: [] };
const listeners = new Set<Listener>();

/** The queues `name` watches (none until they choose). */
export function watchedQueues(name: string): string[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY_PREFIX + name) ?? '[]') as unknown;
    return Array.isArray(parsed) ? parsed.filter((q): q is string => typeof q === 'string') : [];
  } catch {
    return [];
  }
}

/** Saves the watched queues and tells the server at once. */
export function setWatchedQueues(name: string, queues: readonly string[]): Promise<void> {
  localStorage.setItem(KEY_PREFIX + name, JSON.stringify([...new Set(queues)]));
  return beat();
}

/**
 * Starts the heartbeat for the signed-in staff member (again for another one); beats now, every
 * HEARTBEAT_MS while the page is visible, and as soon as it becomes visible again.
 */
export function startHeartbeat(staffApi: StaffApi, name: string): void {
  const changed = name !== staffName || api === undefined;
  api = staffApi;
  staffName = name;
  if (timer === undefined) {
    timer = setInterval(() => void beat(), HEARTBEAT_MS);
    document.addEventListener('visibilitychange', onVisible);
  }
  if (changed) void beat();
}

/** Stops the heartbeat (sign-out); the server drops the desk when its last beat lapses. */
export function stopHeartbeat(): void {
  if (timer !== undefined) clearInterval(timer);
  timer = undefined;
  document.removeEventListener('visibilitychange', onVisible);
  api = undefined;
  staffName = '';
  state = { queues: [] };
}

/** Calls `listener` with every heartbeat's result (and now, with the last one); returns an unsubscribe. */
export function onPresence(listener: Listener): () => void {
  listeners.add(listener);
  listener(state);
  return () => listeners.delete(listener);
}

function onVisible(): void {
  if (document.visibilityState === 'visible') void beat();
}

async function beat(): Promise<void> {
  if (!api || document.visibilityState !== 'visible') return;
  const queues = watchedQueues(staffName);
  try {
    const answer = await api.request<{ queues: string[]; until: string }>(
      'POST',
      '/api/staff/presence',
      { queues },
    );
    state = { queues: answer.queues, until: answer.until };
  } catch (error) {
    state = { queues, error: error instanceof Error ? error.message : String(error) };
  }
  for (const listener of listeners) listener(state);
}
