/**
 * The port that finds a customer's recently closed tickets, for the satisfaction question (which
 * ticket a web poll or an Alexa launch should ask about; which ticket an SMS "4" rates).
 * Adapters: DynamoRecentlyClosedTickets (the tickets table's `byCustomer` index) and
 * ListingRecentlyClosedTickets (any TicketStore's closed list: memory mode and tests).
 */
import type { Ticket } from '../ports.ts';

export abstract class RecentlyClosedTickets {
  /**
   * Closed tickets whose stored customer key is `customerKey` (core/tickets/customer-key.ts:
   * the keyed hash, never an adapter's name for the customer) and that closed at or after
   * `since` (ISO-8601), in no particular order.
   */
  abstract closedSince(customerKey: string, since: string): Promise<Ticket[]>;
}
