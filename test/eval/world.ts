import type { Staff } from '../../src/store/community-repo.js';
import type { Commitment } from '../../src/store/commitment-repo.js';
import type { Store } from '../../src/store/store.js';
import { CLOSED_TICKET_STATUSES, type Ticket } from '../../src/store/ticket-repo.js';
import { ROLES, type TicketSpec, type TicketType } from './dialogue-schema.js';

/**
 * The bot's records read in the dialogue format's terms: ticket types (an H ticket is a `question`
 * when it is an inquiry, else a `handoff`), emergencies and their kinds, staff by name or role.
 */

/** Every ticket with an id above `afterId`, oldest first (ids are never reused). */
export function ticketsAfter(store: Store, afterId = 0): Ticket[] {
  const found: Ticket[] = [];
  for (let id = afterId + 1; ; id += 1) {
    const ticket = store.tickets.byId(id);
    if (!ticket) return found;
    found.push(ticket);
  }
}

function formatType(ticket: Ticket): TicketType {
  if (ticket.type === 'handoff') return ticket.category === 'inquiry' ? 'question' : 'handoff';
  return ticket.type;
}

/** An urgent repair, or any emergency category the bot may gain (`emergency_gas`…). */
export function isEmergency(ticket: Ticket): boolean {
  return ticket.type === 'repair' && (ticket.category === 'urgent_repair' || ticket.category.startsWith('emergency'));
}

/** The emergency's kind: the category's suffix (`emergency_gas` → gas), else a `kind` or `topic` field. */
export function emergencyKind(ticket: Ticket): string | undefined {
  if (!isEmergency(ticket)) return undefined;
  const suffix = /^emergency_(\w+)$/.exec(ticket.category)?.[1];
  return suffix ?? (ticket as Ticket & { kind?: string }).kind ?? ticket.topic ?? undefined;
}

export const isOpen = (ticket: Ticket) => !CLOSED_TICKET_STATUSES.includes(ticket.status);

export function describeTicket(ticket: Ticket): string {
  const emergency = isEmergency(ticket) ? ` emergency:${emergencyKind(ticket) ?? '(no kind)'}` : '';
  return `${ticket.number} ${formatType(ticket)}${emergency} (${ticket.category}, ${ticket.status})`;
}

export const describeTickets = (tickets: Ticket[]) =>
  tickets.length === 0 ? 'none' : tickets.map(describeTicket).join('; ');

/** Whether `ticket` fits the spec: its type, and its emergency kind, or no emergency when the spec names none. */
function fits(spec: TicketSpec, ticket: Ticket): boolean {
  if (formatType(ticket) !== spec.type) return false;
  return spec.emergency === undefined ? !isEmergency(ticket) : emergencyKind(ticket) === spec.emergency;
}

/** Whether each spec can have an item of its own that fits it (a bipartite matching; the sets are small). */
export function eachHasOwn<S, T>(
  specs: readonly S[],
  items: readonly T[],
  fit: (spec: S, item: T) => boolean,
): boolean {
  const used = new Set<number>();
  const place = (i: number): boolean => {
    if (i === specs.length) return true;
    for (const [j, item] of items.entries()) {
      if (used.has(j) || !fit(specs[i]!, item)) continue;
      used.add(j);
      if (place(i + 1)) return true;
      used.delete(j);
    }
    return false;
  };
  return place(0);
}

/** Exactly these tickets: each spec its own ticket, none left over. */
export const exactlyMatch = (specs: readonly TicketSpec[], tickets: readonly Ticket[]) =>
  specs.length === tickets.length && eachHasOwn(specs, tickets, fits);

/** A promise as the format means it: a visit window only held while the resident chooses is an offer, not one. */
export const isPromise = (c: Commitment) => !(c.kind === 'repair_visit' && c.ticketId === null);

/** The office's staff, looked up by wechat id, name or role. */
export class StaffDirectory {
  private readonly staff: Staff[];

  constructor(store: Store) {
    this.staff = ROLES.flatMap((role) => store.community.staffByRole(role));
  }

  byWechat(wechatId: string): Staff | undefined {
    return this.staff.find((s) => s.wechatId === wechatId);
  }

  byName(name: string): Staff | undefined {
    return this.staff.find((s) => s.name === name);
  }

  /** A role of the format, or a staff member's name. */
  knows(ref: string): boolean {
    return (ROLES as readonly string[]).includes(ref) || this.byName(ref) !== undefined;
  }

  is(ref: string, staff: Staff): boolean {
    return staff.role === ref || staff.name === ref;
  }
}
