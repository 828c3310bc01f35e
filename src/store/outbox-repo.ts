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
        `INSERT INTO outbox (recipient, text, conversation_key, created_at, next_attempt_at, commitment_ids)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      due: db.prepare(
        `SELECT id, recipient, text, conversation_key AS conversationKey, attempts FROM outbox
         WHERE status = 'pending' AND next_attempt_at <= ? AND id > ? ORDER BY id LIMIT ?`,
      ),
      awaitingRetry: db.prepare(
        `SELECT DISTINCT recipient FROM outbox WHERE status = 'pending' AND next_attempt_at > ?`,
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

  /** `commitmentIds`: the promises whose times the text names. */
  enqueue(recipient: string, text: string, conversationKey: string | null, at: number, commitmentIds: number[] = []): number {
    const ids = commitmentIds.length > 0 ? JSON.stringify(commitmentIds) : null;
    return Number(this.stmts.insert.run(recipient, text, conversationKey, at, at, ids).lastInsertRowid);
  }

  /** Rows due by `now`, in order, after the row `afterId` (a cursor, so held rows are not fetched again). */
  due(now: number, afterId: number, limit: number): OutboxRow[] {
    return this.stmts.due.all(now, afterId, limit) as OutboxRow[];
  }

  /** People with a refused message waiting for its retry: later messages to them must wait too. */
  recipientsAwaitingRetry(now: number): Set<string> {
    return new Set((this.stmts.awaitingRetry.all(now) as Array<{ recipient: string }>).map((r) => r.recipient));
  }

  markSent(ids: number[], at: number): void {
    for (const id of ids) this.stmts.sent.run(at, id);
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
