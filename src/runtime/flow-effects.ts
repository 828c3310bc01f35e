import type { ConversationEvent, FlowEffectParams, RescheduleAnswer, TicketOrder } from '../../flows/events.js';
import type { PhraseRef } from '../phrases/phrase-ref.js';
import type { Binder } from '../identity/binder.js';
import type { FeeStandards } from '../fees/fee-standards.js';
import type { RepairEffects } from '../repair/repair-effects.js';
import type { VisitReminders } from '../repair/visit-reminders.js';
import type { ComplaintEffects } from '../complaint/complaint-effects.js';
import type { ComplaintFollowUp } from '../complaint/complaint-follow-up.js';
import type { ComplaintLinks } from '../complaint/complaint-links.js';
import type { PaymentPromises } from '../arrears/payment-promises.js';
import type { Statements } from '../identity/statements.js';
import type { Ledger } from '../ledger/ledger.js';
import type { Store } from '../store/store.js';
import type { Ticket } from '../store/ticket-repo.js';
import type { Sender } from './identity.js';
import type { Outbound } from './outbound.js';
import type { ServiceLevels } from '../ledger/service-levels.js';
import type { CardEffects } from '../card/card-effects.js';
import type { HandoffEffects } from '../handoff/handoff-effects.js';
import type { PraiseEffects } from '../praise/praise-effects.js';
import type { KnowledgeBase } from '../faq/knowledge-base.js';
import type { TextEvent } from '../../flows/events.js';
import type { EmergencyEffects } from '../emergency/emergency-effects.js';
import { ticketStanding, type ChaseEffects } from '../tickets/chase-effects.js';

export interface EffectScope {
  conversationKey: string;
  replyTo: string;
  sender: Sender;
  at: number;
}

/** The runtime's side of each named effect (the conversation runner itself performs `startFlow`). */
type EffectHandlers = { [K in Exclude<keyof FlowEffectParams, 'startFlow'>]: (params: FlowEffectParams[K], scope: EffectScope) => ConversationEvent | void };

/** An action as `transition()` returns it: named flow effects, plus XState built-ins already applied. */
export type FlowAction = { type: string; params?: unknown };

/**
 * Performs the named effects flows ask for, inside the turn's transaction. A flow says *what*
 * (open a ticket, accept a new time); this says how, against the ledger and the outbox.
 */
/** What the effects are performed against: the ledger, the outbox, and each domain's own effects. */
export interface FlowEffectDeps {
  store: Store;
  ledger: Ledger;
  levels: ServiceLevels;
  outbound: Outbound;
  binder: Binder;
  statements: Statements;
  fees: FeeStandards;
  repair: RepairEffects;
  reminders: VisitReminders;
  complaints: ComplaintEffects;
  complaintLinks: ComplaintLinks;
  followUp: ComplaintFollowUp;
  payments: PaymentPromises;
  cards: CardEffects;
  handoff: HandoffEffects;
  praise: PraiseEffects;
  knowledge: KnowledgeBase;
  emergencies: EmergencyEffects;
  chases: ChaseEffects;
  /** When the office must not speak first (the governor's quiet hours). */
  quietHours: { quietUntil(at: number): number | undefined };
}

export class FlowEffects {
  private readonly store: Store;
  private readonly ledger: Ledger;
  private readonly outbound: Outbound;

  constructor(private readonly deps: FlowEffectDeps) {
    ({ store: this.store, ledger: this.ledger, outbound: this.outbound } = deps);
  }

