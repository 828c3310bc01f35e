import type { Db } from './db.js';
import { EarliestDue, type OtherWriters } from './earliest-due.js';

export const COMMITMENT_KINDS = [
  'repair_visit',
  'complaint_reply',
  'callback',
  'payment',
  'card_service',
  'inquiry_reply',
] as const;
export type CommitmentKind = (typeof COMMITMENT_KINDS)[number];
export type CommitmentStatus = 'open' | 'kept' | 'broken' | 'cancelled' | 'renegotiated';

export interface Commitment {
  id: number;
  kind: CommitmentKind;
  party: 'office' | 'resident';
  status: CommitmentStatus;
  dueAt: number;
  warnAt: number | null;
  warnedAt: number | null;
  ticketId: number | null;
  ownerId: string | null;
  residentParty: string | null;
  residentId: string | null;
  unitId: string | null;
  summary: string;
  sourceConversation: string | null;
  sourceMessage: string | null;
  replacesId: number | null;
  createdAt: number;
  settledAt: number | null;
  escalationLevel: number;
  nextEscalationAt: number | null;
  /** For a visit: the start of the promised window (due_at is its end). */
  windowStart: number | null;
}

export type NewCommitment = Pick<Commitment, 'kind' | 'party' | 'dueAt' | 'summary' | 'createdAt'> &
  Partial<
    Pick<
      Commitment,
      | 'warnAt'
      | 'ticketId'
      | 'ownerId'
      | 'residentParty'
      | 'residentId'
      | 'unitId'
      | 'sourceConversation'
      | 'sourceMessage'
      | 'replacesId'
      | 'windowStart'
    >
  >;

type Row = Record<string, unknown>;
const toCommitment = (r: Row): Commitment => ({
  id: r.id as number,
  kind: r.kind as CommitmentKind,
  party: r.party as 'office' | 'resident',
  status: r.status as CommitmentStatus,
  dueAt: r.due_at as number,
  warnAt: r.warn_at as number | null,
  warnedAt: r.warned_at as number | null,
  ticketId: r.ticket_id as number | null,
  ownerId: r.owner_id as string | null,
  residentParty: r.resident_party as string | null,
  residentId: r.resident_id as string | null,
  unitId: r.unit_id as string | null,
  summary: r.summary as string,
  sourceConversation: r.source_conversation as string | null,
  sourceMessage: r.source_message as string | null,
  replacesId: r.replaces_id as number | null,
  createdAt: r.created_at as number,
  settledAt: r.settled_at as number | null,
  escalationLevel: r.escalation_level as number,
  nextEscalationAt: r.next_escalation_at as number | null,
  windowStart: (r.window_start as number | null) ?? null,
});

/** The commitments ledger. Every due-time lookup is an indexed range scan over open rows only. */
export class CommitmentRepo {
  private readonly stmts;
  /** When the ladder next has work (a warning, a deadline, an escalation), known without a query between changes. */
  private readonly earliest: EarliestDue;

  constructor(db: Db, others: OtherWriters) {
    this.stmts = {
      insert: db.prepare(
        `INSERT INTO commitments (kind, party, due_at, warn_at, ticket_id, owner_id, resident_party, resident_id,
          unit_id,
           summary, source_conversation, source_message, replaces_id, created_at, window_start)
         VALUES (@kind, @party, @dueAt, @warnAt, @ticketId, @ownerId, @residentParty, @residentId, @unitId,
           @summary, @sourceConversation, @sourceMessage, @replacesId, @createdAt, @windowStart) RETURNING *`,
      ),
      byId: db.prepare('SELECT * FROM commitments WHERE id = ?'),
      byTicket: db.prepare('SELECT * FROM commitments WHERE ticket_id = ? ORDER BY id'),
      settle: db.prepare(
        `UPDATE commitments SET status = ?, settled_at = ?, next_escalation_at = NULL WHERE id = ? AND status = 'open'`,
      ),
      breach: db.prepare(
        `UPDATE commitments SET status = 'broken', settled_at = ?, escalation_level = ?, next_escalation_at = ?
         WHERE id = ? AND status = 'open'`,
      ),
      escalate: db.prepare('UPDATE commitments SET escalation_level = ?, next_escalation_at = ? WHERE id = ?'),
      stopEscalating: db.prepare(
        'UPDATE commitments SET next_escalation_at = NULL WHERE ticket_id = ? AND next_escalation_at IS NOT NULL',
      ),
      warned: db.prepare('UPDATE commitments SET warned_at = ? WHERE id = ? AND warned_at IS NULL'),
      setOwner: db.prepare(`UPDATE commitments SET owner_id = ? WHERE ticket_id = ? AND status = 'open'`),
      dueBy: db.prepare(`SELECT * FROM commitments WHERE status = 'open' AND due_at <= ? ORDER BY due_at, id LIMIT ?`),
      warnBy: db.prepare(
        `SELECT * FROM commitments WHERE status = 'open' AND warned_at IS NULL AND warn_at <= ? ORDER BY warn_at, id
           LIMIT ?`,
      ),
      escalateBy: db.prepare(
        `SELECT * FROM commitments WHERE next_escalation_at IS NOT NULL AND next_escalation_at <= ?
         ORDER BY next_escalation_at, id LIMIT ?`,
      ),
      nextDue: db.prepare(`SELECT min(due_at) FROM commitments WHERE status = 'open'`).pluck(),
      nextWarn: db.prepare(`SELECT min(warn_at) FROM commitments WHERE status = 'open' AND warned_at IS NULL`).pluck(),
      nextEscalation: db
        .prepare(`SELECT min(next_escalation_at) FROM commitments WHERE next_escalation_at IS NOT NULL`)
        .pluck(),
      all: db.prepare('SELECT * FROM commitments ORDER BY due_at, id'),
      visitsIn: db.prepare(
        `SELECT owner_id AS ownerId, count(*) AS n FROM commitments
         WHERE kind = 'repair_visit' AND status = 'open' AND window_start = ? GROUP BY owner_id`,
      ),
      attach: db.prepare('UPDATE commitments SET ticket_id = ?, owner_id = ? WHERE id = ?'),
      setWarnAt: db.prepare('UPDATE commitments SET warn_at = ? WHERE id = ?'),
    };
    this.earliest = new EarliestDue(() => this.lookUpNextEvent(), others);
  }

