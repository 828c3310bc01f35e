import type { FlowEffectParams } from '../../flows/events.js';
import type { Ledger } from '../ledger/ledger.js';
import { isClosed } from '../ledger/ledger.js';
import type { EffectScope } from '../runtime/flow-effects.js';
import type { Outbound } from '../runtime/outbound.js';
import type { Store } from '../store/store.js';
import type { Ticket } from '../store/ticket-repo.js';

const DAY_MS = 86_400_000;

/**
 * Following a complaint up until it is solved (及时跟踪和反馈): progress notes when staff are
 * silent, the resident's verdict after #完成, and a close as resolved-unconfirmed when none comes.
 */
export class ComplaintFollowUp {
  constructor(
    private readonly store: Store,
    private readonly ledger: Ledger,
    private readonly outbound: Outbound,
  ) {}

  /** #完成 on a complaint: ask the resident within this transaction's timers; remind after a day, close after two. */
  askResolution(ticket: Ticket, at: number): void {
    const timer = (step: 'remind' | 'close', when: number) =>
      this.store.timers.arm(`complaint-${step}:${ticket.number}`, ticket.conversationKey, { type: 'complaintFollowUp', ticket: ticket.number, step }, when);
    timer('remind', at + DAY_MS);
    timer('close', at + 2 * DAY_MS);
  }

  /** A follow-up timer fired. */
  fire(ticketNumber: string, step: 'update' | 'remind' | 'close', at: number): void {
    const ticket = this.store.tickets.byNumber(ticketNumber);
    if (!ticket) return;
    if (step === 'update') return this.update(ticket, at);
    if (ticket.status !== 'done') return; // answered meanwhile
    if (step === 'remind') {
      this.outbound.say(ticket.replyTo, ticket.conversationKey, { key: 'complaint.ask_resolved_again', params: { ticket: ticket.number } }, at, { proactive: 'reminder' });
      return;
    }
    this.ledger.changeTicket(ticket, 'closed', 'bot', at);
    this.store.events.record({ at, actor: 'bot', type: 'resolved_unconfirmed', ref: ticket.number });
  }

  /** The resident's verdict: thanks and farewell, or the apology, compensation and a supervisor. */
  resolve(request: FlowEffectParams['resolveComplaint'], scope: EffectScope): void {
    const ticket = this.store.tickets.byNumber(request.ticket);
    if (!ticket || ticket.party !== scope.sender.wechatId || ticket.status !== 'done') return;
    this.store.events.record({ at: scope.at, actor: scope.sender.wechatId, type: 'complaint_verdict', ref: ticket.number, data: { satisfied: request.satisfied } });
    if (request.satisfied) {
      this.ledger.changeTicket(ticket, 'confirmed', scope.sender.wechatId, scope.at);
      this.outbound.say(scope.replyTo, scope.conversationKey, [{ key: 'complaint.thanks' }, { key: 'reception.farewell' }], scope.at);
      return;
    }
    const supervisor = this.outbound.firstStaffedRole(['supervisor', 'manager'])[0];
    const reopened = this.ledger.changeTicket(ticket, 'reopened', scope.sender.wechatId, scope.at, supervisor?.id ?? ticket.ownerId);
    const promise = this.ledger.promise(reopened, 'complaint_reply', this.ledger.levels.deadline(ticket.category, 'reply', scope.at), scope.at);
    const times = { due: promise.id };
    this.outbound.say(scope.replyTo, scope.conversationKey, [{ key: 'complaint.sorry' }, { key: 'complaint.compensation' }, { key: 'complaint.reopened', times }], scope.at);
    const who = this.outbound.describe(scope.sender);
    if (supervisor) this.outbound.notifyStaffMembers([supervisor], { key: 'complaint.staff_unsatisfied', params: { ticket: ticket.number, who }, times }, scope.at, ticket.number);
  }

  /** No word from staff since the last look: the resident hears we are on it, the owner is nudged. */
  private update(ticket: Ticket, at: number): void {
    if (isClosed(ticket)) return;
    const every = this.ledger.levels.updateEveryMs;
    const heardFromStaff = this.store.events
      .forRef(ticket.number)
      .some((e) => e.at >= at - every && e.actor !== 'bot' && e.actor !== ticket.party && (e.type === 'progress' || e.type === 'ticket_changed'));
    if (!heardFromStaff) {
      this.outbound.say(ticket.replyTo, ticket.conversationKey, { key: 'complaint.still_working', params: { ticket: ticket.number } }, at, { proactive: 'progress' });
      const owner = ticket.ownerId ? this.store.community.staffById(ticket.ownerId) : undefined;
      const staff = owner ? [owner] : this.outbound.firstStaffedRole(['service', 'supervisor', 'manager']);
      this.outbound.notifyStaffMembers(staff, { key: 'complaint.staff_nudge', params: { ticket: ticket.number, summary: ticket.summary } }, at, ticket.number);
    }
    this.store.timers.arm(`complaint-update:${ticket.number}`, ticket.conversationKey, { type: 'complaintFollowUp', ticket: ticket.number, step: 'update' }, at + every);
  }
}
