import type { Db } from './db.js';
import type { DeliveryRepo } from './delivery-repo.js';
import { EarliestDue, type OtherWriters } from './earliest-due.js';
import type { TransactionHook } from './transaction-hook.js';

export interface OutboxRow {
  id: number;
  recipient: string;
  text: string;
  conversationKey: string | null;
  attempts: number;
  /** Set for a message the office sends first (reminder, notice): the governor paces it. */
  proactive: string | null;
  /** JSON of RichContent, or null for plain text. */
  rich: string | null;
  /**
   * A ticket whose finishing makes this message moot before it goes out (an apology or "已受理" held for the
   * morning, the matter done by then): it is then not sent.
   */
  lapsesWith?: string | null;
}

/**
 * Rows fetched per `due` call. A literal in the SQL, not a bound LIMIT: SQLite re-plans a
 * statement whose LIMIT is a parameter on every call (about 5 us a time, once per message).
 */
export const DUE_BATCH = 100;

/** Rows kept in memory for the next pass of the dispatcher (`ready`); past it, the pass asks the database. */
const READY_KEPT = 10_000;

/** A send the transport took, waiting for the commit that marks it: when, and whether the office spoke first. */
type NotedSend = { at: number; proactive: string | null };

/** Messages committed for sending. A row is written with the turn that caused it and sent after. */
export class OutboxRepo {
  private readonly stmts;
  /** Whether any message may be held for its recipient; found out once, then kept up to date. */
  private anyHeld: boolean | undefined;
  /**
   * Sends the transport took whose "sent" marks wait for the next commit (`recordSends`): a turn
   * then costs one commit, not two. Until written they are still pending on disk, so `due` skips
   * them; a crash before the write re-sends them (at least once, as between any send and its mark).
   */
  private unrecorded = new Map<number, NotedSend>();
  /** Rows a transport that writes in batches has taken but not yet written: sent again after a crash. */
  private readonly taken = new Set<number>();
  /**
   * The newest row taken by the transport. A pass of the dispatcher starts after it: every older
   * row still pending was taken, or waits for a time, or was passed over for its recipient or held
   * for them until they write (then `olderDue` makes the next pass start from the beginning), so a
   * burst of rows not yet marked sent is not fetched again and again.
   */
  private newestTaken = 0;
  private olderDue = false;
  /** Marks written by the open transaction: dropped when it commits, noted again if it rolls back. */
  private recording = new Map<number, NotedSend>();
  /**
   * The dispatcher is asked to send after every message and need not look while nothing can be
   * due: messages queued since its last pass started (`fresh`), or waiting for a time (a retry,
   * the end of quiet hours) that has come.
   */
  private fresh = true;
  private readonly waiting: EarliestDue;
  /**
   * Rows queued by this process's open transaction, due at once: they join `ready` when it commits,
   * and are forgotten if it rolls back.
   */
  private queuing: Array<OutboxRow & { dueAt: number }> = [];
  /**
   * Rows queued here, committed and due at once, not yet fetched: when nothing older may be due and
   * nobody else wrote (`due`), exactly what the query after `newestTaken` finds, handed out without it.
   */
  private readonly ready = new Map<number, OutboxRow & { dueAt: number }>();
  /** Set when `ready` let go of rows it was too full to keep: the next pass asks the database. */
  private readyOverflowed = false;
  /**
   * Set when a full batch came back short of rows already taken: the dispatcher's pass ends there,
   * before the rows after them, and the next pass asks the database for them as before.
   */
  private cutShort = false;

