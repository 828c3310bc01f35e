import type { PhraseRef } from '../../flows/events.js';
import type { Receipts } from '../arrears/receipts.js';
import { formatYuan, yuanToFen } from '../domain/money.js';
import { parseUnit } from '../domain/unit.js';
import type { Store } from '../store/store.js';
import { CommandRefusal, type CommandContext } from './commands.js';

/**
 * #交费 <unit> <amount>: a payment taken at the desk settles the unit's arrears oldest first; the
 * household gets the itemized receipt with thanks, and its promise to pay is kept.
 */
export class PaymentCommands {
  constructor(
    private readonly store: Store,
    private readonly receipts: Receipts,
  ) {}

  pay(ctx: CommandContext): PhraseRef {
    const [unitText, amountText] = ctx.args;
    const unit = unitText ? parseUnit(unitText) : undefined;
    const fen = amountText ? yuanToFen(amountText) : undefined;
    if (!unit || fen === undefined || fen === 0) throw new CommandRefusal({ key: 'staff.usage.payment', params: { word: ctx.word } });
    if (this.store.community.openArrears(unit.id).length === 0) throw new CommandRefusal({ key: 'staff.refused.nothing_owed', params: { unit: unit.id } });
    const { paid, unusedFen } = this.store.community.applyPayment(unit.id, fen, ctx.at);
    const { paidFen, remainingFen } = this.receipts.paid(unit.id, paid, ctx.staff.id, ctx.at);
    return { key: 'staff.reply.paid', params: { unit: unit.id, amount: formatYuan(paidFen), remaining: formatYuan(remainingFen), change: formatYuan(unusedFen) } };
  }
}
