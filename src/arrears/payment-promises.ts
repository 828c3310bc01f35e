import type { FlowEffectParams } from '../../flows/events.js';
import type { EffectScope } from '../runtime/flow-effects.js';
import type { Outbound } from '../runtime/outbound.js';
import type { VisitReminders } from '../repair/visit-reminders.js';
import type { Store } from '../store/store.js';
import type { Ledger } from '../ledger/ledger.js';
import type { ServiceLevels } from '../ledger/service-levels.js';
import { formatYuan } from '../domain/money.js';

/**
 * 请其约定来交费的时间: when a resident says when they will pay, that is their promise (party
 * resident), reminded gently the evening before; if it passes unpaid, one polite follow-up and the
 * desk calls — never a series of messages from the bot.
 */
export class PaymentPromises {
  constructor(
    private readonly store: Store,
    private readonly outbound: Outbound,
    private readonly reminders: VisitReminders,
    private readonly ledger: Ledger,
    private readonly levels: Pick<ServiceLevels, 'closingTime'>,
  ) {}

  /**
   * 收费中碰到投诉: stay calm, apologise, record it and report it up. A ticket for the desk with the
   * statement in it; reminders for the unit pause while the ticket is open. Refusing to pay over the
   * service is a complaint first: the resident hears empathy, and a supervisor (上一级) is told too.
   */
  dispute(request: FlowEffectParams['disputeFees'], scope: EffectScope): void {
    const units = [...new Set(this.store.community.residentsByWechat(scope.sender.wechatId).map((r) => r.unitId))];
    const statement = units
      .map((u) => {
        const items = this.store.community.openArrears(u);
        return `${u}: ${items.map((i) => `${i.item} ${i.period} ${formatYuan(i.amountFen)}`).join('; ') || '-'}`;
      })
      .join(' | ');
    const { ticket, commitment } = this.ledger.openTicket(
      {
        type: 'handoff',
        category: 'complaint',
        commitmentKind: 'complaint_reply',
        target: 'first_response',
        summary: request.text,
        sender: scope.sender,
        replyTo: scope.replyTo,
        conversationKey: scope.conversationKey,
        topic: 'arrears_dispute',
      },
      scope.at,
    );
    const times = { due: commitment.id };
    const service = request.reason === 'service';
    this.outbound.say(
      scope.replyTo,
      scope.conversationKey,
      { key: service ? 'arrears.withhold_ack' : 'arrears.dispute_ack', params: { ticket: ticket.number }, times },
      scope.at,
    );
    const notice = {
      key: service ? 'arrears.staff_withhold' : 'arrears.staff_dispute',
      params: { ticket: ticket.number, text: request.text, statement },
      times,
    };
    this.outbound.notifyStaff(scope.sender, notice, scope.at);
    if (service) {
      const leads = this.outbound.firstStaffedRole(['supervisor', 'manager']);
      // An ordinary matter: the supervisor hears of it at work, not at night.
      this.outbound.notifyStaffAtWork(
        ticket,
        leads,
        { ...notice, params: { ...notice.params, who: this.outbound.describe(scope.sender) } },
        scope.at,
      );
    }
  }

  optOut(scope: EffectScope): void {
    this.store.events.record({
      at: scope.at,
      actor: scope.sender.wechatId,
      type: 'reminder_opt_out',
      ref: scope.sender.wechatId,
    });
    this.outbound.say(scope.replyTo, scope.conversationKey, { key: 'arrears.opted_out' }, scope.at);
  }

  agree(request: FlowEffectParams['agreePayment'], scope: EffectScope): void {
    const units = [...new Set(this.store.community.residentsByWechat(scope.sender.wechatId).map((r) => r.unitId))];
    const owing = units.filter((u) => this.store.community.openArrears(u).length > 0);
    const say = (key: string, times?: Record<string, number>) =>
      this.outbound.say(scope.replyTo, scope.conversationKey, { key, ...(times && { times }) }, scope.at);
    if (owing.length === 0) return say('arrears.nothing_to_pay');
    // "礼拜一去交" names a day, not an hour: the promise is kept by the office's closing time that day.
    const dueAt = request.dayOnly ? this.levels.closingTime(Date.parse(request.when)) : Date.parse(request.when);
    if (dueAt <= scope.at) return say('arrears.pay_date_past');
    const resident = this.store.community.residentsByWechat(scope.sender.wechatId).find((r) => r.unitId === owing[0]);
    // "周五交不了了 改成下周三吧": the new date replaces the one agreed, which is then neither broken nor reminded.
    const earlier = this.store.commitments
      .all()
      .filter((c) => c.kind === 'payment' && c.status === 'open' && c.unitId === owing[0]);
    const promise = this.store.commitments.create({
      kind: 'payment',
      party: 'resident',
      dueAt,
      residentParty: scope.sender.wechatId,
      residentId: resident?.id ?? null,
      unitId: owing[0]!,
      summary: owing[0]!,
      sourceConversation: scope.conversationKey,
      createdAt: scope.at,
    });
    this.store.events.record({
      at: scope.at,
      actor: scope.sender.wechatId,
      type: 'payment_promised',
      ref: owing[0]!,
      data: { id: promise.id, dueAt },
    });
    for (const old of earlier) {
      if (!this.store.commitments.settle(old.id, 'renegotiated', scope.at)) continue;
      this.store.events.record({
        at: scope.at,
        actor: scope.sender.wechatId,
        type: 'commitment_renegotiated',
        ref: owing[0]!,
        data: { from: old.id, to: promise.id },
      });
    }
    this.reminders.schedule(promise, scope.conversationKey, scope.at);
    say(earlier.length > 0 ? 'arrears.payment_moved' : 'arrears.payment_agreed', { due: promise.id });
  }
}
