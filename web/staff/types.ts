/**
 * The staff API's JSON shapes as the desk sees them: the server's own `Ticket`, `ContentGap` and
 * page types from functions/core/ports.ts (type-only imports, erased from the browser bundle).
 */
import type { Page, Ticket } from '#core/ports.ts';

export type { ContentGap, Ticket } from '#core/ports.ts';

export type TicketPage = Page<Ticket>;

/** `GET /api/staff/me`: the signed-in staff member and their roles. */
export interface StaffMe {
  name: string;
  roles: string[];
}
