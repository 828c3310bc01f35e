import type { ConversationEvent, FlowEffectParams, KnownApplicant } from '../../flows/events.js';
import { formatYuan } from '../domain/money.js';
import type { FeeStandards } from '../fees/fee-standards.js';
import type { Ledger } from '../ledger/ledger.js';
import type { EffectScope } from '../runtime/flow-effects.js';
import type { Outbound } from '../runtime/outbound.js';
import type { Store } from '../store/store.js';
import type { Ticket } from '../store/ticket-repo.js';

/** The runtime side of card business: the fee standard, the application, readiness and payment. */
export class CardEffects {
  constructor(
    private readonly store: Store,
    private readonly ledger: Ledger,
    private readonly outbound: Outbound,
    private readonly fees: FeeStandards,
  ) {}

  /** The fee lines and documents for this business, and what a bound resident need not be asked. */
  explainCard(request: FlowEffectParams['explainCard'], scope: EffectScope): ConversationEvent {
    const items = this.fees.cardItems(request.card, request.business, scope.at);
    if (items.length === 0) return { type: 'CARD_FEES', offered: false, known: { units: [] } };
    const separator = this.outbound.render({ key: 'common.list_separator' }, scope.at).text;
    this.outbound.say(
      scope.replyTo,
      scope.conversationKey,
      [{ key: 'fees.header' }, ...this.fees.cardLines(items, separator)],
      scope.at,
    );
    // Who is bound is looked up now: it may have changed since the conversation began.
    const residents = this.store.community.residentsByWechat(scope.sender.wechatId);
    const first = residents[0];
    const known: KnownApplicant = first
      ? {
          name: first.name,
          units: [...new Set(residents.map((r) => r.unitId))],
          ...(first.phone && { phone: first.phone }),
        }
      : { units: [] };
    return { type: 'CARD_FEES', offered: true, known };
  }

  /** A card lost or stolen: the desk hears at once to stop it (nobody may use it meanwhile); the resident is told. */
  reportLoss(request: FlowEffectParams['reportCardLoss'], scope: EffectScope): void {
    if (!request.lost) return;
    this.outbound.notifyStaff(scope.sender, { key: 'staff.card_loss', params: { text: request.text } }, scope.at);
    this.outbound.say(scope.replyTo, scope.conversationKey, { key: 'card.loss_reported' }, scope.at);
  }

  /** Ticket K… with the card_service promise of the service levels; resident and desk told the date. */
  applyForCard(request: FlowEffectParams['applyForCard'], scope: EffectScope): void {
    const { messageId, ...form } = request;
    const summary = this.outbound.render(
      { key: form.plate ? 'card.summary_plate' : 'card.summary', params: { ...form } },
      scope.at,
    ).text;
    const { ticket, commitment } = this.ledger.openTicket(
      {
        type: 'card',
        category: 'card',
        commitmentKind: 'card_service',
        target: 'resolution',
        summary,
        sender: scope.sender,
        replyTo: scope.replyTo,
        conversationKey: scope.conversationKey,
        topic: `${form.card}:${form.business}`,
        ...(messageId && { sourceMessage: messageId }),
      },
      scope.at,
    );
    this.store.events.record({
      at: scope.at,
      actor: scope.sender.wechatId,
      type: 'card_application',
      ref: ticket.number,
      data: form,
    });
    const times = { due: commitment.id };
    this.outbound.say(
      scope.replyTo,
      scope.conversationKey,
      { key: 'card.applied', params: { ticket: ticket.number }, times },
      scope.at,
    );
    this.outbound.notifyStaff(
      scope.sender,
      { key: 'staff.card_applied', params: { ticket: ticket.number, summary }, times },
      scope.at,
      ticket.number,
    );
  }

  /** #完成 on a card ticket: ready, and where to collect it. */
  ready(ticket: Ticket, at: number): void {
    this.outbound.say(
      ticket.replyTo,
      ticket.conversationKey,
      { key: 'card.ready', params: { ticket: ticket.number, what: this.what(ticket, at) } },
      at,
    );
  }

  /** The fee taken at the desk: the receipt to the resident, once. False if it was already recorded. */
  paid(ticket: Ticket, fen: number, staffId: string, at: number): boolean {
    if (this.store.events.forRef(ticket.number).some((e) => e.type === 'card_payment')) return false;
    this.store.events.record({ at, actor: staffId, type: 'card_payment', ref: ticket.number, data: { fen } });
    const params = { ticket: ticket.number, what: this.what(ticket, at), amount: formatYuan(fen) };
    this.outbound.say(ticket.replyTo, ticket.conversationKey, { key: 'card.receipt', params }, at);
    if (ticket.status === 'done') this.ledger.changeTicket(ticket, 'closed', staffId, at);
    return true;
  }

  /** What the card's standard asks at collection (fee and deposit), or undefined when no standard applies. */
  due(ticket: Ticket, at: number): number | undefined {
    const [card = '', business = ''] = (ticket.topic ?? '').split(':');
    const items = this.fees.cardItems(card, business, at);
    return items.length === 0 ? undefined : items.reduce((sum, i) => sum + i.fee + i.deposit, 0);
  }

  private what(ticket: Ticket, at: number): string {
    const [card = '', business = ''] = (ticket.topic ?? '').split(':');
    return this.outbound.render({ key: 'card.what', params: { card, business } }, at).text;
  }
}