  /**
   * Each named effect and who performs it; an effect that answers the flow in the same turn
   * (a binding check, a visit offer, a card's fee standard) returns its event.
   */
  private readonly handlers: EffectHandlers = {
    say: (p, s) => this.outbound.say(s.replyTo, s.conversationKey, p, s.at),
    openTicket: (p, s) => this.openTicket(p, s),
    reportProgress: (p, s) => this.reportProgress(p, s),
    acceptReschedule: (p, s) => this.acceptReschedule(p, s),
    declineReschedule: (p, s) => this.declineReschedule(p, s),
    verifyBinding: (p, s) => this.verifyBinding(p, s),
    showStatement: (p, s) => this.deps.statements.show(s, p.unit),
    findVisit: (p, s) => this.deps.repair.findVisit(p, s),
    answerRepairQuestion: (p, s) => this.deps.repair.answerQuestion(p, s),
    releaseHolds: (p, s) => this.deps.repair.releaseHolds(p, s),
    bookVisit: (p, s) => this.deps.repair.bookVisit(p, s),
    changeRepair: (p, s) => this.deps.repair.changeRepair(p, s),
    recordRating: (p, s) => this.deps.repair.recordRating(p, s),
    fileComplaint: (p, s) => this.deps.complaints.fileComplaint(p, s),
    lookBackForComplaint: (_, s) => this.deps.complaintLinks.lookBack(s),
    addToComplaint: (p, s) => this.deps.complaintLinks.addTo(p, s),
    alertManager: (p, s) => this.deps.complaints.alertManager(p, s),
    chaseTicket: (p, s) => this.deps.chases.chase(p, s),
    openEmergency: (p, s) => this.deps.emergencies.open(p, s),
    chaseEmergency: (p, s) => this.deps.emergencies.chase(p, s),
    resolveComplaint: (p, s) => this.deps.followUp.resolve(p, s),
    disputeFees: (p, s) => this.deps.payments.dispute(p, s),
    optOutOfReminders: (_, s) => this.deps.payments.optOut(s),
    agreePayment: (p, s) => this.deps.payments.agree(p, s),
    explainCard: (p, s) => this.deps.cards.explainCard(p, s),
    applyForCard: (p, s) => this.deps.cards.applyForCard(p, s),
    answerAside: (p, s) => this.answerAside(p.event, s),
    recordPraise: (p, s) => this.deps.praise.recordPraise(p, s),
    relayToStaff: (p, s) => this.deps.handoff.relayToStaff(p, s),
    passOn: (p, s) => this.deps.handoff.passOn(p, s),
    cancelHandoff: (_, s) => this.deps.handoff.cancelHandoff(s),
    acknowledgeMedia: (p, s) => this.acknowledgeMedia(p, s),
    // Nobody is woken to be told a chat has closed: at night it closes without a word.
    farewellAfterSilence: (p, s) => (this.deps.quietHours.quietUntil(s.at) === undefined ? this.outbound.say(s.replyTo, s.conversationKey, p.key ? { key: p.key } : { key: 'reception.farewell_idle' }, s.at) : undefined),
  };

  /** Performs the effects; returns the events that answer the flow within the same turn. */
  perform(actions: FlowAction[], scope: EffectScope): ConversationEvent[] {
    const answers: ConversationEvent[] = [];
    for (const action of actions) {
      // assign() and other XState built-ins have no handler: transition() already applied them.
      const handler = this.handlers[action.type as keyof EffectHandlers] as ((params: unknown, scope: EffectScope) => ConversationEvent | void) | undefined;
      const answer = handler?.(action.params, scope);
      if (answer) answers.push(answer);
    }
    return answers;
  }

  /**
   * The binding check, and who hears of it: every chat binding and every attempt on someone else's
   * household reaches the desk (the household too), and so does each lock when it is placed.
   */
  private verifyBinding(request: FlowEffectParams['verifyBinding'], scope: EffectScope): ConversationEvent {
    const { wechatId } = scope.sender;
    const unit = request.unit;
    const outcome = this.deps.binder.verify(wechatId, unit, request.last4, scope.at);
    const desk = (key: string, params: Record<string, string | number> = {}) => this.outbound.notifyDesk({ key, params: { wechat: wechatId, unit, ...params } }, scope.at, unit);
    switch (outcome.kind) {
      case 'bound':
        desk('staff.binding_bound', { names: outcome.residents.map((r) => r.name).join(this.separator(scope.at)) });
        return { type: 'BINDING_RESULT', ok: true, locked: false };
      case 'contested':
        desk('staff.binding_contested', { holders: outcome.holders.join(this.separator(scope.at)) });
        for (const holder of outcome.holders) this.outbound.say(holder, holder, { key: 'binding.someone_tried', params: { unit } }, scope.at, { proactive: 'security' });
        return { type: 'BINDING_RESULT', ok: false, locked: false, contested: true };
      case 'failed':
        return { type: 'BINDING_RESULT', ok: false, locked: false };
      case 'locked':
        for (const placed of outcome.placed) {
          if (placed === 'id') this.outbound.notifyStaff(scope.sender, { key: 'staff.binding_locked' }, scope.at);
          else desk(placed === 'unit' ? 'staff.binding_unit_locked' : 'staff.binding_all_locked');
        }
        return { type: 'BINDING_RESULT', ok: false, locked: true };
    }
  }

  private separator(at: number): string {
    return this.outbound.render({ key: 'common.list_separator' }, at).text;
  }

