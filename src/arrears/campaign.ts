import type { PhraseRef } from '../phrases/phrase-ref.js';
import { formatYuan } from '../domain/money.js';
import type { Outbound } from '../runtime/outbound.js';
import type { ArrearsItem } from '../store/community-repo.js';
import type { Store } from '../store/store.js';

export interface CampaignOptions {
  /** Units owing less than this (fen) are left alone. */
  minAmountFen: number;
  /** Only this building. */
  building?: string;
  at: number;
  /** A resident reminded within this long is not reminded again. */
  capMs: number;
}

export interface PlannedReminder {
  wechatId: string;
  unitId: string;
  items: ArrearsItem[];
  totalFen: number;
}

export type SkipReason =
  'below_minimum' | 'not_bound' | 'recently_reminded' | 'opted_out' | 'disputed' | 'payment_promised';

export interface CampaignPlan {
  reminders: PlannedReminder[];
  skipped: Array<{ unitId: string; wechatId?: string; reason: SkipReason }>;
}

/**
 * An arrears reminder campaign (收取拖欠): each bound resident of a unit in arrears gets one
 * itemized reminder, with the apology for the disturbance and the question of when they can pay.
 * Planned first (a dry run shows exactly this), then queued as proactive messages for the governor.
 */
export class ArrearsCampaign {
  constructor(
    private readonly store: Store,
    private readonly outbound: Outbound,
  ) {}

  plan(options: CampaignOptions): CampaignPlan {
    const byUnit = new Map<string, ArrearsItem[]>();
    for (const item of this.store.community.allOpenArrears()) {
      if (options.building && item.unitId.split('-')[0] !== options.building) continue;
      byUnit.set(item.unitId, [...(byUnit.get(item.unitId) ?? []), item]);
    }
    const residentsByUnit = new Map<string, string[]>();
    for (const r of this.store.community.allResidents()) {
      if (r.wechatId)
        residentsByUnit.set(r.unitId, [...new Set([...(residentsByUnit.get(r.unitId) ?? []), r.wechatId])]);
    }
    const recently = new Set(
      this.store.events
        .ofTypes(['arrears_reminder'])
        .filter((e) => e.at > options.at - options.capMs)
        .map((e) => e.ref!),
    );
    const optedOut = new Set(this.store.events.ofTypes(['reminder_opt_out']).map((e) => e.ref!));
    const disputed = new Set(
      this.store.tickets
        .allOpen()
        .filter((t) => t.topic === 'arrears_dispute' && t.unitId)
        .map((t) => t.unitId!),
    );
    // A household that has said when it will pay is not asked when it will pay: its promise has its own reminder.
    const promised = new Set(
      this.store.commitments
        .all()
        .filter((c) => c.kind === 'payment' && c.status === 'open' && c.unitId)
        .map((c) => c.unitId!),
    );
    const plan: CampaignPlan = { reminders: [], skipped: [] };
    for (const [unitId, items] of byUnit) {
      if (disputed.has(unitId)) {
        plan.skipped.push({ unitId, reason: 'disputed' });
        continue;
      }
      if (promised.has(unitId)) {
        plan.skipped.push({ unitId, reason: 'payment_promised' });
        continue;
      }
      const totalFen = items.reduce((sum, i) => sum + i.amountFen, 0);
      if (totalFen < options.minAmountFen) {
        plan.skipped.push({ unitId, reason: 'below_minimum' });
        continue;
      }
      const wechatIds = residentsByUnit.get(unitId) ?? [];
      if (wechatIds.length === 0) plan.skipped.push({ unitId, reason: 'not_bound' });
      for (const wechatId of wechatIds) {
        if (optedOut.has(wechatId)) plan.skipped.push({ unitId, wechatId, reason: 'opted_out' });
        else if (recently.has(wechatId)) plan.skipped.push({ unitId, wechatId, reason: 'recently_reminded' });
        else plan.reminders.push({ wechatId, unitId, items, totalFen });
      }
    }
    return plan;
  }

  /** Queues the planned reminders (in one transaction); the running bot sends them at the governor's pace. */
  run(plan: CampaignPlan, at: number): number {
    this.store.transaction(() => {
      for (const r of plan.reminders) {
        const refs: PhraseRef[] = [
          { key: 'arrears.reminder_header', params: { unit: r.unitId } },
          ...r.items.map((i) => ({
            key: 'arrears.item',
            params: { item: i.item, period: i.period, amount: formatYuan(i.amountFen) },
          })),
          { key: 'arrears.total', params: { amount: formatYuan(r.totalFen) } },
          { key: 'arrears.ask_pay_date' },
        ];
        this.outbound.say(r.wechatId, r.wechatId, refs, at, { proactive: 'arrears' });
        this.store.events.record({
          at,
          actor: 'bot',
          type: 'arrears_reminder',
          ref: r.wechatId,
          data: { unit: r.unitId, totalFen: r.totalFen },
        });
      }
      // Who was left out, and why, stays on record beside what was sent.
      for (const s of plan.skipped) {
        this.store.events.record({
          at,
          actor: 'bot',
          type: 'arrears_reminder_skipped',
          ref: s.wechatId ?? s.unitId,
          data: { unit: s.unitId, reason: s.reason },
        });
      }
    });
    return plan.reminders.length;
  }
}
