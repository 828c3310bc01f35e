import type { SteerableClock } from '../domain/clock.js';

/** Something with deadlines: durable timers, the commitments ladder. */
export interface DueSource {
  /** The earliest pending deadline at or before `limit`, if any. */
  nextDueAt(limit: number): number | undefined;
  /** Does everything due by `now`. */
  runDue(now: number): Promise<void>;
}

/**
 * Deadlines → events. Deadlines live in SQLite, not in XState's `after` (which dies with the
 * process), so a restart neither loses nor repeats one.
 */
export class Scheduler {
  constructor(private readonly sources: DueSource[]) {}

  /** Runs everything due by `now`. */
  async runDue(now: number): Promise<void> {
    for (const source of this.sources) await source.runDue(now);
  }

  /**
   * Moves a simulated clock to `target`, stopping at each deadline on the way so events happen
   * in order, at the time they would have happened for real.
   */
  async advanceTo(clock: SteerableClock, target: number): Promise<void> {
    for (;;) {
      const next = this.sources
        .map((s) => s.nextDueAt(target))
        .filter((t): t is number => t !== undefined)
        .reduce<number | undefined>((min, t) => (min === undefined || t < min ? t : min), undefined);
      if (next === undefined) break;
      clock.advanceTo(Math.max(next, clock.now()));
      await this.runDue(clock.now());
    }
    clock.advanceTo(target);
  }
}
