/** A resident's verdict on a finished repair: thanks when happy; else an apology, compensation and a callback. */
import type { FlowEffectParams } from '../../flows/events.js';
import type { PhraseRef } from '../phrases/phrase-ref.js';
import type { Ledger } from '../ledger/ledger.js';
import type { EffectScope } from '../runtime/flow-effects.js';
import type { Outbound } from '../runtime/outbound.js';
import type { Store } from '../store/store.js';
import type { Ticket } from '../store/ticket-repo.js';
import { emergencyKindOf } from '../emergency/emergency-category.js';

export class RepairRating {
  constructor(
    private readonly store: Store,
    private readonly ledger: Ledger,
    private readonly outbound: Outbound,
  ) {}

  /**
   * The resident's verdict on a finished repair. Happy: thanks, the ticket confirmed. Not: the
   * standard's apology with the office's compensation offer, the ticket reopened for a supervisor,
   * and a callback promised.
   */
  record(request: FlowEffectParams['recordRating'], scope: EffectScope): void {
    const ticket = this.store.tickets.byNumber(request.ticket);
    if (!ticket || ticket.party !== scope.sender.wechatId || ticket.status !== 'done') return;
    const [speed, attitude, quality] = request.scores;
    this.store.events.record({
      at: scope.at,
      actor: scope.sender.wechatId,
      type: 'rating',
      ref: ticket.number,
      data: { speed, attitude, quality, unhappy: request.unhappy, staff: ticket.ownerId, text: request.text },
    });
    if (!request.unhappy) {
      this.ledger.changeTicket(ticket, 'confirmed', scope.sender.wechatId, scope.at);
      if (!request.praised)
        this.outbound.say(scope.replyTo, scope.conversationKey, { key: 'repair.thanks_rating' }, scope.at);
      return;
    }
    const kind = emergencyKindOf(ticket);
    if (request.stillWrong && kind && ticket.ownerId) {
      this.backToEmergency(ticket, kind, ticket.ownerId, request.text, scope);
      return;
    }
    const supervisor = this.outbound.firstStaffedRole(['supervisor', 'manager'])[0];
    const reopened = this.ledger.changeTicket(
      ticket,
      'reopened',
      scope.sender.wechatId,
      scope.at,
      supervisor?.id ?? ticket.ownerId,
    );
    const callback = this.ledger.promise(
      reopened,
      'callback',
      this.ledger.levels.deadline('complaint', 'first_response', scope.at),
      scope.at,
    );
    const times = { due: callback.id };
    const compensation: PhraseRef = { key: 'repair.compensation' };
    this.ledger.recordCompensation(
      reopened,
      { key: compensation.key, text: this.outbound.render(compensation, scope.at).text },
      scope.at,
    );
    this.outbound.say(
      scope.replyTo,
      scope.conversationKey,
      [{ key: 'repair.sorry' }, compensation, { key: 'repair.callback', times }],
      scope.at,
    );
    const who = this.outbound.describe(scope.sender);
    const notice: PhraseRef[] = [
      { key: 'repair.staff_unhappy', params: { ticket: ticket.number, who, text: request.text }, times },
      { key: 'staff.compensation_offered' },
      compensation,
    ];
    // The supervisor takes it over; the technician who did the work hears what the resident said too.
    const technician = ticket.ownerId ? this.store.community.staffById(ticket.ownerId) : undefined;
    this.outbound.notifyStaffMembers([supervisor, technician], notice, scope.at, ticket.number);
  }

  /**
   * An emergency said to be still there after it was finished (还在滴 只是小了点): whoever handled it goes back now,
   * day or night, with the desk told — not a supervisor's callback in the morning.
   */
  private backToEmergency(ticket: Ticket, kind: string, ownerId: string, text: string, scope: EffectScope): void {
    const reopened = this.ledger.changeTicket(ticket, 'reopened', scope.sender.wechatId, scope.at, ownerId);
    const arrival = this.ledger.promise(
      reopened,
      'repair_visit',
      this.ledger.levels.deadline(ticket.category, 'first_response', scope.at),
      scope.at,
    );
    const times = { due: arrival.id };
    const owner = this.store.community.staffById(ownerId);
    this.outbound.say(
      scope.replyTo,
      scope.conversationKey,
      [
        { key: `emergency.advice.${kind}` },
        { key: 'emergency.not_resolved', params: { ticket: ticket.number, who: owner?.name ?? '' }, times },
      ],
      scope.at,
    );
    const who = this.outbound.describe(scope.sender);
    this.outbound.notifyStaffMembers(
      [owner, ...this.outbound.firstStaffedRole(['service'])],
      { key: 'staff.emergency_not_resolved', params: { ticket: ticket.number, who, text }, times },
      scope.at,
      ticket.number,
    );
  }
}
