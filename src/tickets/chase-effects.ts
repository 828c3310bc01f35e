import { brokenPromiseApology, handlerName } from '../ledger/promise-words.js';
import type { FlowEffectParams } from '../../flows/events.js';
import type { PhraseRef } from '../phrases/phrase-ref.js';
import type { Ledger } from '../ledger/ledger.js';
import type { EffectScope } from '../runtime/flow-effects.js';
import type { Outbound } from '../runtime/outbound.js';
import type { Commitment } from '../store/commitment-repo.js';
import type { Store } from '../store/store.js';
import { inZone, parseIso } from '../domain/time.js';
import type { Ticket } from '../store/ticket-repo.js';

/** Words that point at a kind of ticket when a resident has several open ("修的那个", "投诉的那个"). */
export interface TicketHints {
  repair: readonly string[];
  complaint: readonly string[];
  card: readonly string[];
}

/** How long after "done" a resident's "it is back / nothing changed" is their verdict on that ticket. */
export const VERDICT_WINDOW_MS = 3 * 86_400_000;

/** The resident's "not solved" on a ticket reported done: the complaint's or the repair's own answer to it. */
export type NotSolved = (ticket: Ticket, text: string, scope: EffectScope) => void;

/** Enough of the resident's own words to tell one matter from another in a list. */
const ABOUT_CHARS = 16;
const clipped = (summary: string) => (summary.length > ABOUT_CHARS ? `${summary.slice(0, ABOUT_CHARS - 1)}…` : summary);

/** Where a ticket stands, with its next promise: a visit as its window, anything else as its deadline. */
export function ticketStanding(ticket: Ticket, next: Commitment | undefined): PhraseRef {
  const params = { ticket: ticket.number, about: clipped(ticket.summary), status: ticket.status };
  if (!next) return { key: 'reception.progress.ticket', params };
  return {
    key: next.windowStart === null ? 'reception.progress.ticket_due' : 'reception.progress.ticket_visit',
    params,
    times: { due: next.id },
  };
}

/**
 * The open ticket is the context (说好的…人呢 / 到底还修不修了 / 几点到): the resident's message is
 * matched to their open ticket and answered from its own promises — with an apology when one was
 * broken — and whoever handles it (and, for a broken promise, the desk) hears the resident's words.
 * A new time is said only when a person has promised one.
 */
export class ChaseEffects {
  constructor(
    private readonly store: Store,
    private readonly ledger: Ledger,
    private readonly outbound: Outbound,
    private readonly hints: TicketHints,
    private readonly notSolved: NotSolved,
  ) {}

  chase(request: FlowEffectParams['chaseTicket'], scope: EffectScope): void {
    const say = (refs: PhraseRef | PhraseRef[]) =>
      this.outbound.say(scope.replyTo, scope.conversationKey, refs, scope.at);
    const open = this.store.tickets.openForParty(scope.sender.wechatId);
    const ticket = this.pick(open, request.text, !request.chasing);
    if (!ticket) {
      // Reported done, and the resident says it is not: that is their verdict on it.
      const done =
        request.chasing && open.length === 0
          ? this.store.tickets.doneForParty(scope.sender.wechatId, scope.at - VERDICT_WINDOW_MS).at(-1)
          : undefined;
      if (done) return this.notSolved(done, request.text, scope);
      return say(open.length > 0 ? this.list(open) : { key: 'reception.aside.no_tickets' });
    }
    const promises = this.store.commitments.byTicket(ticket.id);
    const broken = promises.filter((c) => c.status === 'broken').at(-1);
    const next = this.ledger.nextPromise(ticket);
    const owner = ticket.ownerId ? this.store.community.staffById(ticket.ownerId) : undefined;
    const handler = handlerName(this.outbound, owner, scope.at);
    const refs: PhraseRef[] = [];
    if (broken && (!next || next.createdAt <= broken.dueAt))
      refs.push(brokenPromiseApology(this.outbound, ticket, broken, scope.at));
    refs.push(ticketStanding(ticket, next));
    // A resident who thinks the visit was earlier (不是今天下午吗, for tomorrow's) is told the time; nobody is chased.
    const mistaken =
      request.believed !== undefined &&
      next?.windowStart != null &&
      next.windowStart > scope.at &&
      inZone(parseIso(request.believed)).isBefore(inZone(next.windowStart), 'day');
    const tell = (request.chasing && !mistaken) || broken !== undefined;
    // "你们主管是谁 让他给我打个电话": a call from them is promised, with its own deadline in the ledger.
    const callback =
      tell && request.superior
        ? this.ledger.promise(
            ticket,
            'callback',
            this.ledger.levels.deadline('complaint', 'first_response', scope.at),
            scope.at,
          )
        : undefined;
    if (callback) refs.push({ key: `reception.chase.superior_${request.superior!}`, times: { due: callback.id } });
    else if (tell) refs.push({ key: 'reception.chase.passed_on', params: { who: handler } });
    say(refs);
    if (!tell) return;
    // Whoever handles it hears the resident now; a broken promise goes to the desk as well.
    const notice: PhraseRef = { key: 'staff.chase', params: { ticket: ticket.number, text: request.text } };
    this.outbound.notifyOwner(ticket, scope.sender, notice, scope.at);
    if (owner && broken) this.outbound.notifyStaff(scope.sender, notice, scope.at, ticket.number);
    // "你们主管是谁 让他给我打个电话": the one asked for hears it too (the manager when there is no
    // supervisor), as any escalation does: in office hours unless the matter runs round the clock.
    if (request.superior) {
      const named = { ...notice, params: { ...notice.params, who: this.outbound.describe(scope.sender) } };
      this.outbound.notifyStaffAtWork(
        ticket,
        this.outbound.firstStaffedRole([request.superior, 'manager']),
        named,
        scope.at,
      );
    }
    this.store.events.record({
      at: scope.at,
      actor: scope.sender.wechatId,
      type: 'resident_chased',
      ref: ticket.number,
      data: { text: request.text },
    });
  }

  private list(open: Ticket[]): PhraseRef[] {
    return [{ key: 'reception.progress.header' }, ...open.map((t) => ticketStanding(t, this.ledger.nextPromise(t)))];
  }

  /**
   * The ticket the message is about: named by number, hinted by kind, else the most pressing one —
   * unless it only asks how things stand and several are open (`listAll`): then none, all are listed.
   */
  private pick(open: Ticket[], text: string, listAll: boolean): Ticket | undefined {
    const named = open.find((t) => text.toUpperCase().includes(t.number));
    if (named) return named;
    const hinted = (['repair', 'complaint', 'card'] as const).filter((type) =>
      this.hints[type].some((w) => text.includes(w)),
    );
    const candidates =
      hinted.length > 0 ? open.filter((t) => hinted.includes(t.type as (typeof hinted)[number])) : open;
    const pool = candidates.length > 0 ? candidates : open;
    if (listAll && hinted.length === 0 && pool.length > 1) return undefined;
    const pressing = (t: Ticket) => {
      const promises = this.store.commitments.byTicket(t.id);
      return promises.some((c) => c.status === 'broken')
        ? 0
        : (this.ledger.nextPromise(t)?.dueAt ?? Number.MAX_SAFE_INTEGER);
    };
    return [...pool].sort((a, b) => pressing(a) - pressing(b))[0];
  }
}
