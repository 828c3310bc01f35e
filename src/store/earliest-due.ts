import type { Db } from './db.js';

/**
 * The earliest due time among a table's pending rows, as far as this process knows, so that "is
 * anything due?" after every message costs no query while nothing is. It errs only early: every
 * write that adds a row or moves one earlier lowers it as it happens (a write undone by a rollback
 * leaves it early, which costs one look); rows settled or moved later make it `forget`, and it is
 * looked up again when next asked. A commit by another process (a CLI command queueing reminders)
 * changes SQLite's data_version, and then it is looked up again too.
 */
export class EarliestDue {
  private earliest: number | undefined;
  private stale = true;
  /** Rows due at or before this were all seen when it was set (`forget(floor)`); the lookup skips them. */
  private floor = -Infinity;

  constructor(
    /** The earliest due time of pending rows due after `floor`. */
    private readonly lookup: (floor: number) => number | undefined,
    private readonly others: OtherWriters,
  ) {}

  /** A row due at `at` was added, or one moved to `at`. */
  lower(at: number): void {
    if (this.earliest === undefined || at < this.earliest) this.earliest = at;
  }

  /** Look again when next asked; `floor`: every row due by then has been dealt with or is being. */
  forget(floor = -Infinity): void {
    this.stale = true;
    this.earliest = undefined;
    this.floor = floor;
  }

  /** The earliest due time, or undefined when nothing is pending. */
  next(): number | undefined {
    if (this.others.wrote(this)) this.forget();
    if (this.stale) {
      this.stale = false;
      const found = this.lookup(this.floor);
      if (found !== undefined) this.lower(found);
    }
    return this.earliest;
  }

  /** False only when nothing pending can be due by `now`. */
  mayBeDue(now: number): boolean {
    const next = this.next();
    return next !== undefined && next <= now;
  }
}

/**
 * Tells each reader once whether another connection has committed since it last asked. SQLite's
 * data_version costs a few microseconds, more than the rest of the question: it is read at most
 * once per turn of the event loop (a burst of messages handled in one turn shares one reading).
 */
export class OtherWriters {
  private readonly version;
  private readonly seen = new WeakMap<object, number>();
  private current: number | undefined;

  constructor(db: Db) {
    this.version = db.prepare('PRAGMA data_version').pluck();
  }

  wrote(reader: object): boolean {
    if (this.current === undefined) {
      this.current = this.version.get() as number;
      setImmediate(() => {
        this.current = undefined;
      }).unref();
    }
    const before = this.seen.get(reader);
    this.seen.set(reader, this.current);
    return before !== undefined && before !== this.current;
  }
}
