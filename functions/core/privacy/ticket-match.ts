/** Which tickets belong to the customer being erased (shared by every CustomerDataStore). */
import type { Ticket } from '../ports.ts';
import type { TicketMatch } from './customer-data-store.ts';

/** True when `ticket` was opened in one of the sessions or its contact has the phone or email. */
export function ticketMatches(ticket: Ticket, match: TicketMatch): boolean {
  if (match.sessionIds.includes(ticket.sessionId)) return true;
  const contact = ticket.contact ?? {};
  if (match.phone && contact.phone && samePhone(contact.phone, match.phone)) return true;
  const email = match.email?.trim().toLowerCase();
  return Boolean(email && contact.email?.trim().toLowerCase() === email);
}

function samePhone(a: string, b: string): boolean {
  const normal = (p: string) => p.trim().replace(/[\s\-().]/g, '');
  return normal(a) === normal(b);
}
