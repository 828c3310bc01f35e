import type { Db } from './db.js';

/**
 * Failed binding attempts: in a row per wechat id (and that id's lock), and by time per unit and
 * overall (and the locks placed on a unit, or on all chat binding, when those grow too many).
 */
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
      recordFailure: db.prepare('INSERT INTO binding_failures (at, wechat_id, unit_id) VALUES (?, ?, ?)'),
      forgetBefore: db.prepare('DELETE FROM binding_failures WHERE at < ?'),
      unitFailures: db.prepare('SELECT count(*) FROM binding_failures WHERE unit_id = ? AND at > ?').pluck(),
      allFailures: db.prepare('SELECT count(*) FROM binding_failures WHERE at > ?').pluck(),
      scopeLock: db.prepare(
        'SELECT placed_at AS placedAt, locked_until AS lockedUntil FROM binding_locks WHERE scope = ?',
      ),
      lockScope: db.prepare(
        `INSERT INTO binding_locks (scope, placed_at, locked_until) VALUES (?, ?, ?)
         ON CONFLICT(scope) DO UPDATE SET placed_at = excluded.placed_at, locked_until = excluded.locked_until`,
      ),
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

  /**
   * Notes a failure on a unit, from whichever id, and returns how many that unit and all units
   * have had since `since` (and since their last lock was placed: a lifted lock starts afresh).
   */
  recordFailure(wechatId: string, unitId: string, at: number, since: number): { unit: number; all: number } {
    this.stmts.forgetBefore.run(since);
    this.stmts.recordFailure.run(at, wechatId, unitId);
    const after = (scope: string) => Math.max(since - 1, this.scopeLock(scope)?.placedAt ?? 0);
    return {
      unit: this.stmts.unitFailures.get(unitId, after(unitScope(unitId))) as number,
      all: this.stmts.allFailures.get(after(ALL)) as number,
    };
  }

  /** Until when a unit's chat binding, or all of it, is locked; undefined when it is not. */
  scopeLockedUntil(scope: string, now: number): number | undefined {
    const lock = this.scopeLock(scope);
    return lock && lock.lockedUntil > now ? lock.lockedUntil : undefined;
  }

  lockScope(scope: string, at: number, until: number): void {
    this.stmts.lockScope.run(scope, at, until);
  }

  private scopeLock(scope: string): { placedAt: number; lockedUntil: number } | undefined {
    return this.stmts.scopeLock.get(scope) as { placedAt: number; lockedUntil: number } | undefined;
  }
}

/** The scope of every chat binding at once. */
export const ALL = 'all';
export const unitScope = (unitId: string) => `unit:${unitId}`;
