import type { Db } from './db.js';

export interface ConsoleSession {
  id: string;
  staffId: string;
  csrf: string;
  expiresAt: number;
}

/** Staff passwords (hashed) and console sessions. */
export class AuthRepo {
  private readonly stmts;

  constructor(db: Db) {
    this.stmts = {
      setPassword: db.prepare(
        `INSERT INTO staff_credentials (staff_id, password_hash, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(staff_id) DO UPDATE SET password_hash = excluded.password_hash, updated_at = excluded.updated_at`,
      ),
      passwordHash: db.prepare('SELECT password_hash FROM staff_credentials WHERE staff_id = ?').pluck(),
      openSession: db.prepare('INSERT INTO console_sessions (id, staff_id, csrf, expires_at) VALUES (?, ?, ?, ?)'),
      session: db.prepare('SELECT id, staff_id AS staffId, csrf, expires_at AS expiresAt FROM console_sessions WHERE id = ? AND expires_at > ?'),
      closeSession: db.prepare('DELETE FROM console_sessions WHERE id = ?'),
      closeExpired: db.prepare('DELETE FROM console_sessions WHERE expires_at <= ?'),
      closeAllFor: db.prepare('DELETE FROM console_sessions WHERE staff_id = ?'),
    };
  }

  /** A new password ends every session the staff member had. */
  setPassword(staffId: string, hash: string, at: number): void {
    this.stmts.setPassword.run(staffId, hash, at);
    this.stmts.closeAllFor.run(staffId);
  }

  passwordHash(staffId: string): string | undefined {
    return this.stmts.passwordHash.get(staffId) as string | undefined;
  }

  openSession(session: ConsoleSession, now: number): void {
    this.stmts.closeExpired.run(now);
    this.stmts.openSession.run(session.id, session.staffId, session.csrf, session.expiresAt);
  }

  session(id: string, now: number): ConsoleSession | undefined {
    return this.stmts.session.get(id, now) as ConsoleSession | undefined;
  }

  closeSession(id: string): void {
    this.stmts.closeSession.run(id);
  }
}
