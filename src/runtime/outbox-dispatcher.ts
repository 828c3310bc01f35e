import type { Logger } from '../log.js';
import { DeliveryDeferred, RecipientUnreachable, type Transport } from './transport.js';
import type { RichContent } from '../domain/messages.js';
import { RecipientLimits } from './recipient-limits.js';
import { DUE_BATCH, type OutboxRow } from '../store/outbox-repo.js';
import type { Store } from '../store/store.js';
import { CLOSED_TICKET_STATUSES } from '../store/ticket-repo.js';
import type { Clock } from '../domain/clock.js';
import type { OutboundGovernor } from './governor.js';

/** Attempts before a message is given up on and left for staff to see in the delivery log. */
const MAX_ATTEMPTS = 5;
const FIRST_RETRY_MS = 5_000;

/**
 * Sends committed outbox rows through the transport, oldest first, and records each delivery.
 * A row is marked sent only after the transport accepted it, with the next commit (the next
 * turn's, or its own once the event loop is idle), so a crash in between re-sends it on restart
 * (at least once) rather than losing it.
 */
export class OutboxDispatcher {
  private running: Promise<void> | undefined;
  /** Sends taken by a transport that writes in batches, until they are written. */
  private marking: Promise<void> = Promise.resolve();
  private again = false;
  private commitScheduled = false;
  /** True from start-up (an earlier run may have left retries) and after each refusal. */
  private mayHaveRetries = true;

  private readonly recipientLimits: RecipientLimits | undefined;

  constructor(
    private readonly store: Store,
    private readonly transport: Transport,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly governor?: OutboundGovernor,
    /** Told, inside the transaction, when a person can no longer be reached until they write (staff step in). */
    private readonly onHeld?: (recipient: string, at: number) => void,
  ) {
    if (transport.recipientLimits) store.deliveries.indexSendsByRecipient();
    this.recipientLimits =
      transport.recipientLimits &&
      new RecipientLimits(transport.recipientLimits, (r, since) => store.deliveries.sentTimesTo(r, since));
  }

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
      // Asked after every message: most of the time nothing is waiting, and the outbox knows it without a query.
      if (!this.store.outbox.mayBeDue(this.clock.now())) continue;
      let batch: OutboxRow[];
      let cursor = 0;
      do {
        const now = this.clock.now();
        batch = this.store.outbox.due(now, cursor);
        cursor = batch.at(-1)?.id ?? cursor;
        // Replies to one person stay in order: after a refusal, the rest wait for its retry.
        const held = batch.length > 0 ? this.recipientsAwaitingRetry(now) : new Set<string>();
        const sent: OutboxRow[] = [];
        try {
          for (const row of batch) {
            if (held.has(row.recipient)) {
              this.store.outbox.passOver();
              continue;
            }
            // Held for the morning, overtaken meanwhile: the matter it apologised for or announced is finished.
            if (row.lapsesWith && this.finished(row.lapsesWith)) {
              this.store.outbox.markLapsed(row.id, `lapsed: ${row.lapsesWith} finished before it could go`, now);
              continue;
            }
            // A message the office sends first waits for the governor; a reply never does.
            if (row.proactive && this.governor) {
              const decision = this.governor.decide(this.clock.now());
              if (!decision.send) {
                this.store.outbox.defer(row.id, decision.until, this.clock.now(), decision.reason);
                continue;
              }
            }
            // The platform's own limit per recipient: waited for, never reached (it would drop the message).
            const allowedAt = this.recipientLimits?.nextAllowed(row.recipient, this.clock.now()) ?? 0;
            if (allowedAt > this.clock.now()) {
              this.store.outbox.defer(row.id, allowedAt, this.clock.now(), 'recipient_limit');
              held.add(row.recipient);
              continue;
            }
            if (await this.deliver(row)) {
              sent.push(row);
              this.recipientLimits?.record(row.recipient, this.clock.now());
              if (row.proactive) this.governor?.sent(this.clock.now());
            } else held.add(row.recipient);
          }
        } finally {
          // Marked sent with the next commit: the next turn's when one is already waiting (a busy
          // bot pays one commit per turn), else its own once the event loop is idle. A transport
          // that writes in batches has them marked once written.
          if (sent.length > 0) this.taken(sent);
        }
      } while (batch.length === DUE_BATCH);
    } while (this.again);
  }

  private taken(rows: OutboxRow[]): void {
    if (!this.transport.written) return this.noteSent(rows);
    this.store.outbox.noteTaken(rows);
    const marked = this.transport.written().then(() => this.noteSent(rows));
    this.marking = this.marking.then(() => marked);
  }

  /** Resolves once everything the transport took is marked to be written with the next commit. */
  settled(): Promise<void> {
    return this.marking;
  }

  private noteSent(rows: OutboxRow[]): void {
    this.store.outbox.noteSent(rows, this.clock.now());
    if (this.commitScheduled) return;
    this.commitScheduled = true;
    setImmediate(() => {
      this.commitScheduled = false;
      try {
        if (this.store.db.open) this.store.commitNoted();
      } catch (error) {
        // Still noted: the next turn's commit writes them.
        this.log.warn({ err: error }, 'could not write delivery marks yet');
      }
    });
  }

  private finished(ticketNumber: string): boolean {
    const status = this.store.tickets.byNumber(ticketNumber)?.status;
    return status !== undefined && CLOSED_TICKET_STATUSES.includes(status);
  }

  /** Asks the database only while a refusal may still be waiting: once none is, until the next refusal. */
  private recipientsAwaitingRetry(now: number): Set<string> {
    if (!this.mayHaveRetries) return new Set();
    const held = this.store.outbox.recipientsAwaitingRetry(now);
    this.mayHaveRetries = held.size > 0;
    return held;
  }

  /** True when the transport took the message. */
  private async deliver(row: OutboxRow): Promise<boolean> {
    const at = this.clock.now();
    try {
      await this.transport.send({
        to: row.recipient,
        text: row.text,
        at,
        id: row.id,
        ...(row.rich && { rich: JSON.parse(row.rich) as RichContent }),
      });
      return true;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (error instanceof DeliveryDeferred) {
        this.store.outbox.defer(row.id, error.until, at, reason);
        return false;
      }
      if (error instanceof RecipientUnreachable) {
        this.store.transaction(() => {
          const first = this.store.outbox.heldFor(row.recipient) === 0;
          this.store.outbox.hold(row.id, reason, at);
          if (first && error.tellStaff) this.onHeld?.(row.recipient, at);
        });
        this.log.warn({ outbox: row.id, to: row.recipient, reason }, 'recipient unreachable until they write again');
        return false;
      }
      if (row.attempts + 1 >= MAX_ATTEMPTS) {
        this.store.transaction(() => {
          this.store.outbox.markFailed(row.id, reason, at);
          this.store.events.record({
            at,
            actor: 'bot',
            type: 'delivery_failed',
            ref: row.recipient,
            data: { outbox: row.id, reason },
          });
        });
        this.log.error({ outbox: row.id, to: row.recipient, reason }, 'delivery failed for good');
      } else {
        this.store.outbox.markRetry(row.id, at + FIRST_RETRY_MS * 2 ** row.attempts, reason, at);
        this.mayHaveRetries = true;
        this.log.warn({ outbox: row.id, to: row.recipient, reason }, 'delivery failed, will retry');
      }
      return false;
    }
  }
}
