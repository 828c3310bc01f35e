import type { PhraseRef } from '../phrases/phrase-ref.js';
import { formatYuan } from '../domain/money.js';
import type { Outbound } from '../runtime/outbound.js';
import type { Store } from '../store/store.js';
import type { FeeStandards } from '../fees/fee-standards.js';

interface Scope {
  conversationKey: string;
  replyTo: string;
  sender: { wechatId: string };
  at: number;
}

/**
 * Itemized arrears, shown only to a resident bound to the unit. Anyone else learns nothing —
 * not even whether the unit exists or owes anything.
 */
export class Statements {
  constructor(
    private readonly store: Store,
    private readonly outbound: Outbound,
    private readonly fees: FeeStandards,
  ) {}

  show(scope: Scope, unit?: string): void {
    // Who is bound is looked up now: the binding may have happened earlier in this same turn.
    const units = [...new Set(this.store.community.residentsByWechat(scope.sender.wechatId).map((r) => r.unitId))];
    const say = (refs: PhraseRef[]) => this.outbound.say(scope.replyTo, scope.conversationKey, refs, scope.at);
    if (units.length === 0) return say([{ key: 'binding.ask_unit' }]);
    if (unit && !units.includes(unit)) return say([{ key: 'arrears.not_your_unit' }]);
    const lines: PhraseRef[] = [];
    let owed = false;
    for (const u of unit ? [unit] : units) {
      const items = this.store.community.openArrears(u);
      if (items.length === 0) {
        lines.push({ key: 'arrears.none', params: { unit: u } });
        continue;
      }
      owed = true;
      lines.push({ key: 'arrears.header', params: { unit: u } });
      for (const item of items)
        lines.push({
          key: 'arrears.item',
          params: { item: item.item, period: item.period, amount: formatYuan(item.amountFen) },
        });
      const late = items.reduce((sum, i) => sum + this.fees.lateFee(i.amountFen, i.period, scope.at), 0);
      if (late > 0) lines.push({ key: 'arrears.late_fee', params: { amount: formatYuan(late) } });
      lines.push({
        key: 'arrears.total',
        params: { amount: formatYuan(items.reduce((sum, i) => sum + i.amountFen, 0) + late) },
      });
    }
    // How to pay only when something is owed: "nothing owed, and here is how to pay" reads as a bill after all.
    if (owed) lines.push({ key: 'arrears.how_to_pay' });
    say(lines);
  }
}
