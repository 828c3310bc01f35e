/** Time as the bot sees it. Nothing else reads `Date.now()`, so tests and simulations control time. */
export interface Clock {
  now(): number;
}

/** Real time, for one-off commands. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that can be moved forward: the simulator's and the tests'. */
export interface SteerableClock extends Clock {
  advanceTo(ms: number): void;
}

/** Stands still until moved: deterministic output for tests and `--now` runs. */
export class ManualClock implements SteerableClock {
  constructor(private current: number) {}
  now(): number {
    return this.current;
  }
  advanceTo(ms: number): void {
    if (ms > this.current) this.current = ms;
  }
  advanceBy(ms: number): void {
    this.advanceTo(this.current + ms);
  }
}

/** Real time plus whatever the user has skipped ahead: the interactive chat's clock. */
export class OffsetClock implements SteerableClock {
  private offset = 0;
  constructor(private readonly real: () => number = Date.now) {}
  now(): number {
    return this.real() + this.offset;
  }
  advanceTo(ms: number): void {
    const gap = ms - this.now();
    if (gap > 0) this.offset += gap;
  }
}
