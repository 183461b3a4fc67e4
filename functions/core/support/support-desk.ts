/**
 * The support configuration at work: routes a hand-off to a queue and decides what the customer
 * is told about when a person will reply (from the queue's hours and who is on shift); records
 * the staff desk's heartbeats; gives the desk its per-queue overview (backlog, open now, on
 * shift, next opening). One instance per composition, built from support.json.
 */
import { ValidationError } from '../errors.ts';
import type { Clock, Logger, TicketQueueFilter } from '../ports.ts';
import { LANGS, type Lang } from '../types.ts';
import { isOpen, nextOpening } from './business-hours.ts';
import { handOffPromise, type HandOffPromise } from './handoff-promise.ts';
import {
  checkPresence,
  staffWatching,
  type PresenceStore,
  type StaffPresence,
} from './presence-store.ts';
import { backlogByQueue, type QueueBacklog, type QueueCounts } from './queue-backlog.ts';
import { routeTicket, type Route, type RouteRequest } from './route-ticket.ts';
import type { SupportConfig, SupportQueue } from './support-config.ts';

export interface SupportDeskDeps {
  config: SupportConfig;
  presence: PresenceStore;
  clock: Clock;
  logger: Logger;
}

/** One queue on the desk's queue page. */
export interface QueueOverview extends QueueCounts {
  id: string;
  name: string;
  langs: Lang[];
  /** The queue's hours include now. */
  openNow: boolean;
  /** Staff with a fresh heartbeat who watch the queue, by name. */
  onShift: string[];
  /** ISO time the queue next opens (closed → open). */
  nextOpening?: string;
  /** What a customer handed over now is told: `minutes`, `when-free` or `next-opening`. */
  promise?: HandOffPromise['kind'];
}

export class SupportDesk {
  constructor(private readonly deps: SupportDeskDeps) {}

  get config(): SupportConfig {
    return this.deps.config;
  }

  /** The queue for a hand-off (see route-ticket.ts). */
  route(request: RouteRequest): Route {
    return routeTicket(this.deps.config, request);
  }

  /**
   * What a customer handed over to `queue` at `now` is told, in `lang`. When presence cannot
   * be read, nobody counts as on shift (the customer is told "as soon as someone is free" or
   * the next opening, never minutes nobody may keep).
   */
  async promise(queue: SupportQueue, lang: Lang, now: Date): Promise<HandOffPromise | undefined> {
    const onShift = await this.onShiftNow(now);
    return handOffPromise(this.deps.config, queue, now, staffWatching(onShift, queue.id), lang);
  }

  /**
   * A heartbeat from the desk: `staff` watches `queues` (known queue ids) for the next
   * `presenceMinutes`. Throws ValidationError naming an unknown queue.
   */
  async heartbeat(staff: string, queues: readonly string[]): Promise<StaffPresence> {
    if (!Array.isArray(queues)) throw new ValidationError('queues must be a list of queue ids');
    for (const id of queues) this.queue(id);
    const now = this.deps.clock.now();
    const until = new Date(now.getTime() + this.deps.config.presenceMinutes * 60_000);
    const presence = checkPresence({ staff, queues: [...queues], until: until.toISOString() });
    await this.deps.presence.heartbeat(presence);
    return presence;
  }

  /** Every queue with its backlog, whether it is open, who is on shift and what customers hear. */
  async overview(backlog: QueueBacklog): Promise<QueueOverview[]> {
    const now = this.deps.clock.now();
    const [waiting, present] = await Promise.all([backlog.waiting(), this.onShiftNow(now)]);
    const counts = backlogByQueue(this.deps.config, waiting);
    return this.deps.config.queues.map((queue) => {
      const { timeZone } = this.deps.config;
      const onShift = present.filter((p) => p.queues.includes(queue.id)).map((p) => p.staff);
      const openNow = isOpen(queue.schedule, timeZone, now);
      const next = nextOpening(queue.schedule, timeZone, now);
      const promise = handOffPromise(this.deps.config, queue, now, onShift.length, 'en');
      return {
        id: queue.id,
        name: queue.name,
        langs: queue.langs,
        ...(counts[queue.id] ?? { open: 0, claimed: 0 }),
        openNow,
        onShift: onShift.sort(),
        ...(next ? { nextOpening: next.toISOString() } : {}),
        ...(promise ? { promise: promise.kind } : {}),
      };
    });
  }

  /** The ticket list filter for queue `id` (tickets without a queue count in their default). */
  ticketFilter(id: string): TicketQueueFilter {
    const queue = this.queue(id);
    const defaultFor = LANGS.filter((lang) => this.deps.config.defaultQueue[lang] === queue.id);
    return { id: queue.id, ...(defaultFor.length ? { defaultFor } : {}) };
  }

  /** The configured queue `id`; ValidationError (400) for any other. */
  queue(id: string): SupportQueue {
    const queue = this.deps.config.queues.find((q) => q.id === id);
    if (!queue) {
      throw new ValidationError(
        `unknown queue "${String(id).slice(0, 40)}" (queues: ${this.deps.config.queues.map((q) => q.id).join(', ')})`,
        { field: 'queue' },
      );
    }
    return queue;
  }

  private async onShiftNow(now: Date): Promise<StaffPresence[]> {
    try {
      return await this.deps.presence.onShift(now);
    } catch (error) {
      this.deps.logger.warn('presence_read_failed', { error: String(error) });
      return [];
    }
  }
}
