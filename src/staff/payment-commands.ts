import type { PhraseRef } from '../phrases/phrase-ref.js';
import type { Receipts } from '../arrears/receipts.js';
import { formatYuan, yuanToFen } from '../domain/money.js';
import { parseUnit } from '../domain/unit.js';
import type { Store } from '../store/store.js';
import { CommandRefusal, type CommandContext } from './command-context.js';
import type { CardEffects } from '../card/card-effects.js';
import type { Ticket } from '../store/ticket-repo.js';

/**
 * #交费 <unit> <amount>: a payment taken at the desk settles the unit's arrears oldest first; the
 * household gets the itemized receipt with thanks, and its promise to pay is kept.
 */
export class PaymentCommands {
  constructor(
    private readonly store: Store,
    private readonly receipts: Receipts,
    private readonly cards: CardEffects,
  ) {}

  pay(ctx: CommandContext): PhraseRef {
    const [unitText, amountText] = ctx.args;
    const ticket = unitText ? this.store.tickets.byNumber(unitText) : undefined;
    if (ticket?.type === 'card') return this.payForCard(ticket, amountText, ctx);
    const unit = unitText ? parseUnit(unitText) : undefined;
    const fen = amountText ? yuanToFen(amountText) : undefined;
    if (!unit || fen === undefined || fen === 0)
      throw new CommandRefusal({ key: 'staff.usage.payment', params: { word: ctx.word } });
    if (this.store.community.openArrears(unit.id).length === 0)
      throw new CommandRefusal({ key: 'staff.refused.nothing_owed', params: { unit: unit.id } });
    const { paid, unusedFen } = this.store.community.applyPayment(unit.id, fen, ctx.at);
    const { paidFen, remainingFen } = this.receipts.paid(unit.id, paid, ctx.staff.id, ctx.at);
    return {
      key: unusedFen > 0 ? 'staff.reply.paid_over' : 'staff.reply.paid',
      params: {
        unit: unit.id,
        amount: formatYuan(paidFen),
        remaining: formatYuan(remainingFen),
        change: formatYuan(unusedFen),
      },
    };
  }

  /** #交费 K12 30.00: the card fee taken at collection; the resident gets the receipt once. */
  private payForCard(ticket: Ticket, amountText: string | undefined, ctx: CommandContext): PhraseRef {
    const fen = amountText ? yuanToFen(amountText) : undefined;
    if (fen === undefined || fen === 0)
      throw new CommandRefusal({ key: 'staff.usage.payment', params: { word: ctx.word } });
    if (!this.cards.paid(ticket, fen, ctx.staff.id, ctx.at))
      throw new CommandRefusal({ key: 'staff.refused.already_paid', params: { ticket: ticket.number } });
    return { key: 'staff.reply.card_paid', params: { ticket: ticket.number, amount: formatYuan(fen) } };
  }
}
