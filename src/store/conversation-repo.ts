import type { Db } from './db.js';

export interface ConversationRecord {
  key: string;
  party: string;
  replyTo: string;
  flow: string;
  machineVersion: number;
  snapshot: unknown;
  status: 'open' | 'closed';
  startedAt: number;
  updatedAt: number;
  /** Matters the resident raised that wait their turn, as they wrote them (oldest first). */
  queued: string[];
}

type Row = {
  key: string;
  party: string;
  reply_to: string;
  flow: string;
  machine_version: number;
  snapshot: string;
  status: 'open' | 'closed';
  started_at: number;
  updated_at: number;
  queued: string | null;
};

/** Each chat partner's conversation: which flow it is in and the flow machine's persisted snapshot. */
export class ConversationRepo {
  private readonly stmts;

  constructor(db: Db) {
    this.stmts = {
      get: db.prepare('SELECT * FROM conversations WHERE key = ?'),
      queued: db.prepare('SELECT queued FROM conversations WHERE key = ?').pluck(),
      save: db.prepare(
        `INSERT INTO conversations (key, party, reply_to, flow, machine_version, snapshot, status, started_at,
          updated_at, queued)
         VALUES (@key, @party, @replyTo, @flow, @machineVersion, @snapshot, @status, @startedAt, @updatedAt, @queued)
         ON CONFLICT(key) DO UPDATE SET reply_to = excluded.reply_to, flow = excluded.flow,
           machine_version = excluded.machine_version, snapshot = excluded.snapshot, status = excluded.status,
           started_at = excluded.started_at, updated_at = excluded.updated_at, queued = excluded.queued`,
      ),
    };
  }

  get(key: string): ConversationRecord | undefined {
    const row = this.stmts.get.get(key) as Row | undefined;
    if (!row) return undefined;
    return {
      key: row.key,
      party: row.party,
      replyTo: row.reply_to,
      flow: row.flow,
      machineVersion: row.machine_version,
      snapshot: JSON.parse(row.snapshot),
      status: row.status,
      startedAt: row.started_at,
      updatedAt: row.updated_at,
      queued: row.queued ? (JSON.parse(row.queued) as string[]) : [],
    };
  }

  /** The oldest matter waiting its turn in a conversation, read without its snapshot (asked of every message). */
  firstQueued(key: string): string | undefined {
    const queued = this.stmts.queued.get(key) as string | null | undefined;
    return queued ? (JSON.parse(queued) as string[])[0] : undefined;
  }

  save(record: ConversationRecord): void {
    this.stmts.save.run({
      ...record,
      snapshot: JSON.stringify(record.snapshot),
      queued: record.queued.length > 0 ? JSON.stringify(record.queued) : null,
    });
  }
}
