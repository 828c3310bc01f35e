import type { PhraseRef } from '../phrases/phrase-ref.js';
import type { Receipts } from '../arrears/receipts.js';
import { formatYuan, yuanToFen } from '../domain/money.js';
import { parseUnit } from '../domain/unit.js';
import type { Store } from '../store/store.js';
import { CommandRefusal, type CommandContext } from './command-context.js';
import type { CardEffects } from '../card/card-effects.js';
import type { Ticket } from '../store/ticket-repo.js';

/** A ticket's number (K12), as opposed to a unit (3-2-1201). */
const TICKET_NUMBER = /^[A-Za-z]\d+$/u;
/** How soon after a payment the same sum for the same home is taken for that payment sent again. */
const REPEAT_WINDOW_MS = 10 * 60_000;

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

  pay(ctx: CommandContext): PhraseRef[] {
    // Typed on a phone's full-width keyboard (３－２－１５０１ １００) as the office's files are read.
    const [unitText, amountText] = ctx.args.map((arg) => arg.normalize('NFKC'));
    const ticket = unitText ? this.store.tickets.byNumber(unitText.toUpperCase()) : undefined;
    if (ticket?.type === 'card') return [this.payForCard(ticket, amountText, ctx)].flat();
    if (!ticket && unitText && TICKET_NUMBER.test(unitText))
      throw new CommandRefusal({ key: 'staff.refused.no_such_ticket', params: { ticket: unitText.toUpperCase() } });
    const unit = unitText ? parseUnit(unitText) : undefined;
    const fen = amountText ? yuanToFen(amountText) : undefined;
    if (!unit || fen === undefined || fen === 0)
      throw new CommandRefusal({ key: 'staff.usage.payment', params: { word: ctx.word } });
    this.refuseRepeat(unit.id, fen, ctx);
    const owed = this.store.community.openArrears(unit.id);
    if (owed.length === 0 && this.store.community.residentsOfUnit(unit.id).length === 0)
      throw new CommandRefusal({ key: 'staff.refused.no_such_unit', params: { unit: unit.id } });
    if (owed.length === 0) throw new CommandRefusal({ key: 'staff.refused.nothing_owed', params: { unit: unit.id } });
    const { paid, unusedFen } = this.store.community.applyPayment(unit.id, fen, ctx.at);
    const { paidFen, remainingFen, receiptSent } = this.receipts.paid(unit.id, paid, ctx.staff.id, ctx.at, fen);
    return [
      {
        key: unusedFen > 0 ? 'staff.reply.paid_over' : 'staff.reply.paid',
        params: {
          unit: unit.id,
          amount: formatYuan(paidFen),
          remaining: formatYuan(remainingFen),
          change: formatYuan(unusedFen),
        },
      },
      // Nobody of the household on WeChat: nobody was sent the receipt, and the desk should know to hand it over.
      { key: receiptSent ? 'staff.reply.receipt_sent' : 'staff.reply.receipt_unsent' },
    ];
  }

  /**
   * The same sum for the same home sent again moments later (a resend, or two colleagues at the desk) is the payment
   * already recorded: taking it twice would tell the household it is settled and the desk to refund money never paid.
   */
  private refuseRepeat(unitId: string, fen: number, ctx: CommandContext): void {
    const same = this.store.events
      .forRef(unitId)
      .filter((e) => e.type === 'payment' && ctx.at - e.at < REPEAT_WINDOW_MS)
      .find((e) => (e.data as { takenFen?: number } | undefined)?.takenFen === fen);
    if (!same) return;
    const by = this.store.community.staffById(same.actor)?.name ?? same.actor;
    throw new CommandRefusal({
      key: 'staff.refused.payment_repeated',
      params: { unit: unitId, amount: formatYuan(fen), name: by },
    });
  }

  /** #交费 K12 30.00: the card fee taken at collection; the resident gets the receipt once. */
  private payForCard(ticket: Ticket, amountText: string | undefined, ctx: CommandContext): PhraseRef | PhraseRef[] {
    const fen = amountText ? yuanToFen(amountText) : undefined;
    if (fen === undefined || fen === 0)
      throw new CommandRefusal({ key: 'staff.usage.payment', params: { word: ctx.word } });
    if (!this.cards.paid(ticket, fen, ctx.staff.id, ctx.at))
      throw new CommandRefusal({ key: 'staff.refused.already_paid', params: { ticket: ticket.number } });
    const paid: PhraseRef = {
      key: 'staff.reply.card_paid',
      params: { ticket: ticket.number, amount: formatYuan(fen) },
    };
    // Not what the standard asks (#交费 K1 20 for a 30.00 card): recorded as taken, and the difference pointed out.
    const due = this.cards.due(ticket, ctx.at);
    return due === undefined || due === fen
      ? paid
      : [paid, { key: 'staff.reply.card_paid_differs', params: { due: formatYuan(due), amount: formatYuan(fen) } }];
  }
}
