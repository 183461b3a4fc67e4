/**
 * Hand-off to a person: one ticket per conversation at a time, written exactly once per message.
 *
 * A conversation's tickets have deterministic idempotency keys (`<channel>:<session>#handoff-<n>`),
 * so the ticket a hand-off goes to is found by reading, without an index:
 *  1. `plan` walks n = 1, 2, … to the first ticket that is not closed (add to it) or the first
 *     free key (open a new ticket there). Its ref is known before anything is written.
 *  2. `handOff` opens that ticket or adds the request to it (conditional writes; a message
 *     already on the ticket changes nothing), so concurrent or retried deliveries converge.
 *  3. When a write fails without an answer (a timeout: it may have landed), the ticket is re-read
 *     by its derivable ref and the write tried once more before anyone is told it failed.
 */
import { MujibError, TicketVersionConflictError } from '../errors.ts';
import type { Ticket, TicketStore } from '../ports.ts';
import { newTicket, type NewTicketInput } from './new-ticket.ts';
import { MAX_REF_ATTEMPTS, noFreeTicketRef } from './store-rules.ts';
import { addHandOffRequest } from './ticket-lifecycle.ts';
import { ticketRefFor } from './ticket-ref.ts';

/**
 * What the conversation knows when it hands over (everything a new ticket needs but its key).
 * Only a new ticket takes its `queue`, `promise` and `startPage`; adding the request to a ticket
 * in progress keeps the ticket's own.
 */
export type HandOffRequest = Omit<NewTicketInput, 'sourceKey' | 'messageId'> & {
  messageId: string;
};

/** Where a hand-off goes: the ticket under `sourceKey`, whose ref is `ref`. */
export interface HandOffPlan {
  sourceKey: string;
  ref: string;
  /** The conversation's ticket in progress, when there is one. */
  existing?: Ticket;
}

/** Tickets one conversation may open one after another (each closed before the next). */
const MAX_TICKETS_PER_CONVERSATION = 20;
/** Version conflicts retried while adding to a ticket that staff are changing at the same time. */
const MAX_UPDATE_ATTEMPTS = 4;

export class HandOffDesk {
  constructor(private readonly tickets: TicketStore) {}

  /** The ticket this request goes to. Reads only. */
  async plan(request: HandOffRequest): Promise<HandOffPlan> {
    for (let n = 1; n <= MAX_TICKETS_PER_CONVERSATION; n++) {
      const sourceKey = `${request.channel}:${request.sessionId}#handoff-${n}`;
      const found = await findTicketBySourceKey(this.tickets, sourceKey);
      if (!found.ticket) return { sourceKey, ref: found.freeRef };
      if (found.ticket.status !== 'closed') {
        return { sourceKey, ref: found.ticket.ref, existing: found.ticket };
      }
    }
    throw new MujibError('too many tickets in one conversation', {
      sessionId: request.sessionId,
      channel: request.channel,
    });
  }

  /**
   * Opens the planned ticket or adds the request to it; the stored ticket. If the outcome of a
   * write is unknown, re-reads it and tries once more; throws only when the ticket is not there.
   */
  async handOff(request: HandOffRequest, plan: HandOffPlan, now: Date): Promise<Ticket> {
    try {
      return await this.write(request, plan, now);
    } catch (error) {
      const landed = await this.find(request, plan).catch(() => undefined);
      if (landed) return landed;
      try {
        return await this.write(request, plan, now);
      } catch {
        throw error;
      }
    }
  }

  /** The planned ticket if it holds this request already. */
  async find(request: HandOffRequest, plan: HandOffPlan): Promise<Ticket | undefined> {
    const { ticket } = await findTicketBySourceKey(this.tickets, plan.sourceKey);
    return ticket && (ticket.messageIds ?? []).includes(request.messageId) ? ticket : undefined;
  }

  private async write(request: HandOffRequest, plan: HandOffPlan, now: Date): Promise<Ticket> {
    let current = plan.existing ? await this.tickets.get(plan.existing.ref) : undefined;
    for (let attempt = 1; ; attempt++) {
      if (!current) {
        const fresh = newTicket({ ...request, sourceKey: plan.sourceKey }, now);
        const created = await this.tickets.create(fresh);
        if (created.created) return created.ticket;
        current = created.ticket;
      }
      const next = addHandOffRequest(
        current,
        { messageId: request.messageId, transcript: request.transcript, reason: request.reason },
        now,
      );
      if (next === current) return current;
      try {
        return await this.tickets.update(next, current.version);
      } catch (error) {
        if (!(error instanceof TicketVersionConflictError) || attempt >= MAX_UPDATE_ATTEMPTS) {
          throw error;
        }
        current = await this.tickets.get(current.ref);
      }
    }
  }
}

/**
 * The ticket created under `sourceKey`, or the ref a new one would get. Follows the same ref
 * sequence as the stores' `create` (ticket-ref.ts: another key may own the first ref).
 */
export async function findTicketBySourceKey(
  tickets: TicketStore,
  sourceKey: string,
): Promise<{ ticket: Ticket; freeRef?: undefined } | { ticket?: undefined; freeRef: string }> {
  for (let attempt = 0; attempt < MAX_REF_ATTEMPTS; attempt++) {
    const ref = ticketRefFor(sourceKey, attempt);
    const ticket = await tickets.get(ref);
    if (!ticket) return { freeRef: ref };
    if (ticket.sourceKey === sourceKey) return { ticket };
  }
  throw noFreeTicketRef(sourceKey);
}
