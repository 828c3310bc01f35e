import type { PhraseRef } from '../phrases/phrase-ref.js';
import type { Outbound } from '../runtime/outbound.js';
import type { Commitment } from '../store/commitment-repo.js';
import type { Staff } from '../store/community-repo.js';
import type { Ticket } from '../store/ticket-repo.js';
import { promiseNameKey } from './service-levels.js';

// How a resident chasing a ticket is told of it: a chase in the chat, or one during a handoff nobody answered.

/** The apology for a ticket's broken promise, the promise named as what it was (紧急到场处置, 联系回复…). */
export function brokenPromiseApology(outbound: Outbound, ticket: Ticket, broken: Commitment, at: number): PhraseRef {
  const promise = outbound.render({ key: promiseNameKey(broken.kind, ticket.category) }, at).text;
  return { key: 'reception.chase.sorry', params: { ticket: ticket.number, promise } };
}

/** Who handles a ticket, as the resident is told: its owner by name, or the desk while nobody has taken it. */
export function handlerName(outbound: Outbound, owner: Staff | undefined, at: number): string {
  return owner?.name ?? outbound.render({ key: 'reception.chase.desk' }, at).text;
}
