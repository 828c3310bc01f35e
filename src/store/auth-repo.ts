import { createHash } from 'node:crypto';
import type { Db } from './db.js';

export interface ConsoleSession {
  /** SHA-256 of the cookie's value: the value itself is never stored. */
  idHash: string;
  staffId: string;
  expiresAt: number;
}

export interface SignInFailures {
  failures: number;
  lastAt: number;
  lockedUntil: number | null;
}

/** Staff passwords (hashed), console sessions (by hash), and failed sign-ins. */
export class AuthRepo {
  private readonly stmts;

  constructor(db: Db) {
    this.stmts = {
      setPassword: db.prepare(
        `INSERT INTO staff_credentials (staff_id, password_hash, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(staff_id) DO UPDATE SET password_hash = excluded.password_hash, updated_at = excluded.updated_at`,
      ),
      passwordHash: db.prepare('SELECT password_hash FROM staff_credentials WHERE staff_id = ?').pluck(),
      openSession: db.prepare('INSERT INTO console_sessions (id_hash, staff_id, expires_at) VALUES (?, ?, ?)'),
      session: db.prepare(
        `SELECT id_hash AS idHash, staff_id AS staffId, expires_at AS expiresAt FROM console_sessions
           WHERE id_hash = ? AND expires_at > ?`,
      ),
      closeSession: db.prepare('DELETE FROM console_sessions WHERE id_hash = ?'),
      closeExpired: db.prepare('DELETE FROM console_sessions WHERE expires_at <= ?'),
      closeAllFor: db.prepare('DELETE FROM console_sessions WHERE staff_id = ?'),
      failures: db.prepare(
        'SELECT failures, last_at AS lastAt, locked_until AS lockedUntil FROM signin_failures WHERE key = ?',
      ),
      saveFailures: db.prepare(
        `INSERT INTO signin_failures (key, failures, last_at, locked_until) VALUES (@key, @failures, @lastAt,
          @lockedUntil)
         ON CONFLICT(key) DO UPDATE SET failures = excluded.failures, last_at = excluded.last_at,
           locked_until = excluded.locked_until`,
      ),
      clearFailures: db.prepare('DELETE FROM signin_failures WHERE key = ?'),
    };
  }

  /** A new password ends every session the staff member had, and lifts a sign-in lock on the id. */
  setPassword(staffId: string, hash: string, at: number): void {
    this.stmts.setPassword.run(staffId, hash, at);
    this.stmts.closeAllFor.run(staffId);
    this.stmts.clearFailures.run(staffKey(staffId));
  }

  passwordHash(staffId: string): string | undefined {
    return this.stmts.passwordHash.get(staffId) as string | undefined;
  }

  openSession(session: ConsoleSession, now: number): void {
    this.stmts.closeExpired.run(now);
    this.stmts.openSession.run(session.idHash, session.staffId, session.expiresAt);
  }

  session(idHash: string, now: number): ConsoleSession | undefined {
    return this.stmts.session.get(idHash, now) as ConsoleSession | undefined;
  }

  closeSession(idHash: string): void {
    this.stmts.closeSession.run(idHash);
  }

  signInFailures(key: string): SignInFailures | undefined {
    return this.stmts.failures.get(key) as SignInFailures | undefined;
  }

  saveSignInFailures(key: string, record: SignInFailures): void {
    this.stmts.saveFailures.run({ key, ...record });
  }

  clearSignInFailures(key: string): void {
    this.stmts.clearFailures.run(key);
  }
}

/**
 * The throttle's keys: per staff id as typed, and per client address. The id is kept by its hash:
 * what people type into the id field is sometimes their password.
 */
export const staffKey = (typedId: string) => `staff:${createHash('sha256').update(typedId).digest('hex')}`;
export const addressKey = (address: string) => `address:${address}`;
