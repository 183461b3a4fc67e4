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

/** How many tickets have one waiting status, and the creation time of the oldest. */
export interface StatusBacklog {
  count: number;
  oldest?: string;
}

/** The backlog from a per-status reader (shared by the adapters): open + claimed, oldest of both. */
export async function waitingBacklog(
  readStatus: (status: 'open' | 'claimed') => Promise<StatusBacklog>,
): Promise<Backlog> {
  const [open, claimed] = await Promise.all([readStatus('open'), readStatus('claimed')]);
  const oldest = [open.oldest, claimed.oldest].filter((t): t is string => Boolean(t)).sort()[0];
  return {
    open: open.count,
    claimed: claimed.count,
    ...(oldest ? { oldestWaitingSince: oldest } : {}),
  };
}
