import type { FlowEffectParams } from '../../flows/events.js';
import type { EffectScope } from '../runtime/flow-effects.js';
import type { Outbound } from '../runtime/outbound.js';
import type { VisitReminders } from '../repair/visit-reminders.js';
import type { Store } from '../store/store.js';

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
  ) {}

  agree(request: FlowEffectParams['agreePayment'], scope: EffectScope): void {
    const units = [...new Set(this.store.community.residentsByWechat(scope.sender.wechatId).map((r) => r.unitId))];
    const owing = units.filter((u) => this.store.community.openArrears(u).length > 0);
    const say = (key: string, times?: Record<string, number>) => this.outbound.say(scope.replyTo, scope.conversationKey, { key, ...(times && { times }) }, scope.at);
    if (owing.length === 0) return say('arrears.nothing_to_pay');
    const dueAt = Date.parse(request.when);
    if (dueAt <= scope.at) return say('arrears.pay_date_past');
    const resident = this.store.community.residentsByWechat(scope.sender.wechatId).find((r) => r.unitId === owing[0]);
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
    this.store.events.record({ at: scope.at, actor: scope.sender.wechatId, type: 'payment_promised', ref: owing[0]!, data: { id: promise.id, dueAt } });
    this.reminders.schedule(promise, scope.conversationKey, scope.at);
    say('arrears.payment_agreed', { due: promise.id });
  }
}
