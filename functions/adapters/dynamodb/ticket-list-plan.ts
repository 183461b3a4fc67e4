/**
 * How a ticket list maps onto the indexes, and the cursor that remembers where a walk stopped.
 *
 * A list reads one or more index partitions, each oldest first: status + language + channel →
 * one `byQueue` partition; status (± one of language/channel) → one `byStatus` partition plus a
 * filter; no status → one partition per status, merged by `createdAt`. The cursor holds, per
 * partition, the key of the last item read (or "done"), and is bound to the filter it came from.
 */
import { InvalidCursorError } from '#core/errors.ts';
import type { TicketFilter, TicketQueueFilter, TicketStatus } from '#core/ports.ts';
import { queueFilterKey } from '#core/tickets/store-rules.ts';

export const TICKET_STATUSES: readonly TicketStatus[] = ['open', 'claimed', 'answered', 'closed'];

export interface ListPartition {
  indexName: 'byStatus' | 'byQueue';
  keyName: 'status' | 'queue';
  keyValue: string;
  /** Attributes to match after the key condition (a FilterExpression). */
  filter: { lang?: string; channel?: string };
  /** The support queue to match, also after the key condition. */
  queue?: TicketQueueFilter;
}

/** Where a partition's walk stands: not started, after an item (`[createdAt, ref]`), or done. */
export type PartitionPosition = null | [createdAt: string, ref: string] | 'done';

export interface ListCursor {
  /** The filter the cursor belongs to. */
  f: string;
  p: PartitionPosition[];
}

/** The `queue` attribute of the byQueue index. */
export function queueKey(status: string, lang: string, channel: string): string {
  return `${status}#${lang}#${channel}`;
}

export function filterKey(filter: TicketFilter): string {
  const key = [filter.status ?? '', filter.lang ?? '', filter.channel ?? ''].join('|');
  // Unchanged for lists without a queue, so cursors issued before queues existed stay valid.
  return filter.queue ? `${key}|${queueFilterKey(filter.queue)}` : key;
}

export function planList(filter: TicketFilter): ListPartition[] {
  const statuses = filter.status ? [filter.status] : TICKET_STATUSES;
  if (filter.lang && filter.channel) {
    const { lang, channel } = filter;
    return statuses.map((status) => ({
      indexName: 'byQueue',
      keyName: 'queue',
      keyValue: queueKey(status, lang, channel),
      filter: {},
      ...(filter.queue ? { queue: filter.queue } : {}),
    }));
  }
  return statuses.map((status) => ({
    indexName: 'byStatus',
    keyName: 'status',
    keyValue: status,
    filter: {
      ...(filter.lang ? { lang: filter.lang } : {}),
      ...(filter.channel ? { channel: filter.channel } : {}),
    },
    ...(filter.queue ? { queue: filter.queue } : {}),
  }));
}

/** The payload of a decoded cursor, checked strictly against the list it is used for. */
export function checkListCursor(
  payload: unknown,
  filter: TicketFilter,
  partitions: number,
): ListCursor {
  const bad = (why: string) => new InvalidCursorError('invalid paging cursor', { why });
  if (typeof payload !== 'object' || payload === null) throw bad('not an object');
  const { f, p } = payload as Partial<ListCursor>;
  if (f !== filterKey(filter)) throw bad('cursor belongs to another filter');
  if (!Array.isArray(p) || p.length !== partitions) throw bad('wrong number of positions');
  for (const position of p) {
    if (position === null || position === 'done') continue;
    const ok =
      Array.isArray(position) &&
      position.length === 2 &&
      position.every((v) => typeof v === 'string' && v.length > 0 && v.length <= 200);
    if (!ok) throw bad('malformed position');
  }
  return { f, p };
}
