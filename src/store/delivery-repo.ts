import type { Db } from './db.js';

type DeliveryOutcome = 'sent' | 'deferred' | 'skipped' | 'failed';

/**
 * What became of each message: the delivery log (proactive sends, deferrals, failures) and the
 * send times the governor and a platform's per-recipient limits pace by.
 */
export class DeliveryRepo {
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      record: db.prepare('INSERT INTO delivery_log (outbox_id, at, outcome, reason) VALUES (?, ?, ?, ?)'),
      recent: db.prepare(
        `SELECT d.at, o.recipient, d.outcome, d.reason
          FROM delivery_log d JOIN outbox o ON o.id = d.outbox_id ORDER BY d.id DESC LIMIT ?`,
      ),
      lastProactive: db.prepare(
        `SELECT recipient, max(sent_at) AS at FROM outbox WHERE proactive = ? AND status = 'sent' GROUP BY recipient`,
      ),
      proactiveSent: db
        .prepare(
          `SELECT count(*) FROM delivery_log d JOIN outbox o ON o.id = d.outbox_id
         WHERE d.outcome = 'sent' AND d.at >= ? AND o.proactive IS NOT NULL`,
        )
        .pluck(),
      proactiveSendTimes: db
        .prepare(
          `SELECT d.at FROM delivery_log d JOIN outbox o ON o.id = d.outbox_id
         WHERE d.outcome = 'sent' AND d.at >= ? AND o.proactive IS NOT NULL ORDER BY d.at`,
        )
        .pluck(),
      sentTimesTo: db
        .prepare(`SELECT sent_at FROM outbox WHERE recipient = ? AND status = 'sent' AND sent_at >= ? ORDER BY sent_at`)
        .pluck(),
    };
  }

  record(outboxId: number, at: number, outcome: DeliveryOutcome, reason: string | null = null): void {
    this.stmts.record.run(outboxId, at, outcome, reason);
  }

  /** The newest entries of the delivery log. */
  recent(limit: number): Array<{ at: number; recipient: string; outcome: string; reason: string | null }> {
    return this.stmts.recent.all(limit) as never;
  }

  /** When each recipient last got a proactive message of this kind (an arrears reminder, say). */
  lastProactiveSent(kind: string): Map<string, number> {
    return new Map(
      (this.stmts.lastProactive.all(kind) as Array<{ recipient: string; at: number }>).map((r) => [r.recipient, r.at]),
    );
  }

  /** Proactive messages sent since `since` (the daily cap). */
  proactiveSentSince(since: number): number {
    return this.stmts.proactiveSent.get(since) as number;
  }

  /** When each proactive message since `since` was sent, oldest first (the governor's windows after a restart). */
  proactiveSendTimesSince(since: number): number[] {
    return this.stmts.proactiveSendTimes.all(since) as number[];
  }

  /**
   * Per-recipient send times are looked up only for a platform with per-recipient limits (WeCom);
   * the index they need is made then, so other platforms do not pay for it on every send.
   */
  indexSendsByRecipient(): void {
    this.db.exec(
      `CREATE INDEX IF NOT EXISTS outbox_sent_by_recipient ON outbox(recipient, sent_at) WHERE status = 'sent'`,
    );
  }

  /** When messages to `recipient` were sent since `since` (a platform's per-recipient limits). */
  sentTimesTo(recipient: string, since: number): number[] {
    return this.stmts.sentTimesTo.all(recipient, since) as number[];
  }
}
