import type { Db } from './db.js';
import { EarliestDue, type OtherWriters } from './earliest-due.js';

import type { ConversationEvent } from '../../flows/events.js';

/** What a timer delivers: an event into one person's conversation, or a visit reminder. */
export type TimerPayload =
  | { type: 'conversation'; party: string; replyTo: string; event: ConversationEvent }
  | { type: 'visitReminder'; commitmentId: number; moment: 'evening' | 'hour' }
  /**
   * `notes`: progress notes sent since anything last happened (staff acted, or the resident wrote); `since`: when it
   * was armed.
   */
  | {
      type: 'complaintFollowUp';
      ticket: string;
      step: 'filed' | 'update' | 'remind' | 'close';
      notes?: number;
      since?: number;
    }
  | { type: 'arrearsCampaign' };

export interface Timer {
  id: number;
  name: string;
  conversationKey: string | null;
  event: TimerPayload;
  dueAt: number;
}

type Row = { id: number; name: string; conversation_key: string | null; event: string; due_at: number };

const toTimer = (r: Row): Timer => ({
  id: r.id,
  name: r.name,
  conversationKey: r.conversation_key,
  event: JSON.parse(r.event),
  dueAt: r.due_at,
});

/** Durable timers: deadlines that must fire even if the process restarts in between. */
export class TimerRepo {
  private readonly stmts;

  /** Asking "is anything due?" after every message costs no query while nothing is. */
  private readonly earliest: EarliestDue;

  constructor(db: Db, others: OtherWriters) {
    this.stmts = {
      arm: db.prepare(
        `INSERT INTO timers (name, conversation_key, event, due_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(name) DO UPDATE SET conversation_key = excluded.conversation_key, event = excluded.event,
           due_at = excluded.due_at, status = 'pending', fired_at = NULL`,
      ),
      cancel: db.prepare(`UPDATE timers SET status = 'cancelled' WHERE name = ? AND status = 'pending'`),
      fired: db.prepare(`UPDATE timers SET status = 'fired', fired_at = ? WHERE id = ? AND status = 'pending'`),
      nextDue: db.prepare(`SELECT * FROM timers WHERE status = 'pending' AND due_at <= ? ORDER BY due_at, id LIMIT 1`),
      pending: db.prepare(`SELECT * FROM timers WHERE name = ? AND status = 'pending'`),
      earliest: db.prepare(`SELECT min(due_at) FROM timers WHERE status = 'pending'`).pluck(),
    };
    this.earliest = new EarliestDue(() => this.earliestDueAt(), others);
  }

  /** Sets (or moves) the named timer. */
  arm(name: string, conversationKey: string | null, event: Timer['event'], dueAt: number): void {
    this.stmts.arm.run(name, conversationKey, JSON.stringify(event), dueAt);
    // Moving a timer later could leave the known minimum too early: harmless, it only costs a look.
    this.earliest.lower(dueAt);
  }

  cancel(name: string): void {
    this.stmts.cancel.run(name);
  }

  /** Marks a timer fired; false if it was already fired or cancelled meanwhile. */
  markFired(id: number, at: number): boolean {
    this.earliest.forget();
    return this.stmts.fired.run(at, id).changes === 1;
  }

  /** False only when no pending timer can be due by `now`. */
  mayBeDue(now: number): boolean {
    return this.earliest.mayBeDue(now);
  }

  /** The earliest pending timer due at or before `now`. */
  nextDue(now: number): Timer | undefined {
    const row = this.stmts.nextDue.get(now) as Row | undefined;
    // Nothing due after all: the known minimum was stale (a timer moved later); learn it afresh.
    if (!row) this.earliest.forget();
    return row && toTimer(row);
  }

  earliestDueAt(): number | undefined {
    return (this.stmts.earliest.get() as number | null) ?? undefined;
  }

  pending(name: string): Timer | undefined {
    const row = this.stmts.pending.get(name) as Row | undefined;
    return row && toTimer(row);
  }
}
