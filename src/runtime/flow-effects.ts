import type { ConversationEvent, FlowEffectParams, PhraseRef, RescheduleAnswer, TicketOrder } from '../../flows/events.js';
import type { Binder } from '../identity/binder.js';
import type { FeeStandards } from '../fees/fee-standards.js';
import type { RepairEffects } from '../repair/repair-effects.js';
import type { VisitReminders } from '../repair/visit-reminders.js';
import type { ComplaintEffects } from '../complaint/complaint-effects.js';
import type { ComplaintFollowUp } from '../complaint/complaint-follow-up.js';
import type { PaymentPromises } from '../arrears/payment-promises.js';
import type { Statements } from '../identity/statements.js';
import type { Ledger } from '../ledger/ledger.js';
import type { Store } from '../store/store.js';
import type { Ticket } from '../store/ticket-repo.js';
import type { Sender } from './identity.js';
import type { Outbound } from './outbound.js';

export interface EffectScope {
  conversationKey: string;
  replyTo: string;
  sender: Sender;
  at: number;
}

/** An action as `transition()` returns it: named flow effects, plus XState built-ins already applied. */
export type FlowAction = { type: string; params?: unknown };

/**
 * Performs the named effects flows ask for, inside the turn's transaction. A flow says *what*
 * (open a ticket, accept a new time); this says how, against the ledger and the outbox.
 */
export class FlowEffects {
  constructor(
    private readonly store: Store,
    private readonly ledger: Ledger,
    private readonly outbound: Outbound,
    private readonly binder: Binder,
    private readonly statements: Statements,
    private readonly fees: FeeStandards,
    private readonly repair: RepairEffects,
    private readonly reminders: VisitReminders,
    private readonly complaints: ComplaintEffects,
    private readonly followUp: ComplaintFollowUp,
    private readonly payments: PaymentPromises,
  ) {}

  /** Performs the effects; returns the events that answer the flow within the same turn. */
  perform(actions: FlowAction[], scope: EffectScope): ConversationEvent[] {
    const answers: ConversationEvent[] = [];
    for (const action of actions) {
      switch (action.type) {
        case 'say':
          this.outbound.say(scope.replyTo, scope.conversationKey, action.params as FlowEffectParams['say'], scope.at);
          break;
        case 'openTicket':
          this.openTicket(action.params as TicketOrder, scope);
          break;
        case 'reportProgress':
          this.reportProgress(action.params as TicketOrder, scope);
          break;
        case 'acceptReschedule':
          this.acceptReschedule(action.params as RescheduleAnswer, scope);
          break;
        case 'declineReschedule':
          this.declineReschedule(action.params as FlowEffectParams['declineReschedule'], scope);
          break;
        case 'verifyBinding':
          answers.push(this.verifyBinding(action.params as FlowEffectParams['verifyBinding'], scope));
          break;
        case 'findVisit':
          answers.push(this.repair.findVisit(action.params as FlowEffectParams['findVisit'], scope));
          break;
        case 'releaseHolds':
          this.repair.releaseHolds(action.params as FlowEffectParams['releaseHolds'], scope);
          break;
        case 'bookVisit':
          this.repair.bookVisit(action.params as FlowEffectParams['bookVisit'], scope);
          break;
        case 'fileComplaint':
          this.complaints.fileComplaint(action.params as FlowEffectParams['fileComplaint'], scope);
          break;
        case 'alertManager':
          this.complaints.alertManager(action.params as FlowEffectParams['alertManager'], scope);
          break;
        case 'resolveComplaint':
          this.followUp.resolve(action.params as FlowEffectParams['resolveComplaint'], scope);
          break;
        case 'disputeFees':
          this.payments.dispute(action.params as FlowEffectParams['disputeFees'], scope);
          break;
        case 'optOutOfReminders':
          this.payments.optOut(scope);
          break;
        case 'agreePayment':
          this.payments.agree(action.params as FlowEffectParams['agreePayment'], scope);
          break;
        case 'changeRepair':
          this.repair.changeRepair(action.params as FlowEffectParams['changeRepair'], scope);
          break;
        case 'recordRating':
          this.repair.recordRating(action.params as FlowEffectParams['recordRating'], scope);
          break;
        case 'showStatement':
          this.statements.show(scope, (action.params as FlowEffectParams['showStatement']).unit);
          break;
        default:
          // assign() and other XState built-ins are already applied to the snapshot by transition().
          break;
      }
    }
    return answers;
  }

