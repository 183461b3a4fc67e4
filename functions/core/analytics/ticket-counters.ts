/**
 * What a ticket counts for the desk analytics — first-response time, agent activity, CSAT and
 * abandonment, per support queue and per agent — as a function of the ticket alone (pure).
 *
 * A change adds what the ticket counts now and takes away what it counted before
 * (`ticketDeskUpdates(before, after)`), so the counters always equal a recount of the tickets as
 * they stand, whatever happened in between (a reopen takes a close back, a CSAT rating changed
 * moves one count). Each change is applied once (stream watermarks, or in process once), and a
 * ticket's changes arrive in order. A ticket removed by its TTL or erased adds no event: what it
 * counted stays (history), except what an erasure changes in it (see abandonment).
 *
 * Definitions (UTC days; "agent" = the staff member's name as the staff API knows it):
 *  - Queue: the ticket's support queue (`queue`); a ticket routed before queues existed has the
 *    key `~<lang>` (the report folds it into that language's default queue).
 *  - First response: the ticket's first staff reply. Its author is the agent; its time is
 *    reply − ticket creation (wall clock), counted on the day of the reply: in a log-scale
 *    histogram (median, p90) and as an exact sum in milliseconds (mean).
 *  - Replies: staff replies an agent wrote that day; tickets replied: distinct tickets they
 *    replied to that day.
 *  - Closes: tickets closed that day and still closed, credited to the agent holding the ticket
 *    (`claimedBy`), else to the author of its last staff reply, else to nobody.
 *  - Handled: distinct tickets an agent replied to that day or closed that day (still closed).
 *    Longer periods add up days: a ticket handled on two days counts on both.
 *  - CSAT: the rating, on the day it was given, credited to the author of the last staff reply
 *    before it (else the agent holding the ticket). Satisfied = 4 or 5.
 *  - Abandoned ("the customer left before a person replied"): a ticket that is closed (counted
 *    on its close day, as long as it stays closed) and either has no staff reply, or whose first
 *    staff reply came more than `abandonAfterSeconds(channel)` after the customer's last message
 *    before it (the latest customer transcript entry up to that reply, or the ticket's creation,
 *    the hand-off). Web: 30 minutes (the web chat lives in the customer's browser tab); every
 *    other channel: 24 hours (WhatsApp's customer-service window). Erasing a ticket's transcript
 *    leaves only its creation time to measure from.
 */
import type { Ticket } from '../ports.ts';
import type { Channel, Lang } from '../types.ts';
import { dayOf } from './days.ts';
import { bucketOf } from './duration-histogram.ts';
import { C, CSAT_PREFIX, FIRST_REPLY_PREFIX } from './stats-events.ts';
import {
  keyedDimension,
  MAX_KEY_CHARS,
  mergeUpdates,
  negatedUpdates,
  type CounterUpdate,
  type Counts,
} from './stats-store.ts';

/** How long after their last message a customer is taken to have left, by channel (seconds). */
export const ABANDON_AFTER_SECONDS: { default: number } & Partial<Record<Channel, number>> = {
  default: 24 * 3_600,
  web: 30 * 60,
};

