import type { Ticket } from '../store/ticket-repo.js';

/** An emergency's ticket: a repair on the kind's own round-the-clock level, `emergency_<kind>`. */
export const emergencyCategory = (kind: string) => `emergency_${kind}`;

/** The emergency kind of a ticket, or undefined for any other ticket. */
export const emergencyKindOf = (ticket: Pick<Ticket, 'category'>) =>
  ticket.category.startsWith('emergency_') ? ticket.category.slice('emergency_'.length) : undefined;
