import { findPhones } from '../domain/privacy.js';
import type { Staff } from '../store/community-repo.js';
import type { TranscriptLine } from '../store/message-repo.js';
import type { Store } from '../store/store.js';
import { TICKET_PREFIX, type Ticket } from '../store/ticket-repo.js';
import { seesAll } from './layout.js';

const TICKET_NUMBER = new RegExp(`(?<![A-Za-z0-9])[${Object.values(TICKET_PREFIX).join('')}]\\d+(?!\\d)`, 'g');

/**
 * The part of a ticket's conversation a staff member may read. The desk, supervisors and the
 * manager read all of it. A technician reads what belongs to the ticket: the exchange that opened
 * it (from the message that started it to its opening) and, after that, the messages that name
 * it; never one naming another ticket, nor the resident's other business in between.
 */
export function visibleTranscript(store: Store, ticket: Ticket, viewer: Staff): TranscriptLine[] {
  const all = store.messages.transcript(ticket.conversationKey);
  if (seesAll(viewer)) return all;
  const opened = exchangeStart(store, ticket);
  return all.filter((line) => {
    const named = [...(line.text ?? '').matchAll(TICKET_NUMBER)].map((m) => m[0]);
    if (named.some((number) => number !== ticket.number)) return false;
    return (line.at >= opened && line.at <= ticket.createdAt) || named.includes(ticket.number);
  });
}

/**
 * The full numbers behind a ticket's masked ones, for whoever may work it: the resident's registered
 * phone, then any the resident wrote in what this viewer may read.
 */
export function phonesOf(store: Store, ticket: Ticket, viewer: Staff): string[] {
  const resident = ticket.residentId ? store.community.residentById(ticket.residentId) : undefined;
  const registered = resident ? [resident.phone] : [];
  const written = visibleTranscript(store, ticket, viewer)
    .filter((l) => l.direction === 'in' && l.text)
    .flatMap((l) => findPhones(l.text!));
  return [...new Set([...registered, ...written])];
}

/** When the exchange that opened the ticket began: its first promise's source message, else the opening itself. */
function exchangeStart(store: Store, ticket: Ticket): number {
  const source = store.commitments.byTicket(ticket.id).find((c) => c.sourceMessage !== null)?.sourceMessage;
  const at = source ? store.messages.receivedAt(ticket.conversationKey, source) : undefined;
  return Math.min(at ?? ticket.createdAt, ticket.createdAt);
}