  create(commitment: NewCommitment): Commitment {
    this.earliest.lower(Math.min(commitment.dueAt, commitment.warnAt ?? commitment.dueAt));
    return toCommitment(
      this.stmts.insert.get({
        warnAt: null,
        ticketId: null,
        ownerId: null,
        residentParty: null,
        residentId: null,
        unitId: null,
        sourceConversation: null,
        sourceMessage: null,
        replacesId: null,
        windowStart: null,
        ...commitment,
      }) as Row,
    );
  }

  byId(id: number): Commitment | undefined {
    const row = this.stmts.byId.get(id) as Row | undefined;
    return row && toCommitment(row);
  }

  byTicket(ticketId: number): Commitment[] {
    return (this.stmts.byTicket.all(ticketId) as Row[]).map(toCommitment);
  }

  /** Settles an open commitment; false when it was no longer open (settled once, never twice). */
  settle(id: number, status: 'kept' | 'cancelled' | 'renegotiated', at: number): boolean {
    return this.stmts.settle.run(status, at, id).changes === 1;
  }

  /** Marks an open commitment broken and schedules its escalation; false when it was no longer open. */
  breach(id: number, at: number, level: number, nextEscalationAt: number | null): boolean {
    if (nextEscalationAt !== null) this.earliest.lower(nextEscalationAt);
    return this.stmts.breach.run(at, level, nextEscalationAt, id).changes === 1;
  }

  escalate(id: number, level: number, nextEscalationAt: number | null): void {
    if (nextEscalationAt !== null) this.earliest.lower(nextEscalationAt);
    this.stmts.escalate.run(level, nextEscalationAt, id);
  }

  /** The ticket is finished, or a new time agreed: its broken promises go no further up the ladder. */
  stopEscalating(ticketId: number): void {
    this.stmts.stopEscalating.run(ticketId);
  }

  markWarned(id: number, at: number): boolean {
    return this.stmts.warned.run(at, id).changes === 1;
  }

  setOwnerForTicket(ticketId: number, ownerId: string | null): void {
    this.stmts.setOwner.run(ownerId, ticketId);
  }

  dueBy(now: number, limit: number): Commitment[] {
    return (this.stmts.dueBy.all(now, limit) as Row[]).map(toCommitment);
  }

  warnBy(now: number, limit: number): Commitment[] {
    return (this.stmts.warnBy.all(now, limit) as Row[]).map(toCommitment);
  }

  escalateBy(now: number, limit: number): Commitment[] {
    return (this.stmts.escalateBy.all(now, limit) as Row[]).map(toCommitment);
  }

  /** The earliest moment the ladder may have something to do, if any (never later than the real one). */
  nextEventAt(): number | undefined {
    return this.earliest.next();
  }

  /** False only when the ladder has nothing to do by `now`. */
  mayBeDue(now: number): boolean {
    return this.earliest.mayBeDue(now);
  }

  /** Everything due was done (warned, marked broken, escalated): what is next is looked up when asked. */
  doneDue(): void {
    this.earliest.forget();
  }

  private lookUpNextEvent(): number | undefined {
    const times = [this.stmts.nextDue.get(), this.stmts.nextWarn.get(), this.stmts.nextEscalation.get()].filter(
      (t): t is number => typeof t === 'number',
    );
    return times.length > 0 ? Math.min(...times) : undefined;
  }

  /** Open visits per technician in the window starting at `windowStart`. */
  visitsIn(windowStart: number): Map<string | null, number> {
    return new Map(
      (this.stmts.visitsIn.all(windowStart) as Array<{ ownerId: string | null; n: number }>).map((r) => [
        r.ownerId,
        r.n,
      ]),
    );
  }

  /** A held visit becomes the ticket's, with its technician. */
  attach(id: number, ticketId: number, ownerId: string | null): void {
    this.stmts.attach.run(ticketId, ownerId, id);
  }

  setWarnAt(id: number, warnAt: number): void {
    this.earliest.lower(warnAt);
    this.stmts.setWarnAt.run(warnAt, id);
  }

  all(): Commitment[] {
    return (this.stmts.all.all() as Row[]).map(toCommitment);
  }
}
