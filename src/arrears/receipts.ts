import type { PhraseRef } from '../phrases/phrase-ref.js';
import { formatYuan } from '../domain/money.js';
import type { Outbound } from '../runtime/outbound.js';
import type { ArrearsItem } from '../store/community-repo.js';
import type { Store } from '../store/store.js';

/**
 * After a payment (交费后): the itemized receipt with thanks to every bound resident of the unit,
 * and, when nothing is owed any more, the household's promise to pay kept.
 */
export class Receipts {
  constructor(
    private readonly store: Store,
    private readonly outbound: Outbound,
  ) {}

  paid(
    unitId: string,
    items: Array<ArrearsItem & { paidFen: number }>,
    actor: string,
    at: number,
    /** What the desk said it took (#交费), which may be more than was owed. */
    takenFen?: number,
  ): { paidFen: number; remainingFen: number; receiptSent: boolean } {
    const paidFen = items.reduce((sum, i) => sum + i.paidFen, 0);
    const remainingFen = this.store.community.openArrears(unitId).reduce((sum, i) => sum + i.amountFen, 0);
    this.store.events.record({
      at,
      actor,
      type: 'payment',
      ref: unitId,
      data: { paidFen, items: items.length, remainingFen, ...(takenFen !== undefined && { takenFen }) },
    });
    if (remainingFen === 0) this.keepPromises(unitId, actor, at);
    const receipt: PhraseRef[] = [
      { key: 'arrears.receipt_header', params: { unit: unitId, amount: formatYuan(paidFen) } },
      ...items.map((i) => ({
        key: 'arrears.receipt_item',
        params: { item: i.item, period: i.period, amount: formatYuan(i.paidFen) },
      })),
      remainingFen > 0
        ? { key: 'arrears.receipt_remaining', params: { amount: formatYuan(remainingFen) } }
        : { key: 'arrears.receipt_settled' },
      { key: 'arrears.receipt_thanks' },
    ];
    const residents = new Set(
      this.store.community
        .residentsOfUnit(unitId)
        .map((r) => r.wechatId)
        .filter((w): w is string => w !== null),
    );
    for (const wechatId of residents) this.outbound.say(wechatId, wechatId, receipt, at);
    return { paidFen, remainingFen, receiptSent: residents.size > 0 };
  }

  private keepPromises(unitId: string, actor: string, at: number): void {
    for (const c of this.store.commitments.all()) {
      if (
        c.kind === 'payment' &&
        c.status === 'open' &&
        c.unitId === unitId &&
        this.store.commitments.settle(c.id, 'kept', at)
      ) {
        this.store.events.record({ at, actor, type: 'commitment_kept', ref: unitId, data: { id: c.id, kind: c.kind } });
      }
    }
  }
}
