import type { PhraseRef } from '../phrases/phrase-ref.js';
import { isClosed } from '../ledger/ledger.js';
import type { Outbound } from '../runtime/outbound.js';
import type { Store } from '../store/store.js';
import type { Ticket } from '../store/ticket-repo.js';
import { CommandRefusal, type CommandContext } from './command-context.js';

/** Ends a command with a one-line refusal; nothing it did before is committed. */
export const refuse = (key: string, params?: PhraseRef['params']): never => {
  throw new CommandRefusal({ key, ...(params && { params }) });
};

/** The ticket named by the command's first argument, or a refusal that says what was wrong. */
export function namedTicket(store: Store, ctx: CommandContext): Ticket {
  const number = ctx.args[0];
  if (!number) return refuse('staff.usage.ticket', { word: ctx.word });
  return store.tickets.byNumber(number) ?? refuse('staff.refused.no_such_ticket', { ticket: number.toUpperCase() });
}

/** As `namedTicket`, and still open: a finished ticket is not worked again. */
export function openNamedTicket(store: Store, outbound: Outbound, ctx: CommandContext): Ticket {
  const ticket = namedTicket(store, ctx);
  if (isClosed(ticket))
    refuse('staff.refused.ticket_closed', { ticket: ticket.number, status: statusName(outbound, ticket) });
  return ticket;
}

export const statusName = (outbound: Outbound, ticket: Pick<Ticket, 'status'>) =>
  outbound.render({ key: `ticket.status.${ticket.status}` }, 0).text;