/** Seconds after the customer's last message after which they are taken to have left. */
export function abandonAfterSeconds(channel: Channel): number {
  return ABANDON_AFTER_SECONDS[channel] ?? ABANDON_AFTER_SECONDS.default;
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;
/** A queue id as support.json allows them. */
const QUEUE_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

/**
 * The counter key of a ticket's queue: its id, or `~<lang>` for a ticket without one (or with
 * an id no configuration could have written, which would not make a safe key).
 */
export function queueKeyOf(ticket: Pick<Ticket, 'queue' | 'lang'>): string {
  return ticket.queue !== undefined && QUEUE_ID.test(ticket.queue)
    ? ticket.queue
    : defaultQueueKey(ticket.lang);
}

/**
 * An agent's name as a counter key: control characters become spaces and it is cut to
 * MAX_KEY_CHARS, so no name can make a batch the store refuses (which would stall the stream).
 */
export function agentKey(name: string | undefined): string | undefined {
  if (typeof name !== 'string') return undefined;
  const key = name.replace(CONTROL_CHARACTERS, ' ').trim().slice(0, MAX_KEY_CHARS);
  return key === '' ? undefined : key;
}

/** The key tickets of `lang` without a queue are counted under. */
export function defaultQueueKey(lang: Lang): string {
  return `~${lang}`;
}

/** The agent a close is credited to (see the module comment), if any. */
export function closingAgentOf(ticket: Ticket): string | undefined {
  return ticket.claimedBy ?? ticket.replies.at(-1)?.by;
}

/** The agent a CSAT rating is credited to (see the module comment), if any. */
export function csatAgentOf(ticket: Ticket): string | undefined {
  const at = ticket.csat?.at;
  if (!at) return undefined;
  const before = ticket.replies.filter((r) => r.at <= at);
  return before.at(-1)?.by ?? ticket.claimedBy;
}

/** True for a closed ticket whose customer left before a person replied (module comment). */
export function isAbandoned(ticket: Ticket): boolean {
  if (ticket.status !== 'closed') return false;
  const first = ticket.replies[0];
  if (!first) return true;
  const waitSeconds = (Date.parse(first.at) - Date.parse(lastCustomerMessageAt(ticket))) / 1000;
  return waitSeconds > abandonAfterSeconds(ticket.channel);
}

/** The customer's last message before the first staff reply: transcript, else creation. */
function lastCustomerMessageAt(ticket: Ticket): string {
  const until = ticket.replies[0]?.at;
  let last = ticket.createdAt;
  for (const entry of ticket.transcript) {
    if (entry.from !== 'customer') continue;
    if (until !== undefined && Date.parse(entry.at) > Date.parse(until)) continue;
    if (Date.parse(entry.at) > Date.parse(last)) last = entry.at;
  }
  return last;
}

/** Seconds from the ticket's creation to its first staff reply, if it has one. */
export function firstResponseSeconds(ticket: Ticket): number | undefined {
  const first = ticket.replies[0];
  if (!first) return undefined;
  return Math.max(0, (Date.parse(first.at) - Date.parse(ticket.createdAt)) / 1000);
}

/** A valid CSAT rating of the ticket (1–5 with a time), if it has one. */
function ratingOf(ticket: Ticket): { rating: number; at: string } | undefined {
  const csat = ticket.csat;
  if (!csat || !Number.isInteger(csat.rating) || csat.rating < 1 || csat.rating > 5) {
    return undefined;
  }
  return Number.isNaN(Date.parse(csat.at)) ? undefined : { rating: csat.rating, at: csat.at };
}

/**
 * Everything a ticket counts, as it is (not merged). A ticket with an unreadable time counts
 * nothing for that part.
 */
export function ticketCounts(ticket: Ticket): CounterUpdate[] {
  const updates: CounterUpdate[] = [];
  const queue = queueKeyOf(ticket);
  const slices = [
    {},
    { channel: ticket.channel },
    { lang: ticket.lang },
    { channel: ticket.channel, lang: ticket.lang },
  ];
  const forQueue = (at: string, counts: Counts) => {
    for (const slice of slices) {
      updates.push({
        scope: 'keyed',
        family: 'queue',
        day: dayOf(at),
        dimension: keyedDimension(slice),
        key: queue,
        counts,
      });
    }
  };
  const forAgent = (name: string | undefined, at: string, counts: Counts) => {
    const agent = agentKey(name);
    if (!agent) return;
    for (const slice of slices) {
      for (const q of [undefined, queue]) {
        updates.push({
          scope: 'keyed',
          family: 'agent',
          day: dayOf(at),
          dimension: keyedDimension(slice, q),
          key: agent,
          counts,
        });
      }
    }
  };
  const valid = (at: string | undefined): at is string =>
    typeof at === 'string' && !Number.isNaN(Date.parse(at));

  // First response (queue and agent).
  const first = ticket.replies[0];
  const wait = firstResponseSeconds(ticket);
  if (first && valid(first.at) && wait !== undefined && valid(ticket.createdAt)) {
    const counts = {
      [C.firstResponses]: 1,
      [`${FIRST_REPLY_PREFIX}${bucketOf(wait)}`]: 1,
      [C.firstResponseMs]: Math.round(wait * 1000),
      [C.firstResponsesTimed]: 1,
    };
    forQueue(first.at, counts);
    forAgent(first.by, first.at, counts);
  }

  // Agent activity: replies, distinct tickets replied and handled per agent and day.
  const handled = new Map<string, { agent: string; at: string }>();
  for (const reply of ticket.replies) {
    if (!valid(reply.at) || !reply.by) continue;
    forAgent(reply.by, reply.at, { [C.replies]: 1 });
    const key = JSON.stringify([agentKey(reply.by), dayOf(reply.at)]);
    if (!handled.has(key)) {
      handled.set(key, { agent: reply.by, at: reply.at });
      forAgent(reply.by, reply.at, { [C.ticketsReplied]: 1 });
    }
  }
  const closed = ticket.status === 'closed' && valid(ticket.closedAt) ? ticket.closedAt : undefined;
  if (closed) {
    const closer = closingAgentOf(ticket);
    if (closer) {
      forAgent(closer, closed, { [C.closes]: 1 });
      const key = JSON.stringify([agentKey(closer), dayOf(closed)]);
      if (!handled.has(key)) handled.set(key, { agent: closer, at: closed });
    }
    forQueue(closed, { [C.closedTickets]: 1, [C.abandoned]: isAbandoned(ticket) ? 1 : 0 });
  }
  for (const { agent, at } of handled.values()) forAgent(agent, at, { [C.handled]: 1 });

  // CSAT (queue and agent).
  const rating = ratingOf(ticket);
  if (rating) {
    const counts = { [`${CSAT_PREFIX}${rating.rating}`]: 1 };
    forQueue(rating.at, counts);
    forAgent(csatAgentOf(ticket), rating.at, counts);
  }
  return updates;
}

/**
 * The desk counters a ticket change adds: what the ticket counts now minus what it counted
 * before (a new ticket: what it counts). Merged; counters that did not change are left out.
 *
 * @example
 * ticketDeskUpdates(claimed, replied) // firstResponses +1 in its queue and for the agent, …
 */
export function ticketDeskUpdates(before: Ticket | undefined, after: Ticket): CounterUpdate[] {
  const now = ticketCounts(after);
  return mergeUpdates(before ? [...now, ...negatedUpdates(ticketCounts(before))] : now);
}
