import type { PhraseRef } from '../phrases/phrase-ref.js';
import type { Ledger } from '../ledger/ledger.js';
import { promiseNameKey } from '../ledger/service-levels.js';
import type { Outbound } from '../runtime/outbound.js';
import type { Store } from '../store/store.js';
import type { Ticket } from '../store/ticket-repo.js';
import type { CommandContext } from './command-context.js';

/** At most this many lines in a chat answer; the console shows the rest. */
const MAX_LINES = 20;

/** #待办 and #逾期: what is on a staff member's plate, soonest first. */
export class ListCommands {
  constructor(
    private readonly store: Store,
    private readonly ledger: Ledger,
    private readonly outbound: Outbound,
  ) {}

  /**
   * Open tickets: a lead sees all; the desk its own and the unclaimed; a technician their own and the emergencies
   * nobody has answered yet (they were paged for them).
   */
  todo(ctx: CommandContext): PhraseRef[] {
    const tickets = this.onPlate(ctx);
    const rows = tickets
      .map((ticket) => ({ ticket, next: this.ledger.nextPromise(ticket) }))
      .sort((a, b) => (a.next?.dueAt ?? Infinity) - (b.next?.dueAt ?? Infinity));
    if (rows.length === 0) return [{ key: 'staff.list.todo_none' }];
    return this.withHeader(
      'staff.list.todo_header',
      rows.length,
      rows.map(({ ticket, next }) => {
        const params = { ticket: ticket.number, status: this.statusName(ticket), summary: ticket.summary };
        return next
          ? { key: 'staff.list.todo_due', params, times: { due: next.id } }
          : { key: 'staff.list.todo', params };
      }),
    );
  }

  /** Broken promises on tickets still open, and open ones already past due, on the same plate as #待办. */
  overdue(ctx: CommandContext): PhraseRef[] {
    const tickets = this.onPlate(ctx);
    const late = tickets.flatMap((ticket) =>
      this.store.commitments
        .byTicket(ticket.id)
        .filter((c) => c.status === 'broken' || (c.status === 'open' && c.dueAt <= ctx.at))
        .map((commitment) => ({ ticket, commitment })),
    );
    if (late.length === 0) return [{ key: 'staff.list.overdue_none' }];
    late.sort((a, b) => a.commitment.dueAt - b.commitment.dueAt);
    return this.withHeader(
      'staff.list.overdue_header',
      late.length,
      late.map(({ ticket, commitment }) => ({
        key: 'staff.list.overdue',
        params: {
          ticket: ticket.number,
          promise: this.outbound.render({ key: promiseNameKey(commitment.kind, ticket.category) }, 0).text,
          owner: this.ownerName(ticket),
        },
        times: { due: commitment.id },
      })),
    );
  }

  private onPlate(ctx: CommandContext): Ticket[] {
    const { role, id } = ctx.staff;
    if (role === 'supervisor' || role === 'manager') return this.store.tickets.allOpen();
    const unowned = this.store.tickets.openUnowned();
    const shared = role === 'service' ? unowned : unowned.filter((t) => this.ledger.levels.isEmergency(t.category));
    return [...this.store.tickets.openForOwner(id), ...shared];
  }

  private withHeader(key: string, count: number, lines: PhraseRef[]): PhraseRef[] {
    const shown = lines.slice(0, MAX_LINES);
    const more: PhraseRef[] =
      lines.length > MAX_LINES ? [{ key: 'staff.list.more', params: { count: lines.length - MAX_LINES } }] : [];
    return [{ key, params: { count } }, ...shown, ...more];
  }

  private statusName(ticket: Ticket): string {
    return this.outbound.render({ key: `ticket.status.${ticket.status}` }, 0).text;
  }

  private ownerName(ticket: Ticket): string {
    const owner = ticket.ownerId ? this.store.community.staffById(ticket.ownerId) : undefined;
    return owner?.name ?? this.outbound.render({ key: 'ledger.no_owner' }, 0).text;
  }
}
