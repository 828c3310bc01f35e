import type { PhraseRef } from '../../flows/events.js';
import { formatYuan, yuanToFen } from '../domain/money.js';
import { parseUnit } from '../domain/unit.js';
import type { Ledger } from '../ledger/ledger.js';
import type { Outbound } from '../runtime/outbound.js';
import type { Store } from '../store/store.js';
import { CommandRefusal, type CommandContext } from './commands.js';

/**
 * #交费 <unit> <amount>: a payment taken at the desk settles the unit's arrears oldest first, keeps
 * the household's payment promise, and hands every bound resident the itemized receipt with thanks
 * (这是您的发票和明细，请收好).
 */
export class PaymentCommands {
  constructor(
    private readonly store: Store,
    private readonly ledger: Ledger,
    private readonly outbound: Outbound,
  ) {}

  pay(ctx: CommandContext): PhraseRef {
    const [unitText, amountText] = ctx.args;
    const unit = unitText ? parseUnit(unitText) : undefined;
    const fen = amountText ? yuanToFen(amountText) : undefined;
    if (!unit || fen === undefined || fen === 0) throw new CommandRefusal({ key: 'staff.usage.payment', params: { word: ctx.word } });
    if (this.store.community.openArrears(unit.id).length === 0) throw new CommandRefusal({ key: 'staff.refused.nothing_owed', params: { unit: unit.id } });
    const { paid, remainingFen, unusedFen } = this.store.community.applyPayment(unit.id, fen, ctx.at);
    this.store.events.record({ at: ctx.at, actor: ctx.staff.id, type: 'payment', ref: unit.id, data: { fen, items: paid.length, remainingFen } });
    if (remainingFen === 0) this.keepPaymentPromises(unit.id, ctx);

    const receipt: PhraseRef[] = [
      { key: 'arrears.receipt_header', params: { unit: unit.id, amount: formatYuan(fen - unusedFen) } },
      ...paid.map((i) => ({ key: 'arrears.receipt_item', params: { item: i.item, period: i.period, amount: formatYuan(i.paidFen) } })),
      remainingFen > 0 ? { key: 'arrears.receipt_remaining', params: { amount: formatYuan(remainingFen) } } : { key: 'arrears.receipt_settled' },
      { key: 'arrears.receipt_thanks' },
    ];
    for (const resident of this.store.community.residentsOfUnit(unit.id)) {
      if (resident.wechatId) this.outbound.say(resident.wechatId, resident.wechatId, receipt, ctx.at);
    }
    return { key: 'staff.reply.paid', params: { unit: unit.id, amount: formatYuan(fen - unusedFen), remaining: formatYuan(remainingFen), change: formatYuan(unusedFen) } };
  }

  /** The household promised to pay; paid in full, the promise is kept. */
  private keepPaymentPromises(unitId: string, ctx: CommandContext): void {
    for (const c of this.store.commitments.all()) {
      if (c.kind === 'payment' && c.status === 'open' && c.unitId === unitId && this.store.commitments.settle(c.id, 'kept', ctx.at)) {
        this.store.events.record({ at: ctx.at, actor: ctx.staff.id, type: 'commitment_kept', ref: unitId, data: { id: c.id, kind: c.kind } });
      }
    }
  }
}
