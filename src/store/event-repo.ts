import type { Db } from './db.js';

export interface AuditEvent {
  at: number;
  actor: string;
  type: string;
  ref?: string;
  data?: unknown;
}

/** The audit log: who did what, when. Append only. */
export class EventRepo {
  private readonly insert;
  private readonly byRef;
  private readonly byType;

  constructor(db: Db) {
    this.insert = db.prepare('INSERT INTO events (at, actor, type, ref, data) VALUES (?, ?, ?, ?, ?)');
    this.byRef = db.prepare('SELECT at, actor, type, ref, data FROM events WHERE ref = ? ORDER BY id');
    this.byType = db.prepare('SELECT at, actor, type, ref, data FROM events WHERE type = ? ORDER BY id');
  }

  record(event: AuditEvent): void {
    this.insert.run(
      event.at,
      event.actor,
      event.type,
      event.ref ?? null,
      event.data === undefined ? null : JSON.stringify(event.data),
    );
  }

  forRef(ref: string): AuditEvent[] {
    return this.parse(this.byRef.all(ref));
  }

  ofTypes(types: string[]): AuditEvent[] {
    return types.flatMap((t) => this.parse(this.byType.all(t)));
  }

  private parse(rows: unknown[]): AuditEvent[] {
    return (rows as Array<{ at: number; actor: string; type: string; ref: string; data: string | null }>).map((r) => ({
      at: r.at,
      actor: r.actor,
      type: r.type,
      ref: r.ref,
      data: r.data === null ? undefined : JSON.parse(r.data),
    }));
  }
}
