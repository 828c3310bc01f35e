import type { ServiceLevels } from '../ledger/service-levels.js';
import type { PhraseRef } from '../phrases/phrase-ref.js';
import type { Outbound } from '../runtime/outbound.js';
import type { Store } from '../store/store.js';
import type { Ticket } from '../store/ticket-repo.js';

/** A resident who wrote this recently is in a live conversation: staff's word reaches them at once. */
const LIVE_CHAT_MS = 30 * 60_000;
/** A visit this close to its window is under way: word of it is expected, whatever the hour. */
const VISIT_NEAR_MS = 3 * 3_600_000;

/**
 * Staff's word to the resident of a ticket. To someone not in the middle of a conversation it is a
 * message the office sends first: it waits out quiet hours (a note written at 21:30 arrives in the
 * morning) — unless the matter runs round the clock (an emergency), the resident wrote just now, or
 * the technician is on the way to a visit of about now.
 */
export class ResidentRelay {
  constructor(
    private readonly store: Store,
    private readonly levels: ServiceLevels,
    private readonly outbound: Outbound,
    /** The end of the quiet hours `at` falls in, if it does (the governor's). */
    private readonly quietUntil: (at: number) => number | undefined,
  ) {}

  /**
   * Says `ref` now, or `held` (given when it was written, so the resident reads 明天 right) when the
   * quiet hours end; `proactive`: paced by the governor unless the resident is in the chat just now;
   * `lapses`: not sent if the ticket is finished before it goes (news that it was taken up).
   * Returns when a held message goes out, for staff to be told; undefined when it goes now.
   */
  tell(
    ticket: Ticket,
    ref: PhraseRef,
    at: number,
    options: { held?: (written: number) => PhraseRef; proactive?: string; lapses?: true } = {},
  ): number | undefined {
    if (this.live(ticket, at)) {
      this.outbound.say(ticket.replyTo, ticket.conversationKey, ref, at);
      return undefined;
    }
    const heldUntil = this.quietUntil(at);
    const said = heldUntil !== undefined && options.held ? options.held(at) : ref;
    this.outbound.say(ticket.replyTo, ticket.conversationKey, said, at, {
      ...(heldUntil !== undefined && { notBefore: heldUntil }),
      ...(options.proactive && { proactive: options.proactive }),
      ...(options.lapses && { lapsesWith: ticket.number }),
    });
    return heldUntil;
  }

  /** When word to this ticket's resident written at `at` may go out, if not at once. */
  heldUntil(ticket: Ticket, at: number): number | undefined {
    return this.live(ticket, at) ? undefined : this.quietUntil(at);
  }

  private live(ticket: Ticket, at: number): boolean {
    return (
      this.levels.isRoundTheClock(ticket.category) ||
      (this.store.messages.lastReceived(ticket.conversationKey) ?? 0) > at - LIVE_CHAT_MS ||
      this.visitUnderWay(ticket, at)
    );
  }

  private visitUnderWay(ticket: Ticket, at: number): boolean {
    return this.store.commitments
      .byTicket(ticket.id)
      .some(
        (c) =>
          c.kind === 'repair_visit' &&
          c.windowStart !== null &&
          at >= c.windowStart - VISIT_NEAR_MS &&
          at <= c.dueAt + VISIT_NEAR_MS,
      );
  }
}

/** A note staff wrote, said as written and, when it waited for the morning, with when it was written. */
export function noteFromStaff(ticket: string, text: string) {
  return {
    ref: { key: 'relay.progress', params: { ticket, text } },
    held: (written: number): PhraseRef => ({
      key: 'relay.progress_held',
      params: { ticket, text },
      moments: { written },
    }),
  };
}