  constructor(
    private readonly db: Db,
    others: OtherWriters,
    private readonly deliveries: DeliveryRepo,
    onTransaction: (hook: TransactionHook) => void,
  ) {
    this.stmts = {
      insert: db.prepare(
        `INSERT INTO outbox (recipient, text, conversation_key, created_at, next_attempt_at, commitment_ids,
          proactive, rich, lapses_with)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      due: db.prepare(
        `SELECT id, recipient, text, conversation_key AS conversationKey, attempts, proactive, rich,
           lapses_with AS lapsesWith FROM outbox
         WHERE status = 'pending' AND next_attempt_at <= ? AND id > ? ORDER BY id LIMIT ${DUE_BATCH}`,
      ),
      awaitingRetry: db.prepare(
        // Only refusals and held messages hold later messages back; a reminder waiting for morning does not.
        `SELECT recipient FROM outbox WHERE status = 'pending' AND next_attempt_at > ? AND attempts > 0
         UNION SELECT recipient FROM outbox WHERE status = 'held'`,
      ),
      sent: db.prepare(`UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1 WHERE id = ?`),
      retry: db.prepare(`UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?`),
      failed: db.prepare(`UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?`),
      byId: db.prepare('SELECT recipient, status FROM outbox WHERE id = ?'),
      failedAfterSend: db.prepare(
        `UPDATE outbox SET status = 'failed', last_error = ? WHERE id = ? AND status = 'sent'`,
      ),
      heldCopy: db.prepare(
        `INSERT INTO outbox (recipient, text, conversation_key, created_at, next_attempt_at, commitment_ids,
          proactive, rich, lapses_with, status, last_error)
         SELECT recipient, text, conversation_key, ?, ?, commitment_ids, proactive, rich, lapses_with, 'held', ?
           FROM outbox
           WHERE id = ?`,
      ),
      // Held messages wait to be sent too. Two counts, each over its own partial index, where IN would scan the table.
      pendingCount: db.prepare(
        `SELECT (SELECT count(*) FROM outbox WHERE status = 'pending') + (SELECT count(*) FROM outbox
          WHERE status = 'held') AS n`,
      ),
      defer: db.prepare('UPDATE outbox SET next_attempt_at = ? WHERE id = ?'),
      hold: db.prepare(`UPDATE outbox SET status = 'held', last_error = ? WHERE id = ?`),
      release: db.prepare(
        `UPDATE outbox SET status = 'pending', next_attempt_at = ?, last_error = NULL
          WHERE recipient = ? AND status = 'held'`,
      ),
      anyHeld: db.prepare(`SELECT 1 FROM outbox WHERE status = 'held' LIMIT 1`).pluck(),
      heldFor: db.prepare(`SELECT count(*) FROM outbox WHERE recipient = ? AND status = 'held'`).pluck(),
      earliest: db
        .prepare(`SELECT min(next_attempt_at) FROM outbox WHERE status = 'pending' AND next_attempt_at > ?`)
        .pluck(),
    };
    // Rows due by the floor were all fetched by a pass of the dispatcher (taken, or waiting behind a
    // refusal to the same person); with no floor (start-up, another process wrote) every pending row counts.
    this.waiting = new EarliestDue((floor) => this.nextWaitingAfter(Math.max(floor, Number.MIN_SAFE_INTEGER)), others);
    onTransaction({
      beforeCommit: () => this.recordSends(),
      committed: () => {
        this.sendsCommitted();
        this.queuedCommitted();
      },
      rolledBack: () => {
        this.sendsRolledBack();
        this.queuing = [];
      },
      waiting: () => this.unrecorded.size > 0,
    });
  }

  /** False only when no message waiting to be sent can be due by `now`. */
  mayBeDue(now: number): boolean {
    return this.fresh || this.waiting.mayBeDue(now);
  }

  /** `commitmentIds`: the promises whose times the text names; `proactive`: the office speaks first. */
  /** `notBefore`: a notice that waits (for business hours) leaves then, not at once. */
  enqueue(
    recipient: string,
    text: string,
    conversationKey: string | null,
    at: number,
    commitmentIds: number[] = [],
    proactive: string | null = null,
    notBefore = at,
    rich: string | null = null,
    lapsesWith: string | null = null,
  ): number {
    this.fresh = true;
    // A notice that waits (for the office to open) is due later: known as waiting, or no pass would look for it again.
    if (notBefore > at) this.waiting.lower(notBefore);
    const ids = commitmentIds.length > 0 ? JSON.stringify(commitmentIds) : null;
    const id = Number(
      this.stmts.insert.run(
        recipient,
        text,
        conversationKey,
        at,
        Math.max(at, notBefore),
        ids,
        proactive,
        rich,
        lapsesWith,
      ).lastInsertRowid,
    );
    if (notBefore <= at) {
      const row = { id, recipient, text, conversationKey, attempts: 0, proactive, rich, dueAt: at };
      if (this.db.inTransaction) this.queuing.push(row);
      else this.keepReady([row]);
    }
    return id;
  }

  private queuedCommitted(): void {
    if (this.queuing.length === 0) return;
    this.keepReady(this.queuing);
    this.queuing = [];
  }

  private keepReady(rows: Array<OutboxRow & { dueAt: number }>): void {
    for (const row of rows) this.ready.set(row.id, row);
    // Nobody sends (a command that only queues): the rows wait on disk, found by the next pass's query.
    if (this.ready.size > READY_KEPT) {
      this.ready.clear();
      this.readyOverflowed = true;
    }
  }

  /** The ready rows, when they are all the query would find after `newestTaken`; else undefined. */
  private takeReady(now: number): OutboxRow[] | undefined {
    if (this.readyOverflowed || this.cutShort) return undefined;
    for (const row of this.ready.values()) if (row.dueAt > now) return undefined;
    const rows = [...this.ready.values()].map(({ dueAt: _, ...row }) => row);
    this.ready.clear();
    return rows;
  }

  /** Held until the recipient writes again (`release`): the platform cannot reach them before. */
  hold(id: number, reason: string, at: number): void {
    this.anyHeld = true;
    this.stmts.hold.run(reason, id);
    this.deliveries.record(id, at, 'deferred', `held: ${reason}`);
  }

  /** The recipient wrote: what was held for them goes now, in order, before anything newer. */
  release(recipient: string, now: number): number {
    // Held messages are rare (a closed WeCom reply window): most turns need not look.
    this.anyHeld ??= (this.stmts.anyHeld.get() as number | undefined) !== undefined;
    if (!this.anyHeld) return 0;
    this.fresh = true;
    this.olderDue = true;
    return this.stmts.release.run(now, recipient).changes;
  }

  heldFor(recipient: string): number {
    return this.stmts.heldFor.get(recipient) as number;
  }

  /** The governor holds a proactive message until `until`. */
  defer(id: number, until: number, at: number, reason: string): void {
    this.waiting.lower(until);
    this.stmts.defer.run(until, id);
    this.deliveries.record(id, at, 'deferred', reason);
  }

  /**
   * When the next message now waiting (a retry, a deferred reminder) may go, after `now`. Messages
   * already due are the dispatcher's at once; counting them here would never let a clock move on.
   */
  nextWaitingAfter(now: number): number | undefined {
    return (this.stmts.earliest.get(now) as number | null) ?? undefined;
  }

  /**
   * Up to `DUE_BATCH` rows due by `now`, in order, after the row `afterId` (a cursor, so held rows are not fetched
   * again).
   */
  due(now: number, afterId: number): OutboxRow[] {
    let after = afterId;
    if (afterId === 0) {
      // A pass of the dispatcher starts: every row due by now is fetched in it.
      this.fresh = false;
      const olderMayBeDue = this.waiting.mayBeDue(now) || this.olderDue;
      if (olderMayBeDue) this.waiting.forget(now);
      this.olderDue = false;
      after = olderMayBeDue ? 0 : this.newestTaken;
      const ready = olderMayBeDue ? undefined : this.takeReady(now);
      if (ready) return ready;
      this.readyOverflowed = false;
      this.cutShort = false;
    }
    const rows = this.stmts.due.all(now, after) as OutboxRow[];
    // Fetched here: not to be handed out again from memory.
    if (this.ready.size > 0) for (const row of rows) this.ready.delete(row.id);
    const untaken =
      this.unrecorded.size === 0 && this.taken.size === 0
        ? rows
        : rows.filter((row) => !this.unrecorded.has(row.id) && !this.taken.has(row.id));
    if (rows.length === DUE_BATCH && untaken.length < DUE_BATCH) this.cutShort = true;
    return untaken;
  }

  /** People with a refused message waiting for its retry, or one held for them: later messages to them wait too. */
  recipientsAwaitingRetry(now: number): Set<string> {
    return new Set((this.stmts.awaitingRetry.all(now) as Array<{ recipient: string }>).map((r) => r.recipient));
  }

  /** The transport took these rows and will write them out: not to be fetched again, not yet sent. */
  noteTaken(rows: Array<{ id: number }>): void {
    for (const row of rows) {
      this.taken.add(row.id);
      this.newestTaken = Math.max(this.newestTaken, row.id);
    }
  }

  /** A due row was left for later in this pass (its recipient waits for a retry): the next pass looks at every row. */
  passOver(): void {
    this.olderDue = true;
  }

  /** The transport took these rows: they are sent, and marked so with the next commit. */
  noteSent(rows: Array<{ id: number; proactive: string | null }>, at: number): void {
    for (const row of rows) {
      this.taken.delete(row.id);
      this.newestTaken = Math.max(this.newestTaken, row.id);
      this.unrecorded.set(row.id, { at, proactive: row.proactive });
    }
  }

  /** Writes the noted sends; inside a transaction, followed by `sendsCommitted` or `sendsRolledBack`. */
  private recordSends(): void {
    if (this.unrecorded.size === 0) return;
    for (const [id, { at, proactive }] of this.unrecorded) {
      this.stmts.sent.run(at, id);
      // The delivery log keeps what the governor needs (proactive sends) and every exception.
      if (proactive) this.deliveries.record(id, at, 'sent', null);
    }
    [this.recording, this.unrecorded] = [this.unrecorded, this.recording];
  }

  private sendsCommitted(): void {
    if (this.recording.size > 0) this.recording = new Map();
  }

  /** The transaction that wrote the marks was undone: they wait for the next commit again. */
  private sendsRolledBack(): void {
    for (const [id, send] of this.recording) this.unrecorded.set(id, send);
    this.recording = new Map();
  }

  markRetry(id: number, nextAttemptAt: number, error: string, at: number): void {
    this.waiting.lower(nextAttemptAt);
    this.stmts.retry.run(nextAttemptAt, error, id);
    this.deliveries.record(id, at, 'failed', `will retry: ${error}`);
  }

  /** Not sent: what it said was overtaken before it could go (the matter finished meanwhile). */
  markLapsed(id: number, reason: string, at: number): void {
    this.stmts.failed.run(reason, id);
    this.deliveries.record(id, at, 'skipped', reason);
  }

  markFailed(id: number, error: string, at: number): void {
    this.stmts.failed.run(error, id);
    this.deliveries.record(id, at, 'failed', error);
  }

  /**
   * The platform took a message and later reported it undelivered: the row is failed with the
   * reason, and when only the reply window stood in the way (`held`), a copy waits for the
   * recipient's next message (a new row: a new message id for the platform). The recipient, or
   * undefined when the row is unknown or was already so marked.
   */
  failAfterSend(id: number, reason: string, held: boolean, at: number): string | undefined {
    const row = this.stmts.byId.get(id) as { recipient: string; status: string } | undefined;
    if (!row || this.stmts.failedAfterSend.run(reason, id).changes === 0) return undefined;
    this.deliveries.record(id, at, 'failed', reason);
    if (held) {
      this.anyHeld = true;
      const copy = Number(this.stmts.heldCopy.run(at, at, reason, id).lastInsertRowid);
      this.deliveries.record(copy, at, 'deferred', `held: ${reason}`);
    }
    return row.recipient;
  }

  /** Messages not yet taken by the transport. */
  pendingCount(): number {
    return (this.stmts.pendingCount.get() as { n: number }).n - this.unrecorded.size - this.taken.size;
  }
}
