import type { Db } from './db.js';

/** Failed binding attempts per wechat id, and the lock after too many. */
export class BindingRepo {
  private readonly stmts;

  constructor(db: Db) {
    this.stmts = {
      get: db.prepare('SELECT failures, locked_until AS lockedUntil FROM binding_attempts WHERE wechat_id = ?'),
      fail: db.prepare(
        `INSERT INTO binding_attempts (wechat_id, failures) VALUES (?, 1)
         ON CONFLICT(wechat_id) DO UPDATE SET failures = failures + 1 RETURNING failures`,
      ),
      lock: db.prepare('UPDATE binding_attempts SET locked_until = ?, failures = 0 WHERE wechat_id = ?'),
      clear: db.prepare('DELETE FROM binding_attempts WHERE wechat_id = ?'),
    };
  }

  lockedUntil(wechatId: string, now: number): number | undefined {
    const row = this.stmts.get.get(wechatId) as { lockedUntil: number | null } | undefined;
    return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : undefined;
  }

  /** Counts a failure; returns the failures in a row so far. */
  fail(wechatId: string): number {
    return (this.stmts.fail.get(wechatId) as { failures: number }).failures;
  }

  lock(wechatId: string, until: number): void {
    this.stmts.lock.run(until, wechatId);
  }

  clear(wechatId: string): void {
    this.stmts.clear.run(wechatId);
  }
}