  /** Opens the ticket and its promise, then tells the resident and the desk, both naming the deadline. */
  private openTicket(order: TicketOrder, scope: EffectScope): void {
    const { ticket, commitment } = this.ledger.openTicket(
      {
        type: order.type,
        category: order.category,
        commitmentKind: order.kind,
        target: order.target,
        summary: order.text,
        sender: scope.sender,
        replyTo: scope.replyTo,
        conversationKey: scope.conversationKey,
        ...(order.messageId && { sourceMessage: order.messageId }),
      },
      scope.at,
    );
    const times = { due: commitment.id };
    const ackKey = order.afterHoursKey && !this.deps.levels.isBusinessTime(scope.at) ? order.afterHoursKey : order.ackKey;
    this.outbound.say(scope.replyTo, scope.conversationKey, { key: ackKey, params: { ticket: ticket.number }, times }, scope.at);
    if (order.explainFees) {
      const separator = this.separator(scope.at);
      const lines = this.deps.fees.explain(order.explainFees, scope.at, separator);
      if (lines.length > 0) this.outbound.say(scope.replyTo, scope.conversationKey, [{ key: 'fees.header' }, ...lines], scope.at);
    }
    const notice = { key: order.staffKey, params: { ticket: ticket.number, text: order.text }, times };
    this.outbound.notifyStaff(scope.sender, order.withTranscript ? [notice, ...this.deps.handoff.transcript(ticket, scope)] : notice, scope.at);
    if (order.pageOnCall) this.deps.repair.pageOnCall({ ...notice, params: { ...notice.params, who: this.outbound.describe(scope.sender) } }, ticket, scope.at);
  }

  /** Where the resident's tickets stand; with none open, said so (and how to report one). */
  private reportProgress(_order: TicketOrder, scope: EffectScope): void {
    if (!this.listOpenTickets(scope)) this.outbound.say(scope.replyTo, scope.conversationKey, { key: 'reception.aside.no_tickets' }, scope.at);
  }

  /**
   * A question of another kind: the approved answer, the resident's own arrears, or where their
   * tickets stand. Nothing is opened here: the flow it interrupted goes on right after.
   */
  private answerAside(event: TextEvent, scope: EffectScope): void {
    const say = (refs: PhraseRef | PhraseRef[]) => this.outbound.say(scope.replyTo, scope.conversationKey, refs, scope.at);
    if (event.faq) return say(this.deps.knowledge.answer(event.faq));
    if (event.intent === 'arrears') {
      if (event.identity === 'bound') return this.deps.statements.show(scope, event.slots.unit);
      return say({ key: 'reception.aside.arrears_unbound' });
    }
    if (!this.listOpenTickets(scope)) say({ key: 'reception.aside.no_tickets' });
  }

  private acknowledgeMedia(media: FlowEffectParams['acknowledgeMedia'], scope: EffectScope): void {
    const ticket = media.messageId ? this.store.attachments.ticketOf(media.messageId) : undefined;
    const kept = media.kind === 'image' || media.kind === 'video' || media.kind === 'file';
    const ref: PhraseRef =
      media.kind === 'money'
        ? { key: 'input.money' }
        : ticket
          ? { key: 'input.photo_kept_ticket', params: { ticket } }
          : kept && media.forTicketToCome
            ? { key: 'input.photo_kept' }
            : { key: 'input.non_text' };
    this.outbound.say(scope.replyTo, scope.conversationKey, ref, scope.at);
  }

  /** Where each open ticket stands, with its next promised time; false when there are none. */
  private listOpenTickets(scope: EffectScope): boolean {
    const open = this.store.tickets.openForParty(scope.sender.wechatId);
    if (open.length === 0) return false;
    const lines: PhraseRef[] = [{ key: 'reception.progress.header' }, ...open.map((t) => this.progressLine(t))];
    this.outbound.say(scope.replyTo, scope.conversationKey, lines, scope.at);
    return true;
  }

  private progressLine(ticket: Ticket): PhraseRef {
    return ticketStanding(this.outbound, ticket, this.ledger.nextPromise(ticket));
  }

  private acceptReschedule(answer: RescheduleAnswer, scope: EffectScope): void {
    const { ticket, old, proposed } = this.proposal(answer);
    if (!ticket || !proposed) return;
    if (old) this.ledger.renegotiate(ticket, old, proposed, scope.sender.wechatId, scope.at);
    if (proposed.kind === 'repair_visit') this.deps.reminders.schedule(proposed, ticket.conversationKey, scope.at);
    this.outbound.notifyOwner(ticket, scope.sender, { key: 'staff.reschedule.accepted', params: { ticket: ticket.number }, times: { time: proposed.id } }, scope.at);
  }

  private declineReschedule(answer: FlowEffectParams['declineReschedule'], scope: EffectScope): void {
    const { ticket, proposed } = this.proposal(answer);
    if (!ticket || !proposed) return;
    this.ledger.cancel(ticket, proposed, scope.sender.wechatId, scope.at);
    this.outbound.notifyOwner(ticket, scope.sender, { key: `staff.reschedule.${answer.reason}`, params: { ticket: ticket.number } }, scope.at);
  }

  private proposal(answer: RescheduleAnswer) {
    const ticket = this.store.tickets.byNumber(answer.ticket);
    return {
      ticket,
      old: this.store.commitments.byId(answer.replacesId),
      proposed: this.store.commitments.byId(answer.commitmentId),
    };
  }

}