  private verifyBinding(request: FlowEffectParams['verifyBinding'], scope: EffectScope): ConversationEvent {
    const outcome = this.binder.verify(scope.sender.wechatId, request.unit, request.last4, scope.at);
    if (!outcome.ok && outcome.locked) {
      this.outbound.notifyStaff(scope.sender, { key: 'staff.binding_locked' }, scope.at);
    }
    return { type: 'BINDING_RESULT', ok: outcome.ok, locked: !outcome.ok && outcome.locked };
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
    this.outbound.say(scope.replyTo, scope.conversationKey, { key: order.ackKey, params: { ticket: ticket.number }, times }, scope.at);
    if (order.explainFees) {
      const separator = this.outbound.render({ key: 'common.list_separator' }, scope.at).text;
      const lines = this.fees.explain(order.explainFees, scope.at, separator);
      if (lines.length > 0) this.outbound.say(scope.replyTo, scope.conversationKey, [{ key: 'fees.header' }, ...lines], scope.at);
    }
    const notice = { key: order.staffKey, params: { ticket: ticket.number, text: order.text }, times };
    this.outbound.notifyStaff(scope.sender, notice, scope.at);
    if (order.pageOnCall) this.repair.pageOnCall({ ...notice, params: { ...notice.params, who: this.outbound.describe(scope.sender) } }, ticket, scope.at);
  }

  private reportProgress(order: TicketOrder, scope: EffectScope): void {
    const open = this.store.tickets.openForParty(scope.sender.wechatId);
    if (open.length === 0) {
      this.openTicket(order, scope);
      return;
    }
    const lines: PhraseRef[] = [{ key: 'reception.progress.header' }, ...open.map((t) => this.progressLine(t))];
    this.outbound.say(scope.replyTo, scope.conversationKey, lines, scope.at);
  }

  private progressLine(ticket: Ticket): PhraseRef {
    const params = { ticket: ticket.number, status: this.outbound.render({ key: `ticket.status.${ticket.status}` }, 0).text };
    const next = this.ledger.nextPromise(ticket);
    return next
      ? { key: 'reception.progress.ticket_due', params, times: { due: next.id } }
      : { key: 'reception.progress.ticket', params };
  }

  private acceptReschedule(answer: RescheduleAnswer, scope: EffectScope): void {
    const { ticket, old, proposed } = this.proposal(answer);
    if (!ticket || !proposed) return;
    if (old) this.ledger.renegotiate(ticket, old, proposed, scope.sender.wechatId, scope.at);
    if (proposed.kind === 'repair_visit') this.reminders.schedule(proposed, ticket.conversationKey, scope.at);
    this.tellOwner(ticket, { key: 'staff.reschedule.accepted', params: { ticket: ticket.number }, times: { time: proposed.id } }, scope.at);
  }

  private declineReschedule(answer: FlowEffectParams['declineReschedule'], scope: EffectScope): void {
    const { ticket, proposed } = this.proposal(answer);
    if (!ticket || !proposed) return;
    this.ledger.cancel(ticket, proposed, scope.sender.wechatId, scope.at);
    this.tellOwner(ticket, { key: `staff.reschedule.${answer.reason}`, params: { ticket: ticket.number } }, scope.at);
  }

  private proposal(answer: RescheduleAnswer) {
    const ticket = this.store.tickets.byNumber(answer.ticket);
    return {
      ticket,
      old: this.store.commitments.byId(answer.replacesId),
      proposed: this.store.commitments.byId(answer.commitmentId),
    };
  }

  /** The ticket's owner, or the desk when nobody owns it yet. */
  private tellOwner(ticket: Ticket, ref: PhraseRef, at: number): void {
    const owner = ticket.ownerId ? this.store.community.staffById(ticket.ownerId) : undefined;
    const recipients = owner?.wechatId ? [owner] : this.outbound.firstStaffedRole(['service', 'supervisor', 'manager']);
    this.outbound.notifyStaffMembers(recipients, ref, at, ticket.number);
  }
}
