import type { SteerableClock } from './clock.js';
import type { Store } from '../store/store.js';
import type { Timer } from '../store/timer-repo.js';

/**
 * Durable timers → events. Deadlines live in SQLite, not in XState's `after` (which dies with the
 * process), so a restart neither loses nor repeats one.
 */
export class Scheduler {
  constructor(
    private readonly store: Store,
    private readonly fire: (timer: Timer, now: number) => Promise<void>,
  ) {}

  /** Fires every timer due by `now`, oldest first. */
  async runDue(now: number): Promise<number> {
    let fired = 0;
    for (let timer = this.store.timers.nextDue(now); timer; timer = this.store.timers.nextDue(now)) {
      await this.fire(timer, now);
      fired += 1;
    }
    return fired;
  }

  /**
   * Moves a simulated clock to `target`, stopping at each timer's due time on the way so events
   * happen in order and at the time they would have happened for real.
   */
  async advanceTo(clock: SteerableClock, target: number): Promise<number> {
    let fired = 0;
    for (let timer = this.store.timers.nextDue(target); timer; timer = this.store.timers.nextDue(target)) {
      clock.advanceTo(timer.dueAt);
      await this.fire(timer, clock.now());
      fired += 1;
    }
    clock.advanceTo(target);
    return fired;
  }
}
