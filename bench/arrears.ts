import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ArrearsCampaign } from '../src/arrears/campaign.js';
import { PhraseCatalog } from '../src/phrases/catalog.js';
import { OutboundGovernor } from '../src/runtime/governor.js';
import { Outbound } from '../src/runtime/outbound.js';
import { Store } from '../src/store/store.js';

const NOW = Date.parse('2026-11-26T02:00:00Z');

/** Planning a campaign over `units` units in arrears, each with a bound resident. */
export function measureCampaignPlan(units: number): { planMs: number; floorMs: number; reminders: number } {
  const store = Store.open(path.join(mkdtempSync(path.join(tmpdir(), 'wuye-bench-campaign-')), 'c.db'));
  const unitId = (i: number) => `${1 + (i % 50)}-${1 + (Math.floor(i / 50) % 4)}-${100 + Math.floor(i / 200)}`;
  store.transaction(() => {
    for (let i = 0; i < units; i++) {
      const id = unitId(i);
      const [building, entrance, room] = id.split('-') as [string, string, string];
      store.community.saveUnit({ id, building, entrance, room });
      store.community.saveResident({ id: `r${i}`, name: 'n', phone: '13800000000', unitId: id, wechatId: `wx_${i}` });
    }
    store.community.saveArrearsBatch(
      Array.from({ length: units * 2 }, (_, i) => ({
        unitId: unitId(i % units),
        item: '物业管理费',
        period: `2026-0${1 + Math.floor(i / units)}`,
        amountFen: 10_000,
      })),
    );
  });
  const campaign = new ArrearsCampaign(store, new Outbound(store, PhraseCatalog.load(), {}));
  const t0 = performance.now();
  const plan = campaign.plan({ minAmountFen: 0, at: NOW, capMs: 7 * 86_400_000 });
  const planMs = performance.now() - t0;
  // The floor: the bare query listing each bound resident's unpaid total, with nothing rendered.
  const t1 = performance.now();
  store.db
    .prepare(
      `SELECT r.wechat_id, a.unit_id, SUM(a.amount_fen) FROM arrears a JOIN residents r ON r.unit_id = a.unit_id
              WHERE a.paid_at IS NULL AND r.wechat_id IS NOT NULL GROUP BY r.wechat_id, a.unit_id`,
    )
    .all();
  const floorMs = performance.now() - t1;
  store.close();
  return { planMs, floorMs, reminders: plan.reminders.length };
}

/**
 * The governor under a backlog: a simulated clock advances in 10 ms steps for 10 minutes with
 * messages always waiting; counts sends per minute and the most in any sliding minute.
 */
export function measureGovernorRate(perMinute: number): {
  meanPerMinute: number;
  maxInAnyMinute: number;
  minGapMs: number;
} {
  const sends: number[] = [];
  let seed = 1;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647; // a fixed pseudo-random jitter
  const governor = new OutboundGovernor(
    { perMinute, perHour: 1000, perDay: 1_000_000, quiet: [], jitterMs: 150 },
    { sentSince: () => sends.length, sendTimesSince: (from) => sends.filter((t) => t >= from) },
    random,
  );
  let waitUntil = 0;
  for (let t = NOW; t < NOW + 10 * 60_000; t += 10) {
    if (t < waitUntil) continue;
    const d = governor.decide(t);
    if (d.send) {
      governor.sent(t);
      sends.push(t);
    } else waitUntil = d.until;
  }
  let max = 0;
  for (let i = 0, j = 0; i < sends.length; i++) {
    while (sends[i]! - sends[j]! >= 60_000) j++;
    max = Math.max(max, i - j + 1);
  }
  const gaps = sends.slice(1).map((t, i) => t - sends[i]!);
  return { meanPerMinute: sends.length / 10, maxInAnyMinute: max, minGapMs: Math.min(...gaps) };
}
