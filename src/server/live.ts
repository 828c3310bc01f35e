import { EventEmitter } from 'node:events';
import type { Db } from '../store/db.js';

/** How often the database is looked at for changes made elsewhere (a message, the ladder, another process). */
const LOOK_EVERY_MS = 1000;

/**
 * Tells open console pages that the data behind them changed: when a console action says so, and
 * when the audit log, the inbox or the outbox has grown (whatever made the change).
 */
export class LiveFeed {
  private readonly events = new EventEmitter().setMaxListeners(0);
  private last = '';
  private timer: NodeJS.Timeout | undefined;
  private readonly fingerprint;

  constructor(
    db: Db,
    private readonly clock: () => number,
  ) {
    // A phone number revealed is audited, but changes nothing shown: the page that revealed it must
    // not reload (and lose it). Read from the newest event backwards: it stops at once.
    this.fingerprint = db
      .prepare(
        `SELECT (SELECT id FROM events WHERE type <> 'phone_revealed' ORDER BY id DESC
           LIMIT 1) || '/' || (SELECT max(id) FROM inbound_messages) || '/' || (SELECT max(id) FROM outbox)`,
      )
      .pluck();
  }

  watch(listener: () => void): () => void {
    this.events.on('changed', listener);
    this.timer ??= setInterval(() => this.look(), LOOK_EVERY_MS);
    return () => {
      this.events.off('changed', listener);
      if (this.events.listenerCount('changed') === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  }

  changed(): void {
    this.events.emit('changed');
  }

  /**
   * What a page was rendered from (data, and the clock's minute: near-due and overdue colours move
   * with time): a page that reconnects after a reload sends it back, and hears at once if something
   * changed while it was not listening.
   */
  version(): string {
    return `${String(this.fingerprint.get())}@${Math.floor(this.clock() / 60_000)}`;
  }

  private look(): void {
    const now = this.version();
    if (this.last && now !== this.last) this.changed();
    this.last = now;
  }
}
