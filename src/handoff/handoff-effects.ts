import type { FlowEffectParams } from '../../flows/events.js';
import type { PhraseRef } from '../phrases/phrase-ref.js';
import type { Ledger } from '../ledger/ledger.js';
import { brokenPromiseApology, handlerName } from '../ledger/promise-words.js';
import type { EffectScope } from '../runtime/flow-effects.js';
import type { Outbound } from '../runtime/outbound.js';
import type { Store } from '../store/store.js';
import type { Ticket } from '../store/ticket-repo.js';

/** How much of the conversation the person taking over is shown. */
const TRANSCRIPT_MESSAGES = 12;

/** A ticket where a person talks with the resident in the bot's place, not a question to answer. */
export const isHandoff = (t: Ticket) => t.type === 'handoff' && t.category === 'handoff';

/**
 * Human handoff (转人工): the person taking over sees the conversation so far; while they handle it,
 * the resident's words go to them and the bot stays quiet; the resident may call it off.
 */
export class HandoffEffects {
  constructor(
    private readonly store: Store,
    private readonly ledger: Ledger,
    private readonly outbound: Outbound,
  ) {}

  /**
   * What the resident said so far, for the person taking over (phones masked like every staff
   * notice). The bot's own lines are standard phrases and are left out; so are clock times, which
   * the bot only ever says from a promise.
   */
  transcript(ticket: Ticket, scope: EffectScope): PhraseRef[] {
    const said = this.store.messages
      .transcript(scope.conversationKey)
      .filter((m) => m.direction === 'in')
      .slice(-TRANSCRIPT_MESSAGES);
    return [
      { key: 'staff.handoff_transcript', params: { ticket: ticket.number } },
      ...said.map((m, i) => ({ key: 'staff.transcript_line', params: { n: i + 1, text: m.text ?? `[${m.kind}]` } })),
    ];
  }

  relayToStaff(request: FlowEffectParams['relayToStaff'], scope: EffectScope): void {
    const ticket = this.current(scope);
    this.tellHandler(
      ticket,
      { key: 'staff.resident_says', params: { ticket: ticket?.number ?? '-', text: request.text } },
      scope,
    );
    // 人呢 long after the promised call: the bot owns the broken promise, so it says sorry and that it was passed on.
    const broken =
      ticket &&
      this.store.commitments
        .byTicket(ticket.id)
        .filter((c) => c.status === 'broken')
        .at(-1);
    if (request.chasing && ticket && broken) {
      const owner = ticket.ownerId ? this.store.community.staffById(ticket.ownerId) : undefined;
      const who = handlerName(this.outbound, owner, scope.at);
      this.outbound.say(
        scope.replyTo,
        scope.conversationKey,
        [
          brokenPromiseApology(this.outbound, ticket, broken, scope.at),
          { key: 'reception.chase.passed_on', params: { who } },
        ],
        scope.at,
      );
    }
  }

  /**
   * More about a ticket someone handles: to them (or the desk), recorded on it, and the resident told it was passed on.
   */
  passOn(request: FlowEffectParams['passOn'], scope: EffectScope): void {
    const ticket = this.store.tickets.byNumber(request.ticket);
    if (!ticket || ticket.party !== scope.sender.wechatId) return;
    this.store.events.record({
      at: scope.at,
      actor: scope.sender.wechatId,
      type: 'resident_added',
      ref: ticket.number,
      data: { text: request.text },
    });
    this.tellHandler(
      ticket,
      { key: 'staff.resident_adds', params: { ticket: ticket.number, text: request.text } },
      scope,
    );
    this.outbound.say(
      scope.replyTo,
      scope.conversationKey,
      { key: 'reception.passed_on', params: { ticket: ticket.number } },
      scope.at,
    );
  }

  /** The call promised on a ticket, declined by the resident: cancelled, its handler told, the resident answered. */
  declineCall(request: FlowEffectParams['declineCall'], scope: EffectScope): void {
    const ticket = this.store.tickets.byNumber(request.ticket);
    if (!ticket || ticket.party !== scope.sender.wechatId) return;
    for (const c of this.ledger.openCommitments(ticket))
      if (c.kind === 'callback') this.ledger.cancel(ticket, c, scope.sender.wechatId, scope.at);
    this.tellHandler(ticket, { key: 'staff.call_declined', params: { ticket: ticket.number } }, scope);
    this.outbound.say(
      scope.replyTo,
      scope.conversationKey,
      { key: 'reception.call_declined', params: { ticket: ticket.number } },
      scope.at,
    );
  }

  cancelHandoff(scope: EffectScope): void {
    const ticket = this.current(scope);
    if (!ticket) return;
    for (const c of this.ledger.openCommitments(ticket)) this.ledger.cancel(ticket, c, scope.sender.wechatId, scope.at);
    this.ledger.changeTicket(ticket, 'cancelled', scope.sender.wechatId, scope.at);
    this.outbound.say(
      scope.replyTo,
      scope.conversationKey,
      { key: 'reception.handoff_cancelled', params: { ticket: ticket.number } },
      scope.at,
    );
    this.tellHandler(ticket, { key: 'staff.handoff_cancelled', params: { ticket: ticket.number } }, scope);
  }

  /** The person who took the handoff, privately; before anyone has, the desk (or the staff room). */
  private tellHandler(ticket: Ticket | undefined, ref: PhraseRef, scope: EffectScope): void {
    if (ticket) this.outbound.notifyOwner(ticket, scope.sender, ref, scope.at);
    else this.outbound.notifyStaff(scope.sender, ref, scope.at);
  }

  /** The resident's open handoff (the newest, should there be two). */
  private current(scope: EffectScope): Ticket | undefined {
    return this.store.tickets.openForParty(scope.sender.wechatId).filter(isHandoff).at(-1);
  }
}
