import type { AuthRepo } from '../store/auth-repo.js';

export interface ThrottlePolicy {
  /** Failures in a row that cost nothing. */
  freeTries: number;
  /** Failures after which the key is locked for `lockMs`. */
  lockAfter: number;
}

/** A staff id: a person mistyping gets three free tries; ten in a row is someone guessing. */
export const STAFF_POLICY: ThrottlePolicy = { freeTries: 3, lockAfter: 10 };
/** A client address: the whole office may share one behind its router, so it gets more. */
export const ADDRESS_POLICY: ThrottlePolicy = { freeTries: 10, lockAfter: 30 };
/** After the free tries each failure doubles the wait before the next try: 1 s, 2 s, 4 s … up to a minute. */
const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 60_000;
const LOCK_MS = 3_600_000;
/** Failures are forgotten after an hour without one. */
const FORGET_AFTER_MS = 3_600_000;

export type ThrottleVerdict = { kind: 'free' } | { kind: 'wait'; seconds: number } | { kind: 'locked' };

/**
 * Console sign-in throttling, per key (a staff id, a client address), kept in SQLite so that a
 * restart does not reset it. A try that must wait is refused without checking the password.
 */
export class SignInThrottle {
  constructor(private readonly repo: AuthRepo) {}

  /** The strictest verdict over the keys. */
  check(keys: Array<[string, ThrottlePolicy]>, now: number): ThrottleVerdict {
    let verdict: ThrottleVerdict = { kind: 'free' };
    for (const [key, policy] of keys) {
      const record = this.current(key, now);
      if (!record) continue;
      if (record.lockedUntil !== null && record.lockedUntil > now) return { kind: 'locked' };
      const waitMs = record.lastAt + delayAfter(record.failures, policy) - now;
      if (waitMs > 0) {
        const seconds = Math.ceil(waitMs / 1000);
        if (verdict.kind === 'free' || seconds > verdict.seconds) verdict = { kind: 'wait', seconds };
      }
    }
    return verdict;
  }

  /** Counts a failure for each key; returns the keys this failure locked, with their count. */
  fail(keys: Array<[string, ThrottlePolicy]>, now: number): Array<{ key: string; failures: number }> {
    const locked: Array<{ key: string; failures: number }> = [];
    for (const [key, policy] of keys) {
      const failures = (this.current(key, now)?.failures ?? 0) + 1;
      const lock = failures >= policy.lockAfter;
      // A lock starts the count afresh: when it lifts, the free tries come back.
      this.repo.saveSignInFailures(key, {
        failures: lock ? 0 : failures,
        lastAt: now,
        lockedUntil: lock ? now + LOCK_MS : null,
      });
      if (lock) locked.push({ key, failures });
    }
    return locked;
  }

  succeeded(key: string): void {
    this.repo.clearSignInFailures(key);
  }

  /** The key's record, unless it is stale (no failure for an hour, and no lock still running). */
  private current(key: string, now: number) {
    const record = this.repo.signInFailures(key);
    if (!record) return undefined;
    const stale = now - record.lastAt >= FORGET_AFTER_MS && (record.lockedUntil === null || record.lockedUntil <= now);
    return stale ? undefined : record;
  }
}

function delayAfter(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.freeTries) return 0;
  return Math.min(FIRST_DELAY_MS * 2 ** (failures - policy.freeTries), MAX_DELAY_MS);
}
