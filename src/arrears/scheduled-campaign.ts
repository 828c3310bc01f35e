import { fromWallClock, inZone } from '../domain/time.js';
import type { Store } from '../store/store.js';
import type { ArrearsCampaign } from './campaign.js';

const TIMER = 'campaign:arrears';
/** Reminders go out mid-morning on the configured day: well inside the allowed hours. */
const HOUR = 10;
const WEEK_MS = 7 * 86_400_000;

/** The arrears reminders on a day of each month (WUYE_ARREARS_REMINDER_DAY), as a durable timer. */
export class ScheduledCampaign {
  constructor(
    private readonly store: Store,
    private readonly campaign: ArrearsCampaign,
    private readonly dayOfMonth: number,
  ) {}

  /** Arms the next run unless one is already pending (call at start-up). */
  ensureArmed(now: number): void {
    if (!this.store.timers.pending(TIMER)) this.arm(now);
  }

  runScheduled(now: number): void {
    const plan = this.campaign.plan({ minAmountFen: 0, at: now, capMs: WEEK_MS });
    this.campaign.run(plan, now);
    this.store.events.record({
      at: now,
      actor: 'bot',
      type: 'campaign_run',
      ref: TIMER,
      data: { reminders: plan.reminders.length, skipped: plan.skipped.length },
    });
    this.arm(now);
  }

  /** The next configured day at 10:00 after `now`. */
  nextRun(now: number): number {
    const today = inZone(now);
    for (const months of [0, 1]) {
      const month = today.add(months, 'month');
      const at = fromWallClock(month.year(), month.month() + 1, this.dayOfMonth, HOUR, 0);
      if (at > now) return at;
    }
    throw new Error('unreachable: a day of next month is always later');
  }

  private arm(now: number): void {
    this.store.timers.arm(TIMER, null, { type: 'arrearsCampaign' }, this.nextRun(now));
  }
}
