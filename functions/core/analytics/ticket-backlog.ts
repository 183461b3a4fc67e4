/**
 * The open ticket backlog for the dashboard: how many tickets wait for staff and since when.
 * A port of its own because it reads the tickets table's status index (one query per status),
 * which the ticket desk's paging API does not offer.
 */

export interface Backlog {
  /** Tickets nobody has taken yet. */
  open: number;
  /** Tickets a staff member has taken but not answered. */
  claimed: number;
  /** Creation time of the oldest open or claimed ticket. */
  oldestWaitingSince?: string;
}

export abstract class TicketBacklog {
  abstract read(): Promise<Backlog>;
}
