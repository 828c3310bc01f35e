import type { Db } from './db.js';

export interface OutboxRow {
  id: number;
  recipient: string;
  text: string;
  conversationKey: string | null;
  attempts: number;
}

/** Messages committed for sending. A row is written with the turn that caused it and sent after. */
export class OutboxRepo {
  private readonly stmts;

  constructor(db: Db) {
    this.stmts = {
      insert: db.prepare(
        `INSERT INTO outbox (recipient, text, conversation_key, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?)`,
      ),
      due: db.prepare(
        // A message waiting for a retry holds back later ones to the same person: replies stay in order.
        `SELECT id, recipient, text, conversation_key AS conversationKey, attempts FROM outbox AS o
         WHERE status = 'pending' AND next_attempt_at <= @now
           AND NOT EXISTS (SELECT 1 FROM outbox AS e WHERE e.status = 'pending' AND e.recipient = o.recipient
                           AND e.id < o.id AND e.next_attempt_at > @now)
         ORDER BY id LIMIT @limit`,
      ),
      sent: db.prepare(`UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1 WHERE id = ?`),
      retry: db.prepare(
        `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?`,
      ),
      failed: db.prepare(
        `UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?`,
      ),
      pendingCount: db.prepare(`SELECT count(*) AS n FROM outbox WHERE status = 'pending'`),
    };
  }

  enqueue(recipient: string, text: string, conversationKey: string | null, at: number): number {
    return Number(this.stmts.insert.run(recipient, text, conversationKey, at, at).lastInsertRowid);
  }

  due(now: number, limit = 100): OutboxRow[] {
    return this.stmts.due.all({ now, limit }) as OutboxRow[];
  }

  markSent(id: number, at: number): void {
    this.stmts.sent.run(at, id);
  }

  markRetry(id: number, nextAttemptAt: number, error: string): void {
    this.stmts.retry.run(nextAttemptAt, error, id);
  }

  markFailed(id: number, error: string): void {
    this.stmts.failed.run(error, id);
  }

  pendingCount(): number {
    return (this.stmts.pendingCount.get() as { n: number }).n;
  }
}
