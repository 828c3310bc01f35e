import type { Logger } from 'pino';
import type { Transport } from '../adapters/transport.js';
import type { Store } from '../store/store.js';
import type { Clock } from './clock.js';

/** Attempts before a message is given up on and left for staff to see in the delivery log. */
const MAX_ATTEMPTS = 5;
const FIRST_RETRY_MS = 5_000;

/**
 * Sends committed outbox rows through the transport, oldest first, and records each delivery.
 * A row is marked sent only after the transport accepted it, so a crash in between re-sends it
 * on restart (at least once) rather than losing it.
 */
export class OutboxDispatcher {
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly store: Store,
    private readonly transport: Transport,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** Sends everything due; concurrent calls share one pass, and a call during a pass causes one more. */
  flush(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      for (let batch = this.store.outbox.due(this.clock.now()); batch.length > 0; batch = this.store.outbox.due(this.clock.now())) {
        for (const row of batch) await this.deliver(row);
      }
    } while (this.again);
  }

  private async deliver(row: { id: number; recipient: string; text: string; attempts: number }): Promise<void> {
    const at = this.clock.now();
    try {
      await this.transport.send({ to: row.recipient, text: row.text, at });
      this.store.outbox.markSent(row.id, at);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (row.attempts + 1 >= MAX_ATTEMPTS) {
        this.store.transaction(() => {
          this.store.outbox.markFailed(row.id, reason);
          this.store.events.record({ at, actor: 'bot', type: 'delivery_failed', ref: row.recipient, data: { outbox: row.id, reason } });
        });
        this.log.error({ outbox: row.id, to: row.recipient, reason }, 'delivery failed for good');
      } else {
        this.store.outbox.markRetry(row.id, at + FIRST_RETRY_MS * 2 ** row.attempts, reason);
        this.log.warn({ outbox: row.id, to: row.recipient, reason }, 'delivery failed, will retry');
      }
    }
  }
}
